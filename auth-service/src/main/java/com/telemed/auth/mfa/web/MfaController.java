package com.telemed.auth.mfa.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
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
import org.jspecify.annotations.Nullable;

import io.swagger.v3.oas.annotations.Operation;

/**
 * TOTP for staff: {@code /api/v1/auth/mfa} (status), {@code /enroll}, {@code /verify}, {@code /disable},
 * {@code /recovery-codes}.
 */
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

    /** Both factors again: the password and a TOTP code or a recovery code. */
    record ProofRequest(@NotBlank @Size(max = 200) String password, @NotBlank @Size(max = 32) String code) {
    }

    /**
     * After verification: the account, the recovery codes (shown this once), and fresh tokens when the caller held
     * the enrolment-only token.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verified(AccountView account, List<String> recoveryCodes, @Nullable TokenAnswer tokens) {
    }

    record NewRecoveryCodes(List<String> recoveryCodes) {
    }

    @Operation(summary = "Whether two-factor sign-in is on, and recovery codes left")
    @GetMapping("/api/v1/auth/mfa")
    Mono<Mfa.Status> status(Caller caller) {
        return mfa.status(caller.requireRole(Roles.STAFF));
    }

    @Operation(summary = "Start two-factor enrolment (secret and otpauth URI)")
    @PostMapping("/api/v1/auth/mfa/enroll")
    Mono<Mfa.Enrollment> enroll(Caller caller, ServerWebExchange exchange) {
        return mfa.enroll(caller.requireRole(MAY_ENROLL), ClientIp.of(exchange.getRequest()));
    }

    @Operation(summary = "Confirm two-factor enrolment with a first code")
    @PostMapping("/api/v1/auth/mfa/verify")
    Mono<Verified> verify(Caller caller, @Valid @RequestBody CodeRequest request,
            ServerWebExchange exchange) {
        caller.requireRole(MAY_ENROLL);
        String ip = ClientIp.of(exchange.getRequest());
        return mfa.verify(caller, request.code(), ip).flatMap(enabled -> {
            AccountView account = AccountView.of(enabled.account());
            return Roles.MFA_ENROLLMENT.equals(caller.role())
                    ? signInTokens.issue(enabled.account(), ip)
                            .map(tokens -> new Verified(account, enabled.recoveryCodes(), tokens))
                    : Mono.just(new Verified(account, enabled.recoveryCodes(), null));
        });
    }

    @Operation(summary = "Turn two-factor sign-in off")
    @PostMapping("/api/v1/auth/mfa/disable")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> disable(Caller caller, @Valid @RequestBody ProofRequest request,
            ServerWebExchange exchange) {
        return mfa.disable(caller.requireRole(Roles.STAFF), request.password(), request.code(),
                ClientIp.of(exchange.getRequest()));
    }

    @Operation(summary = "Replace the recovery codes")
    @PostMapping("/api/v1/auth/mfa/recovery-codes")
    Mono<NewRecoveryCodes> newRecoveryCodes(Caller caller, @Valid @RequestBody ProofRequest request,
            ServerWebExchange exchange) {
        return mfa.newRecoveryCodes(caller.requireRole(Roles.STAFF), request.password(), request.code(),
                ClientIp.of(exchange.getRequest())).map(NewRecoveryCodes::new);
    }

    private static java.util.Set<String> union() {
        java.util.Set<String> all = new java.util.HashSet<>(Roles.STAFF);
        all.add(Roles.MFA_ENROLLMENT);
        return all;
    }
}
