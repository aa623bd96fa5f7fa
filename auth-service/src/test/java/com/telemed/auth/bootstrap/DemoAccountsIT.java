package com.telemed.auth.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;

import com.telemed.auth.AuthIntegrationTest;
import com.telemed.testkit.ManagementClient;
import com.telemed.auth.account.Registration;
import com.telemed.servicekit.security.Roles;

/**
 * A database that once ran make dev, started outside local mode: the demo staff, whose password is public, are
 * deactivated at start-up, audited, and the readiness details say so.
 */
class DemoAccountsIT extends AuthIntegrationTest {

    @Autowired
    Environment environment;

    private static final String DEMO = "doctor2@telemed.local";

    @Autowired
    Registration registration;
    @Autowired
    StaffBootstrap bootstrap;

    @Test
    @SuppressWarnings("unchecked")
    void demoStaffLeftFromLocalModeAreDeactivatedAtStartUp() {
        long id = registration.ensureWithPassword(DEMO, "Dr. Javier Ortega", Roles.SPECIALIST, "Dermatología",
                "DEMO-0002", StaffBootstrap.DEMO_PASSWORD).block().id();
        db.sql("update users set active = true where id = " + id).then().block();
        login(DEMO, StaffBootstrap.DEMO_PASSWORD, 200);

        assertThat(bootstrap.retireDemoAccounts().block()).containsExactly(DEMO);

        login(DEMO, StaffBootstrap.DEMO_PASSWORD, 401);
        assertThat(count("select count(*) from audit_log where resource = 'user:" + id + "' and actor = 'system'"
                + " and action = 'deactivate' and outcome = 'demo-account-outside-local-mode'")).isEqualTo(1);
        Map<String, Object> readiness = ManagementClient.of(environment).get().uri("/actuator/health/readiness").exchange()
                .expectStatus().isOk().expectBody(MAP).returnResult().getResponseBody();
        Map<String, Object> demo = (Map<String, Object>) ((Map<String, Object>) readiness.get("components"))
                .get("demoAccounts");
        assertThat(demo.get("status")).isEqualTo("UP");
        assertThat((Map<String, Object>) demo.get("details")).containsEntry("demo_accounts", "disabled")
                .containsEntry("deactivated_at_start_up", List.of(DEMO));
        // A second start finds nothing left to do.
        assertThat(bootstrap.retireDemoAccounts().block()).isEmpty();
    }
}
