package io.dicomwatch.inventory;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.JsonGeneratorDelegate;
import io.dicomwatch.dicom.AeTitle;
import io.dicomwatch.dicom.UidDictionary;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;

/**
 * Writes the inventory as JSON, documented in docs/inventory-json.md and docs/inventory.schema.json.
 *
 * <p>The output depends only on the inventory: no wall clock, host name or path; assets,
 * entities and associations sorted; every field written, null included; timestamps of fixed
 * width; IPv6 in RFC 5952 form. The same capture therefore gives byte-identical files.
 */
public final class InventoryJsonWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final String generatorVersion;

    public InventoryJsonWriter(String generatorVersion) {
        this.generatorVersion = generatorVersion;
    }

    /**
     * Writes every count at most {@link InventoryJsonReader#MAX_COUNT}, the largest that the reader
     * accepts, so repeated merges saturate there instead of writing a file that the next merge
     * rejects.
     */
    private static final class CountCeiling extends JsonGeneratorDelegate {
        CountCeiling(JsonGenerator json) {
            super(json, false);
        }

        @Override
        public void writeNumber(long value) throws IOException {
            super.writeNumber(Math.min(value, InventoryJsonReader.MAX_COUNT));
        }
    }

    /** Replaces {@code target} atomically with the inventory. */
    public void writeAtomically(Inventory inventory, Path target) throws IOException {
        AtomicFiles.write(target, out -> write(inventory, out));
    }

    public void write(Inventory inventory, OutputStream out) throws IOException {
        try (JsonGenerator json = new CountCeiling(FACTORY.createGenerator(out, JsonEncoding.UTF8))) {
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withArrayIndenter(new DefaultIndenter("  ", "\n"));
            json.setPrettyPrinter(printer);
            json.writeStartObject();
            json.writeNumberField("schemaVersion", Inventory.SCHEMA_VERSION);
            json.writeObjectFieldStart("generator");
            json.writeStringField("name", "dicomwatch");
            json.writeStringField("version", generatorVersion);
            json.writeEndObject();
            json.writeObjectFieldStart("capture");
            writeInterval(json, "firstPacket", "lastPacket", inventory.capture);
            json.writeEndObject();
            json.writeArrayFieldStart("assets");
            for (Asset asset : inventory.assets()) {
                writeAsset(json, inventory, asset);
            }
            json.writeEndArray();
            json.writeArrayFieldStart("associations");
            for (AssociationRecord record : inventory.associations()) {
                writeAssociation(json, record);
            }
            json.writeEndArray();
            FindingsJson.write(json, inventory.findings());
            writeOverflow(json, inventory.overflow());
            writeStatistics(json, inventory.statistics());
            json.writeEndObject();
            json.writeRaw('\n');
        }
    }

    private static void writeInterval(JsonGenerator json, String firstName, String lastName, SeenInterval seen)
            throws IOException {
        if (seen.isEmpty()) {
            json.writeNullField(firstName);
            json.writeNullField(lastName);
            return;
        }
        json.writeStringField(firstName, Timestamps.format(seen.firstSeen));
        json.writeStringField(lastName, Timestamps.format(seen.lastSeen));
    }

    private static void writeAsset(JsonGenerator json, Inventory inventory, Asset asset) throws IOException {
        json.writeStartObject();
        json.writeStringField("ip", asset.ip().toString());
        json.writeArrayFieldStart("macAddresses");
        for (long mac : asset.macAddresses.values()) {
            json.writeString(MacAddresses.format(mac));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("routerMacAddresses");
        for (long mac : asset.macAddresses.values()) {
            if (inventory.isRouterMac(mac)) {
                json.writeString(MacAddresses.format(mac));
            }
        }
        json.writeEndArray();
        json.writeArrayFieldStart("vlanIds");
        for (int vlan : asset.vlanIds.values()) {
            json.writeNumber(vlan);
        }
        json.writeEndArray();
        writeInterval(json, "firstSeen", "lastSeen", asset.seen);
        json.writeBooleanField("stale", inventory.isStale(asset));
        json.writeArrayFieldStart("applicationEntities");
        for (ApplicationEntity entity : asset.entities.values()) {
            writeEntity(json, inventory.identitySettings().fingerprintsOrBundled(), entity);
        }
        json.writeEndArray();
        IdentityJson.writeFunctions(json, asset);
        json.writeEndObject();
    }

    private static void writeEntity(JsonGenerator json, Fingerprints fingerprints, ApplicationEntity entity)
            throws IOException {
        EntityKey key = entity.key();
        json.writeStartObject();
        writeTitle(json, "aeTitle", key.aeTitle());
        json.writeStringField("role", key.role().name());
        if (key.port() == null) {
            json.writeNullField("port");
        } else {
            json.writeNumberField("port", key.port());
        }
        json.writeNumberField("associations", entity.associations);
        writeInterval(json, "firstSeen", "lastSeen", entity.seen);
        json.writeArrayFieldStart("implementations");
        for (Map.Entry<Implementation, SeenInterval> entry : entity.implementations.entrySet()) {
            json.writeStartObject();
            writeNullableString(json, "implementationClassUid", entry.getKey().implementationClassUid());
            writeNullableString(json, "implementationVersionName", entry.getKey().implementationVersionName());
            IdentityJson.writeImplementationMatch(json, fingerprints, entry.getKey());
            writeInterval(json, "firstSeen", "lastSeen", entry.getValue());
            json.writeEndObject();
        }
        json.writeEndArray();
        writeUids(json, "sopClasses", entity.sopClasses);
        writeUids(json, "transferSyntaxes", entity.transferSyntaxes);
        IdentityJson.writeEntity(json, fingerprints, entity);
        json.writeEndObject();
    }

    private static void writeUids(JsonGenerator json, String name, BoundedSet<String> uids) throws IOException {
        json.writeArrayFieldStart(name);
        for (String uid : uids.values()) {
            json.writeStartObject();
            json.writeStringField("uid", uid);
            writeNullableString(json, "name", UidDictionary.name(uid));
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    private static void writeTitle(JsonGenerator json, String name, AeTitle title) throws IOException {
        writeNullableString(json, name, title == null ? null : title.value());
        json.writeBooleanField(name + "NonText", title != null && title.nonText());
    }

    private static void writeNullableString(JsonGenerator json, String name, String value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value);
        }
    }

    private static void writeAssociation(JsonGenerator json, AssociationRecord record) throws IOException {
        AssociationKey key = record.key();
        json.writeStartObject();
        json.writeStringField("clientIp", key.clientIp().toString());
        writeTitle(json, "callingAeTitle", key.callingAeTitle());
        json.writeStringField("serverIp", key.serverIp().toString());
        json.writeNumberField("serverPort", key.serverPort());
        writeTitle(json, "calledAeTitle", key.calledAeTitle());
        json.writeBooleanField("midStream", record.midStream());

        json.writeNumberField("requested", record.requested);
        json.writeNumberField("accepted", record.accepted);
        json.writeNumberField("rejected", record.rejected);
        json.writeNumberField("released", record.released);
        json.writeNumberField("aborted", record.aborted);
        json.writeNumberField("closedWithoutRelease", record.closedWithoutRelease);
        json.writeNumberField("joinedMidStream", record.joinedMidStream);

        writeCounts(json, "rejectReasons", record.rejectReasons.view());
        writeCounts(json, "abortReasons", record.abortReasons.view());
        writeCounts(json, "operations", record.operations.view());
        json.writeObjectFieldStart("statuses");
        for (String category : AssociationRecord.STATUS_KEYS) {
            json.writeNumberField(category, record.statuses.get(category));
        }
        json.writeEndObject();
        json.writeArrayFieldStart("userIdentities");
        for (UserIdentitySummary identity : record.userIdentities.values()) {
            json.writeStartObject();
            json.writeStringField("type", identity.type());
            json.writeBooleanField("usernamePresent", identity.usernamePresent());
            json.writeBooleanField("positiveResponseRequested", identity.positiveResponseRequested());
            writeNullableString(json, "username", identity.username());
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeNumberField("bytesClientToServer", record.bytesClientToServer);
        json.writeNumberField("bytesServerToClient", record.bytesServerToClient);
        writeInterval(json, "firstSeen", "lastSeen", record.seen);
        json.writeEndObject();
    }

    private static void writeCounts(JsonGenerator json, String name, SortedMap<String, Long> counts)
            throws IOException {
        json.writeObjectFieldStart(name);
        for (Map.Entry<String, Long> entry : counts.entrySet()) {
            json.writeNumberField(entry.getKey(), entry.getValue());
        }
        json.writeEndObject();
    }

    private static void writeOverflow(JsonGenerator json, Overflow overflow) throws IOException {
        json.writeObjectFieldStart("overflow");
        json.writeNumberField("assetsDropped", overflow.assetsDropped);
        json.writeNumberField("associationsDropped", overflow.associationsDropped);
        json.writeNumberField("applicationEntitiesDropped", overflow.applicationEntitiesDropped);
        json.writeNumberField("listValuesDropped", overflow.listValuesDropped);
        json.writeEndObject();
    }

    private static void writeStatistics(JsonGenerator json, Statistics statistics) throws IOException {
        json.writeObjectFieldStart("statistics");
        for (Map.Entry<String, SortedMap<String, Long>> section : statistics.sections().entrySet()) {
            writeCounts(json, section.getKey(), section.getValue());
        }
        json.writeEndObject();
    }
}
