package com.telemed.auth;

import com.telemed.testkit.ServiceConformanceTest;
import com.telemed.testkit.ServiceTest;

@ServiceTest
class AuthServiceConformanceIT extends ServiceConformanceTest {

    @Override
    protected String protectedPath() {
        return "/api/v1/auth/me";
    }
}
