package com.telemed.servicekit.kafka;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * How this service authenticates to Kafka, read from the environment only:
 * {@code KAFKA_SECURITY_PROTOCOL} (default {@code PLAINTEXT}; {@code SASL_PLAINTEXT} or {@code SASL_SSL} in
 * production), {@code KAFKA_SASL_MECHANISM} (default {@code SCRAM-SHA-512}), {@code KAFKA_USERNAME} and
 * {@code KAFKA_PASSWORD}. The same settings reach producers, consumers and admin clients (see
 * {@link KafkaSecurityAutoConfiguration}). The password is never part of {@link #toString()}, and Kafka prints
 * {@code sasl.jaas.config} as {@code [hidden]} in its own logs.
 *
 * <p>Outside local mode a connection without SASL is refused at start-up ({@link #problems()}) unless
 * {@code TELEMED_KAFKA_ALLOW_PLAINTEXT=true} says the broker sits on a private network that only the services reach.
 */
public record KafkaClientSecurity(String protocol, String mechanism, String username, String password,
        boolean allowPlaintext) {

    public static final String PROTOCOL = "KAFKA_SECURITY_PROTOCOL";
    public static final String MECHANISM = "KAFKA_SASL_MECHANISM";
    public static final String USERNAME = "KAFKA_USERNAME";
    public static final String PASSWORD = "KAFKA_PASSWORD";
    public static final String ALLOW_PLAINTEXT = "TELEMED_KAFKA_ALLOW_PLAINTEXT";

    private static final Set<String> PROTOCOLS = Set.of("PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL");
    private static final Map<String, String> LOGIN_MODULES = Map.of(
            "SCRAM-SHA-512", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "SCRAM-SHA-256", "org.apache.kafka.common.security.scram.ScramLoginModule",
            "PLAIN", "org.apache.kafka.common.security.plain.PlainLoginModule");

    public KafkaClientSecurity {
        protocol = blankTo(protocol, "PLAINTEXT").toUpperCase(Locale.ROOT);
        mechanism = blankTo(mechanism, "SCRAM-SHA-512").toUpperCase(Locale.ROOT);
        username = blankTo(username, "");
        password = password == null ? "" : password;
    }

    /** Reads the settings from the environment (variables, or the same names as properties in tests). */
    public static KafkaClientSecurity from(Environment env) {
        return new KafkaClientSecurity(env.getProperty(PROTOCOL), env.getProperty(MECHANISM),
                env.getProperty(USERNAME), raw(env, PASSWORD),
                env.getProperty(ALLOW_PLAINTEXT, Boolean.class, false));
    }

    public boolean sasl() {
        return protocol.startsWith("SASL_");
    }

    /**
     * The client settings every producer, consumer and admin client gets: {@code security.protocol}, and with SASL
     * {@code sasl.mechanism} and the JAAS line built here, so that no configuration file ever holds the password.
     */
    public Map<String, String> clientProperties() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("security.protocol", protocol);
        if (sasl()) {
            String module = LOGIN_MODULES.get(mechanism);
            if (module == null) {
                throw new IllegalStateException(MECHANISM + "=" + mechanism + " is not supported; use one of "
                        + LOGIN_MODULES.keySet());
            }
            p.put("sasl.mechanism", mechanism);
            p.put("sasl.jaas.config", module + " required username=\"" + quoted(username) + "\" password=\""
                    + quoted(password) + "\";");
        }
        return p;
    }

    /** What stands in the way of a production start; callers skip it in local mode. */
    public List<String> problems() {
        if (!PROTOCOLS.contains(protocol)) {
            return List.of(PROTOCOL + "=" + protocol + " is not one of " + PROTOCOLS);
        }
        if (sasl()) {
            if (!LOGIN_MODULES.containsKey(mechanism)) {
                return List.of(MECHANISM + "=" + mechanism + " is not one of " + LOGIN_MODULES.keySet());
            }
            if (username.isEmpty() || password.isEmpty()) {
                return List.of(PROTOCOL + "=" + protocol + " needs " + USERNAME + " and " + PASSWORD);
            }
            return List.of();
        }
        if (allowPlaintext) {
            return List.of();
        }
        return List.of(PROTOCOL + "=" + protocol + " connects to Kafka without authentication (any client could"
                + " write any event): use SASL_SSL or SASL_PLAINTEXT with " + USERNAME + " and " + PASSWORD
                + ", or set " + ALLOW_PLAINTEXT + "=true only if the broker is on a private network that nothing"
                + " but the services reaches");
    }

    @Override
    public String toString() {
        return "KafkaClientSecurity[protocol=" + protocol + ", mechanism=" + mechanism + ", username=" + username
                + ", password=" + (password.isEmpty() ? "<unset>" : "<hidden>") + "]";
    }

    /** JAAS values are double-quoted; a backslash escapes the next character. */
    private static String quoted(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static String blankTo(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /**
     * The password as set, without placeholder resolution: a generated password may contain {@code ${}. Looks
     * through the property sources in order, past Spring Boot's attached view of them.
     */
    private static String raw(Environment env, String name) {
        if (env instanceof ConfigurableEnvironment configurable) {
            for (PropertySource<?> source : configurable.getPropertySources()) {
                if (!"configurationProperties".equals(source.getName()) && source.containsProperty(name)) {
                    Object value = source.getProperty(name);
                    return value == null ? null : value.toString();
                }
            }
            return null;
        }
        return env.getProperty(name);
    }
}
