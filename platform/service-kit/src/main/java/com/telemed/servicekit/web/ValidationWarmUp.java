package com.telemed.servicekit.web;

import java.util.List;
import java.util.Locale;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.i18n.LocaleContextHolder;

import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;

/**
 * Hibernate Validator reads its message bundles from the classpath the first time a constraint fails in a
 * locale. Failing one constraint per supported locale at start-up does those reads on the main thread, never on
 * an event-loop thread serving a request.
 */
class ValidationWarmUp implements SmartInitializingSingleton {

    private static final List<Locale> LOCALES = List.of(Locale.getDefault(), Locale.ENGLISH, Locale.forLanguageTag("es"),
            Locale.ROOT);

    private final Validator validator;

    ValidationWarmUp(Validator validator) {
        this.validator = validator;
    }

    record Probe(@NotNull String value) {
    }

    @Override
    public void afterSingletonsInstantiated() {
        Locale previous = LocaleContextHolder.getLocale();
        try {
            for (Locale locale : LOCALES) {
                LocaleContextHolder.setLocale(locale);
                validator.validate(new Probe(null));
            }
        } finally {
            LocaleContextHolder.setLocale(previous);
        }
    }
}
