package com.telemed.work;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.ReactiveTransaction;
import org.springframework.transaction.ReactiveTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.reactive.GenericReactiveTransaction;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Transactions end at a statement boundary: a subscriber that leaves gets a rollback, never a cut-off statement. */
class CancelSafeTransactionsTest {

    private final Recording manager = new Recording();
    private final TransactionalOperator tx = new CancelSafeTransactions(TransactionalOperator.create(manager));

    @Test
    void finishedWorkCommitsAndEmitsItsResult() {
        StepVerifier.create(tx.transactional(Mono.just(42))).expectNext(42).verifyComplete();
        StepVerifier.create(tx.transactional(Flux.just(1, 2, 3))).expectNext(1, 2, 3).verifyComplete();
        StepVerifier.create(tx.transactional(Mono.empty())).verifyComplete();
        assertThat(manager.calls).containsExactly("begin", "commit", "begin", "commit", "begin", "commit");
    }

    @Test
    void failedWorkRollsBackAndTheErrorReachesTheCaller() {
        StepVerifier.create(tx.transactional(Mono.error(new IllegalStateException("refused"))))
                .verifyErrorMessage("refused");
        assertThat(manager.calls).containsExactly("begin", "rollback");
    }

    @Test
    void aSubscriberThatLeavesLetsTheStatementInFlightReturnThenRollsBack() {
        AtomicBoolean statementReturned = new AtomicBoolean();
        Mono<Integer> slowStatement = Mono.delay(Duration.ofMillis(300))
                .doOnNext(t -> statementReturned.set(true)).thenReturn(1);

        Disposable subscription = tx.transactional(slowStatement).subscribe();
        await().atMost(Duration.ofSeconds(2)).until(() -> manager.calls.contains("begin"));
        subscription.dispose();

        assertThat(statementReturned).as("not cut off mid-flight").isFalse();
        await().atMost(Duration.ofSeconds(2)).until(() -> manager.calls.size() == 2);
        assertThat(statementReturned).isTrue();
        assertThat(manager.calls).containsExactly("begin", "rollback");
    }

    @Test
    void theCallersContextReachesTheWork() {
        StepVerifier.create(tx.transactional(Mono.deferContextual(ctx -> Mono.just(ctx.<String>get("request_id"))))
                        .contextWrite(ctx -> ctx.put("request_id", "r-1")))
                .expectNext("r-1").verifyComplete();
    }

    /** Records what the operator asked of its transaction manager. */
    static final class Recording implements ReactiveTransactionManager {
        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public Mono<ReactiveTransaction> getReactiveTransaction(TransactionDefinition definition) {
            return Mono.fromSupplier(() -> {
                calls.add("begin");
                return new GenericReactiveTransaction("test", new Object(), true, false, false, false, false, null);
            });
        }

        @Override
        public Mono<Void> commit(ReactiveTransaction transaction) {
            return Mono.fromRunnable(() -> calls.add("commit"));
        }

        @Override
        public Mono<Void> rollback(ReactiveTransaction transaction) {
            return Mono.fromRunnable(() -> calls.add("rollback"));
        }
    }
}
