package io.dicomwatch.cli;

import io.dicomwatch.dicom.DicomStats;
import io.dicomwatch.inventory.Asset;
import io.dicomwatch.inventory.AssociationRecord;
import io.dicomwatch.inventory.Inventory;
import io.dicomwatch.inventory.Statistics;
import io.dicomwatch.pipeline.Pipeline;
import io.dicomwatch.pipeline.ReplayResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The short summary a replay prints on standard output for people. */
final class ReplaySummary {
    private ReplaySummary() {
    }

    static void print(PrintWriter out, Pipeline pipeline, ReplayResult result, Path output, boolean merged) {
        Inventory inventory = pipeline.inventory();
        Statistics statistics = inventory.statistics();
        DicomStats dicom = pipeline.dicomStats();
        List<Asset> assets = inventory.assets();
        List<AssociationRecord> associations = inventory.associations();
        int entities = assets.stream().mapToInt(asset -> asset.applicationEntities().size()).sum();
        long requested = associations.stream().mapToLong(AssociationRecord::requested).sum();
        long accepted = associations.stream().mapToLong(AssociationRecord::accepted).sum();
        long rejected = associations.stream().mapToLong(AssociationRecord::rejected).sum();
        double seconds = result.elapsedNanos() / 1e9;

        out.printf(Locale.ROOT, "Read %s (%s) in %.2f s.%n", plural(result.frames(), "packet"),
                Sizes.format(result.bytesRead()), seconds);
        out.printf(Locale.ROOT, "%s: %s, %s, %s (%d requested, %d accepted, %d rejected).%n",
                merged ? "Merged inventory" : "Inventory", plural(assets.size(), "asset"),
                plural(entities, "application entity", "application entities"),
                plural(associations.size(), "association row"), requested, accepted, rejected);
        if (dicom.midStreamAssociations > 0) {
            out.printf(Locale.ROOT, "This capture joined %s already under way.%n",
                    plural(dicom.midStreamAssociations, "association"));
        }
        out.printf(Locale.ROOT, "Skipped: %,d non-TCP packets, %,d truncated packets; "
                + "%,d DICOM protocol anomalies, %,d reassembly gaps.%n",
                nonTcpPackets(statistics), statistics.get("packets", "truncated"), dicom.totalAnomalies(), dicom.gaps);
        for (String line : fragmentLines(statistics)) {
            out.println(line);
        }
        long unsupported = statistics.get("packets", "unsupportedLinkType");
        if (unsupported > 0) {
            out.printf(Locale.ROOT, "Not decoded: %s of a link type dicomwatch does not read "
                    + "(see the capture's link type with capinfos or tcpdump -r).%n", plural(unsupported, "packet"));
        }
        long skippedRecords = statistics.get("packets", "skippedRecords");
        if (skippedRecords > 0) {
            out.printf(Locale.ROOT, "Not read: %s that the capture file itself describes wrongly.%n",
                    plural(skippedRecords, "packet record"));
        }
        if (inventory.overflow().total() > 0) {
            out.printf(Locale.ROOT, "Overflow: %s over the inventory caps counted, not stored.%n",
                    plural(inventory.overflow().total(), "entry", "entries"));
        }
        out.printf("Wrote %s%n", output);
        out.flush();
    }

    static String plural(long count, String singular) {
        return plural(count, singular, singular + "s");
    }

    static String plural(long count, String singular, String pluralForm) {
        return String.format(Locale.ROOT, "%,d %s", count, count == 1 ? singular : pluralForm);
    }

    /**
     * Returns the lines on IP fragment reassembly, none for a capture without fragments. Each number
     * is one counter of {@code statistics.packets}, named in docs/inventory-json.md, so the lines
     * and the JSON agree.
     */
    static List<String> fragmentLines(Statistics statistics) {
        long fragments = packets(statistics, "ipFragments");
        if (fragments == 0) {
            return List.of();
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "IP fragments: %s reassembled from %s, %,d of them invalid after the "
                + "IP header.", plural(packets(statistics, "ipDatagramsReassembled"), "datagram"),
                plural(fragments, "fragment"), packets(statistics, "ipReassembledMalformed")));

        long timedOut = packets(statistics, "ipDatagramsTimedOut");
        long evicted = packets(statistics, "ipDatagramsEvicted");
        long overlap = packets(statistics, "ipDatagramsDiscardedOverlap");
        long length = packets(statistics, "ipDatagramsDiscardedLength");
        long incomplete = packets(statistics, "ipDatagramsIncomplete");
        if (timedOut + evicted + overlap + length + incomplete > 0) {
            lines.add(String.format(Locale.ROOT, "Datagrams not reassembled: %,d timed out, %,d evicted for the memory "
                    + "bounds, %,d discarded for overlapping fragments, %,d for fragments contradicting their "
                    + "length, %,d still incomplete at the end.", timedOut, evicted, overlap, length, incomplete));
        }

        long duplicates = packets(statistics, "ipFragmentDuplicates");
        long conflicts = packets(statistics, "ipFragmentConflicts");
        long dropped = packets(statistics, "ipFragmentsDropped");
        long truncated = packets(statistics, "ipFragmentsTruncated");
        if (duplicates + conflicts + dropped + truncated > 0) {
            lines.add(String.format(Locale.ROOT, "Fragments not used: %s, %s (the first copy kept), %,d malformed, "
                    + "%,d cut by the snap length.", plural(duplicates, "duplicate"),
                    plural(conflicts, "conflicting duplicate"), dropped, truncated));
        }
        return lines;
    }

    private static long packets(Statistics statistics, String counter) {
        return statistics.get("packets", counter);
    }

    private static long nonTcpPackets(Statistics statistics) {
        return statistics.get("packets", "nonIp") + statistics.get("packets", "udp")
                + statistics.get("packets", "icmp") + statistics.get("packets", "otherIp");
    }
}
