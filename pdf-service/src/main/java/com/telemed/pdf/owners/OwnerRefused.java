package com.telemed.pdf.owners;

/**
 * The owner answered the caller's request with a client error: 404 (missing, or not the caller's: the owner
 * does not tell them apart), 403 (a role that may not read this at all) or another 4xx.
 */
public class OwnerRefused extends RuntimeException {

    private final int status;

    public OwnerRefused(String owner, int status) {
        super(owner + " answered " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
