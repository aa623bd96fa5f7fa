package com.telemed.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/** Every contract, serialised the way producers serialise it, validates against its published JSON Schema. */
class EventContractsTest {

    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static final ObjectMapper PLAIN = new ObjectMapper();

    @ParameterizedTest
    @EnumSource(EventType.class)
    void eachContractValidatesAgainstItsSchema(EventType type) throws Exception {
        EventEnvelope envelope = EventEnvelope.wrap(sample(type.dataClass()), "test-source", Instant.now());

        JsonNode json = PLAIN.readTree(EventJson.write(envelope));

        assertThat(schema("/schemas/envelope.schema.json").validate(json)).isEmpty();
        assertThat(schema(type.schemaResource()).validate(json.get("data"))).isEmpty();
        assertThat(json.get("type").asText()).isEqualTo(type.typeName());
        assertThat(json.has("event_id") && json.has("occurred_at")).isTrue();
    }

    /** A patient's identity never travels in clear: events stay in outboxes, topics and dead-letter topics. */
    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "CONSULTATION_BOOKED", "CONSULTATION_CONFIRMED",
            "CONSULTATION_COMPLETED", "PATIENT_LOGIN_LINK_ISSUED", "SIGN_IN_THROTTLED" })
    void patientIdentityFieldsAreSealed(EventType type) throws Exception {
        JsonNode properties = PLAIN.readTree(resource(type.schemaResource())).get("properties");
        properties.fieldNames().forEachRemaining(field -> {
            if (field.matches(".*(email|phone|patient_name).*")) {
                assertThat(field).as(type.typeName()).startsWith("sealed_");
            }
        });
        assertThat(Arrays.stream(type.dataClass().getRecordComponents()).map(RecordComponent::getName))
                .noneMatch(n -> n.matches("(?i).*(email|phone|patientname).*") && !n.startsWith("sealed"));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void aPayloadWithoutARequiredFieldIsRejectedBySchemaAndReader(EventType type) throws Exception {
        EventEnvelope envelope = EventEnvelope.wrap(sample(type.dataClass()), "test-source", Instant.now());
        ObjectNode json = (ObjectNode) PLAIN.readTree(EventJson.write(envelope));
        JsonNode required = PLAIN.readTree(resource(type.schemaResource())).get("required");
        String dropped = required.get(0).asText();
        ((ObjectNode) json.get("data")).remove(dropped);

        Set<ValidationMessage> errors = schema(type.schemaResource()).validate(json.get("data"));
        assertThat(errors).isNotEmpty();
        EventEnvelope broken = EventJson.read(PLAIN.writeValueAsString(json));
        assertThatThrownBy(() -> broken.dataAs(type.dataClass()))
                .isInstanceOf(InvalidEventException.class)
                .hasMessageContaining(dropped);
    }

    @Test
    void roundTripKeepsEveryField() {
        PaymentConfirmed paid = new PaymentConfirmed(7L, 42L, 5000L, "eur", "cs_1", "pi_1", Instant.parse("2026-02-10T10:00:00Z"));
        EventEnvelope read = EventJson.read(EventJson.write(EventEnvelope.wrap(paid, "payment-service", Instant.now())));

        assertThat(read.type()).isEqualTo("payment.confirmed");
        assertThat(read.source()).isEqualTo("payment-service");
        assertThat(read.dataAs(PaymentConfirmed.class)).isEqualTo(paid);
        assertThat(read.data().get("consultation_id").asLong()).isEqualTo(42L);
    }

    @Test
    void unknownFieldsAndTypesAreTolerated() {
        String json = """
                {"event_id":"%s","type":"payment.teleported","version":3,"occurred_at":"2026-01-01T00:00:00Z",
                 "source":"future-service","data":{"anything":1},"extra":true}""".formatted(UUID.randomUUID());

        EventEnvelope envelope = EventJson.read(json);

        assertThat(envelope.type()).isEqualTo("payment.teleported");
        assertThat(EventType.fromName(envelope.type())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = EventType.class, names = { "CLINICAL_RECORD_CREATED", "CLINICAL_RECORD_SIGNED" })
    void clinicalRecordEventsCarryIdsAndTimesOnly(EventType type) throws Exception {
        JsonNode properties = PLAIN.readTree(resource(type.schemaResource())).get("properties");

        List<String> names = new ArrayList<>();
        properties.fieldNames().forEachRemaining(names::add);

        assertThat(names).isNotEmpty()
                .allMatch(name -> name.endsWith("_id") || name.endsWith("_at"));
        assertThat(Arrays.stream(type.dataClass().getRecordComponents()).map(RecordComponent::getType))
                .allMatch(t -> t == long.class || t == Long.class || t == Instant.class);
    }

    @Test
    void garbageIsAnInvalidEvent() {
        assertThatThrownBy(() -> EventJson.read("{not json")).isInstanceOf(InvalidEventException.class);
        assertThatThrownBy(() -> EventJson.read("{\"type\":\"payment.confirmed\"}")).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void everyTopicHasADeadLetterTopicAndEveryTypeAKnownTopic() {
        assertThat(Topics.deadLetterOf(Topics.PAYMENTS)).isEqualTo("telemed.payment.payments.DLT");
        assertThat(Arrays.stream(EventType.values()).map(EventType::topic)).allMatch(Topics.ALL::contains);
    }

    private static JsonSchema schema(String resource) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return FACTORY.getSchema(resource(resource), config);
    }

    private static InputStream resource(String name) {
        InputStream in = EventContractsTest.class.getResourceAsStream(name);
        assertThat(in).as(name).isNotNull();
        return in;
    }

    /** A valid instance of any catalog record, built from its components' types. */
    static EventData sample(Class<? extends EventData> type) throws Exception {
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = sampleValue(components[i]);
        }
        return type.getDeclaredConstructor(types).newInstance(values);
    }

    private static Object sampleValue(RecordComponent component) {
        Class<?> t = component.getType();
        String name = component.getName().toLowerCase();
        if (t == long.class || t == Long.class) {
            return 11L;
        }
        if (t == int.class) {
            return 30;
        }
        if (t == boolean.class || t == Boolean.class) {
            return true;
        }
        if (t == UUID.class) {
            return UUID.randomUUID();
        }
        if (t == Instant.class) {
            return Instant.parse("2026-03-29T08:30:00Z");
        }
        if (name.startsWith("sealed")) {
            return "v1:k1:c2VhbGVk";
        }
        if (name.equals("absent")) {
            return VideoNoShow.PATIENT;
        }
        if (name.equals("purpose")) {
            return PatientLoginLinkIssued.VISIT_SUMMARY;
        }
        if (name.equals("paymentmode")) {
            return ConsultationConfirmed.ONLINE;
        }
        if (name.contains("email")) {
            return "someone@example.org";
        }
        if (name.equals("currency")) {
            return "eur";
        }
        return "sample-" + component.getName();
    }
}
