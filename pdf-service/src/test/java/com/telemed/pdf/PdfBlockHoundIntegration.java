package com.telemed.pdf;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/** pdf-service's harmless blocking calls on event-loop threads, beside the test kit's list. */
public class PdfBlockHoundIntegration implements BlockHoundIntegration {

    @Override
    public void applyTo(BlockHound.Builder builder) {
        // resilience4j's circuit breaker counts outcomes under a lock held for a few instructions (no I/O); two
        // calls to one owner finishing at the same instant wait on it for as long.
        builder.allowBlockingCallsInside("io.github.resilience4j.core.metrics.FixedSizeSlidingWindowMetrics",
                "record");
        // Netty's adaptive buffer allocator grows its pools under a short lock of its own; documents of hundreds of
        // kilobytes make it grow more often than JSON answers do, so two event loops may meet there.
        builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$MagazineGroup",
                "tryExpandMagazines");
    }
}
