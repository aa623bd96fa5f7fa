package com.telemed.clinical;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;

import com.telemed.testkit.ServiceTest;
import com.telemed.testkit.TestTokens;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** Templates: own and clinic-wide ones, who may change which, and starting a record from one. */
@ServiceTest
class TemplatesIT extends ClinicalTestSupport {

    @Test
    void aDoctorSeesOwnAndClinicWideTemplatesAndChangesOnlyTheirOwn() {
        long doctor = nextId();
        long other = nextId();
        String admin = TestTokens.mint("medical_admin", nextId());
        long wide = template(admin, "Clínica " + doctor);
        long own = template(doctorToken(doctor), "Propia " + doctor);
        long foreign = template(doctorToken(other), "Ajena " + doctor);

        call(HttpMethod.GET, "/api/v1/templates?q=" + doctor, doctorToken(doctor), null).expectStatus().isOk()
                .expectBody().jsonPath("$.total").isEqualTo(2)
                .jsonPath("$.items[0].id").isEqualTo(wide).jsonPath("$.items[0].editable").isEqualTo(false)
                .jsonPath("$.items[0].clinic_wide").isEqualTo(true)
                .jsonPath("$.items[1].id").isEqualTo(own).jsonPath("$.items[1].editable").isEqualTo(true)
                .jsonPath("$.items[1].created_by_id").isEqualTo(doctor);
        call(HttpMethod.GET, "/api/v1/templates/" + foreign, doctorToken(doctor), null).expectStatus().isNotFound();
        call(HttpMethod.PUT, "/api/v1/templates/" + foreign, doctorToken(doctor), Map.of("name", "x"))
                .expectStatus().isNotFound();
        call(HttpMethod.PUT, "/api/v1/templates/" + wide, doctorToken(doctor), Map.of("name", "x"))
                .expectStatus().isForbidden()
                .expectBody().jsonPath("$.type").isEqualTo("https://telemed.dev/problems/read-only-template");
        call(HttpMethod.DELETE, "/api/v1/templates/" + wide, doctorToken(doctor), null).expectStatus().isForbidden();
        call(HttpMethod.PUT, "/api/v1/templates/" + wide, admin, Map.of("plan", "Control en un mes"))
                .expectStatus().isOk().expectBody().jsonPath("$.plan").isEqualTo("Control en un mes")
                .jsonPath("$.name").isEqualTo("Clínica " + doctor);
        call(HttpMethod.PUT, "/api/v1/templates/" + own, doctorToken(doctor), Map.of("description", "Mía"))
                .expectStatus().isOk().expectBody().jsonPath("$.description").isEqualTo("Mía");
        call(HttpMethod.DELETE, "/api/v1/templates/" + own, doctorToken(doctor), null).expectStatus().isNoContent();
        call(HttpMethod.GET, "/api/v1/templates/" + own, doctorToken(doctor), null).expectStatus().isNotFound();

        for (String token : List.of(TestTokens.mint("it_admin", 1), TestTokens.mint("patient", 1))) {
            call(HttpMethod.GET, "/api/v1/templates", token, null).expectStatus().isForbidden();
        }
        call(HttpMethod.POST, "/api/v1/templates", doctorToken(doctor), Map.of("description", "sin nombre"))
                .expectStatus().isEqualTo(422);
        call(HttpMethod.POST, "/api/v1/templates", doctorToken(doctor), Map.of("name", "x", "plan", "y".repeat(20_001)))
                .expectStatus().isEqualTo(422);
    }

    @Test
    void aRecordStartsFromATemplateWithTheGivenSectionsOverridingIt() {
        long doctor = nextId();
        long patient = nextId();
        confirmed(doctor, patient);
        long id = template(doctorToken(doctor), "Seguimiento " + doctor);

        JsonNode record = created(patient, doctorToken(doctor), Map.of("template_id", id, "plan", "Plan propio"));

        assertThat(record.get("chief_complaint").asString()).isEqualTo("Revisión de");
        assertThat(record.get("background").asString()).isEqualTo("Antecedentes de la plantilla");
        assertThat(record.get("plan").asString()).isEqualTo("Plan propio");
        assertThat(record.get("medications").get(0).get("name").asString()).isEqualTo("Paracetamol");
    }

    private long template(String token, String name) {
        return call(HttpMethod.POST, "/api/v1/templates", token, Map.of("name", name, "chief_complaint", "Revisión de",
                        "background", "Antecedentes de la plantilla", "plan", "Plan de la plantilla",
                        "medications", List.of(Map.of("name", "Paracetamol", "dose", "1 g"))))
                .expectStatus().isCreated()
                .expectBody(JsonNode.class).returnResult().getResponseBody().get("id").asLong();
    }
}
