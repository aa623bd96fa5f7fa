package com.telemed.servicekit.apidocs;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.web.method.HandlerMethod;

import io.swagger.v3.oas.models.Operation;

/**
 * A readable summary for an operation that has none written, and its tag: the feature package of its handler
 * ({@code com.telemed.booking.availability.web} → "booking · availability"), so the reference groups by feature.
 */
final class OperationSummaries {

    private OperationSummaries() {
    }

    static Operation fillIn(Operation operation, HandlerMethod handler) {
        if (operation.getSummary() == null || operation.getSummary().isBlank()) {
            operation.setSummary(sentence(handler.getMethod().getName()));
        }
        String[] packages = handler.getBeanType().getPackageName().split("\\.");
        if (packages.length >= 4 && packages[0].equals("com") && packages[1].equals("telemed")) {
            operation.setTags(new ArrayList<>(List.of(packages[2] + " · " + packages[3])));
        }
        return operation;
    }

    /** {@code cancelByDoctor} → "Cancel by doctor". */
    static String sentence(String methodName) {
        String words = methodName.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }
}
