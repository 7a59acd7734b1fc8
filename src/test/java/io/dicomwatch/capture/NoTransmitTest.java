package io.dicomwatch.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The sensor must never transmit or resolve names: no pcap send call, no name look-up of an
 * observed address, anywhere in the main sources.
 */
class NoTransmitTest {
    private static final List<String> FORBIDDEN = List.of("sendPacket", "pcap_inject", "pcap_sendpacket",
            "getHostName", "getCanonicalHostName", "InetAddress.getByName", "InetAddress.getAllByName");

    @Test
    void mainSourcesNeverTransmit() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (String call : FORBIDDEN) {
                    assertThat(source).as(file + " uses " + call).doesNotContain(call);
                }
            }
        }
    }
}
