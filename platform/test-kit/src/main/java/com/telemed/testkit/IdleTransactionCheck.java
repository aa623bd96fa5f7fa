package com.telemed.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Fails a test class after which a PostgreSQL session has been idle inside an open transaction for more than a
 * few seconds: such a transaction holds its locks while waiting for nothing (ADR 8), and no code path of ours may
 * leave one behind.
 */
public final class IdleTransactionCheck implements AfterAllCallback {

    static final Duration LIMIT = Duration.ofSeconds(5);

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ApplicationContext spring = SpringExtension.getApplicationContext(context);
        if (spring.getBeanNamesForType(DatabaseClient.class).length == 0) {
            return;
        }
        List<String> idle = spring.getBean(DatabaseClient.class).sql("""
                        select application_name || ' idle for ' || (now() - state_change)::text || ' after: ' || query
                               as session
                          from pg_stat_activity
                         where state like 'idle in transaction%'
                           and now() - state_change > make_interval(secs => :limit)""")
                .bind("limit", (double) LIMIT.toSeconds())
                .map(row -> row.get("session", String.class))
                .all().collectList().toFuture().get(60, TimeUnit.SECONDS); // a test's own thread may wait
        if (idle != null && !idle.isEmpty()) {
            throw new AssertionError("Sessions left idle in a transaction for more than " + LIMIT.toSeconds()
                    + " s:\n" + String.join("\n", idle));
        }
    }
}
