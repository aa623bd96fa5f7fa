package com.telemed.payment.payments;

import io.r2dbc.spi.Parameters;

/** Binding helpers: a null must still tell the driver its type. */
final class Sql {

    private Sql() {
    }

    static Object text(String value) {
        return value == null || value.isBlank() ? Parameters.in(String.class) : value;
    }

    static Object number(Long value) {
        return value == null ? Parameters.in(Long.class) : value;
    }
}
