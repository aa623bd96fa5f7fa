package com.telemed.servicekit.db;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.r2dbc.autoconfigure.ConnectionFactoryOptionsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.r2dbc.core.DatabaseClient;

import io.r2dbc.postgresql.PostgresqlConnectionFactoryProvider;

/**
 * Every PostgreSQL session of a service carries the service's name ({@code application_name}, so that
 * {@code pg_stat_activity} tells whose a session is) and a server-side limit on how long it may sit idle inside
 * an open transaction: should a bug ever leave a transaction waiting on something else, PostgreSQL ends that
 * session and its row locks go with it. {@link DatabaseActivity} reports such transactions before that happens.
 */
@AutoConfiguration(afterName = "org.springframework.boot.data.r2dbc.autoconfigure.DataR2dbcAutoConfiguration")
@ConditionalOnClass(PostgresqlConnectionFactoryProvider.class)
public class DatabaseAutoConfiguration {

    static final String IDLE_IN_TRANSACTION_TIMEOUT = "telemed.db.idle-in-transaction-timeout";

    @Bean
    ConnectionFactoryOptionsBuilderCustomizer telemedSessionSettings(Environment env) {
        String application = env.getProperty("spring.application.name", "telemed");
        Duration idleLimit = env.getProperty(IDLE_IN_TRANSACTION_TIMEOUT, Duration.class, Duration.ofSeconds(60));
        return builder -> builder
                .option(PostgresqlConnectionFactoryProvider.APPLICATION_NAME, application)
                .option(PostgresqlConnectionFactoryProvider.OPTIONS,
                        Map.of("idle_in_transaction_session_timeout", idleLimit.toMillis() + "ms"));
    }

    @Bean
    @ConditionalOnBean(DatabaseClient.class)
    DatabaseActivity databaseActivity(DatabaseClient db, Environment env) {
        return new DatabaseActivity(db, env.getProperty("spring.application.name", "telemed"));
    }
}
