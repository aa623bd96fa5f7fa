package com.telemed.servicekit.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

import com.telemed.servicekit.kafka.KafkaClientSecurity;

/**
 * Outside local mode ({@code telemed.local-mode=false}) a service must not start on a development default. Each
 * service registers the settings it cannot run without under {@code telemed.production.required.<name>} in its
 * application.yml:
 *
 * <pre>
 * telemed.production.required.stripe-webhook-secret:
 *   setting: telemed.payments.stripe.webhook-secrets
 *   variable: STRIPE_WEBHOOK_SECRET
 *   development-values: whsec_telemed_dev
 *   optional: false            # true: may be left empty, but never at a development value
 * </pre>
 *
 * Start-up stops before any bean is built, with one message listing every missing or development value. The public
 * development keys ({@code telemed.crypto.dev-keys=true}) are refused the same way, and so is a Kafka connection
 * without SASL unless explicitly allowed ({@link KafkaClientSecurity#problems()}). {@code telemed.production.enforce=false}
 * turns the check off; only the test kit does that (its contexts run outside local mode on development keys).
 */
public class ProductionReadiness implements BeanFactoryPostProcessor, EnvironmentAware {

    public static final String REQUIRED = "telemed.production.required";
    public static final String ENFORCE = "telemed.production.enforce";

    /**
     * @param setting           the property the service reads
     * @param variable          the environment variable an operator sets
     * @param developmentValues values that are public knowledge (make dev, docs); comma-separated lists are split
     * @param optional          whether an empty value is acceptable
     */
    public record Requirement(String setting, String variable, List<String> developmentValues, boolean optional) {
        public Requirement {
            developmentValues = developmentValues == null ? List.of() : List.copyOf(developmentValues);
        }
    }

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        check(environment);
    }

    /** Throws when the environment is not fit for production; does nothing in local mode. */
    public static void check(Environment env) {
        List<String> problems = problems(env);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start outside local mode (TELEMED_LOCAL_MODE=false): "
                    + String.join("; ", problems)
                    + ". Set real values in the environment (docs/security.md), or TELEMED_LOCAL_MODE=true on a"
                    + " development machine.");
        }
    }

    /** What stands in the way of starting outside local mode; empty in local mode. */
    public static List<String> problems(Environment env) {
        if (env.getProperty("telemed.local-mode", Boolean.class, false)
                || !env.getProperty(ENFORCE, Boolean.class, true)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (env.getProperty("telemed.crypto.dev-keys", Boolean.class, false)) {
            problems.add("telemed.crypto.dev-keys=true would encrypt with the public development keys");
        }
        problems.addAll(KafkaClientSecurity.from(env).problems());
        requirements(env).values().forEach(r -> {
            List<String> values = Arrays.stream(env.getProperty(r.setting(), "").split(","))
                    .map(String::trim).filter(v -> !v.isEmpty()).toList();
            if (values.isEmpty() && !r.optional()) {
                problems.add(r.variable() + " is not set");
            } else if (values.stream().anyMatch(v -> r.developmentValues().stream().anyMatch(v::equals))) {
                problems.add(r.variable() + " holds a public development value");
            }
        });
        return problems;
    }

    static Map<String, Requirement> requirements(Environment env) {
        if (!(env instanceof ConfigurableEnvironment configurable)) {
            return Map.of();
        }
        return new TreeMap<>(Binder.get(configurable)
                .bind(REQUIRED, Bindable.mapOf(String.class, Requirement.class))
                .orElse(Map.of()));
    }
}
