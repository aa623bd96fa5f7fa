package com.telemed.notification;

import org.junit.jupiter.api.Test;

import com.telemed.testkit.ServiceConformanceTest;
import com.telemed.testkit.ServiceTest;

@ServiceTest
class NotificationServiceConformanceIT extends ServiceConformanceTest {

    @Override
    protected String protectedPath() {
        return "/api/v1/admin/notifications";
    }

    @Test
    void theDevMailboxIsNotThereOutsideLocalMode() {
        web.get().uri("/dev/mailbox").exchange().expectStatus().isNotFound();
        web.get().uri("/dev/mailbox/api/messages?to=someone@example.test").exchange().expectStatus().isNotFound();
        web.get().uri("/dev/mailbox/messages/1").exchange().expectStatus().isNotFound();
    }
}
