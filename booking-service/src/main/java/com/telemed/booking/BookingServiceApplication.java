package com.telemed.booking;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Doctors directory, availability, patients and consultations. */
@SpringBootApplication
@EnableConfigurationProperties({ BookingProperties.class, CaptchaProperties.class })
public class BookingServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(BookingServiceApplication.class, args);
    }
}
