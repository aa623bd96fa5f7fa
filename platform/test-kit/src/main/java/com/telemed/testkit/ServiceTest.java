package com.telemed.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * A whole service on a random port, on real PostgreSQL and Kafka from {@link TestInfrastructure}, validating
 * tokens minted by {@link TestTokens}; inject a {@code WebTestClient} to call it. Netty buffer leaks fail the
 * class ({@link NettyLeakCheck}), and so does a transaction left idle ({@link IdleTransactionCheck}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient(timeout = "30s")
@ContextConfiguration(initializers = InfrastructureInitializer.class)
@ExtendWith({ NettyLeakCheck.class, IdleTransactionCheck.class })
public @interface ServiceTest {
}
