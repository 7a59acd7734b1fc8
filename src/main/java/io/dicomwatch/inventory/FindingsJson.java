package io.dicomwatch.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * Writes and reads the top-level {@code findings} array of the inventory (docs/inventory-json.md).
 * Files written before findings existed have no such array and load with none.
 */
public final class FindingsJson {
    private FindingsJson() {
    }

    /** Writes {@code "findings": [...]} as a field of the open top-level object. */
    public static void write(JsonGenerator json, FindingTable findings) throws IOException {
        json.writeArrayFieldStart("findings");
        for (FindingRecord record : findings.sorted()) {
            writeRecord(json, record);
        }
        json.writeEndArray();
    }

    /** Writes one finding as a JSON object; the event log uses the same form. */
    public static void writeRecord(JsonGenerator json, FindingRecord record) throws IOException {
        json.writeStartObject();
        json.writeStringField("id", record.id());
        json.writeStringField("ruleId", record.ruleId());
        json.writeStringField("severity", record.severity().key());
        json.writeStringField("title", record.title());
        json.writeStringField("asset", record.asset().toString());
        AeTitle title = record.aeTitle();
        if (title == null) {
            json.writeNullField("aeTitle");
        } else {
            json.writeStringField("aeTitle", title.value());
        }
        json.writeBooleanField("aeTitleNonText", title != null && title.nonText());
        if (record.port() == null) {
            json.writeNullField("port");
        } else {
            json.writeNumberField("port", record.port());
        }
        json.writeBooleanField("acknowledged", record.acknowledged());
        json.writeNumberField("count", record.count());
        if (record.seenEmpty()) {
            json.writeNullField("firstSeen");
            json.writeNullField("lastSeen");
        } else {
            json.writeStringField("firstSeen", Timestamps.format(record.firstSeen()));
            json.writeStringField("lastSeen", Timestamps.format(record.lastSeen()));
        }
        writeEvidence(json, record);
        json.writeStringField("recommendation", record.recommendation());
        json.writeEndObject();
    }

    private static void writeEvidence(JsonGenerator json, FindingRecord record) throws IOException {
        json.writeObjectFieldStart("evidence");
        json.writeArrayFieldStart("peers");
        for (String peer : record.peers()) {
            json.writeString(peer);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("aeTitles");
        for (String aeTitle : record.aeTitles()) {
            json.writeString(aeTitle);
        }
        json.writeEndArray();
        json.writeObjectFieldStart("counters");
        for (Map.Entry<String, Long> counter : record.counters().entrySet()) {
            json.writeNumberField(counter.getKey(), counter.getValue());
        }
        json.writeEndObject();
        if (record.example() == null) {
            json.writeNullField("example");
        } else {
            json.writeStringField("example", record.example());
        }
        json.writeNumberField("valuesDropped", record.evidenceDropped());
        json.writeEndObject();
    }

    /**
     * Reads the {@code findings} array into {@code findings}; a missing array reads as empty.
     *
     * @throws IllegalArgumentException naming the field that is missing or invalid
     */
    public static void read(FindingTable findings, JsonNode array) {
        if (array == null || array.isMissingNode() || array.isNull()) {
            return;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException("field 'findings' is not an array");
        }
        for (JsonNode node : array) {
            FindingRecord record = readRecord(node);
            FindingRecord target = findings.findOrCreate(record.id(), record.ruleId(), record.asset(),
                    record.aeTitle(), record.port());
            if (target != null) {
                target.merge(record);
            }
        }
    }

    /** Reads one finding object as written by {@link #writeRecord}. */
    public static FindingRecord readRecord(JsonNode node) {
        String id = text(node, "id");
        JsonNode aeNode = node.get("aeTitle");
        AeTitle title = aeNode == null || aeNode.isNull() ? null
                : new AeTitle(aeNode.asText(), node.path("aeTitleNonText").asBoolean(false));
        JsonNode portNode = node.get("port");
        Integer port = portNode == null || portNode.isNull()
                ? null
                : InventoryJsonReader.boundedInt(portNode, "port", InventoryJsonReader.MAX_PORT, node);
        FindingRecord record = new FindingRecord(id, text(node, "ruleId"), IpAddress.parse(text(node, "asset")),
                title, port);
        record.describe(text(node, "title"), text(node, "recommendation"));
        record.raiseSeverity(FindingSeverity.parse(text(node, "severity")));
        record.setAcknowledged(node.path("acknowledged").asBoolean(false));
        record.addCount(InventoryJsonReader.number(node, "count"));
        for (String field : new String[] {"firstSeen", "lastSeen"}) {
            JsonNode value = node.get(field);
            if (value != null && value.isTextual()) {
                record.touch(Timestamps.parse(value.textValue()));
            }
        }
        JsonNode evidence = node.path("evidence");
        evidence.path("peers").forEach(peer -> record.addPeer(peer.asText()));
        evidence.path("aeTitles").forEach(aeTitle -> record.addAeTitle(aeTitle.asText()));
        Iterator<Map.Entry<String, JsonNode>> counters = evidence.path("counters").fields();
        while (counters.hasNext()) {
            Map.Entry<String, JsonNode> counter = counters.next();
            record.addCounter(counter.getKey(), counter.getValue().asLong());
        }
        JsonNode example = evidence.get("example");
        if (example != null && example.isTextual()) {
            record.offerExample(example.textValue());
        }
        return record;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("finding field '" + name + "' missing or not a string");
        }
        return value.textValue();
    }
}
