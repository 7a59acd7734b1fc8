package io.dicomwatch.dicom;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Names of the UIDs registered in DICOM PS3.6 Annex A. The table is read once, on first use, from
 * {@code uids.tsv} (generated from pydicom's UID dictionary; its header names the pydicom version
 * and PS3.6 edition) and {@code uids-supplement.tsv} (hand-kept UIDs from later editions), both
 * in this package's resources. When a UID is in both, {@code uids.tsv} wins. Thread-safe.
 */
public final class UidDictionary {
    public static final String TYPE_SOP_CLASS = "SOP Class";
    public static final String TYPE_META_SOP_CLASS = "Meta SOP Class";
    public static final String TYPE_TRANSFER_SYNTAX = "Transfer Syntax";
    public static final String TYPE_WELL_KNOWN_SOP_INSTANCE = "Well-known SOP Instance";
    public static final String TYPE_SERVICE_CLASS = "Service Class";
    public static final String TYPE_APPLICATION_CONTEXT_NAME = "Application Context Name";

    private static final String GENERATED = "uids.tsv";
    private static final String SUPPLEMENT = "uids-supplement.tsv";

    /**
     * One registered UID.
     *
     * @param keyword the PS3.6 keyword, such as "CTImageStorage"
     * @param type the PS3.6 UID type, such as {@link #TYPE_SOP_CLASS}
     */
    public record Entry(String uid, String name, String keyword, String type, boolean retired) {
    }

    private UidDictionary() {
    }

    /** Holder idiom: the JVM loads the table once, on first access, under its class-init lock. */
    private static final class Table {
        static final Map<String, Entry> ENTRIES = load();
    }

    /** Returns the entry of {@code uid}, or null when PS3.6 does not register it. */
    public static Entry lookup(String uid) {
        return uid == null ? null : Table.ENTRIES.get(uid);
    }

    /** Returns the PS3.6 name, such as "CT Image Storage", or null for an unregistered UID. */
    public static String name(String uid) {
        Entry entry = lookup(uid);
        return entry == null ? null : entry.name();
    }

    /** Returns the PS3.6 keyword, or null for an unregistered UID or one without a keyword. */
    public static String keyword(String uid) {
        Entry entry = lookup(uid);
        return entry == null || entry.keyword().isEmpty() ? null : entry.keyword();
    }

    /** Returns the PS3.6 UID type, such as {@link #TYPE_TRANSFER_SYNTAX}, or null for an unregistered UID. */
    public static String type(String uid) {
        Entry entry = lookup(uid);
        return entry == null ? null : entry.type();
    }

    /** Returns the number of UIDs known. */
    public static int size() {
        return Table.ENTRIES.size();
    }

    private static Map<String, Entry> load() {
        Map<String, Entry> entries = new HashMap<>();
        read(SUPPLEMENT, entries);
        read(GENERATED, entries);
        return Map.copyOf(entries);
    }

    private static void read(String resource, Map<String, Entry> entries) {
        try (InputStream stream = UidDictionary.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("UID dictionary resource not found: " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                Entry entry = parseLine(line);
                if (entry != null) {
                    entries.put(entry.uid(), entry);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read UID dictionary resource " + resource, e);
        }
    }

    /** Parses "uid, name, keyword, type, retired" separated by tabs; returns null for comments and blanks. */
    static Entry parseLine(String line) {
        if (line.isBlank() || line.startsWith("#")) {
            return null;
        }
        String[] columns = line.split("\t", -1);
        if (columns.length < 5) {
            throw new IllegalStateException("UID dictionary line has " + columns.length + " columns, expected 5: "
                    + line);
        }
        return new Entry(columns[0], columns[1], columns[2], columns[3], "retired".equals(columns[4]));
    }
}
