package io.dicomwatch.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.dicomwatch.inventory.AssociationRecord;
import io.dicomwatch.inventory.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays captures published by other projects, read in place from the folder named by the
 * {@code dicomwatch.corpus} system property (default ../shared/corpus), and checks the
 * associations its SOURCES.tsv lists. Skipped when the folder is absent.
 */
class PublishedCorpusTest {
    /** "client > server:port calling > called", as SOURCES.tsv writes an expected association. */
    private static final Pattern ASSOCIATION =
            Pattern.compile("(\\S+) > (\\S+):(\\d+) (\\S+) > (\\S+)");

    static Path corpus() {
        return Path.of(System.getProperty("dicomwatch.corpus", "../shared/corpus"));
    }

    static Stream<Arguments> sources() throws IOException {
        Path sources = corpus().resolve("SOURCES.tsv");
        if (!Files.isRegularFile(sources)) {
            return Stream.of(Arguments.of("(corpus absent)", "", ""));
        }
        List<Arguments> rows = new ArrayList<>();
        for (String line : Files.readAllLines(sources)) {
            String[] fields = line.split("\t", -1);
            if (fields.length < 4 || fields[0].equals("file")) {
                continue;
            }
            rows.add(Arguments.of(fields[0], fields[3], fields.length > 4 ? fields[4] : ""));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void replayFindsListedAssociations(String file, String expected, String notes) throws IOException {
        Path capture = corpus().resolve(file);
        assumeTrue(Files.isRegularFile(capture), "published corpus not present at " + corpus());

        Inventory inventory = Replays.replay(capture);

        Matcher matcher = ASSOCIATION.matcher(expected);
        int listed = 0;
        while (matcher.find()) {
            listed++;
            String client = matcher.group(1);
            String server = matcher.group(2);
            int port = Integer.parseInt(matcher.group(3));
            String calling = matcher.group(4);
            String called = matcher.group(5);
            assertThat(inventory.associations())
                    .as("association %s", matcher.group())
                    .anySatisfy(row -> {
                        assertThat(row.key().clientIp().toString()).isEqualTo(client);
                        assertThat(row.key().serverIp().toString()).isEqualTo(server);
                        assertThat(row.key().serverPort()).isEqualTo(port);
                        assertThat(row.key().callingAeTitle().value()).isEqualTo(calling);
                        assertThat(row.key().calledAeTitle().value()).isEqualTo(called);
                        assertThat(row.requested()).isPositive();
                    });
        }
        assertThat(listed).as("associations listed in SOURCES.tsv for " + file).isPositive();
        assertThat(inventory.associations()).as("no association beyond those listed")
                .allSatisfy(row -> assertThat(expected).contains(row.key().callingAeTitle().value() + " > "
                        + row.key().calledAeTitle().value()));
        long midStream = inventory.associations().stream().filter(AssociationRecord::midStream).count();
        assertThat(midStream).isZero();
        if (notes.contains("no A-RELEASE")) {
            // According to the notes, the connection ends with FIN or RST and neither A-RELEASE nor A-ABORT.
            long closed = inventory.associations().stream().mapToLong(AssociationRecord::closedWithoutRelease).sum();
            assertThat(closed).as("associations closed without release").isPositive();
        }
    }
}
