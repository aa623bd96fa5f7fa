package com.telemed.pdf.owners;

/** An owner of the data did not answer usefully (down, 5xx, timeout, circuit open): the request may be retried. */
public class OwnerUnavailable extends RuntimeException {

    public OwnerUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
