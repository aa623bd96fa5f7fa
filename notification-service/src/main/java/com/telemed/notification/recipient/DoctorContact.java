package com.telemed.notification.recipient;

/** How to reach a doctor, from medical-professional.registered/updated. */
public record DoctorContact(long doctorId, String email, String fullName, String locale) {
}
