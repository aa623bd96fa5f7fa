package com.telemed.booking;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.telemed.testkit.ServiceTest;

/** With a CAPTCHA provider configured, public booking needs a token the provider accepts, in time. */
@ServiceTest
class CaptchaIT extends BookingTestSupport {

    static final WireMockServer PROVIDER = new WireMockServer(options().dynamicPort());

    static {
        PROVIDER.start();
    }

    @DynamicPropertySource
    static void captcha(DynamicPropertyRegistry registry) {
        registry.add("telemed.captcha.provider", () -> "turnstile");
        registry.add("telemed.captcha.secret", () -> "captcha-secret");
        registry.add("telemed.captcha.verify-url", () -> PROVIDER.baseUrl() + "/siteverify");
        registry.add("telemed.captcha.timeout", () -> "1s");
    }

    private long consultations(long doctor) {
        return db.sql("select count(*) as n from consultations where doctor_id = :d").bind("d", doctor)
                .map(r -> r.get("n", Long.class)).one().block();
    }

    @Test
    void aBookingNeedsATokenTheProviderAccepts() {
        PROVIDER.stubFor(post(urlEqualTo("/siteverify")).withRequestBody(containing("response=good"))
                .willReturn(okJson("{\"success\": true}")));
        PROVIDER.stubFor(post(urlEqualTo("/siteverify")).withRequestBody(containing("response=bad"))
                .willReturn(okJson("{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}")));
        PROVIDER.stubFor(post(urlEqualTo("/siteverify")).withRequestBody(containing("response=slow"))
                .willReturn(okJson("{\"success\": true}").withFixedDelay(3000)));
        long doctor = doctor("Nutrición", "Europe/Madrid");

        Map<String, Object> body = bookingBody(doctor, slot(doctor, 0), email("captcha"));
        assertProblem(book(body), 422); // no token
        body.put("captcha_token", "bad");
        assertProblem(book(body), 422);
        body.put("captcha_token", "slow");
        assertProblem(book(body), 422); // the provider did not answer in time
        assertThat(consultations(doctor)).isZero();

        body.put("captcha_token", "good");
        book(body).expectStatus().isCreated();
        PROVIDER.verify(postRequestedFor(urlEqualTo("/siteverify")).withRequestBody(containing("secret=captcha-secret"))
                .withRequestBody(containing("response=good")));
        assertThat(consultations(doctor)).isEqualTo(1);
    }
}
