package com.telemed.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.telemed.gateway.GatewayTestSupport;

/** Each route group sends its paths to its own service, and only there; overlapping prefixes resolve by order. */
class RoutingIT extends GatewayTestSupport {

    static Stream<Arguments> auth() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/auth/me"),
                Arguments.of(HttpMethod.GET, "/api/v1/admin/medical-professionals"),
                Arguments.of(HttpMethod.PATCH, "/api/v1/admin/medical-professionals/17"));
    }

    static Stream<Arguments> booking() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/consultations/me"),
                Arguments.of(HttpMethod.POST, "/api/v1/consultations"),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/consultations"),
                Arguments.of(HttpMethod.POST, "/api/v1/payments/consultations"),
                Arguments.of(HttpMethod.PUT, "/api/v1/payments/consultations/3"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/patients"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/consultations"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/dashboard"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/patients/5/identity"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/agenda/week?from=2026-02-09"),
                Arguments.of(HttpMethod.GET, "/api/v1/admin/patients"),
                Arguments.of(HttpMethod.PATCH, "/api/v1/admin/consultations/8"));
    }

    static Stream<Arguments> payment() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/payments/doctor/payments"),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/admin/payments"),
                Arguments.of(HttpMethod.POST, "/api/v1/payments/checkout-session"),
                Arguments.of(HttpMethod.POST, "/api/v1/payments/webhook"),
                Arguments.of(HttpMethod.GET, "/api/v1/payments/checkout-session/cs_test_123"),
                Arguments.of(HttpMethod.GET, "/dev/checkout/cs_test_123"));
    }

    static Stream<Arguments> video() {
        return Stream.of(
                Arguments.of(HttpMethod.POST, "/api/v1/video/consultations/1/start-video"),
                Arguments.of(HttpMethod.GET, "/api/v1/video/consultations/1/video-info"));
    }

    static Stream<Arguments> clinical() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/patients/5"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/patients/5/history"),
                Arguments.of(HttpMethod.GET, "/api/v1/doctor/records/drafts"),
                Arguments.of(HttpMethod.POST, "/api/v1/doctor/patients/5/history"),
                Arguments.of(HttpMethod.DELETE, "/api/v1/doctor/patients/5/history/12"),
                Arguments.of(HttpMethod.GET, "/api/v1/patient/consultations/7/records"),
                Arguments.of(HttpMethod.GET, "/api/v1/templates"),
                Arguments.of(HttpMethod.PUT, "/api/v1/templates/4"));
    }

    static Stream<Arguments> notification() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/dev/mailbox"),
                Arguments.of(HttpMethod.GET, "/dev/mailbox/messages/9"),
                Arguments.of(HttpMethod.GET, "/api/v1/admin/notifications/failed"));
    }

    static Stream<Arguments> pdf() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/api/v1/pdf/consultations/3/pdf"),
                Arguments.of(HttpMethod.GET, "/api/v1/pdf/patients/5/history/pdf"),
                Arguments.of(HttpMethod.GET, "/api/v1/pdf_clinica/patients/5/complaint/2/pdf"));
    }

    static Stream<Arguments> web() {
        return Stream.of(
                Arguments.of(HttpMethod.GET, "/"),
                Arguments.of(HttpMethod.GET, "/reserva"),
                Arguments.of(HttpMethod.GET, "/login"),
                Arguments.of(HttpMethod.GET, "/lang"),
                Arguments.of(HttpMethod.GET, "/icon.svg"),
                Arguments.of(HttpMethod.GET, "/app"),
                Arguments.of(HttpMethod.GET, "/_next/static/chunks/main.js"),
                Arguments.of(HttpMethod.GET, "/doctor/patients/5?tab=history"),
                Arguments.of(HttpMethod.POST, "/login"));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("auth")
    void authGroupReachesAuthService(HttpMethod method, String path) {
        assertRoutedTo(AUTH, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("booking")
    void bookingGroupIncludingPaymentsAliasReachesBookingService(HttpMethod method, String path) {
        assertRoutedTo(BOOKING, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("payment")
    void paymentGroupReachesPaymentService(HttpMethod method, String path) {
        assertRoutedTo(PAYMENT, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("video")
    void videoGroupReachesVideoService(HttpMethod method, String path) {
        assertRoutedTo(VIDEO, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("clinical")
    void clinicalHistoryWinsOverBookingsPatientPaths(HttpMethod method, String path) {
        assertRoutedTo(CLINICAL, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("notification")
    void notificationGroupReachesNotificationService(HttpMethod method, String path) {
        assertRoutedTo(NOTIFICATION, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("pdf")
    void pdfGroupIncludingPdfClinicaReachesPdfService(HttpMethod method, String path) {
        assertRoutedTo(PDF, method, path);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("web")
    void everyOtherNonApiPathReachesTheWeb(HttpMethod method, String path) {
        http.method(method).uri(path).exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub", WEB);
        assertOnlyReached(WEB, path);
    }

    @Test
    void requestBodyAndHeadersReachTheServiceUnchanged() {
        String token = validToken();
        String body = "{\"patient_id\":1,\"doctor_id\":1,\"scheduled_at\":\"2026-02-10T10:00:00Z\"}";
        http.post().uri("/api/v1/payments/consultations")
                .header(HttpHeaders.AUTHORIZATION, bearer(token))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(body)
                .exchange()
                .expectStatus().isOk();
        LoggedRequest request = assertOnlyReached(BOOKING, "/api/v1/payments/consultations");
        assertThat(request.getBodyAsString()).isEqualTo(body);
        assertThat(request.getHeader(HttpHeaders.AUTHORIZATION)).isEqualTo(bearer(token));
    }

    @Test
    void paymentsPathsOwnedByNoServiceAreNotFound() {
        http.get().uri("/api/v1/payments/refunds")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isNotFound()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        assertNothingReachedAnyStub();
    }

    @Test
    void aDoctorsPatientPathsOutsideTheSummaryAndHistoryAreNotRouted() {
        http.get().uri("/api/v1/doctor/patients/5/documents")
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isNotFound();
        assertNothingReachedAnyStub();
    }

    private void assertRoutedTo(String service, HttpMethod method, String path) {
        http.method(method).uri(path)
                .header(HttpHeaders.AUTHORIZATION, bearer(validToken()))
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("X-Stub", service);
        assertOnlyReached(service, path);
    }
}
