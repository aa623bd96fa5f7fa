package com.telemed.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

/** Who sees which payments: a doctor their own, admins anyone's; the rest are refused. */
class ListingsIT extends StripeStubbedTest {

    @Test
    void aDoctorSeesTheirOwnPaymentsWithTotalsPerPeriod() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        deliver(paid(o, "pi_list_" + o.booked().consultationId())).expectStatus().isOk();
        long doctor = o.booked().doctorId();

        JsonNode own = get("/api/v1/payments/doctor/payments?period=day", TestTokens.mint("specialist", doctor))
                .expectStatus().isOk().expectBody(JsonNode.class).returnResult().getResponseBody();
        assertThat(own.get("payments")).hasSize(1);
        assertThat(own.get("payments").get(0).get("consultation_id").asLong()).isEqualTo(o.booked().consultationId());
        assertThat(own.get("payments").get(0).get("amount").asLong()).isEqualTo(4500);
        JsonNode total = own.get("totals").get(0);
        assertThat(total.get("period").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(total.get("currency").asString()).isEqualTo("eur");
        assertThat(total.get("count").asLong()).isEqualTo(1);
        assertThat(total.get("gross").asLong()).isEqualTo(4500);
        assertThat(total.get("net").asLong()).isEqualTo(4500);

        get("/api/v1/payments/doctor/payments", TestTokens.mint("doctor", doctor + 1)).expectStatus().isOk()
                .expectBody().jsonPath("$.payments.length()").isEqualTo(0);
        get("/api/v1/payments/doctor/payments?doctor_id=" + (doctor + 1), TestTokens.mint("specialist", doctor))
                .expectStatus().isForbidden();
        get("/api/v1/payments/doctor/payments?doctor_id=" + doctor, TestTokens.mint("it_admin", 1))
                .expectStatus().isOk().expectBody().jsonPath("$.payments.length()").isEqualTo(1);
        get("/api/v1/payments/doctor/payments", TestTokens.mint("admin", 1)).expectStatus().isBadRequest();
        get("/api/v1/payments/doctor/payments", TestTokens.mint("patient", o.booked().patientId()))
                .expectStatus().isForbidden();
        get("/api/v1/payments/doctor/payments?period=year", TestTokens.mint("specialist", doctor))
                .expectStatus().isBadRequest();
        get("/api/v1/payments/doctor/payments?from=yesterday", TestTokens.mint("specialist", doctor))
                .expectStatus().isBadRequest();
        web.get().uri("/api/v1/payments/doctor/payments").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void adminsListEveryPaymentWithFiltersAndPages() {
        Opened o = bookAndOpen(Duration.ofHours(1));
        long c = o.booked().consultationId();
        for (String role : new String[] { "admin", "medical_admin", "it_admin" }) {
            get("/api/v1/payments/admin/payments?consultation_id=" + c, TestTokens.mint(role, 1))
                    .expectStatus().isOk()
                    .expectBody()
                    .jsonPath("$.total").isEqualTo(1)
                    .jsonPath("$.items[0].id").isEqualTo(o.paymentId())
                    .jsonPath("$.items[0].status").isEqualTo("pending")
                    .jsonPath("$.page").isEqualTo(0)
                    .jsonPath("$.size").isEqualTo(20);
        }
        get("/api/v1/payments/admin/payments?status=pending&doctor_id=" + o.booked().doctorId() + "&size=1",
                TestTokens.mint("admin", 1)).expectStatus().isOk().expectBody().jsonPath("$.items.length()").isEqualTo(1);
        get("/api/v1/payments/admin/payments", TestTokens.mint("specialist", o.booked().doctorId())).expectStatus()
                .isForbidden();
        get("/api/v1/payments/admin/payments", TestTokens.mint("patient", o.booked().patientId())).expectStatus()
                .isForbidden();
        get("/api/v1/payments/admin/payments?status=bogus", TestTokens.mint("admin", 1)).expectStatus().isBadRequest();
        get("/api/v1/payments/admin/payments?size=1000", TestTokens.mint("admin", 1)).expectStatus().isBadRequest();
        get("/api/v1/payments/admin/payments?page=x", TestTokens.mint("admin", 1)).expectStatus().isBadRequest();
    }

    private org.springframework.test.web.reactive.server.WebTestClient.ResponseSpec get(String uri, String token) {
        return web.get().uri(uri).headers(h -> h.setBearerAuth(token)).exchange();
    }
}
