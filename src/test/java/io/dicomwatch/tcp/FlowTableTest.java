package io.dicomwatch.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlowTableTest {
    private static final int CONNECTIONS = 3_000;

    private static Wire wireWithoutTombstones() {
        ReassemblyConfig defaults = ReassemblyConfig.DEFAULTS;
        return new Wire(new ReassemblyConfig(defaults.maxConnections(), defaults.maxBufferedBytes(),
                defaults.windowBytes(), defaults.maxBufferedSegments(), defaults.idleTimeoutNanos(), 0,
                defaults.holeTimeoutNanos()));
    }

    @Test
    void lookupSurvivesGrowthAndRemoval() {
        Wire wire = wireWithoutTombstones();
        for (int i = 0; i < CONNECTIONS; i++) {
            wire.from("10.1." + (i / 250) + "." + (i % 250), 40000 + i, "10.0.0.8", 104).seq(1).data("a").send();
        }
        for (int i = 0; i < CONNECTIONS; i += 2) {
            wire.from("10.1." + (i / 250) + "." + (i % 250), 40000 + i, "10.0.0.8", 104).rst().seq(2).send();
        }
        for (int i = 1; i < CONNECTIONS; i += 2) {
            wire.from("10.0.0.8", 104, "10.1." + (i / 250) + "." + (i % 250), 40000 + i).seq(1).data("b").send();
        }

        assertThat(wire.recorder.streams).hasSize(CONNECTIONS);
        for (int i = 1; i < CONNECTIONS; i += 2) {
            assertThat(wire.recorder.get(i).serverText()).as("connection %d", i).isEqualTo("b");
        }
        assertThat(wire.reassembler.stats().openConnections).isEqualTo(CONNECTIONS / 2);
    }

    @Test
    void removedFlowOpensAgain() {
        Wire wire = wireWithoutTombstones();
        wire.client().seq(1).data("a").send();
        wire.client().rst().seq(2).send();
        wire.client().seq(2).data("b").send();

        assertThat(wire.recorder.streams).hasSize(2);
    }

    @Test
    void addressFamiliesDoNotMix() {
        Wire wire = new Wire();
        wire.from("10.0.0.1", 40000, "10.0.0.2", 104).seq(1).data("v4").send();
        wire.from("::a00:1", 40000, "::a00:2", 104).seq(1).data("v6").send();

        assertThat(wire.recorder.streams).hasSize(2);
    }

    @Test
    void portsAreDistinguished() {
        Wire wire = new Wire();
        wire.from("10.0.0.1", 40000, "10.0.0.2", 104).seq(1).data("a").send();
        wire.from("10.0.0.1", 104, "10.0.0.2", 40000).seq(1).data("b").send();

        assertThat(wire.recorder.streams).hasSize(2);
    }
}
