package com.telemed.testkit;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.webtestclient.autoconfigure.WebTestClientBuilderCustomizer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Points a Spring test context at the shared {@link TestInfrastructure} and at the test token issuer. */
public class InfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        TestInfrastructure infra = TestInfrastructure.get();
        Map<String, Object> props = new HashMap<>();
        props.put("telemed.db.host", infra.dbHost());
        props.put("telemed.db.port", String.valueOf(infra.dbPort()));
        props.put("telemed.db.name", infra.dbName());
        props.put("telemed.db.username", infra.dbUser());
        props.put("telemed.db.password", infra.dbPassword());
        props.put("spring.kafka.bootstrap-servers", infra.kafkaBootstrap());
        props.put("telemed.security.jwks-uri", TestTokens.jwksUri());
        // Tests use the public development keys (see CryptoKeys) unless a test sets its own.
        props.put("telemed.crypto.dev-keys", "true");
        // ...which outside local mode only a test may do (see ProductionReadiness); tests of that check turn it on.
        props.put("telemed.production.enforce", "false");
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("telemedTestInfrastructure", props));
        context.getBeanFactory().registerSingleton("telemedDrainedTestResponses",
                (WebTestClientBuilderCustomizer) builder -> builder.filter(TestClients.DRAIN_BODIES));
    }


}
