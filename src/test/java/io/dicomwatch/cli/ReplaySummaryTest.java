package io.dicomwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.dicomwatch.inventory.Statistics;
import org.junit.jupiter.api.Test;

class ReplaySummaryTest {

    @Test
    void fragmentLinesAbsentWithoutFragments() {
        assertThat(ReplaySummary.fragmentLines(new Statistics())).isEmpty();
    }

    @Test
    void fragmentLinesGiveEachCounter() {
        Statistics statistics = new Statistics();
        statistics.set("packets", "ipFragments", 200_119);
        statistics.set("packets", "ipDatagramsReassembled", 7);
        statistics.set("packets", "ipReassembledMalformed", 1);
        statistics.set("packets", "ipDatagramsTimedOut", 2);
        statistics.set("packets", "ipDatagramsEvicted", 195_905);
        statistics.set("packets", "ipDatagramsDiscardedOverlap", 3);
        statistics.set("packets", "ipDatagramsDiscardedLength", 4);
        statistics.set("packets", "ipDatagramsIncomplete", 4_095);
        statistics.set("packets", "ipFragmentDuplicates", 5);
        statistics.set("packets", "ipFragmentConflicts", 1);
        statistics.set("packets", "ipFragmentsDropped", 6);
        statistics.set("packets", "ipFragmentsTruncated", 8);

        assertThat(ReplaySummary.fragmentLines(statistics)).containsExactly(
                "IP fragments: 7 datagrams reassembled from 200,119 fragments, 1 of them invalid after the IP header.",
                "Datagrams not reassembled: 2 timed out, 195,905 evicted for the memory bounds, 3 discarded for "
                        + "overlapping fragments, 4 for fragments contradicting their length, 4,095 still incomplete "
                        + "at the end.",
                "Fragments not used: 5 duplicates, 1 conflicting duplicate (the first copy kept), 6 malformed, "
                        + "8 cut by the snap length.");
    }

    @Test
    void fragmentLinesOmitEmptyGroups() {
        Statistics statistics = new Statistics();
        statistics.set("packets", "ipFragments", 3);
        statistics.set("packets", "ipDatagramsReassembled", 1);

        assertThat(ReplaySummary.fragmentLines(statistics)).containsExactly(
                "IP fragments: 1 datagram reassembled from 3 fragments, 0 of them invalid after the IP header.");
    }
}
