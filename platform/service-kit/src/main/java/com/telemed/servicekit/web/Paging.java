package com.telemed.servicekit.web;

/**
 * The page a list request asks for, checked in this one place: {@code page} counts from 0 and {@code size} is 1 to
 * {@value #MAX_SIZE}; anything else is a 400 problem ({@code invalid-page} or {@code invalid-page-size}).
 */
public record Paging(int page, int size) {

    public static final int MAX_SIZE = 100;
    /** Far beyond any real list; keeps {@link #offset()} and the database's OFFSET sane. */
    public static final int MAX_PAGE = 100_000;

    public Paging {
        if (page < 0 || page > MAX_PAGE) {
            throw ApiException.badRequest("invalid-page", "page must be between 0 and " + MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ApiException.badRequest("invalid-page-size", "size must be between 1 and " + MAX_SIZE);
        }
    }

    public static Paging of(int page, int size) {
        return new Paging(page, size);
    }

    /** Rows to skip before this page. */
    public long offset() {
        return (long) page * size;
    }
}
