package com.telemed.auth.account;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import reactor.core.publisher.Mono;

/** Full sign-in tokens for an account that has just proved itself some other way (e.g. by enrolling TOTP). */
@Component
public class SignInTokens {

    private final SignIn signIn;
    private final TransactionalOperator tx;

    public SignInTokens(SignIn signIn, TransactionalOperator tx) {
        this.signIn = signIn;
        this.tx = tx;
    }

    public Mono<TokenAnswer> issue(StaffAccount account, String ip) {
        return tx.transactional(signIn.issue(account, "login-mfa-enrolled", ip));
    }
}
