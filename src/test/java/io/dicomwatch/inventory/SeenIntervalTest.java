package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeenIntervalTest {
    @Test
    void newIntervalIsEmpty() {
        assertThat(new SeenInterval().isEmpty()).isTrue();
    }

    @Test
    void saturatedTimestampIsNotEmpty() {
        // A pcapng timestamp past 2262 saturates at Long.MAX_VALUE, and Long.MIN_VALUE for a negative offset.
        for (long extreme : new long[] {Long.MAX_VALUE, Long.MIN_VALUE}) {
            SeenInterval seen = new SeenInterval();
            seen.touch(extreme);
            assertThat(seen.isEmpty()).as("touched at %d", extreme).isFalse();
            assertThat(seen.firstSeen).isEqualTo(extreme);
            assertThat(seen.lastSeen).isEqualTo(extreme);
        }
    }

    @Test
    void mergeKeepsSaturatedTimestamp() {
        SeenInterval saturated = new SeenInterval();
        saturated.touch(Long.MAX_VALUE);
        SeenInterval target = new SeenInterval();
        target.merge(saturated);
        assertThat(target.isEmpty()).isFalse();
        assertThat(target.firstSeen).isEqualTo(Long.MAX_VALUE);
        assertThat(target.lastSeen).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void mergeOfEmptyChangesNothing() {
        SeenInterval target = new SeenInterval();
        target.touch(5);
        target.merge(new SeenInterval());
        assertThat(target.firstSeen).isEqualTo(5);
        assertThat(target.lastSeen).isEqualTo(5);
    }
}
