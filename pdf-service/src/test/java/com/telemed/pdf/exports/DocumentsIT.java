package com.telemed.pdf.exports;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.telemed.pdf.render.PdfChecks;
import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

/**
 * The five documents through pdf-service on real PostgreSQL and Kafka, with clinical-service and booking-service
 * played by WireMock answering exactly what they answer each token: the access matrix, bad ids, the response
 * headers, PDF/A-2b and the extracted text, and the audit trail.
 */
@ServiceTest
class DocumentsIT {

    private static final WireMockServer CLINICAL = new WireMockServer(options().dynamicPort());
    private static final WireMockServer BOOKING = new WireMockServer(options().dynamicPort());
    private static final AtomicLong IDS = new AtomicLong(System.nanoTime() % 1_000_000 * 1000);

    static {
        CLINICAL.start();
        BOOKING.start();
    }

    @DynamicPropertySource
    static void owners(DynamicPropertyRegistry registry) {
        registry.add("telemed.pdf.clinical-url", CLINICAL::baseUrl);
        registry.add("telemed.pdf.booking-url", BOOKING::baseUrl);
    }

    @AfterAll
    static void stop() {
        CLINICAL.stop();
        BOOKING.stop();
    }

    @Autowired
    WebTestClient web;
    @Autowired
    DatabaseClient db;

    long doctor;
    long patient;
    long consultation;
    long record;
    String doctorToken;
    String patientToken;

    @BeforeEach
    void aDoctorWhoTreatsAPatientWithTwoSignedRecordsAndADraft() {
        doctor = IDS.incrementAndGet();
        patient = IDS.incrementAndGet();
        consultation = IDS.incrementAndGet();
        record = IDS.addAndGet(10);
        doctorToken = TestTokens.mint("doctor", doctor);
        patientToken = TestTokens.mint("patient", patient);
        OwnerStubs.notFoundForOthers(CLINICAL);
        OwnerStubs.notFoundForOthers(BOOKING);
        OwnerStubs.answer(CLINICAL, "/api/v1/doctor/patients/" + patient, doctorToken,
                OwnerStubs.summary(patient, consultation));
        OwnerStubs.answer(CLINICAL, "/api/v1/doctor/patients/" + patient + "/history", doctorToken,
                OwnerStubs.history(patient, consultation, record));
        OwnerStubs.answer(BOOKING, "/api/v1/consultations/" + consultation, doctorToken,
                OwnerStubs.consultation(consultation, patient, doctor));
        OwnerStubs.answer(BOOKING, "/api/v1/consultations/" + consultation, patientToken,
                OwnerStubs.consultation(consultation, patient, doctor));
        OwnerStubs.answer(BOOKING, "/api/v1/doctor/patients/" + patient + "/identity", doctorToken,
                OwnerStubs.patientIdentity(patient));
        OwnerStubs.answer(CLINICAL, "/api/v1/patient/consultations/" + consultation + "/records", patientToken,
                OwnerStubs.ownConsultationRecords(patient, consultation, record));
    }

    private List<String> fivePaths() {
        return List.of("/api/v1/pdf/patients/" + patient + "/history/pdf",
                "/api/v1/pdf/consultations/" + consultation + "/pdf",
                "/api/v1/pdf_clinica/patients/" + patient + "/complaint/" + record + "/pdf",
                "/api/v1/pdf_clinica/patients/" + patient + "/history/pdf",
                "/api/v1/pdf_clinica/consultations/" + consultation + "/pdf");
    }

    @Test
    void theTreatingDoctorDownloadsAllFiveAsPdfA2bWithTheOwnersDataAndEachDownloadIsAudited() throws Exception {
        List<String> names = List.of("historia-clinica-" + patient + ".pdf", "consulta-" + consultation + ".pdf",
                "registro-clinico-" + record + ".pdf", "historia-clinica-resumen-" + patient + ".pdf",
                "consulta-resumen-" + consultation + ".pdf");
        List<String> paths = fivePaths();
        for (int i = 0; i < paths.size(); i++) {
            EntityExchangeResult<byte[]> result = download(paths.get(i), doctorToken).expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_PDF)
                    .expectHeader().valueEquals(HttpHeaders.CACHE_CONTROL, "no-store")
                    .expectHeader().valueEquals(HttpHeaders.CONTENT_DISPOSITION,
                            "attachment; filename=\"" + names.get(i) + "\"")
                    .expectBody(byte[].class).returnResult();
            byte[] pdf = result.getResponseBody();
            assertThat(new String(pdf, 0, 5)).isEqualTo("%PDF-");
            PdfChecks.assertPdfA2b(pdf);
            String text = PdfChecks.text(pdf);
            assertThat(text).as(paths.get(i)).contains(OwnerStubs.PATIENT_NAME, OwnerStubs.COMPLAINT + " (" + record + ")",
                    "Mejoría clara tras dos semanas", "Penicilina", "Página 1 de",
                    "Documento " + result.getResponseHeaders().getFirst("X-Telemed-Document-Id"));
            // Drafts are no part of a clinical document.
            assertThat(text).doesNotContain(OwnerStubs.COMPLAINT + " (" + (record + 2) + ")");
            if (paths.get(i).contains("consultations")) {
                assertThat(text).contains("Dra. Begoña Núñez", "Neurología", "COL-28/12345", "20/11/2026 10:00",
                        "Completada").contains("45,00");
            }
        }
        assertThat(auditRows("success")).isEqualTo(5);
        assertThat(count("select count(*) from audit_log where action = 'export' and actor = '" + doctor
                + "' and resource like 'pdf:historia-clinica:" + patient + ":%' and patient_id = " + patient))
                .isEqualTo(1);
        assertThat(count("select count(*) from audit_log where action = 'export' and actor = '" + doctor
                + "' and resource like 'pdf:consulta-resumen:" + consultation + ":%' and patient_id = " + patient))
                .isEqualTo(1);
        // The audit says who, what and which id; nothing of the record's text.
        assertThat(count("select count(*) from audit_log where resource like '%Cefalea%' or resource like '%Ana%'"))
                .isZero();
    }

    @Test
    void anotherDoctorGetsTheSame404AsForAnIdThatDoesNotExistAndTheRefusalIsAudited() {
        String other = TestTokens.mint("doctor", IDS.incrementAndGet());
        for (String path : fivePaths()) {
            problem(download(path, other), 404, "not-found");
        }
        problem(download("/api/v1/pdf/patients/" + IDS.incrementAndGet() + "/history/pdf", doctorToken), 404,
                "not-found");
        problem(download("/api/v1/pdf_clinica/patients/" + patient + "/complaint/" + (record + 99) + "/pdf",
                doctorToken), 404, "not-found");
        // A draft is not a document either.
        problem(download("/api/v1/pdf_clinica/patients/" + patient + "/complaint/" + (record + 2) + "/pdf",
                doctorToken), 404, "not-found");
        assertThat(count("select count(*) from audit_log where outcome = 'denied' and resource like 'pdf:%' and "
                + "(patient_id = " + patient + " or resource like 'pdf:consulta%:" + consultation + "')"))
                .isGreaterThanOrEqualTo(5);
    }

    @Test
    void thePatientDownloadsTheirOwnConsultationSummaryButNoOneElsesAndNoHistory() throws Exception {
        for (String path : List.of("/api/v1/pdf/consultations/" + consultation + "/pdf",
                "/api/v1/pdf_clinica/consultations/" + consultation + "/pdf")) {
            byte[] pdf = download(path, patientToken).expectStatus().isOk()
                    .expectHeader().contentType(MediaType.APPLICATION_PDF)
                    .expectBody(byte[].class).returnResult().getResponseBody();
            PdfChecks.assertPdfA2b(pdf);
            String text = PdfChecks.text(pdf);
            assertThat(text).contains(OwnerStubs.PATIENT_NAME, "Dra. Begoña Núñez", "COL-28/12345");
            // The signed records of their own consultation, read by clinical-service with the patient's token.
            assertThat(text).contains(OwnerStubs.COMPLAINT + " (" + record + ")",
                    OwnerStubs.COMPLAINT + " (" + (record + 1) + ")", "Migraña sin aura");
            assertThat(text).doesNotContain(OwnerStubs.COMPLAINT + " (" + (record + 2) + ")");
        }
        assertThat(CLINICAL.findAll(getRequestedFor(urlPathEqualTo("/api/v1/patient/consultations/" + consultation
                + "/records")).withHeader("Authorization", equalTo("Bearer " + patientToken)))).hasSize(2);
        String otherPatient = TestTokens.mint("patient", IDS.incrementAndGet());
        problem(download("/api/v1/pdf/consultations/" + consultation + "/pdf", otherPatient), 404, "not-found");
        problem(download("/api/v1/pdf/patients/" + patient + "/history/pdf", patientToken), 403, "forbidden");
        problem(download("/api/v1/pdf_clinica/patients/" + patient + "/complaint/" + record + "/pdf", patientToken),
                403, "forbidden");
        for (String role : List.of("admin", "medical_admin", "it_admin")) {
            String admin = TestTokens.mint(role, IDS.incrementAndGet());
            for (String path : fivePaths()) {
                problem(download(path, admin), 403, "forbidden");
            }
        }
    }

    @Test
    void aConsultationClinicalServiceDoesNotKnowIsPrintedWithoutRecordsAndClinicalDownIs503() throws Exception {
        long unknownToClinical = IDS.incrementAndGet();
        OwnerStubs.answer(BOOKING, "/api/v1/consultations/" + unknownToClinical, patientToken,
                OwnerStubs.consultation(unknownToClinical, patient, doctor));
        byte[] pdf = download("/api/v1/pdf/consultations/" + unknownToClinical + "/pdf", patientToken)
                .expectStatus().isOk().expectBody(byte[].class).returnResult().getResponseBody();
        assertThat(PdfChecks.text(pdf)).contains(OwnerStubs.PATIENT_NAME).doesNotContain(OwnerStubs.COMPLAINT);

        long clinicalFailing = IDS.incrementAndGet();
        OwnerStubs.answer(BOOKING, "/api/v1/consultations/" + clinicalFailing, patientToken,
                OwnerStubs.consultation(clinicalFailing, patient, doctor));
        CLINICAL.stubFor(get(urlPathEqualTo("/api/v1/patient/consultations/" + clinicalFailing + "/records"))
                .willReturn(aResponse().withStatus(500).withBody("boom")));
        problem(download("/api/v1/pdf/consultations/" + clinicalFailing + "/pdf", patientToken), 503,
                "owner-unavailable");
    }

    @Test
    void withoutAValidTokenNothingIsServed() {
        for (String path : fivePaths()) {
            web.get().uri(path).exchange().expectStatus().isUnauthorized()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
            download(path, TestTokens.forged("doctor", doctor)).expectStatus().isUnauthorized();
        }
    }

    @Test
    void badIdsAre400Or404AndNever500() {
        for (String path : List.of("/api/v1/pdf/patients/abc/history/pdf", "/api/v1/pdf/consultations/1.5/pdf",
                "/api/v1/pdf/consultations/99999999999999999999999/pdf",
                "/api/v1/pdf_clinica/patients/" + patient + "/complaint/x/pdf",
                "/api/v1/pdf_clinica/consultations/1e3/pdf")) {
            problem(download(path, doctorToken), 400, "invalid-request");
        }
        for (String path : List.of("/api/v1/pdf/patients/0/history/pdf", "/api/v1/pdf/consultations/-4/pdf",
                "/api/v1/pdf_clinica/patients/" + patient + "/complaint/0/pdf",
                "/api/v1/pdf/patients/" + patient + "/history")) {
            download(path, doctorToken).expectStatus().isNotFound()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    private WebTestClient.ResponseSpec download(String path, String token) {
        return web.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token).exchange();
    }

    private static void problem(WebTestClient.ResponseSpec response, int status, String code) {
        response.expectStatus().isEqualTo(status)
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/" + code);
    }

    private long auditRows(String outcome) {
        return count("select count(*) from audit_log where action = 'export' and outcome = '" + outcome
                + "' and actor = '" + doctor + "'");
    }

    private long count(String sql) {
        return db.sql(sql).map(row -> row.get(0, Long.class)).one().block();
    }
}
