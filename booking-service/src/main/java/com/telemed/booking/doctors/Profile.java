package com.telemed.booking.doctors;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** The public profile and booking rules a doctor (or an admin) sets. */
public record Profile(
        @Size(max = 4000) @Nullable String bio,
        @NotNull @Min(0) @Max(10_000_000) Long feeAmount,
        @NotBlank @Pattern(regexp = "[a-z]{3}") String currency,
        @NotNull @Min(5) @Max(240) Integer slotMinutes,
        @Min(0) @Max(120) @Nullable Integer bufferMinutes,
        @Min(0) @Max(10_080) @Nullable Integer minNoticeMinutes,
        @Min(1) @Max(365) @Nullable Integer maxAdvanceDays,
        @NotBlank String timezone,
        @Size(max = 10) List<@Pattern(regexp = "[a-z]{2}") String> languages) {
}
