package com.telemed.outbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
class OutboxTestApplication {
}
