package io.dicomwatch.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays the captures of samples-pcap/generate-findings.sh (real dcmtk peers in network
 * namespaces) and the dcmtk samples with the packaged jar, and checks which rules each raises and
 * which it must not.
 */
class FindingsCapturesIT {
    private static final Path SAMPLES = Path.of("samples-pcap").toAbsolutePath();
    private static final Path POLICY = SAMPLES.resolve("findings-test.yaml");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    static Stream<Arguments> raisedRules() {
        return Stream.of(
                Arguments.of("findings-outside.pcap", "exposure.inbound-from-outside"),
                Arguments.of("findings-outside.pcap", "exposure.outbound-to-outside"),
                Arguments.of("findings-outside.pcap", "boundary.cleartext-dicom"),
                Arguments.of("findings-outside.pcap", "boundary.peer-outside-vpn"),
                Arguments.of("findings-outside.pcap", "policy.peer-not-allowed"),
                Arguments.of("findings-user-identity.pcap", "credentials.cleartext-user-identity"),
                Arguments.of("findings-two-ports.pcap", "service.multiple-dicom-ports"),
                Arguments.of("findings-tls.pcap", "service.dicom-tls"),
                Arguments.of("findings-scan.pcap", "scan.ae-title-guessing"),
                Arguments.of("findings-scan.pcap", "scan.verification-probe"),
                Arguments.of("findings-scan.pcap", "scan.scanner-request-shape"),
                Arguments.of("findings-scan.pcap", "scan.dicom-port-sweep"),
                Arguments.of("findings-scan.pcap", "scan.service-probed-by-many"),
                Arguments.of("findings-scan.pcap", "scp.accepts-any-calling-ae"),
                Arguments.of("find.pcap", "query.broad-c-find"),
                Arguments.of("move.pcap", "move.new-destination"));
    }

    /** The inside-only or VPN captures that must raise none of the rules that the others raise. */
    static Stream<Arguments> quietCaptures() {
        return Stream.of(Arguments.of("findings-clean.pcap"), Arguments.of("findings-vpn.pcap"));
    }

    private JsonNode replay(String file, String... options) throws IOException, InterruptedException {
        Path output = directory.resolve("inventory.json");
        List<String> arguments = new ArrayList<>(List.of("replay", "-q", "-c", POLICY.toString(), "-o",
                output.toString()));
        arguments.addAll(List.of(options));
        arguments.add(SAMPLES.resolve(file).toString());
        JarRunner.Result result = JarRunner.run(directory, arguments.toArray(String[]::new));
        assertThat(result.exitCode()).as("exit code, stderr: %s", result.stderr()).isZero();
        return JSON.readTree(output.toFile());
    }

    private static Set<String> ruleIds(JsonNode inventory) {
        Set<String> rules = new TreeSet<>();
        inventory.get("findings").forEach(finding -> rules.add(finding.get("ruleId").asText()));
        return rules;
    }

    @ParameterizedTest
    @MethodSource("raisedRules")
    void captureRaisesRule(String file, String ruleId) throws Exception {
        assertThat(ruleIds(replay(file))).contains(ruleId);
    }

    @ParameterizedTest
    @MethodSource("quietCaptures")
    void quietCaptureRaisesNothing(String file) throws Exception {
        assertThat(ruleIds(replay(file))).isEmpty();
    }

    @Test
    void plainCapturesRaiseNoTlsOrCredentials() throws Exception {
        Set<String> rules = ruleIds(replay("findings-outside.pcap"));
        assertThat(rules).doesNotContain("service.dicom-tls");
        assertThat(rules).doesNotContain("credentials.cleartext-user-identity");
        assertThat(rules).doesNotContain("service.multiple-dicom-ports");
    }

    @Test
    void narrowQueryAndKnownDestinationAreQuiet() throws Exception {
        Set<String> rules = ruleIds(replay("findings-clean.pcap"));
        assertThat(rules).doesNotContain("query.broad-c-find");
        assertThat(rules).doesNotContain("move.new-destination");
    }

    @Test
    void pacsRestartRaisesNoProbe() throws Exception {
        Set<String> rules = ruleIds(replay("findings-pacs-restart.pcap"));
        assertThat(rules).doesNotContain("scan.service-probed-by-many");
        assertThat(rules).doesNotContain("scan.dicom-port-sweep");
    }

    @Test
    void userIdentityFindingHoldsNoSecret() throws Exception {
        replay("findings-user-identity.pcap");
        String text = Files.readString(directory.resolve("inventory.json"));
        assertThat(text).doesNotContain("dwsecret");
        assertThat(text).doesNotContain("dwuser");
    }

    @Test
    void eventsFileGetsOneLinePerFinding() throws Exception {
        Path events = directory.resolve("events.jsonl");
        JsonNode inventory = replay("findings-scan.pcap", "--events", events.toString());
        List<String> lines = Files.readAllLines(events);
        assertThat(lines).hasSizeGreaterThanOrEqualTo(inventory.get("findings").size());
        for (String line : lines) {
            assertThat(JSON.readTree(line).get("finding").get("id").asText()).hasSize(16);
        }
    }

    @Test
    void idsStayStableAcrossRuns() throws Exception {
        Set<String> first = new TreeSet<>();
        replay("findings-scan.pcap").get("findings").forEach(f -> first.add(f.get("id").asText()));
        Set<String> second = new TreeSet<>();
        replay("findings-scan.pcap").get("findings").forEach(f -> second.add(f.get("id").asText()));
        assertThat(second).isEqualTo(first);
    }

    @Test
    void acknowledgedFindingStaysListedWithoutEvent() throws Exception {
        String id = replay("findings-tls.pcap").get("findings").get(0).get("id").asText();
        Path events = directory.resolve("events.jsonl");
        JsonNode inventory = replay("findings-tls.pcap", "--acknowledged-findings", id, "--events",
                events.toString());
        assertThat(inventory.get("findings").get(0).get("acknowledged").asBoolean()).isTrue();
        assertThat(Files.exists(events) ? Files.readAllLines(events) : List.of()).isEmpty();
    }

    @Test
    void unknownAcknowledgementOnlyWarns() throws Exception {
        JsonNode inventory = replay("findings-tls.pcap", "--acknowledged-findings", "0123456789abcdef");
        assertThat(inventory.get("findings")).hasSize(1);
    }

    @Test
    void mergeKeepsFindings() throws Exception {
        replay("findings-tls.pcap");
        JsonNode merged = replay("findings-two-ports.pcap", "--merge");
        assertThat(ruleIds(merged)).contains("service.dicom-tls", "service.multiple-dicom-ports");
    }

    private static JsonNode findingOf(JsonNode inventory, String ruleId) {
        for (JsonNode finding : inventory.get("findings")) {
            if (finding.get("ruleId").asText().equals(ruleId)) {
                return finding;
            }
        }
        throw new AssertionError("no " + ruleId + " finding in " + ruleIds(inventory));
    }

    /** Returns the association rows that {@code filter} selects, by first-seen time. */
    private static List<JsonNode> rows(JsonNode inventory, Predicate<JsonNode> filter) {
        List<JsonNode> rows = new ArrayList<>();
        inventory.get("associations").forEach(row -> {
            if (filter.test(row)) {
                rows.add(row);
            }
        });
        rows.sort(Comparator.comparing(row -> Instant.parse(row.get("firstSeen").asText())));
        return rows;
    }

    /**
     * Cuts a sample capture in two with editcap, halfway through the idle time between the last
     * activity of row {@code lastOfFirst} and the first of row {@code firstOfSecond}.
     */
    private List<Path> split(String file, JsonNode lastOfFirst, JsonNode firstOfSecond) throws Exception {
        SensorProcess.assumeTool("editcap");
        Instant end = Instant.parse(lastOfFirst.get("lastSeen").asText());
        Instant start = Instant.parse(firstOfSecond.get("firstSeen").asText());
        assertThat(start).as("second part starts after the first ends").isAfter(end);
        String cut = end.plus(Duration.between(end, start).dividedBy(2)).toString();
        Path first = directory.resolve("part1.pcap");
        Path second = directory.resolve("part2.pcap");
        editcap("-B", cut, SAMPLES.resolve(file).toString(), first.toString());
        editcap("-A", cut, SAMPLES.resolve(file).toString(), second.toString());
        return List.of(first, second);
    }

    private void editcap(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("editcap"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(directory.resolve("editcap.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("editcap finished").isTrue();
        String log = Files.readString(directory.resolve("editcap.log"));
        assertThat(process.exitValue()).as("editcap exit status: %s", log).isZero();
    }

    /** Counts the "finding-raised" lines of the event file by finding id. */
    private static Map<String, Integer> raisedEvents(Path events) throws IOException {
        Map<String, Integer> raised = new HashMap<>();
        for (String line : Files.readAllLines(events)) {
            JsonNode event = JSON.readTree(line);
            if (event.get("event").asText().equals("finding-raised")) {
                raised.merge(event.get("finding").get("id").asText(), 1, Integer::sum);
            }
        }
        return raised;
    }

    @Test
    void guessingSplitAcrossMergeIsRaised() throws Exception {
        JsonNode whole = replay("findings-scan.pcap");
        List<JsonNode> rejected = rows(whole, row -> row.path("rejectReasons").has("called-AE-title-not-recognized"));
        assertThat(rejected).as("rejected guesses in findings-scan.pcap").hasSize(6);
        List<Path> parts = split("findings-scan.pcap", rejected.get(2), rejected.get(3));
        Path events = directory.resolve("events.jsonl");

        JsonNode first = replay(parts.get(0).toString(), "--events", events.toString());
        assertThat(ruleIds(first)).as("first three guesses alone").doesNotContain("scan.ae-title-guessing");
        JsonNode merged = replay(parts.get(1).toString(), "--merge", "--events", events.toString());

        JsonNode guessing = findingOf(merged, "scan.ae-title-guessing");
        assertThat(guessing.path("evidence").path("counters").path("distinctTitlesRejected").asLong()).isEqualTo(6);
        assertThat(guessing.path("count").asLong()).as("rejections seen in the second part").isEqualTo(3);
        assertThat(rows(merged, row -> row.path("rejectReasons").has("called-AE-title-not-recognized")))
                .as("rejected rows of both parts").hasSize(6);
        assertThat(raisedEvents(events)).as("finding-raised lines by id").allSatisfy((id, lines) ->
                assertThat(lines).as("finding-raised lines of %s", id).isEqualTo(1));
        assertThat(raisedEvents(events)).containsKey(guessing.get("id").asText());
    }

    @Test
    void portsSplitAcrossMergeAreRaised() throws Exception {
        JsonNode whole = replay("findings-two-ports.pcap");
        List<JsonNode> accepted = rows(whole, row -> row.get("accepted").asLong() > 0);
        assertThat(accepted).as("accepted associations in findings-two-ports.pcap").hasSize(2);
        List<Path> parts = split("findings-two-ports.pcap", accepted.get(0), accepted.get(1));

        JsonNode first = replay(parts.get(0).toString());
        assertThat(ruleIds(first)).as("first port alone").doesNotContain("service.multiple-dicom-ports");
        JsonNode merged = replay(parts.get(1).toString(), "--merge");

        JsonNode ports = findingOf(merged, "service.multiple-dicom-ports");
        assertThat(ports.path("evidence").path("counters").path("distinctPorts").asLong()).isEqualTo(2);
    }

    @Test
    void invalidCidrStopsStart() throws Exception {
        JarRunner.Result result = JarRunner.run(directory, "replay", "--internal-networks", "10.0.0.1/8",
                SAMPLES.resolve("echo.pcap").toString());
        assertThat(result.exitCode()).isEqualTo(2);
        assertThat(result.stderr()).contains("10.0.0.1/8");
    }

    @Test
    void htmlReportEscapesTitles() throws Exception {
        replay("findings-scan.pcap");
        JarRunner.Result result = JarRunner.run(directory, "report", "--format", "html",
                directory.resolve("inventory.json").toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("<table>", "Source tries many AE titles");
    }

    @Test
    void textReportCountsSeverities() throws Exception {
        replay("findings-scan.pcap");
        JarRunner.Result result = JarRunner.run(directory, "report", directory.resolve("inventory.json").toString());
        assertThat(result.exitCode()).as(result.stderr()).isZero();
        assertThat(result.stdout()).contains("Findings: high", "Exposures");
    }
}
