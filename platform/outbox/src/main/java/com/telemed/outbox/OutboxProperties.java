package com.telemed.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.telemed.work.Backoff;

/**
 * Tuning of the outbox relay and of inbox consumers.
 *
 * @param relayEnabled   whether this instance runs the relay (every instance may: only one relays at a time)
 * @param pollInterval   how often the relay looks for pending events when nothing woke it up: a commit in this
 *                       instance wakes it at once, so the poll only finds retries that fell due and leases that
 *                       ran out; a short one costs every idle service a transaction several times a second
 * @param batchSize      events claimed per round
 * @param initialBackoff first delay after a failed publish or a failed consumer attempt
 * @param maxBackoff     ceiling of the exponential backoff
 * @param consumerRetries attempts of a failing consumer effect before the event goes to the dead-letter topic
 * @param partitions     partitions of the topics this service declares
 * @param replicas       replication factor of the topics this service declares
 * @param claimLease     how long a claimed batch is reserved for the relay that claimed it (a relay that dies
 *                       mid-batch is replaced once it runs out); longer than {@code roundTimeout}
 * @param roundTimeout   deadline of one relay round (claim, publish, record)
 * @param retention      how long sent outbox rows and processed inbox rows are kept before they are purged
 */
@ConfigurationProperties("telemed.outbox")
public record OutboxProperties(
        Boolean relayEnabled,
        Duration pollInterval,
        Integer batchSize,
        Duration initialBackoff,
        Duration maxBackoff,
        Integer consumerRetries,
        Integer partitions,
        Short replicas,
        Duration claimLease,
        Duration roundTimeout,
        Duration retention) {

    public OutboxProperties {
        relayEnabled = relayEnabled == null || relayEnabled;
        pollInterval = pollInterval == null ? Duration.ofSeconds(1) : pollInterval;
        batchSize = batchSize == null ? 200 : batchSize;
        initialBackoff = initialBackoff == null ? Duration.ofMillis(200) : initialBackoff;
        maxBackoff = maxBackoff == null ? Duration.ofSeconds(30) : maxBackoff;
        consumerRetries = consumerRetries == null ? 3 : consumerRetries;
        partitions = partitions == null ? 3 : partitions;
        replicas = replicas == null ? 1 : replicas;
        claimLease = claimLease == null ? Duration.ofSeconds(60) : claimLease;
        roundTimeout = roundTimeout == null ? Duration.ofSeconds(30) : roundTimeout;
        retention = retention == null ? Duration.ofDays(7) : retention;
    }

    /** After a failed publish: {@code initialBackoff}, doubled each time, never more than {@code maxBackoff}. */
    public Backoff backoff() {
        return Backoff.of(initialBackoff, maxBackoff);
    }
}
