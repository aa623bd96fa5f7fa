package com.telemed.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/**
 * Fails a test class when Netty reports a leaked buffer. Leak detection runs at {@code PARANOID} (every buffer is
 * tracked); Netty reports a leak through its logger once the garbage collector has found a buffer that was never
 * released, so after each class the check collects garbage and allocates a few buffers to have pending reports
 * written, then fails if any were.
 */
public final class NettyLeakCheck implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final String APPENDER = "telemed-leak-check";
    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();

    @Override
    public void beforeAll(ExtensionContext context) {
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        listen();
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        // Spring Boot resets the logging configuration when a context starts: listen again if it did.
        listen();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        listen();
        provokeReports();
        if (!LEAKS.isEmpty()) {
            String report = String.join("\n\n", LEAKS);
            LEAKS.clear();
            throw new AssertionError("Netty reported leaked buffers (a ByteBuf that was never released):\n" + report);
        }
    }

    /** Leak reports waiting for this JVM so far (the check clears them when it fails a class). */
    public static List<String> reported() {
        listen();
        provokeReports();
        return List.copyOf(LEAKS);
    }

    static void clear() {
        LEAKS.clear();
    }

    private static synchronized void listen() {
        Logger logger = (Logger) LoggerFactory.getLogger(ResourceLeakDetector.class);
        if (logger.getAppender(APPENDER) != null) {
            return;
        }
        AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
            @Override
            protected void append(ILoggingEvent event) {
                if (event.getLevel().isGreaterOrEqual(Level.ERROR) && event.getFormattedMessage().contains("LEAK")) {
                    LEAKS.add(event.getFormattedMessage());
                }
            }
        };
        appender.setName(APPENDER);
        appender.setContext(logger.getLoggerContext());
        appender.start();
        logger.addAppender(appender);
    }

    /** Buffers found unreachable are reported on the next allocations. */
    private static void provokeReports() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int i = 0; i < 8; i++) {
                ByteBuf pooled = PooledByteBufAllocator.DEFAULT.buffer(16);
                pooled.release();
                ByteBuf unpooled = UnpooledByteBufAllocator.DEFAULT.buffer(16);
                unpooled.release();
            }
        }
    }
}
