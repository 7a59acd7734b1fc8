package io.dicomwatch.findings;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.dicomwatch.inventory.FindingRecord;
import io.dicomwatch.inventory.FindingsJson;
import io.dicomwatch.inventory.Timestamps;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON Lines file of finding events that a SIEM can tail: one object per line, appended, each
 * line written whole and flushed to the operating system before the next event. Each object holds
 * {@code timestamp} (capture time), {@code event} ({@code finding-raised} or
 * {@code finding-severity-raised}) and the {@code finding} as it stands at that moment.
 *
 * <p>A file opened with {@link #append} is opened again before the next line when its path no
 * longer names the open file, as after logrotate renamed or deleted it, and after {@link #reopen}.
 * Otherwise every later event would go to the rotated or deleted file, which no SIEM reads.
 */
public final class EventLog implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final Logger LOG = LoggerFactory.getLogger(EventLog.class);

    /** The file appended to, or null when the log writes to a stream given by the caller. */
    private final Path file;
    private OutputStream out;
    /** Identity of the open file (device and inode on Linux), or null when unknown. */
    private Object openFileKey;
    private volatile boolean reopenRequested;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    public EventLog(OutputStream out) {
        this.file = null;
        this.out = out;
    }

    private EventLog(Path file) throws IOException {
        this.file = file;
        open();
    }

    /** Opens {@code file} for appending, creating it when missing. */
    public static EventLog append(Path file) throws IOException {
        return new EventLog(file);
    }

    /** Makes the next write open the file again, such as after a log rotation. Safe from any thread. */
    public void reopen() {
        reopenRequested = true;
    }

    private void open() throws IOException {
        out = new FileOutputStream(file.toFile(), true);
        openFileKey = fileKey();
    }

    /** Returns the identity of the file the path names now, or null when it names none. */
    private Object fileKey() throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Opens the file again when it was renamed, deleted or replaced, or a reopen was requested. */
    private void reopenIfMoved() throws IOException {
        if (out != null && !reopenRequested) {
            Object current = fileKey();
            if (current != null && Objects.equals(current, openFileKey)) {
                return;
            }
        }
        String reason = out == null ? "the last attempt failed"
                : reopenRequested ? "a reopen was requested" : "the file was renamed, deleted or replaced";
        reopenRequested = false;
        if (out != null) {
            OutputStream old = out;
            out = null;
            old.close();
        }
        open();
        LOG.info("Reopened the event file {}, because {}", file, reason);
    }

    /** Writes one event line and flushes it. */
    public void write(String event, FindingRecord record, long timestampNanos) throws IOException {
        line.reset();
        try (JsonGenerator json = FACTORY.createGenerator(line, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeStringField("timestamp", Timestamps.format(timestampNanos));
            json.writeStringField("event", event);
            json.writeFieldName("finding");
            FindingsJson.writeRecord(json, record);
            json.writeEndObject();
        }
        line.write('\n');
        if (file == null) {
            line.writeTo(out);
            out.flush();
            return;
        }
        reopenIfMoved();
        FileChannel channel = ((FileOutputStream) out).getChannel();
        long sizeBefore = channel.size();
        try {
            line.writeTo(out);
            out.flush();
        } catch (IOException e) {
            removePartialLine(channel, sizeBefore);
            throw e;
        }
    }

    /**
     * Cuts off what a failed write left of its line, as a full disk does after part of it. The
     * next line would otherwise continue the partial one, and a SIEM would reject both.
     */
    private void removePartialLine(FileChannel channel, long sizeBefore) {
        try {
            if (channel.size() > sizeBefore) {
                channel.truncate(sizeBefore);
            }
        } catch (IOException e) {
            LOG.warn("Cannot remove the partial line at the end of {}: {}", file, e.toString());
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
