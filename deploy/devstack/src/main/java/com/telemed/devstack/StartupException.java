package com.telemed.devstack;

/** A start-up problem with a message meant for the person at the keyboard (no stack trace needed). */
final class StartupException extends RuntimeException {

    StartupException(String message) {
        super(message);
    }

    StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
