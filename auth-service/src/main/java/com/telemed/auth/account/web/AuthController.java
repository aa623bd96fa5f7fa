package com.telemed.auth.account.web;

import java.util.Map;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.telemed.auth.account.AccountView;
import com.telemed.auth.account.Accounts;
import com.telemed.auth.account.Passwords;
import com.telemed.auth.account.Registration;
import com.telemed.auth.account.SignIn;
import com.telemed.auth.account.StaffAccount;
import com.telemed.auth.account.TokenAnswer;
import com.telemed.servicekit.security.Caller;
import com.telemed.webkit.ClientIp;
import com.telemed.servicekit.security.Roles;
import com.telemed.servicekit.web.ApiException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;

/** Registration, sign-in, passwords and the signed-in user: {@code /api/v1/auth/*}. */
@RestController
class AuthController {

    private static final Set<String> MAY_CHANGE_PASSWORD = union(Roles.STAFF, Set.of(Roles.PASSWORD_CHANGE));

    private final Registration registration;
    private final SignIn signIn;
    private final Passwords passwords;
    private final Accounts accounts;

    AuthController(Registration registration, SignIn signIn, Passwords passwords, Accounts accounts) {
        this.registration = registration;
        this.signIn = signIn;
        this.passwords = passwords;
        this.accounts = accounts;
    }

    record RegisterRequest(
            @NotBlank @Email @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String fullName,
            @NotBlank @Size(max = 64) String licenseNumber,
            @NotBlank @Size(max = 120) String specialty,
            @NotBlank @Size(max = 200) String registrationToken) {
    }

    record LoginRequest(@NotBlank @Size(max = 254) String email, @NotBlank @Size(max = 200) String password) {
    }

    record TemporaryLoginRequest(@NotBlank @Size(max = 254) String email,
            @NotBlank @Size(max = 200) String temporaryPassword) {
    }

    record MfaLoginRequest(@NotBlank @Size(max = 4096) String mfaToken, @NotBlank @Size(max = 32) String code) {
    }

    record ChangePasswordRequest(@Size(max = 200) String currentPassword, @NotBlank @Size(max = 200) String newPassword) {
    }

    record ResetRequest(@NotBlank @Email @Size(max = 254) String email) {
    }

    record ResetConfirmRequest(@NotBlank @Size(max = 200) String token, @NotBlank @Size(max = 200) String newPassword) {
    }

    record RefreshRequest(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record LogoutRequest(@Size(max = 200) String refreshToken) {
    }

    @Operation(summary = "Register a medical professional with a one-time registration token")
    @PostMapping("/api/v1/auth/register-medical-professional")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<AccountView> register(@Valid @RequestBody RegisterRequest request, ServerWebExchange exchange) {
        return registration.registerWithToken(new Registration.NewProfessional(request.email().trim(),
                        request.fullName().trim(), request.licenseNumber().trim(), request.specialty().trim()),
                request.registrationToken(), ClientIp.of(exchange.getRequest()))
                .map(AccountView::of);
    }

    @Operation(summary = "Sign in a staff member with email and password")
    @PostMapping("/api/v1/auth/login")
    Mono<TokenAnswer> login(@Valid @RequestBody LoginRequest request, ServerWebExchange exchange) {
        return signIn.login(request.email(), request.password(), ClientIp.of(exchange.getRequest()),
                ClientIp.vouched(exchange.getRequest()));
    }

    @Operation(summary = "Sign in with a temporary password (a new password must follow)")
    @PostMapping("/api/v1/auth/login-temporary")
    Mono<TokenAnswer> loginTemporary(@Valid @RequestBody TemporaryLoginRequest request, ServerWebExchange exchange) {
        return signIn.loginTemporary(request.email(), request.temporaryPassword(), ClientIp.of(exchange.getRequest()),
                ClientIp.vouched(exchange.getRequest()));
    }

    @Operation(summary = "Complete a sign-in with the second factor")
    @PostMapping("/api/v1/auth/login/mfa")
    Mono<TokenAnswer> loginMfa(@Valid @RequestBody MfaLoginRequest request, ServerWebExchange exchange) {
        return signIn.completeMfa(request.mfaToken(), request.code(), ClientIp.of(exchange.getRequest()),
                ClientIp.vouched(exchange.getRequest()));
    }

    @Operation(summary = "Change the signed-in staff member's password")
    @PostMapping("/api/v1/auth/change-password")
    Mono<TokenAnswer> changePassword(Caller caller, @Valid @RequestBody ChangePasswordRequest request,
            ServerWebExchange exchange) {
        caller.requireRole(MAY_CHANGE_PASSWORD);
        return passwords.change(caller, request.currentPassword(), request.newPassword(),
                ClientIp.of(exchange.getRequest()));
    }

    @Operation(summary = "Ask for a password reset email", responses = @ApiResponse(responseCode = "202",
            description = "Accepted, whether or not the address belongs to an account"))
    @PostMapping("/api/v1/auth/reset-password")
    Mono<ResponseEntity<Map<String, String>>> resetPassword(@Valid @RequestBody ResetRequest request,
            ServerWebExchange exchange) {
        return passwords.requestReset(request.email(), ClientIp.of(exchange.getRequest()))
                .then(Mono.fromSupplier(() -> ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("status", "accepted",
                        "detail", "If the address belongs to an account, a reset link is on its way"))));
    }

    @Operation(summary = "Set a new password with a reset token")
    @PostMapping("/api/v1/auth/reset-password-confirm")
    Mono<Map<String, String>> resetPasswordConfirm(@Valid @RequestBody ResetConfirmRequest request,
            ServerWebExchange exchange) {
        return passwords.confirmReset(request.token(), request.newPassword(), ClientIp.of(exchange.getRequest()))
                .thenReturn(Map.of("status", "password-changed", "redirect_to", "/login"));
    }

    @Operation(summary = "The signed-in staff member's account")
    @GetMapping("/api/v1/auth/me")
    Mono<AccountView> me(Caller caller) {
        caller.requireRole(Roles.STAFF);
        return accounts.byId(caller.numericId())
                .filter(StaffAccount::active)
                .switchIfEmpty(Mono.error(() -> new ApiException(HttpStatus.UNAUTHORIZED, "account-inactive",
                        "The account is not active")))
                .map(AccountView::of);
    }

    @Operation(summary = "Exchange a refresh token for new tokens")
    @PostMapping("/api/v1/auth/refresh")
    Mono<TokenAnswer> refresh(@Valid @RequestBody RefreshRequest request, ServerWebExchange exchange) {
        return signIn.refresh(request.refreshToken(), ClientIp.of(exchange.getRequest()));
    }

    @Operation(summary = "Sign out and revoke the refresh token")
    @PostMapping("/api/v1/auth/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    Mono<Void> logout(Caller caller, @RequestBody(required = false) LogoutRequest request,
            ServerWebExchange exchange) {
        caller.requireRole(Roles.STAFF);
        return signIn.logout(caller.numericId(), request == null ? null : request.refreshToken(),
                ClientIp.of(exchange.getRequest()));
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
