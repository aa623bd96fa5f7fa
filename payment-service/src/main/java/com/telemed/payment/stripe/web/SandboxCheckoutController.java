package com.telemed.payment.stripe.web;

import java.net.URI;
import java.time.Clock;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.telemed.payment.PaymentProperties;
import com.telemed.payment.consultations.ConsultationProjection;
import com.telemed.payment.stripe.SandboxStripe;
import com.telemed.payment.stripe.StripeGateway;
import com.telemed.servicekit.web.ApiException;

import reactor.core.publisher.Mono;

/**
 * The sandbox's checkout page, in local mode and without a Stripe key only (404 otherwise). It shows what is paid
 * for (amount, doctor, date; nothing about the patient) with Pay, Fail and Cancel buttons. Paying sends Stripe's
 * signed events to the webhook and returns to the success URL, as Stripe's hosted page would.
 */
@RestController
class SandboxCheckoutController {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT)
            .withZone(ZoneId.of("Europe/Madrid"));

    private final SandboxStripe sandbox;
    private final ConsultationProjection consultations;
    private final Clock clock;
    private final String policy;

    SandboxCheckoutController(ObjectProvider<StripeGateway> gateway, ConsultationProjection consultations, Clock clock,
            PaymentProperties properties, @Value("${telemed.local-mode:false}") boolean localMode) {
        StripeGateway g = gateway.getIfAvailable();
        this.sandbox = localMode && g instanceof SandboxStripe s ? s : null;
        this.consultations = consultations;
        this.clock = clock;
        // The forms post here and are then redirected to the success or cancel URL: those origins too.
        this.policy = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'; "
                + "form-action 'self' " + String.join(" ", properties.effectiveAllowedOrigins());
    }

    @GetMapping("/dev/checkout/{sessionId}")
    Mono<ResponseEntity<String>> page(@PathVariable String sessionId,
            @RequestParam(required = false) String result) {
        return session(sessionId).flatMap(s -> doctorName(s.consultationId()).map(doctor -> {
            String notice = "failed".equals(result) ? "<p class=\"error\">El pago ha sido rechazado. Puede intentarlo de nuevo. / The payment was declined. You may try again.</p>" : "";
            boolean open = s.open(clock.instant());
            StringBuilder b = new StringBuilder();
            b.append("<!doctype html><html lang=\"es\"><head><meta charset=\"utf-8\">")
                    .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                    .append("<title>Telemed · Pago de prueba</title><style>")
                    .append("body{font-family:system-ui,sans-serif;background:#f4f7fb;color:#0f2a44;margin:0;padding:2rem}")
                    .append("main{max-width:28rem;margin:auto;background:#fff;border-radius:12px;padding:2rem;")
                    .append("box-shadow:0 4px 20px rgba(15,42,68,.08)}h1{font-size:1.3rem}.amount{font-size:2rem;font-weight:700}")
                    .append("button{display:block;width:100%;margin:.5rem 0;padding:.8rem;border:0;border-radius:8px;font-size:1rem;cursor:pointer}")
                    .append(".pay{background:#0b6bcb;color:#fff}.fail{background:#fde2e1;color:#8a1c1c}.cancel{background:#e8edf3}")
                    .append(".error{color:#8a1c1c}.note{font-size:.85rem;color:#5a6b7d}</style></head><body><main>")
                    .append("<h1>Pago de prueba (sandbox)</h1>")
                    .append("<p class=\"note\">No se cobra nada: esta página sustituye a Stripe en el entorno local.</p>")
                    .append(notice)
                    .append("<p class=\"amount\">").append(escape(money(s.amount(), s.currency()))).append("</p>")
                    .append("<p>Consulta con ").append(escape(doctor.isBlank() ? "su médico" : doctor)).append("</p>")
                    .append("<p>Sesión <code>").append(escape(s.sessionId())).append("</code>, caduca ")
                    .append(escape(WHEN.format(s.expiresAt()))).append("</p>");
            if (open) {
                String base = "/dev/checkout/" + escape(s.sessionId());
                b.append("<form method=\"post\" action=\"").append(base).append("/pay\"><button class=\"pay\" type=\"submit\">Pagar</button></form>")
                        .append("<form method=\"post\" action=\"").append(base).append("/fail\"><button class=\"fail\" type=\"submit\">Simular pago rechazado</button></form>")
                        .append("<form method=\"post\" action=\"").append(base).append("/cancel\"><button class=\"cancel\" type=\"submit\">Cancelar</button></form>");
            } else {
                b.append("<p>Esta sesión ya no admite pagos (").append(escape(s.status())).append(").</p>");
            }
            b.append("</main></body></html>");
            return html(b.toString());
        }));
    }

    @PostMapping("/dev/checkout/{sessionId}/pay")
    Mono<ResponseEntity<String>> pay(@PathVariable String sessionId) {
        return session(sessionId).flatMap(s -> {
            if (!s.open(clock.instant())) {
                return Mono.just(redirect("/dev/checkout/" + s.sessionId()));
            }
            return sandbox.pay(s).thenReturn(redirect(s.returnUrl(s.successUrl())));
        });
    }

    @PostMapping("/dev/checkout/{sessionId}/fail")
    Mono<ResponseEntity<String>> fail(@PathVariable String sessionId) {
        return session(sessionId).flatMap(s -> (s.open(clock.instant()) ? sandbox.fail(s) : Mono.<Void>empty())
                .thenReturn(redirect("/dev/checkout/" + s.sessionId() + "?result=failed")));
    }

    @PostMapping("/dev/checkout/{sessionId}/cancel")
    Mono<ResponseEntity<String>> cancel(@PathVariable String sessionId) {
        return session(sessionId).map(s -> redirect(s.returnUrl(s.cancelUrl())));
    }

    private Mono<SandboxStripe.SandboxSession> session(String sessionId) {
        if (sandbox == null) {
            return Mono.error(ApiException.notFound("Page"));
        }
        return sandbox.find(sessionId).switchIfEmpty(Mono.error(() -> ApiException.notFound("Checkout session")));
    }

    private Mono<String> doctorName(long consultationId) {
        return consultations.find(consultationId)
                .map(c -> c.doctorName() == null ? "" : c.doctorName()).defaultIfEmpty("");
    }

    private ResponseEntity<String> html(String body) {
        return ResponseEntity.ok()
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Security-Policy", policy)
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                // Not no-referrer: with it, browsers send "Origin: null" on the form posts, which the gateway refuses.
                .header("Referrer-Policy", "same-origin")
                .body(body);
    }

    private static ResponseEntity<String> redirect(String location) {
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create(location))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    static String money(long minor, String currency) {
        return String.format(Locale.ROOT, "%d.%02d %s", minor / 100, minor % 100, currency.toUpperCase(Locale.ROOT));
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
