package com.telemed.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The event catalog: each type's name (a past-tense fact), its topic and its payload record. */
public enum EventType {
    MEDICAL_PROFESSIONAL_REGISTERED("medical-professional.registered", Topics.USERS, MedicalProfessionalRegistered.class),
    MEDICAL_PROFESSIONAL_UPDATED("medical-professional.updated", Topics.USERS, MedicalProfessionalUpdated.class),
    PASSWORD_RESET_REQUESTED("password-reset.requested", Topics.USERS, PasswordResetRequested.class),
    PATIENT_LOGIN_LINK_ISSUED("patient.login-link.issued", Topics.USERS, PatientLoginLinkIssued.class),
    SIGN_IN_THROTTLED("sign-in.throttled", Topics.USERS, SignInThrottled.class),
    CONSULTATION_BOOKED("consultation.booked", Topics.CONSULTATIONS, ConsultationBooked.class),
    CONSULTATION_CONFIRMED("consultation.confirmed", Topics.CONSULTATIONS, ConsultationConfirmed.class),
    CONSULTATION_CANCELLED("consultation.cancelled", Topics.CONSULTATIONS, ConsultationCancelled.class),
    CONSULTATION_RESCHEDULED("consultation.rescheduled", Topics.CONSULTATIONS, ConsultationRescheduled.class),
    CONSULTATION_COMPLETED("consultation.completed", Topics.CONSULTATIONS, ConsultationCompleted.class),
    PAYMENT_CONFIRMED("payment.confirmed", Topics.PAYMENTS, PaymentConfirmed.class),
    PAYMENT_FAILED("payment.failed", Topics.PAYMENTS, PaymentFailed.class),
    PAYMENT_REFUNDED("payment.refunded", Topics.PAYMENTS, PaymentRefunded.class),
    VIDEO_SESSION_STARTED("video.session-started", Topics.VIDEO, VideoSessionStarted.class),
    VIDEO_SESSION_ENDED("video.session-ended", Topics.VIDEO, VideoSessionEnded.class),
    VIDEO_PATIENT_LATE("video.patient-late", Topics.VIDEO, VideoPatientLate.class),
    VIDEO_NO_SHOW("video.no-show", Topics.VIDEO, VideoNoShow.class),
    CLINICAL_RECORD_CREATED("clinical-record.created", Topics.CLINICAL, ClinicalRecordCreated.class),
    CLINICAL_RECORD_SIGNED("clinical-record.signed", Topics.CLINICAL, ClinicalRecordSigned.class),
    DOCUMENT_GENERATED("document.generated", Topics.DOCUMENTS, DocumentGenerated.class);

    private static final Map<String, EventType> BY_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private final String typeName;
    private final String topic;
    private final Class<? extends EventData> dataClass;

    EventType(String typeName, String topic, Class<? extends EventData> dataClass) {
        this.typeName = typeName;
        this.topic = topic;
        this.dataClass = dataClass;
    }

    public String typeName() {
        return typeName;
    }

    public String topic() {
        return topic;
    }

    public Class<? extends EventData> dataClass() {
        return dataClass;
    }

    /** Current contract version; bump it with a new schema when a change is not backward compatible. */
    public int version() {
        return 1;
    }

    /** The classpath location of this type's JSON Schema (for the {@code data} part of the envelope). */
    public String schemaResource() {
        return "/schemas/" + typeName + ".schema.json";
    }

    /** Unknown types are not an error for consumers: they skip them. */
    public static Optional<EventType> fromName(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    public static EventType of(EventData data) {
        return of(data.getClass());
    }

    public static EventType of(Class<? extends EventData> dataClass) {
        EventType type = BY_CLASS.get(dataClass);
        if (type == null) {
            throw new IllegalArgumentException("Not in the event catalog: " + dataClass.getName());
        }
        return type;
    }
}
