package com.telemed.auth.admin.web;

import java.util.List;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;

import com.telemed.auth.account.AccountView;
import com.telemed.auth.account.RegistrationTokens;
import com.telemed.auth.admin.ProfessionalDirectory;
import com.telemed.servicekit.security.Caller;
import com.telemed.webkit.ClientIp;
import com.telemed.servicekit.security.Roles;
import com.telemed.auth.support.SecurityAudit;
import com.telemed.servicekit.web.ApiException;
import com.telemed.servicekit.web.Page;
import com.telemed.servicekit.web.Paging;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import reactor.core.publisher.Mono;

import io.swagger.v3.oas.annotations.Operation;
import org.jspecify.annotations.Nullable;

/**
 * {@code /api/v1/admin/medical-professionals}: it_admin reads and writes; admin and medical_admin read; anyone
 * else gets 403.
 */
@RestController
class MedicalProfessionalsController {

    private static final Set<String> WRITERS = Set.of(Roles.IT_ADMIN);

    private final ProfessionalDirectory directory;
    private final RegistrationTokens registrationTokens;
    private final SecurityAudit audit;

    MedicalProfessionalsController(ProfessionalDirectory directory, RegistrationTokens registrationTokens,
            SecurityAudit audit) {
        this.directory = directory;
        this.registrationTokens = registrationTokens;
        this.audit = audit;
    }

    record PatchRequest(@Nullable Boolean active, @Size(max = 200) @Nullable String fullName,
            @Size(max = 120) @Nullable String specialty, @Size(max = 64) @Nullable String licenseNumber,
            @Size(max = 40) @Nullable String role) {
    }

    @Operation(summary = "List medical professionals")
    @GetMapping("/api/v1/admin/medical-professionals")
    Mono<Page<AccountView>> list(Caller caller,
            @RequestParam(required = false) String specialty,
            @RequestParam(required = false) Boolean active,
            @RequestParam(required = false) String role,
            @RequestParam(defaultValue = "0") int page,
            @RequestParam(defaultValue = "20") int size) {
        caller.requireRole(Roles.ADMINS);
        return directory.list(new ProfessionalDirectory.Filter(specialty, active, role), Paging.of(page, size))
                .map(p -> p.map(AccountView::of));
    }

    @Operation(summary = "Change a medical professional's account")
    @PatchMapping("/api/v1/admin/medical-professionals/{id}")
    Mono<AccountView> change(Caller caller, @PathVariable long id,
            @Valid @RequestBody PatchRequest request, ServerWebExchange exchange) {
        caller.requireRole(WRITERS);
        return directory.change(id, new ProfessionalDirectory.Changes(request.active(), request.fullName(),
                        request.specialty(), request.licenseNumber(), request.role()), caller,
                ClientIp.of(exchange.getRequest()))
                .map(AccountView::of);
    }

    /** A one-time registration token (7 days) for the registration form, instead of the shared secret. */
    @Operation(summary = "Issue a one-time registration token")
    @PostMapping("/api/v1/admin/medical-professionals/registration-tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Mono<RegistrationTokens.OneTime> registrationToken(Caller caller, ServerWebExchange exchange) {
        caller.requireRole(WRITERS);
        return registrationTokens.create(caller.numericId())
                .flatMap(token -> audit.recordAlone(caller.id(), caller.role(), "registration-token",
                        "create", "success", ClientIp.of(exchange.getRequest())).thenReturn(token));
    }
}
