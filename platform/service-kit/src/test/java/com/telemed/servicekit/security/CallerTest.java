package com.telemed.servicekit.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

import com.telemed.servicekit.web.ApiException;

class CallerTest {

    private static Jwt token(String subject, String role) {
        Jwt.Builder b = Jwt.withTokenValue("t").header("alg", "RS256").subject(subject)
                .issuedAt(Instant.EPOCH).expiresAt(Instant.EPOCH.plusSeconds(60));
        if (role != null) {
            b.claim("role", role);
        }
        return b.build();
    }

    @Test
    void readsSubjectAndRoleAndSortsTheRoleIntoAKind() {
        Caller admin = Caller.of(token("7", Roles.MEDICAL_ADMIN));
        assertThat(admin.id()).isEqualTo("7");
        assertThat(admin.numericId()).isEqualTo(7L);
        assertThat(admin.kind()).isEqualTo(Caller.Kind.STAFF);
        assertThat(admin.isAdmin()).isTrue();
        assertThat(admin.canAdminWrite()).isTrue();
        assertThat(admin.isDoctor()).isFalse();
        assertThat(admin.signedIn()).isTrue();

        Caller it = Caller.of(token("1", Roles.IT_ADMIN));
        assertThat(it.isAdmin()).isTrue();
        assertThat(it.isItAdmin()).isTrue();
        assertThat(it.canAdminWrite()).isFalse();

        Caller doctor = Caller.of(token("3", Roles.SPECIALIST));
        assertThat(doctor.isDoctor()).isTrue();
        assertThat(doctor.isStaff()).isTrue();
        assertThat(doctor.isAdmin()).isFalse();

        Caller patient = Caller.of(token("42", Roles.PATIENT));
        assertThat(patient.kind()).isEqualTo(Caller.Kind.PATIENT);
        assertThat(patient.isPatient()).isTrue();
        assertThat(patient.isStaff()).isFalse();
        assertThat(Caller.patientLink(42).isPatient()).isTrue();
        assertThat(Caller.patientLink(42).hasRole(Roles.PATIENT)).isFalse();
    }

    @Test
    void aTokenWithoutRoleOrWithAnUnknownOneIsNobodyInParticular() {
        Caller none = Caller.of(token("5", null));
        assertThat(none.role()).isEmpty();
        assertThat(none.kind()).isEqualTo(Caller.Kind.NONE);
        assertThat(none.isAdmin() || none.isDoctor() || none.isPatient()).isFalse();
        assertThat(Caller.of(token("5", "root")).kind()).isEqualTo(Caller.Kind.NONE);
        assertThat(Caller.of(token("5", Roles.PASSWORD_CHANGE)).kind()).isEqualTo(Caller.Kind.STAFF);
    }

    @Test
    void anonymousAndSystemAreNotSignedIn() {
        assertThat(Caller.ANONYMOUS.signedIn()).isFalse();
        assertThat(Caller.SYSTEM.signedIn()).isFalse();
        assertThat(Caller.ANONYMOUS.kind()).isEqualTo(Caller.Kind.NONE);
    }

    @Test
    void refusesWithA403() {
        Caller doctor = new Caller("3", Roles.DOCTOR);
        assertThat(doctor.requireRole(Roles.DOCTORS)).isSameAs(doctor);
        assertThatThrownBy(() -> doctor.requireRole(Roles.ADMINS)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).getStatusCode().value()).isEqualTo(403));
        assertThatThrownBy(() -> doctor.require(false)).isInstanceOf(ApiException.class);
        assertThatThrownBy(() -> new Caller("system", Roles.SYSTEM).numericId()).isInstanceOf(ApiException.class);
        assertThat(Caller.ANONYMOUS.requireRole(Set.of(Roles.ANONYMOUS))).isSameAs(Caller.ANONYMOUS);
    }
}
