package com.telemed.notification.compose;

/** The emails this service writes; {@link #id()} names the template files and the message type. */
public enum Template {
    DOCTOR_TEMPORARY_PASSWORD("doctor-temporary-password"),
    PASSWORD_RESET("password-reset"),
    PATIENT_LOGIN_LINK("patient-login-link"),
    SIGN_IN_THROTTLED("sign-in-throttled"),
    BOOKING_CONFIRMATION("booking-confirmation"),
    BOOKING_CONFIRMATION_PAID_AT_CLINIC("booking-confirmation-paid-at-clinic"),
    BOOKING_CONFIRMATION_PAY_AT_CLINIC("booking-confirmation-pay-at-clinic"),
    BOOKING_CONFIRMATION_FREE("booking-confirmation-free"),
    PAYMENT_LINK("payment-link"),
    NEW_CONSULTATION("new-consultation"),
    CONSULTATION_CANCELLED("consultation-cancelled"),
    CONSULTATION_RESCHEDULED("consultation-rescheduled"),
    PAYMENT_FAILED("payment-failed"),
    PAYMENT_REFUNDED("payment-refunded"),
    VIDEO_REMINDER("video-reminder"),
    VISIT_SUMMARY("visit-summary");

    private final String id;

    Template(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
