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
import java.util.List;
import java.util.Locale;

/** The short summary a replay prints on standard output for people. */
final class ReplaySummary {
    private ReplaySummary() {
    }

    static void print(PrintWriter out, Pipeline pipeline, ReplayResult result, Path output) {
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

        out.printf(Locale.ROOT, "Read %,d packets (%s) in %.2f s.%n", result.frames(), Sizes.format(result.bytesRead()),
                seconds);
        out.printf(Locale.ROOT, "Inventory: %d assets, %d application entities, %d association rows "
                + "(%d requested, %d accepted, %d rejected, %d joined mid-stream).%n", assets.size(), entities,
                associations.size(), requested, accepted, rejected, dicom.midStreamAssociations);
        out.printf(Locale.ROOT, "Skipped: %,d non-TCP packets, %,d IP fragments, %,d truncated packets; "
                + "%,d DICOM protocol anomalies, %,d reassembly gaps.%n",
                nonTcpPackets(statistics), statistics.get("packets", "ipFragments"),
                statistics.get("packets", "truncated"), dicom.totalAnomalies(), dicom.gaps);
        if (inventory.overflow().total() > 0) {
            out.printf(Locale.ROOT, "Overflow: %,d entries over the inventory caps were counted, not stored.%n",
                    inventory.overflow().total());
        }
        out.printf("Wrote %s%n", output);
        out.flush();
    }

    private static long nonTcpPackets(Statistics statistics) {
        return statistics.get("packets", "nonIp") + statistics.get("packets", "udp")
                + statistics.get("packets", "icmp") + statistics.get("packets", "otherIp");
    }
}
