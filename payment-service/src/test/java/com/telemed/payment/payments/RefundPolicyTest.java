package com.telemed.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.telemed.payment.consultations.Consultation;

class RefundPolicyTest {

    private static final Instant AT = Instant.parse("2026-03-10T10:00:00Z");
    private final RefundPolicy policy = new RefundPolicy(Duration.ofHours(24), 0);

    @Test
    void aPatientInTimeGetsEverythingBack() {
        assertThat(policy.onCancellation(cancelled("patient", AT.minus(Duration.ofHours(25))), 4500))
                .isEqualTo(new RefundPolicy.Decision(4500, "cancelled_in_time"));
        assertThat(policy.onCancellation(cancelled("patient", AT.minus(Duration.ofHours(24))), 4500).amount())
                .isEqualTo(4500);
    }

    @Test
    void aLatePatientGetsTheLatePercentage() {
        assertThat(policy.onCancellation(cancelled("patient", AT.minus(Duration.ofHours(23))), 4500))
                .isEqualTo(new RefundPolicy.Decision(0, "cancelled_late"));
        assertThat(new RefundPolicy(Duration.ofHours(24), 50)
                .onCancellation(cancelled("patient", AT.minus(Duration.ofHours(1))), 4500).amount()).isEqualTo(2250);
    }

    @Test
    void doctorsAdminsAndTheSystemAlwaysRefundWhatIsLeft() {
        assertThat(policy.onCancellation(cancelled("doctor", AT.minusSeconds(60)), 3000))
                .isEqualTo(new RefundPolicy.Decision(3000, "cancelled_by_doctor"));
        assertThat(policy.onCancellation(cancelled("admin", AT.minusSeconds(60)), 4500).amount()).isEqualTo(4500);
        assertThat(policy.onCancellation(cancelled(null, AT.minusSeconds(60)), 4500).reason())
                .isEqualTo("cancelled_by_system");
    }

    @Test
    void aDoctorNoShowRefundsWhatIsLeftAndAPatientNoShowNothing() {
        assertThat(policy.onNoShow("doctor", 4500)).isEqualTo(new RefundPolicy.Decision(4500, "doctor_no_show"));
        assertThat(policy.onNoShow("patient", 4500)).isEqualTo(new RefundPolicy.Decision(0, "patient_no_show"));
    }

    private static Consultation cancelled(String by, Instant at) {
        return new Consultation(1, 2, 3, 4500, "eur", AT, AT.minus(Duration.ofDays(2)), "cancelled", "Dr", by, at);
    }
}
