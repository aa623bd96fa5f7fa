package com.telemed.servicekit.web;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list answer, the single JSON shape of every list endpoint:
 * {@code {"items": [...], "page": 0, "size": 20, "total": 57}}, where {@code page} counts from 0, {@code size} is
 * the page size asked for (not the number of items on this page) and {@code total} counts every item that matches.
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    public Page {
        items = List.copyOf(items);
    }

    public static <T> Page<T> of(List<T> items, Paging paging, long total) {
        return new Page<>(items, paging.page(), paging.size(), total);
    }

    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
