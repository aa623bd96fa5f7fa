package com.telemed.booking;

import com.telemed.testkit.ServiceConformanceTest;
import com.telemed.testkit.ServiceTest;

@ServiceTest
class BookingServiceConformanceIT extends ServiceConformanceTest {

    @Override
    protected String protectedPath() {
        return "/api/v1/doctor/consultations";
    }
}
