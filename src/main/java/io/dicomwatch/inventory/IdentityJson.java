package io.dicomwatch.inventory;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;

/**
 * JSON of device identification: fingerprint fields of implementations, and the services,
 * equipment, identity and utilisation of entities and the functions of assets (see
 * docs/inventory-json.md). Derived fields (fingerprint matches, identity, functions) are written
 * but never read back: they are recomputed from the stored facts on every export.
 */
final class IdentityJson {
    static final String SOURCE_DATA_SET = "dataSet";
    static final String SOURCE_FINGERPRINT = "fingerprint";

    private IdentityJson() {
    }

    /** Writes {@code product}, {@code vendor} and {@code version} of an implementation entry. */
    static void writeImplementationMatch(JsonGenerator json, Fingerprints fingerprints, Implementation implementation)
            throws IOException {
        Fingerprints.Match match = fingerprints.match(implementation.implementationClassUid(),
                implementation.implementationVersionName());
        writeText(json, "product", match == null ? null : match.product());
        writeText(json, "vendor", match == null ? null : match.vendor());
        writeText(json, "version", match == null ? null : match.version());
    }

    /** Writes {@code services}, {@code equipment}, {@code identity} and {@code utilisation} of an entity. */
    static void writeEntity(JsonGenerator json, Fingerprints fingerprints, ApplicationEntity entity)
            throws IOException {
        EntityIdentity identity = entity.identity;
        json.writeArrayFieldStart("services");
        for (var entry : identity.services.entrySet()) {
            json.writeStartObject();
            json.writeStringField("service", entry.getKey().service());
            json.writeStringField("role", entry.getKey().role());
            json.writeNumberField("associations", entry.getValue().associations);
            json.writeNumberField("requests", entry.getValue().requests);
            json.writeEndObject();
        }
        json.writeEndArray();
        writeEquipment(json, identity);
        writeIdentity(json, fingerprints, entity);
        json.writeObjectFieldStart("utilisation");
        writeRows(json, "hourly", identity.hours);
        writeRows(json, "daily", identity.days);
        json.writeEndObject();
    }

    private static void writeEquipment(JsonGenerator json, EntityIdentity identity) throws IOException {
        json.writeArrayFieldStart("equipment");
        for (var entry : identity.equipment.entrySet()) {
            Equipment equipment = entry.getKey();
            json.writeStartObject();
            writeText(json, "modality", equipment.modality());
            writeText(json, "manufacturer", equipment.manufacturer());
            writeText(json, "manufacturerModelName", equipment.manufacturerModelName());
            writeText(json, "stationName", equipment.stationName());
            writeText(json, "softwareVersions", equipment.softwareVersions());
            writeText(json, "deviceSerialNumber", equipment.deviceSerialNumber());
            writeText(json, "institutionName", equipment.institutionName());
            writeText(json, "institutionalDepartmentName", equipment.institutionalDepartmentName());
            json.writeNumberField("objects", entry.getValue().count);
            writeInterval(json, entry.getValue().seen);
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeIdentity(JsonGenerator json, Fingerprints fingerprints, ApplicationEntity entity)
            throws IOException {
        EquipmentSummary summary = EquipmentSummary.of(entity.identity);
        Fingerprints.Match software = latestMatch(fingerprints, entity);
        json.writeObjectFieldStart("identity");
        if (summary == null) {
            json.writeNullField("equipmentConsistent");
        } else {
            json.writeBooleanField("equipmentConsistent", summary.consistent());
        }
        boolean consistent = summary != null && summary.consistent();
        String fingerprintVendor = software != null && software.kind().equals("vendor") ? software.vendor() : null;
        if (consistent && summary.manufacturer() != null) {
            writeSourced(json, "manufacturer", summary.manufacturer(), SOURCE_DATA_SET);
        } else {
            writeSourced(json, "manufacturer", fingerprintVendor, SOURCE_FINGERPRINT);
        }
        writeSourced(json, "manufacturerModelName", consistent ? summary.manufacturerModelName() : null,
                SOURCE_DATA_SET);
        writeSourced(json, "stationName", consistent ? summary.stationName() : null, SOURCE_DATA_SET);
        writeSourced(json, "deviceSerialNumber", consistent ? summary.deviceSerialNumber() : null, SOURCE_DATA_SET);
        writeSourced(json, "softwareVersions", consistent ? summary.softwareVersions() : null, SOURCE_DATA_SET);
        json.writeArrayFieldStart("modalities");
        if (summary != null) {
            for (String modality : summary.modalities()) {
                json.writeString(modality);
            }
        }
        json.writeEndArray();
        if (software == null || software.product() == null) {
            json.writeNullField("software");
        } else {
            json.writeObjectFieldStart("software");
            json.writeStringField("product", software.product());
            writeText(json, "vendor", software.vendor());
            writeText(json, "version", software.version());
            json.writeStringField("source", SOURCE_FINGERPRINT);
            json.writeEndObject();
        }
        json.writeEndObject();
    }

    /** Returns the fingerprint of the implementation seen last, the one the entity runs now. */
    private static Fingerprints.Match latestMatch(Fingerprints fingerprints, ApplicationEntity entity) {
        Implementation latest = null;
        long latestSeen = Long.MIN_VALUE;
        for (Map.Entry<Implementation, SeenInterval> entry : entity.implementations.entrySet()) {
            if (entry.getValue().lastSeen > latestSeen) {
                latest = entry.getKey();
                latestSeen = entry.getValue().lastSeen;
            }
        }
        return latest == null ? null
                : fingerprints.match(latest.implementationClassUid(), latest.implementationVersionName());
    }

    private static void writeSourced(JsonGenerator json, String name, String value, String source)
            throws IOException {
        if (value == null) {
            json.writeNullField(name);
            return;
        }
        json.writeObjectFieldStart(name);
        json.writeStringField("value", value);
        json.writeStringField("source", source);
        json.writeEndObject();
    }

    private static void writeRows(JsonGenerator json, String name, TreeMap<Long, UsageRow> rows) throws IOException {
        json.writeArrayFieldStart(name);
        for (var entry : rows.entrySet()) {
            UsageRow row = entry.getValue();
            json.writeStartObject();
            json.writeStringField("start", Timestamps.format(entry.getKey()));
            json.writeNumberField("associations", row.associations);
            json.writeNumberField("objectsStored", row.objectsStored);
            json.writeNumberField("bytes", row.bytes);
            json.writeNumberField("studies", row.studies());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Writes {@code functions} of an asset. */
    static void writeFunctions(JsonGenerator json, Asset asset) throws IOException {
        SortedMap<String, SortedSet<String>> functions = FunctionInference.infer(asset);
        json.writeArrayFieldStart("functions");
        for (var entry : functions.entrySet()) {
            json.writeStartObject();
            json.writeStringField("function", entry.getKey());
            json.writeArrayFieldStart("evidence");
            for (String line : entry.getValue()) {
                json.writeString(line);
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeInterval(JsonGenerator json, SeenInterval seen) throws IOException {
        if (seen.isEmpty()) {
            json.writeNullField("firstSeen");
            json.writeNullField("lastSeen");
            return;
        }
        json.writeStringField("firstSeen", Timestamps.format(seen.firstSeen));
        json.writeStringField("lastSeen", Timestamps.format(seen.lastSeen));
    }

    private static void writeText(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    /** Reads the stored facts of an entity written by {@link #writeEntity}; absent fields read as empty. */
    static void readEntity(JsonNode node, ApplicationEntity entity, int cap, Overflow overflow) {
        EntityIdentity identity = entity.identity;
        for (JsonNode service : node.path("services")) {
            ServiceUse use = new ServiceUse(text(service, "service"), text(service, "role"));
            if (use.service() == null || use.role() == null) {
                throw new IllegalArgumentException("service entry needs 'service' and 'role': " + service);
            }
            EntityIdentity.ServiceCounts counts = identity.service(use);
            counts.associations += service.path("associations").asLong();
            counts.requests += service.path("requests").asLong();
        }
        for (JsonNode item : node.path("equipment")) {
            Equipment equipment = new Equipment(text(item, "modality"), text(item, "manufacturer"),
                    text(item, "manufacturerModelName"), text(item, "stationName"), text(item, "softwareVersions"),
                    text(item, "deviceSerialNumber"), text(item, "institutionName"),
                    text(item, "institutionalDepartmentName"));
            EntityIdentity loaded = new EntityIdentity();
            EntityIdentity.CountedInterval counted = new EntityIdentity.CountedInterval();
            counted.count = item.path("objects").asLong();
            readInterval(counted.seen, item);
            loaded.equipment.put(equipment, counted);
            identity.merge(loaded, cap, overflow);
        }
        readRows(node.path("utilisation").path("hourly"), identity.hours);
        readRows(node.path("utilisation").path("daily"), identity.days);
    }

    private static void readRows(JsonNode rows, TreeMap<Long, UsageRow> into) {
        for (JsonNode item : rows) {
            String start = text(item, "start");
            if (start == null) {
                throw new IllegalArgumentException("utilisation row needs 'start': " + item);
            }
            UsageRow row = into.computeIfAbsent(Timestamps.parse(start), ignored -> new UsageRow());
            row.associations += item.path("associations").asLong();
            row.objectsStored += item.path("objectsStored").asLong();
            row.bytes += item.path("bytes").asLong();
            row.loadedStudies = Math.max(row.loadedStudies, item.path("studies").asLong());
        }
    }

    private static void readInterval(SeenInterval seen, JsonNode node) {
        String first = text(node, "firstSeen");
        String last = text(node, "lastSeen");
        if (first != null) {
            seen.touch(Timestamps.parse(first));
        }
        if (last != null) {
            seen.touch(Timestamps.parse(last));
        }
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        return value == null || !value.isTextual() ? null : value.textValue();
    }
}
