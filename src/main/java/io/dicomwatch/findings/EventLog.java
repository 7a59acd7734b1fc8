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
import java.nio.file.Path;

/**
 * A JSON Lines file of finding events that a SIEM can tail: one object per line, appended, each
 * line written whole and flushed to the operating system before the next event. Each object holds
 * {@code timestamp} (capture time), {@code event} ({@code finding-raised} or
 * {@code finding-severity-raised}) and the {@code finding} as it stands at that moment.
 */
public final class EventLog implements Closeable {
    private static final JsonFactory FACTORY = new JsonFactory();

    private final OutputStream out;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(1024);

    public EventLog(OutputStream out) {
        this.out = out;
    }

    /** Opens {@code file} for appending, creating it when missing. */
    public static EventLog append(Path file) throws IOException {
        return new EventLog(new FileOutputStream(file.toFile(), true));
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
        line.writeTo(out);
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
