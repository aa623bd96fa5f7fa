package com.telemed.auth.mfa.web;

import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.telemed.auth.account.AccountView;
import com.telemed.auth.account.SignInTokens;
import com.telemed.auth.account.TokenAnswer;
import com.telemed.auth.mfa.Mfa;
import com.telemed.servicekit.security.Caller;
import com.telemed.webkit.ClientIp;
import com.telemed.servicekit.security.Roles;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

/** TOTP for staff: {@code /api/v1/auth/mfa/enroll}, {@code /verify}, {@code /disable}. */
@RestController
class MfaController {

    private static final Set<String> MAY_ENROLL = Set.copyOf(union());

    private final Mfa mfa;
    private final SignInTokens signInTokens;

    MfaController(Mfa mfa, SignInTokens signInTokens) {
        this.mfa = mfa;
        this.signInTokens = signInTokens;
    }

    record CodeRequest(@NotBlank @Size(max = 12) String code) {
    }

    /** After verification: the account, and fresh tokens when the caller held the enrolment-only token. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verified(AccountView account, TokenAnswer tokens) {
    }

    @PostMapping("/api/v1/auth/mfa/enroll")
    Mono<Mfa.Enrollment> enroll(Caller caller, ServerWebExchange exchange) {
        return mfa.enroll(caller.requireRole(MAY_ENROLL), ClientIp.of(exchange.getRequest()));
    }

    @PostMapping("/api/v1/auth/mfa/verify")
    Mono<Verified> verify(Caller caller, @Valid @RequestBody CodeRequest request,
            ServerWebExchange exchange) {
        caller.requireRole(MAY_ENROLL);
        String ip = ClientIp.of(exchange.getRequest());
        return mfa.verify(caller, request.code(), ip).flatMap(account -> Roles.MFA_ENROLLMENT.equals(caller.role())
                ? signInTokens.issue(account, ip).map(tokens -> new Verified(AccountView.of(account), tokens))
                : Mono.just(new Verified(AccountView.of(account), null)));
    }

    @PostMapping("/api/v1/auth/mfa/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> disable(Caller caller, @Valid @RequestBody CodeRequest request,
            ServerWebExchange exchange) {
        return mfa.disable(caller.requireRole(Roles.STAFF), request.code(), ClientIp.of(exchange.getRequest()));
    }

    private static java.util.Set<String> union() {
        java.util.Set<String> all = new java.util.HashSet<>(Roles.STAFF);
        all.add(Roles.MFA_ENROLLMENT);
        return all;
    }
}
