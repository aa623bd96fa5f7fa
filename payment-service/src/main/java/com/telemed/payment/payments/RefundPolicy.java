package com.telemed.payment.payments;

import java.time.Duration;
import java.time.Instant;

import com.telemed.payment.consultations.Consultation;

/**
 * How much of a paid consultation goes back when it is cancelled. A doctor's, an admin's or the system's
 * cancellation returns everything; a patient gets everything back when cancelling at least {@code fullBefore} before
 * the consultation, else {@code latePercent} (0: nothing). A no-show (nobody, or only one side, in the video room by
 * the consultation's end; ADR 11) refunds everything when the doctor was absent and nothing when the patient was,
 * the same as a cancellation at the last minute.
 */
public record RefundPolicy(Duration fullBefore, int latePercent) {

    /** @param amount what can still be refunded; @param reason why, for {@code payment.refunded} */
    public record Decision(long amount, String reason) {
    }

    public Decision onCancellation(Consultation c, long refundable) {
        String by = c.cancelledBy() == null ? "system" : c.cancelledBy();
        if (!"patient".equals(by)) {
            return new Decision(refundable, "cancelled_by_" + by);
        }
        Instant cancelledAt = c.cancelledAt() == null ? Instant.now() : c.cancelledAt();
        if (!cancelledAt.plus(fullBefore).isAfter(c.scheduledAt())) {
            return new Decision(refundable, "cancelled_in_time");
        }
        return new Decision(refundable * latePercent / 100, "cancelled_late");
    }

    /** @param absent who never joined the video room: {@code doctor} or {@code patient} */
    public Decision onNoShow(String absent, long refundable) {
        return "patient".equals(absent) ? new Decision(0, "patient_no_show")
                : new Decision(refundable, "doctor_no_show");
    }
}
