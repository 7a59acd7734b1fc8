package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Ports, VLAN IDs and finding counts outside the ranges of the schema are rejected on load, so
 * that a damaged file is not merged and written back, where every later export would break the
 * schema too.
 */
class InventoryFieldRangeTest {
    private static final String ENTITY = "{\"aeTitle\": \"PACS\", \"role\": \"SCP\", \"port\": %s}";
    private static final String ASSET = "{\"ip\": \"192.0.2.1\", \"vlanIds\": [%s], \"applicationEntities\": [%s]}";
    private static final String ASSOCIATION = "{\"clientIp\": \"192.0.2.2\", \"callingAeTitle\": \"SCU\","
            + " \"serverIp\": \"192.0.2.1\", \"serverPort\": %s, \"calledAeTitle\": \"PACS\"}";
    private static final String FINDING = "{\"id\": \"0123456789abcdef\", \"ruleId\": \"exposure.outside-peer\","
            + " \"severity\": \"high\", \"title\": \"t\", \"recommendation\": \"r\", \"asset\": \"192.0.2.1\","
            + " \"aeTitle\": null, \"port\": %s, \"count\": %s}";

    private static Inventory read(String vlan, String entityPort, String serverPort, String findingPort,
            String findingCount) throws IOException {
        String asset = String.format(ASSET, vlan, String.format(ENTITY, entityPort));
        String json = "{\"schemaVersion\": 1, \"assets\": [" + asset + "], \"associations\": ["
                + String.format(ASSOCIATION, serverPort) + "], \"findings\": ["
                + String.format(FINDING, findingPort, findingCount) + "]}";
        return new InventoryJsonReader(InventoryLimits.DEFAULTS)
                .read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "inventory.json");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "0    | 0     | 0     | 0     | 0",
        "4095 | 65535 | 65535 | 65535 | 7",
        "1    | null  | 104   | null  | 1"})
    void valuesInRangeLoad(String vlan, String entityPort, String serverPort, String findingPort, String count)
            throws IOException {
        Inventory inventory = read(vlan, entityPort, serverPort, findingPort, count);
        assertThat(inventory.assets()).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "4096 | 104   | 104   | 104   | 1 | 'vlanIds'",
        "'\"x\"' | 104 | 104  | 104   | 1 | 'vlanIds'",
        "1    | 70000 | 104   | 104   | 1 | 'port'",
        "1    | -1    | 104   | 104   | 1 | 'port'",
        "1    | 1.5   | 104   | 104   | 1 | 'port'",
        "1    | '\"104\"' | 104 | 104 | 1 | 'port'",
        "1    | 104   | 70000 | 104   | 1 | 'serverPort'",
        "1    | 104   | -104  | 104   | 1 | 'serverPort'",
        "1    | 104   | 104   | 65536 | 1 | 'port'",
        "1    | 104   | 104   | 104   | -5 | 'count'"})
    void valuesOutOfRangeAreRejected(String vlan, String entityPort, String serverPort, String findingPort,
            String count, String field) {
        assertThatThrownBy(() -> read(vlan, entityPort, serverPort, findingPort, count))
                .isInstanceOf(InventoryFormatException.class)
                .hasMessageContaining("field '" + field + "'");
    }
}
