package io.dicomwatch.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class StateDirectoryTest {
    @TempDir
    Path directory;

    @Test
    void truncatedSketchFileIsNamedInWarning() throws IOException {
        StateDirectory state = StateDirectory.open(directory);
        // Only three bytes of the four-byte magic number, as a copy or restore cut short leaves them.
        Files.write(directory.resolve(StateDirectory.SKETCH_FILE), new byte[] {0x44, 0x57, 0x53});
        Logger logger = (Logger) LoggerFactory.getLogger(StateDirectory.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        logger.addAppender(appender);
        try {
            state.loadSketches(new Inventory(InventoryLimits.DEFAULTS));
        } finally {
            logger.detachAppender(appender);
        }
        assertThat(appender.list).hasSize(1);
        String message = appender.list.get(0).getFormattedMessage();
        assertThat(message).contains(StateDirectory.SKETCH_FILE);
        assertThat(message).contains("ends early");
        assertThat(message).doesNotContain("null");
    }
}
