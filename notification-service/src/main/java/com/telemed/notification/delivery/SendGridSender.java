package com.telemed.notification.delivery;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Map;

import org.apache.http.client.config.RequestConfig;
import org.apache.http.impl.client.CloseableHttpClient;
import org.apache.http.impl.client.HttpClients;

import com.sendgrid.Client;
import com.sendgrid.Method;
import com.sendgrid.Request;
import com.sendgrid.Response;
import com.sendgrid.SendGrid;
import com.sendgrid.helpers.mail.Mail;
import com.sendgrid.helpers.mail.objects.Attachments;
import com.sendgrid.helpers.mail.objects.Content;
import com.sendgrid.helpers.mail.objects.Email;
import com.sendgrid.helpers.mail.objects.Personalization;
import com.telemed.notification.NotificationProperties;
import com.telemed.notification.message.Attachment;
import com.telemed.notification.message.Outgoing;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Sends through SendGrid's v3 mail API with sendgrid-java. The client blocks, so each call runs on the
 * bounded-elastic scheduler, with connect and read timeouts and a connection pool sized for the worker's
 * concurrency. 429 and 5xx (and timeouts, connection errors) are transient, honouring {@code Retry-After};
 * any other 4xx is permanent.
 */
public class SendGridSender implements MailSender {

    private final SendGrid sendGrid;
    private final NotificationProperties.SendGrid settings;
    private final Duration callTimeout;

    public SendGridSender(NotificationProperties.SendGrid settings, int concurrency) {
        this.settings = settings;
        URI base = URI.create(settings.baseUrl());
        CloseableHttpClient http = HttpClients.custom()
                .setMaxConnTotal(concurrency)
                .setMaxConnPerRoute(concurrency)
                .disableAutomaticRetries()
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectTimeout((int) settings.connectTimeout().toMillis())
                        .setConnectionRequestTimeout((int) settings.connectTimeout().toMillis())
                        .setSocketTimeout((int) settings.readTimeout().toMillis())
                        .build())
                .build();
        // sendgrid-java's "test" flag means plain http: only ever for a local stand-in of the API.
        Client client = new Client(http, "http".equalsIgnoreCase(base.getScheme()));
        this.sendGrid = new SendGrid(settings.apiKey(), client);
        this.sendGrid.setHost(base.getAuthority());
        this.callTimeout = settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(1);
    }

    @Override
    public Mono<SendOutcome> send(Outgoing message) {
        return Mono.fromCallable(() -> call(message))
                .subscribeOn(Schedulers.boundedElastic())
                .timeout(callTimeout)
                .onErrorResume(e -> Mono.just(new SendOutcome.Transient(describe(e), null)));
    }

    @Override
    public String name() {
        return "sendgrid";
    }

    private SendOutcome call(Outgoing message) throws IOException {
        Request request = new Request();
        request.setMethod(Method.POST);
        request.setEndpoint("mail/send");
        request.setBody(mail(message).build());
        Response response = sendGrid.api(request);
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            return new SendOutcome.Accepted(header(response.getHeaders(), "X-Message-Id"));
        }
        String reason = "SendGrid answered " + status + ": " + abbreviate(response.getBody());
        if (status == 429 || status >= 500) {
            return new SendOutcome.Transient(reason, retryAfter(header(response.getHeaders(), "Retry-After")));
        }
        return new SendOutcome.Permanent(reason);
    }

    Mail mail(Outgoing message) {
        Mail mail = new Mail();
        mail.setFrom(new Email(settings.fromEmail(), settings.fromName()));
        mail.setSubject(message.subject());
        Personalization to = new Personalization();
        to.addTo(new Email(message.recipient()));
        mail.addPersonalization(to);
        // SendGrid wants text/plain first, then text/html.
        mail.addContent(new Content("text/plain", message.text()));
        mail.addContent(new Content("text/html", message.html()));
        for (Attachment attachment : message.attachments()) {
            Attachments a = new Attachments();
            a.setFilename(attachment.filename());
            a.setType(attachment.contentType());
            a.setDisposition("attachment");
            a.setContent(Base64.getEncoder().encodeToString(attachment.content()));
            mail.addAttachments(a);
        }
        mail.addCustomArg("telemed_message_id", String.valueOf(message.id()));
        return mail;
    }

    /** {@code Retry-After} as seconds or as an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim())));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        return headers.entrySet().stream().filter(e -> name.equalsIgnoreCase(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    private static String describe(Throwable e) {
        return "SendGrid call failed: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage()));
    }

    private static String abbreviate(String body) {
        if (body == null) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }
}
