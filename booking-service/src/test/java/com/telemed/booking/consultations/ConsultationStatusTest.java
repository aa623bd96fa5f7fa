package com.telemed.booking.consultations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class ConsultationStatusTest {

    @Test
    void wireValuesAreSnakeCase() {
        assertThat(Arrays.stream(ConsultationStatus.values()).map(ConsultationStatus::wire))
                .containsExactly("pending_payment", "confirmed", "in_progress", "completed", "cancelled", "no_show");
        assertThat(ConsultationStatus.fromWire("no_show")).contains(ConsultationStatus.NO_SHOW);
        assertThat(ConsultationStatus.fromWire("NO_SHOW")).isEmpty();
    }

    @Test
    void transitionsAreTheDocumentedOnes() {
        assertThat(ConsultationStatus.PENDING_PAYMENT.next())
                .containsExactlyInAnyOrder(ConsultationStatus.CONFIRMED, ConsultationStatus.CANCELLED);
        assertThat(ConsultationStatus.CONFIRMED.next()).containsExactlyInAnyOrder(ConsultationStatus.IN_PROGRESS,
                ConsultationStatus.COMPLETED, ConsultationStatus.CANCELLED, ConsultationStatus.NO_SHOW);
        assertThat(ConsultationStatus.IN_PROGRESS.next()).containsExactly(ConsultationStatus.COMPLETED);
        assertThat(ConsultationStatus.COMPLETED.next()).isEmpty();
        assertThat(ConsultationStatus.CANCELLED.next()).isEmpty();
        assertThat(ConsultationStatus.NO_SHOW.next()).isEmpty();
    }
}
