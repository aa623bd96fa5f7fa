package com.telemed.servicekit.crypto;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.env.Environment;

/** Key material for every service; the event seal is built only by services that use it (lazy). */
@AutoConfiguration
public class CryptoAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    CryptoKeys cryptoKeys(Environment env) {
        return new CryptoKeys(env);
    }

    @Bean
    @Lazy
    @ConditionalOnMissingBean
    EventSeal eventSeal(CryptoKeys keys) {
        return new EventSeal(keys.cipher(CryptoKeys.EVENT_SEAL_KEYS));
    }
}
