package com.telemed.webkit.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

class LevelCheckedLogFactoryTest {

    /** A message that counts how often it is turned into text. */
    private static final class CountingMessage {
        final AtomicInteger rendered = new AtomicInteger();

        @Override
        public String toString() {
            rendered.incrementAndGet();
            return "message";
        }
    }

    @Test
    void commonsLoggingPicksTheLevelCheckedFactory() {
        assertThat(LogFactory.getFactory()).isInstanceOf(LevelCheckedLogFactory.class);
        assertThat(LogFactory.getLog("level-checked.info")).isInstanceOf(LevelCheckedLog.class);
    }

    @Test
    void aMessageBelowTheLevelIsNeverRendered() {
        Log log = LogFactory.getLog("level-checked.info");
        CountingMessage message = new CountingMessage();

        log.trace(message);
        log.debug(message);
        log.debug(message, new IllegalStateException("ignored"));

        assertThat(log.isDebugEnabled()).isFalse();
        assertThat(message.rendered).hasValue(0);
    }

    @Test
    void aMessageAtAnEnabledLevelIsStillLogged() {
        Log log = LogFactory.getLog("level-checked.info");
        CountingMessage message = new CountingMessage();

        log.info(message);
        log.warn(message);

        assertThat(log.isInfoEnabled()).isTrue();
        assertThat(message.rendered).hasValue(2);
    }
}
