package com.telemed.payment.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CheckoutUrlsTest {

    @Test
    void theSessionPlaceholderIsAddedAsAQueryParameterBeforeAnyFragment() {
        assertThat(Checkout.withSessionId("https://a.test/ok"))
                .isEqualTo("https://a.test/ok?session_id={CHECKOUT_SESSION_ID}");
        assertThat(Checkout.withSessionId("https://a.test/ok?x=1"))
                .isEqualTo("https://a.test/ok?x=1&session_id={CHECKOUT_SESSION_ID}");
        assertThat(Checkout.withSessionId("https://a.test/ok?x=1#top"))
                .isEqualTo("https://a.test/ok?x=1&session_id={CHECKOUT_SESSION_ID}#top");
    }
}
