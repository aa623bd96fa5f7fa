package com.telemed.payment;

import com.telemed.testkit.ServiceConformanceTest;
import com.telemed.testkit.ServiceTest;

@ServiceTest
class PaymentServiceConformanceIT extends ServiceConformanceTest {

    @Override
    protected String protectedPath() {
        return "/api/v1/payments/doctor/payments";
    }
}
