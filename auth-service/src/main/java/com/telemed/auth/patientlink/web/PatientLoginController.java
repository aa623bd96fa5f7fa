package com.telemed.auth.patientlink.web;

import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.telemed.auth.account.TokenAnswer;
import com.telemed.auth.patientlink.PatientLinks;
import com.telemed.webkit.ClientIp;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;

/** {@code POST /api/v1/auth/patient-login {token}}: spends a patient's login link for a patient token. */
@RestController
class PatientLoginController {

    private final PatientLinks links;

    PatientLoginController(PatientLinks links) {
        this.links = links;
    }

    record PatientLoginRequest(@NotBlank @Size(max = 200) String token) {
    }

    @Operation(summary = "Sign in a patient with the link from their email")
    @PostMapping("/api/v1/auth/patient-login")
    Mono<TokenAnswer> login(@Valid @RequestBody PatientLoginRequest request, ServerWebExchange exchange) {
        return links.exchange(request.token(), ClientIp.of(exchange.getRequest()));
    }
}
