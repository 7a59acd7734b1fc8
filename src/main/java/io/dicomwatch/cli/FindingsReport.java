package io.dicomwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingSeverity;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The readable summary of an inventory file: assets, services, exposures and findings by severity. */
final class FindingsReport {
    private static final List<String> EXPOSURE_RULES = List.of("exposure.inbound-from-outside",
            "exposure.outbound-to-outside", "boundary.cleartext-dicom", "boundary.peer-outside-vpn",
            "policy.peer-not-allowed");

    private FindingsReport() {
    }

    /** Prints one line such as "Findings: 3 (1 high, 2 medium), 1 acknowledged." after a replay. */
    static void printCounts(PrintWriter out, List<FindingRecord> findings) {
        Map<FindingSeverity, Integer> counts = new EnumMap<>(FindingSeverity.class);
        int acknowledged = 0;
        for (FindingRecord finding : findings) {
            if (finding.acknowledged()) {
                acknowledged++;
            } else {
                counts.merge(finding.severity(), 1, Integer::sum);
            }
        }
        out.printf(Locale.ROOT, "Findings: %d (%s), %d acknowledged.%n", findings.size() - acknowledged,
                severityText(counts), acknowledged);
        out.flush();
    }

    private static String severityText(Map<FindingSeverity, Integer> counts) {
        List<String> parts = new ArrayList<>();
        FindingSeverity[] order = FindingSeverity.values();
        for (int i = order.length - 1; i >= 0; i--) {
            parts.add(counts.getOrDefault(order[i], 0) + " " + order[i].key());
        }
        return String.join(", ", parts);
    }

    /** Writes the whole report of an inventory document. */
    static void write(JsonNode inventory, ReportFormat format) {
        JsonNode findings = inventory.path("findings");
        format.begin("dicomwatch report");
        JsonNode capture = inventory.path("capture");
        format.paragraph("Capture from " + capture.path("firstPacket").asText("unknown") + " to "
                + capture.path("lastPacket").asText("unknown") + ".");
        writeOverview(inventory, findings, format);
        writeServices(inventory, findings, format);
        writeFindings("Exposures", findings, format, true);
        writeFindings("All findings", findings, format, false);
        format.end();
    }

    private static void writeOverview(JsonNode inventory, JsonNode findings, ReportFormat format) {
        format.heading("Overview");
        Map<FindingSeverity, Integer> counts = new EnumMap<>(FindingSeverity.class);
        int acknowledged = 0;
        for (JsonNode finding : findings) {
            if (finding.path("acknowledged").asBoolean()) {
                acknowledged++;
            } else {
                counts.merge(FindingSeverity.parse(finding.path("severity").asText("info")), 1, Integer::sum);
            }
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("Assets (IP addresses)", String.valueOf(inventory.path("assets").size())));
        rows.add(List.of("DICOM services (SCP)", String.valueOf(scpRows(inventory).size())));
        rows.add(List.of("Association rows", String.valueOf(inventory.path("associations").size())));
        FindingSeverity[] order = FindingSeverity.values();
        for (int i = order.length - 1; i >= 0; i--) {
            rows.add(List.of("Findings: " + order[i].key(), String.valueOf(counts.getOrDefault(order[i], 0))));
        }
        rows.add(List.of("Findings: acknowledged", String.valueOf(acknowledged)));
        format.table(List.of("What", "Count"), rows);
    }

    private static List<List<String>> scpRows(JsonNode inventory) {
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode asset : inventory.path("assets")) {
            for (JsonNode entity : asset.path("applicationEntities")) {
                if ("SCP".equals(entity.path("role").asText())) {
                    rows.add(List.of(asset.path("ip").asText(), entity.path("port").asText(),
                            title(entity.path("aeTitle")), "cleartext", entity.path("associations").asText()));
                }
            }
        }
        return rows;
    }

    private static void writeServices(JsonNode inventory, JsonNode findings, ReportFormat format) {
        format.heading("DICOM services");
        List<List<String>> rows = scpRows(inventory);
        for (JsonNode finding : findings) {
            if ("service.dicom-tls".equals(finding.path("ruleId").asText())) {
                rows.add(List.of(finding.path("asset").asText(), finding.path("port").asText(), "(encrypted)",
                        "DICOM TLS", finding.path("count").asText()));
            }
        }
        if (rows.isEmpty()) {
            format.paragraph("No DICOM service was seen.");
            return;
        }
        format.table(List.of("Address", "Port", "AE title", "Transport", "Associations or connections"), rows);
    }

    private static void writeFindings(String heading, JsonNode findings, ReportFormat format, boolean exposuresOnly) {
        format.heading(heading);
        List<List<String>> rows = new ArrayList<>();
        for (JsonNode finding : findings) {
            if (exposuresOnly && !EXPOSURE_RULES.contains(finding.path("ruleId").asText())) {
                continue;
            }
            String severity = finding.path("severity").asText();
            if (finding.path("acknowledged").asBoolean()) {
                severity += " (acknowledged)";
            }
            JsonNode evidence = finding.path("evidence");
            rows.add(List.of(severity, finding.path("title").asText(), finding.path("asset").asText(),
                    title(finding.path("aeTitle")), finding.path("port").isNull() ? "" : finding.path("port").asText(),
                    String.join(" ", texts(evidence.path("peers"))), finding.path("count").asText(),
                    finding.path("recommendation").asText(), finding.path("id").asText()));
        }
        if (rows.isEmpty()) {
            format.paragraph(exposuresOnly ? "No exposure was found." : "No finding was raised.");
            return;
        }
        format.table(List.of("Severity", "Finding", "Asset", "AE title", "Port", "Peers", "Count", "Recommendation",
                "Id"), rows);
    }

    private static String title(JsonNode node) {
        return node.isNull() || node.isMissingNode() ? "" : node.asText();
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        int shown = 0;
        for (JsonNode value : array) {
            if (shown++ == 5) {
                values.add("(" + (array.size() - 5) + " more)");
                break;
            }
            values.add(value.asText());
        }
        return values;
    }
}
