package com.telemed.video;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** Jitsi rooms for consultations: who may join, when, and whether they came. */
@SpringBootApplication
@EnableConfigurationProperties(VideoProperties.class)
public class VideoServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(VideoServiceApplication.class, args);
    }
}
