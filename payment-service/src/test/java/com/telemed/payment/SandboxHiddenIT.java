package com.telemed.payment;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.telemed.testkit.ServiceTest;

/** Outside local mode the sandbox checkout page does not exist, even without a Stripe key. */
@ServiceTest
class SandboxHiddenIT {

    @Autowired
    WebTestClient web;

    @Test
    void theSandboxPageIsNotFoundOutsideLocalMode() {
        web.get().uri("/dev/checkout/cs_test_sandbox_anything").exchange().expectStatus().isNotFound();
        web.post().uri("/dev/checkout/cs_test_sandbox_anything/pay").exchange().expectStatus().isNotFound();
    }
}
