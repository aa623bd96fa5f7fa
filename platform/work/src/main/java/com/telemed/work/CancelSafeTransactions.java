package com.telemed.work;

import java.util.List;
import java.util.function.Function;

import org.springframework.transaction.TransactionException;
import org.springframework.transaction.reactive.TransactionCallback;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A {@link TransactionalOperator} whose transactions always end at a statement boundary. When the subscriber goes
 * away (a client disconnects, a background round overruns its deadline), the statement in flight is not cut off:
 * it is allowed to return, and the transaction is then rolled back. Cutting a statement off mid-flight leaves the
 * connection's conversation half-read: the rollback queued behind it may never run, and the session stays idle in
 * its transaction with its locks (seen as leaked result rows and sessions idle for as long as the server allows).
 * <p>
 * The work of a transaction is gathered before it commits, so a transactional {@code Flux} emits once the
 * transaction is over; transactions here are short and their results small.
 */
public final class CancelSafeTransactions implements TransactionalOperator {

    private final TransactionalOperator delegate;

    public CancelSafeTransactions(TransactionalOperator delegate) {
        this.delegate = delegate;
    }

    @Override
    public <T> Flux<T> execute(TransactionCallback<T> action) throws TransactionException {
        return RunToEnd.<List<T>>of(abandoned -> delegate
                        .execute(status -> Flux.from(action.doInTransaction(status)).collectList()
                                .flatMap(results -> abandoned.getAsBoolean()
                                        ? Mono.<List<T>>error(new Abandoned())
                                        : Mono.just(results)))
                        .singleOrEmpty()
                        .defaultIfEmpty(List.of()))
                .flatMapIterable(Function.identity());
    }

    /** Nobody waits for the result any more: roll back. */
    static final class Abandoned extends RuntimeException {
        Abandoned() {
            super("abandoned by its subscriber: rolled back", null, false, false);
        }
    }
}
