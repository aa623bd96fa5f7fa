package com.telemed.notification.delivery;

import com.telemed.notification.message.Outgoing;

import reactor.core.publisher.Mono;

/**
 * The embedded default without a SendGrid key: the message is already stored, so "sending" it means marking it
 * sent, and the dev mailbox (local mode) shows it.
 */
public class MailboxSender implements MailSender {

    @Override
    public Mono<SendOutcome> send(Outgoing message) {
        return Mono.just(new SendOutcome.Accepted("mailbox-" + message.id()));
    }

    @Override
    public String name() {
        return "mailbox";
    }
}
