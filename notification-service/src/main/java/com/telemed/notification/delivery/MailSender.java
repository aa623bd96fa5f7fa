package com.telemed.notification.delivery;

import com.telemed.notification.message.Outgoing;

import reactor.core.publisher.Mono;

/** Hands one message to whatever delivers email; never errors, the outcome says what happened. */
public interface MailSender {

    Mono<SendOutcome> send(Outgoing message);

    /** Short name for metrics and logs: {@code sendgrid} or {@code mailbox}. */
    String name();
}
