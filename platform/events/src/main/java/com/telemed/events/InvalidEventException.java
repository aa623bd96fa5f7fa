package com.telemed.events;

/** An event that can never be processed as it is (unparseable, or a required field missing): dead-letter it. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }

    public InvalidEventException(String message) {
        super(message);
    }
}
