package com.telemed.servicekit.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class PagingTest {

    private static void rejected(int page, int size, String code) {
        assertThatThrownBy(() -> Paging.of(page, size)).isInstanceOf(ApiException.class).satisfies(e -> {
            ApiException problem = (ApiException) e;
            assertThat(problem.getStatusCode().value()).isEqualTo(400);
            assertThat(problem.getBody().getType().toString()).endsWith("/" + code);
        });
    }

    @Test
    void aPageCountsFromZeroAndASizeIsOneToTheMaximum() {
        assertThat(Paging.of(0, 1).offset()).isZero();
        assertThat(Paging.of(3, Paging.MAX_SIZE).offset()).isEqualTo(300L);
        rejected(-1, 20, "invalid-page");
        rejected(Paging.MAX_PAGE + 1, 20, "invalid-page");
        rejected(0, 0, "invalid-page-size");
        rejected(0, Paging.MAX_SIZE + 1, "invalid-page-size");
    }

    @Test
    void aPageCarriesWhatWasAskedAndTheTotal() {
        Page<Integer> page = Page.of(List.of(1, 2), Paging.of(2, 2), 6);
        assertThat(page).isEqualTo(new Page<>(List.of(1, 2), 2, 2, 6));
        assertThat(page.map(String::valueOf)).isEqualTo(new Page<>(List.of("1", "2"), 2, 2, 6));
    }
}
