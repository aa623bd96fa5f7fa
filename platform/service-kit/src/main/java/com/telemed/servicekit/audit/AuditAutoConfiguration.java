package com.telemed.servicekit.audit;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

/** The audit trail every service writes patient-data accesses to (table from the platform migration). */
@AutoConfiguration(afterName = "com.telemed.outbox.OutboxAutoConfiguration")
public class AuditAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    AuditLog auditLog(DatabaseClient db, TransactionalOperator tx) {
        return new AuditLog(db, tx);
    }

    @Bean
    @ConditionalOnMissingBean
    AuditChainer auditChainer(AuditLog audit, @Value("${telemed.audit.chain-interval:5s}") Duration interval) {
        return new AuditChainer(audit, interval);
    }
}
