package com.telemed.testkit;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Known, harmless blocking calls of libraries on non-blocking threads, allowed so that BlockHound reports only
 * ours. Each entry says why it is safe.
 */
public class TelemedBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // Reading the entropy pool once per UUID is a short, bounded read of /dev/urandom.
        builder.allowBlockingCallsInside("java.util.UUID", "randomUUID");
        // Logback appenders write to the console under a lock; tests log from every thread.
        builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "writeBytes");
        builder.allowBlockingCallsInside("ch.qos.logback.core.OutputStreamAppender", "subAppend");
        // Netty's adaptive buffer allocator frees a magazine under a write lock that its event loops hold only for
        // a moment; under contention the lock parks briefly. Flagged, it broke an R2DBC connection mid-statement.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup", "free");
    }
}
