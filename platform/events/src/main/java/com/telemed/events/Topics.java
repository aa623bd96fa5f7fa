package com.telemed.events;

import java.util.List;

/** Kafka topic names: one per producing aggregate. Keys are the aggregate id. */
public final class Topics {

    public static final String USERS = "telemed.auth.users";
    public static final String CONSULTATIONS = "telemed.booking.consultations";
    public static final String PATIENTS = "telemed.booking.patients";
    public static final String PAYMENTS = "telemed.payment.payments";
    public static final String VIDEO = "telemed.video.sessions";
    public static final String CLINICAL = "telemed.clinical.records";
    public static final String DOCUMENTS = "telemed.pdf.documents";

    /** Suffix of the dead-letter topic that receives what a consumer could not process. */
    public static final String DLT_SUFFIX = ".DLT";

    public static final List<String> ALL = List.of(USERS, CONSULTATIONS, PATIENTS, PAYMENTS, VIDEO, CLINICAL, DOCUMENTS);

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DLT_SUFFIX;
    }
}
