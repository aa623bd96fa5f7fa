package com.telemed.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;

/** The leak check sees a buffer that was never released, and fails the class that leaked it. */
class NettyLeakCheckTest {

    @AfterEach
    void forget() {
        NettyLeakCheck.clear();
    }

    @Test
    void aBufferNeverReleasedIsReportedAndFailsTheCheck() {
        NettyLeakCheck check = new NettyLeakCheck();
        check.beforeAll(null);
        leakOne();

        assertThat(NettyLeakCheck.reported()).isNotEmpty().allSatisfy(r -> assertThat(r).contains("LEAK"));
        assertThatThrownBy(() -> check.afterAll(null)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("leaked buffers");
    }

    @Test
    void releasedBuffersPassTheCheck() {
        NettyLeakCheck check = new NettyLeakCheck();
        check.beforeAll(null);
        for (int i = 0; i < 100; i++) {
            ByteBuf buffer = PooledByteBufAllocator.DEFAULT.buffer(64);
            buffer.writeInt(i);
            buffer.release();
        }
        check.afterAll(null);
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
    }

    private static void leakOne() {
        ByteBuf leaked = PooledByteBufAllocator.DEFAULT.buffer(64);
        leaked.writeLong(42);
        // dropped without release()
    }
}
