package com.telemed.notification;

import com.telemed.testkit.ServiceConformanceTest;
import com.telemed.testkit.ServiceTest;

@ServiceTest
class NotificationServiceConformanceIT extends ServiceConformanceTest {

    @Override
    protected String protectedPath() {
        return "/api/v1/admin/notifications";
    }
}
