package io.dicomwatch.sensor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ShutdownSignalsTest {
    @Test
    void firstSignalRequestsStop() {
        List<String> stops = new ArrayList<>();
        AtomicInteger halts = new AtomicInteger();
        ShutdownSignals.Handler handler = new ShutdownSignals.Handler(stops::add, halts::incrementAndGet);
        handler.handle("SIGTERM");
        assertThat(stops).containsExactly("SIGTERM");
        assertThat(halts.get()).isZero();
    }

    @Test
    void secondSignalHalts() {
        List<String> stops = new ArrayList<>();
        AtomicInteger halts = new AtomicInteger();
        ShutdownSignals.Handler handler = new ShutdownSignals.Handler(stops::add, halts::incrementAndGet);
        handler.handle("SIGTERM");
        handler.handle("SIGINT");
        assertThat(stops).containsExactly("SIGTERM");
        assertThat(halts.get()).isEqualTo(1);
    }
}
