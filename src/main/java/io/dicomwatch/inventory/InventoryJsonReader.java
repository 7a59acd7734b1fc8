package io.dicomwatch.inventory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Loads an inventory written by {@link InventoryJsonWriter}, so a later run can merge into it. */
public final class InventoryJsonReader {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final InventoryLimits limits;

    public InventoryJsonReader(InventoryLimits limits) {
        this.limits = limits;
    }

    public Inventory read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an inventory.
     *
     * @param source the file name, for error messages
     * @throws InventoryFormatException when the content is not an inventory this version can load
     */
    public Inventory read(InputStream in, String source) throws IOException {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new InventoryFormatException(source + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
        }
        if (root == null || !root.isObject()) {
            throw new InventoryFormatException(source + ": not a dicomwatch inventory (expected a JSON object)");
        }
        JsonNode version = root.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new InventoryFormatException(source + ": not a dicomwatch inventory (no integer schemaVersion)");
        }
        if (version.intValue() < 1) {
            throw new InventoryFormatException(source + ": schemaVersion " + version.intValue()
                    + " is not a version dicomwatch ever wrote; move the file aside or run without --merge");
        }
        if (version.intValue() > Inventory.SCHEMA_VERSION) {
            throw new InventoryFormatException(source + ": schemaVersion " + version.intValue()
                    + " is newer than this dicomwatch supports (" + Inventory.SCHEMA_VERSION
                    + "); use a newer dicomwatch or another output file");
        }
        Inventory inventory = new Inventory(limits);
        try {
            readCapture(inventory, root.path("capture"));
            for (JsonNode asset : root.path("assets")) {
                readAsset(inventory, asset);
            }
            for (JsonNode association : root.path("associations")) {
                readAssociation(inventory, association);
            }
            FindingsJson.read(inventory.findings(), root.get("findings"));
            readOverflow(inventory.overflow(), root.path("overflow"));
            readStatistics(inventory.baselineStatistics(), root.path("statistics"));
        } catch (IllegalArgumentException e) {
            throw new InventoryFormatException(source + ": " + e.getMessage(), e);
        }
        return inventory;
    }

    private static void readCapture(Inventory inventory, JsonNode capture) {
        readInterval(inventory.capture, capture, "firstPacket", "lastPacket");
    }

    private static void readInterval(SeenInterval seen, JsonNode node, String firstName, String lastName) {
        String first = optionalText(node, firstName);
        String last = optionalText(node, lastName);
        if (first != null) {
            seen.touch(Timestamps.parse(first));
        }
        if (last != null) {
            seen.touch(Timestamps.parse(last));
        }
    }

    private static String requiredText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' missing or not a string in " + describe(node));
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new IllegalArgumentException("field '" + name + "' is not a string in " + describe(node));
        }
        return value.textValue();
    }

    /**
     * Largest count accepted from a file: 2^53 - 1, the largest integer that every JSON reader
     * represents exactly, far above any real count. Sums of two such counts cannot overflow a long.
     */
    static final long MAX_COUNT = (1L << 53) - 1;

    /** Returns the count field {@code name}, 0 when it is missing or null, after checking its range. */
    static long number(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return 0;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("field '" + name + "' is not an integer in " + describe(node));
        }
        long number = value.longValue();
        if (number < 0 || number > MAX_COUNT) {
            throw new IllegalArgumentException("field '" + name + "' is " + number + ", outside 0 to " + MAX_COUNT
                    + ", in " + describe(node));
        }
        return number;
    }

    /** Largest TCP port number. */
    static final int MAX_PORT = 65_535;
    /** Largest 802.1Q VLAN ID. */
    private static final int MAX_VLAN_ID = 4_095;

    /**
     * Returns {@code value}, the field {@code name} of {@code enclosing} or an item of it, after
     * checking that it is an integer from 0 to {@code max}.
     */
    static int boundedInt(JsonNode value, String name, int max, JsonNode enclosing) {
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0 || value.intValue() > max) {
            throw new IllegalArgumentException("field '" + name + "' has the value " + value
                    + ", expected an integer from 0 to " + max + ", in " + describe(enclosing));
        }
        return value.intValue();
    }

    static String describe(JsonNode node) {
        String text = node.toString();
        return text.length() > 80 ? text.substring(0, 77) + "..." : text;
    }

    /** Longest exported AE title: 16 bytes, each escaped as \xNN at worst. */
    private static final int MAX_TITLE_LENGTH = 4 * 16;

    private static AeTitle title(JsonNode node, String name) {
        String value = optionalText(node, name);
        if (value != null && value.length() > MAX_TITLE_LENGTH) {
            throw new IllegalArgumentException("field '" + name + "' is longer than an AE title can be ("
                    + MAX_TITLE_LENGTH + " characters escaped) in " + describe(node));
        }
        return value == null ? null : new AeTitle(value, node.path(name + "NonText").asBoolean(false));
    }

    private static void readAsset(Inventory inventory, JsonNode node) {
        Asset asset = inventory.asset(IpAddress.parse(requiredText(node, "ip")));
        if (asset == null) {
            return;
        }
        readInterval(asset.seen, node, "firstSeen", "lastSeen");
        JsonNode stale = node.get("stale");
        if (stale != null && !stale.isNull() && !stale.isBoolean()) {
            throw new IllegalArgumentException("field 'stale' is not a boolean in " + describe(node));
        }
        // The flag itself is not kept: the writer judges staleness again from lastSeen and the
        // capture time range. Files written before the field existed lack it.
        for (JsonNode mac : node.path("macAddresses")) {
            inventory.addMacAddress(asset, MacAddresses.parse(mac.asText()));
        }
        for (JsonNode vlan : node.path("vlanIds")) {
            int vlanId = boundedInt(vlan, "vlanIds", MAX_VLAN_ID, node);
            asset.vlanIds.add(vlanId, inventory.limits().maxValuesPerList(), inventory.overflow());
        }
        for (JsonNode entity : node.path("applicationEntities")) {
            readEntity(inventory, asset, entity);
        }
    }

    private static void readEntity(Inventory inventory, Asset asset, JsonNode node) {
        Role role;
        try {
            role = Role.valueOf(requiredText(node, "role"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field 'role' must be SCU or SCP in " + describe(node), e);
        }
        JsonNode portNode = node.get("port");
        Integer port = portNode == null || portNode.isNull()
                ? null
                : boundedInt(portNode, "port", MAX_PORT, node);
        int cap = inventory.limits().maxValuesPerList();
        ApplicationEntity entity = inventory.entity(asset, new EntityKey(title(node, "aeTitle"), role, port));
        if (entity == null) {
            return;
        }

        readInterval(entity.seen, node, "firstSeen", "lastSeen");
        entity.associations += number(node, "associations");
        for (JsonNode implementation : node.path("implementations")) {
            Implementation key = new Implementation(optionalText(implementation, "implementationClassUid"),
                    optionalText(implementation, "implementationVersionName"));
            SeenInterval interval = new SeenInterval();
            readInterval(interval, implementation, "firstSeen", "lastSeen");
            if (!interval.isEmpty()) {
                entity.addImplementation(key, interval.firstSeen, cap, inventory.overflow());
                entity.addImplementation(key, interval.lastSeen, cap, inventory.overflow());
            }
        }

        for (JsonNode uid : node.path("sopClasses")) {
            entity.sopClasses.add(requiredText(uid, "uid"), cap, inventory.overflow());
        }
        for (JsonNode uid : node.path("transferSyntaxes")) {
            entity.transferSyntaxes.add(requiredText(uid, "uid"), cap, inventory.overflow());
        }
        IdentityJson.readEntity(node, entity, cap, inventory.overflow());
        if (role == Role.SCP && port != null) {
            inventory.addScpEndpoint(asset.ip(), port);
        }
    }

    private static void readAssociation(Inventory inventory, JsonNode node) {
        JsonNode portNode = node.get("serverPort");
        if (portNode == null) {
            throw new IllegalArgumentException("field 'serverPort' missing in " + describe(node));
        }
        int serverPort = boundedInt(portNode, "serverPort", MAX_PORT, node);
        AssociationKey key = new AssociationKey(IpAddress.parse(requiredText(node, "clientIp")),
                title(node, "callingAeTitle"), IpAddress.parse(requiredText(node, "serverIp")), serverPort,
                title(node, "calledAeTitle"));
        AssociationRecord record = inventory.association(key);
        if (record == null) {
            return;
        }

        readInterval(record.seen, node, "firstSeen", "lastSeen");
        record.requested += number(node, "requested");
        record.accepted += number(node, "accepted");
        record.rejected += number(node, "rejected");
        record.released += number(node, "released");
        record.aborted += number(node, "aborted");
        record.closedWithoutRelease += number(node, "closedWithoutRelease");
        record.joinedMidStream += number(node, "joinedMidStream");
        record.bytesClientToServer += number(node, "bytesClientToServer");
        record.bytesServerToClient += number(node, "bytesServerToClient");

        readCounts(record.rejectReasons, node.path("rejectReasons"));
        readCounts(record.abortReasons, node.path("abortReasons"));
        readCounts(record.operations, node.path("operations"));
        readCounts(record.statuses, node.path("statuses"));
        for (JsonNode identity : node.path("userIdentities")) {
            UserIdentitySummary summary = new UserIdentitySummary(requiredText(identity, "type"),
                    identity.path("usernamePresent").asBoolean(), identity.path("positiveResponseRequested").asBoolean(),
                    optionalText(identity, "username"));
            record.userIdentities.add(summary, inventory.limits().maxValuesPerList(), inventory.overflow());
        }
    }

    private static void readCounts(CountMap counts, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            long value = number(node, field.getKey());
            if (value != 0) {
                counts.add(field.getKey(), value);
            }
        }
    }

    private static void readOverflow(Overflow overflow, JsonNode node) {
        overflow.assetsDropped += number(node, "assetsDropped");
        overflow.associationsDropped += number(node, "associationsDropped");
        overflow.applicationEntitiesDropped += number(node, "applicationEntitiesDropped");
        overflow.listValuesDropped += number(node, "listValuesDropped");
    }

    private static void readStatistics(Statistics statistics, JsonNode node) {
        Iterator<Map.Entry<String, JsonNode>> sections = node.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            Iterator<Map.Entry<String, JsonNode>> counters = section.getValue().fields();
            while (counters.hasNext()) {
                Map.Entry<String, JsonNode> counter = counters.next();
                statistics.set(section.getKey(), counter.getKey(), number(section.getValue(), counter.getKey()));
            }
        }
    }
}
