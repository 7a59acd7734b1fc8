package io.dicomwatch.dicom;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A minimal reader of query identifiers in implicit VR little endian and explicit VR little and
 * big endian. It buffers at most {@code maxBytes} of one
 * identifier, walks its elements and nested sequences (at most {@value #MAX_DEPTH} deep) and keeps
 * only each top-level key's {@link QueryShape}; the values themselves are inspected byte by byte
 * and never copied out or kept.
 *
 * <p>An identifier longer than the cap, or one whose lengths overrun it, gives no keys, so a
 * malformed identifier is never judged broad.
 */
public final class QueryIdentifierReader implements QueryShapeSource.Reader {
    public static final String IMPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2";
    public static final String EXPLICIT_VR_LITTLE_ENDIAN = "1.2.840.10008.1.2.1";
    public static final String EXPLICIT_VR_BIG_ENDIAN = "1.2.840.10008.1.2.2";
    /** Query identifiers are a few hundred bytes; 64 KiB leaves room for long worklist keys. */
    public static final int DEFAULT_MAX_BYTES = 64 * 1024;
    private static final int MAX_DEPTH = 8;
    private static final int MAX_KEYS = 512;
    private static final int ITEM = 0xFFFEE000;
    private static final int ITEM_DELIMITER = 0xFFFEE00D;
    private static final int SEQUENCE_DELIMITER = 0xFFFEE0DD;
    private static final long UNDEFINED = 0xFFFFFFFFL;

    /**
     * The built-in source: this reader for every standard transfer syntax that is not deflated.
     * An acceptor may accept an encapsulated (compressed) transfer syntax for a query context,
     * and the identifier is then encoded in explicit VR little endian (PS3.5 A.4).
     */
    public static final QueryShapeSource SOURCE = transferSyntax -> switch (DataSetEncoding.of(transferSyntax)) {
        case IMPLICIT_LITTLE -> new QueryIdentifierReader(false, true, DEFAULT_MAX_BYTES);
        case EXPLICIT_LITTLE -> new QueryIdentifierReader(true, true, DEFAULT_MAX_BYTES);
        case EXPLICIT_BIG -> new QueryIdentifierReader(true, false, DEFAULT_MAX_BYTES);
        case DEFLATED_EXPLICIT_LITTLE, UNKNOWN -> null;
    };

    private final boolean explicitVr;
    private final boolean littleEndian;
    private final int maxBytes;
    private byte[] buffer = new byte[256];
    private int size;
    private boolean overflow;

    /** Thrown inside the walk when a length overruns its container; never escapes. */
    private static final class Malformed extends Exception {
        Malformed() {
            super(null, null, false, false);
        }
    }

    public QueryIdentifierReader(boolean explicitVr, boolean littleEndian, int maxBytes) {
        this.explicitVr = explicitVr;
        this.littleEndian = littleEndian;
        this.maxBytes = maxBytes;
    }

    @Override
    public void feed(byte[] data, int offset, int length) {
        if (overflow) {
            return;
        }
        if (size + length > maxBytes) {
            overflow = true;
            return;
        }
        if (size + length > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(maxBytes, Math.max(buffer.length * 2, size + length)));
        }
        System.arraycopy(data, offset, buffer, size, length);
        size += length;
    }

    @Override
    public List<QueryShape> finish() {
        List<QueryShape> keys = new ArrayList<>();
        if (overflow) {
            return keys;
        }
        try {
            int position = 0;
            while (position < size && keys.size() < MAX_KEYS) {
                position = readElement(position, size, 0, keys);
            }
        } catch (Malformed e) {
            keys.clear();
        }
        Arrays.fill(buffer, 0, size, (byte) 0);
        return keys;
    }

    /** Reads one element at {@code position}; adds its shape to {@code keys} when given; returns the next position. */
    private int readElement(int position, int end, int depth, List<QueryShape> keys) throws Malformed {
        need(position, 8, end);
        int tag = (u16(position) << 16) | u16(position + 2);
        long length;
        boolean sequence;
        int valueStart;
        if (explicitVr && (tag >>> 16) != 0xFFFE) {
            char vr1 = (char) buffer[position + 4];
            char vr2 = (char) buffer[position + 5];
            sequence = vr1 == 'S' && vr2 == 'Q';
            if (hasLongLength(vr1, vr2)) {
                need(position, 12, end);
                length = u32(position + 8);
                valueStart = position + 12;
            } else {
                length = u16(position + 6);
                valueStart = position + 8;
            }
        } else {
            length = u32(position + 4);
            valueStart = position + 8;
            sequence = length == UNDEFINED || (length >= 8 && valueStart + 4 <= end && readTag(valueStart) == ITEM);
        }
        if (sequence) {
            SequenceResult result = readSequence(valueStart, length, end, depth + 1);
            add(keys, new QueryShape(tag, length == UNDEFINED ? -1 : length, !result.constrains, false));
            return result.next;
        }
        if (length == UNDEFINED) {
            throw new Malformed();
        }
        need(valueStart, length, end);
        int valueEnd = valueStart + (int) length;
        add(keys, new QueryShape(tag, length, isPadding(valueStart, valueEnd), isWildcardOnly(valueStart, valueEnd)));
        return valueEnd;
    }

    private record SequenceResult(int next, boolean constrains) {
    }

    private SequenceResult readSequence(int start, long length, int end, int depth) throws Malformed {
        if (depth > MAX_DEPTH) {
            throw new Malformed();
        }
        int limit = end;
        if (length != UNDEFINED) {
            need(start, length, end);
            limit = start + (int) length;
        }
        boolean constrains = false;
        int position = start;
        while (position < limit) {
            need(position, 8, limit);
            int tag = readTag(position);
            long itemLength = u32(position + 4);
            position += 8;
            if (tag == SEQUENCE_DELIMITER) {
                return new SequenceResult(position, constrains);
            }
            if (tag != ITEM) {
                throw new Malformed();
            }
            int itemLimit = limit;
            if (itemLength != UNDEFINED) {
                need(position, itemLength, limit);
                itemLimit = position + (int) itemLength;
            }
            List<QueryShape> nested = new ArrayList<>();
            while (position < itemLimit) {
                need(position, 8, itemLimit);
                if (readTag(position) == ITEM_DELIMITER) {
                    position += 8;
                    break;
                }
                position = readElement(position, itemLimit, depth, nested);
            }
            for (QueryShape key : nested) {
                constrains |= key.constrains();
            }
        }
        if (length == UNDEFINED) {
            throw new Malformed();
        }
        return new SequenceResult(position, constrains);
    }

    private static void add(List<QueryShape> keys, QueryShape shape) {
        if (keys.size() < MAX_KEYS) {
            keys.add(shape);
        }
    }

    private static boolean hasLongLength(char vr1, char vr2) {
        String vr = "" + vr1 + vr2;
        return switch (vr) {
            case "OB", "OD", "OF", "OL", "OV", "OW", "SQ", "SV", "UC", "UN", "UR", "UT", "UV" -> true;
            default -> false;
        };
    }

    private boolean isPadding(int start, int end) {
        for (int i = start; i < end; i++) {
            if (buffer[i] != ' ' && buffer[i] != 0) {
                return false;
            }
        }
        return true;
    }

    private boolean isWildcardOnly(int start, int end) {
        boolean wildcard = false;
        for (int i = start; i < end; i++) {
            byte b = buffer[i];
            if (b == '*' || b == '?') {
                wildcard = true;
            } else if (b != ' ' && b != 0) {
                return false;
            }
        }
        return wildcard;
    }

    private static void need(int position, long count, int end) throws Malformed {
        if (count < 0 || position + count > end) {
            throw new Malformed();
        }
    }

    /** Item and delimiter tags are always little endian in the little endian syntaxes, big endian otherwise. */
    private int readTag(int position) {
        return (u16(position) << 16) | u16(position + 2);
    }

    private int u16(int position) {
        int a = buffer[position] & 0xFF;
        int b = buffer[position + 1] & 0xFF;
        return littleEndian ? a | (b << 8) : (a << 8) | b;
    }

    private long u32(int position) {
        long low = u16(position);
        long high = u16(position + 2);
        return littleEndian ? low | (high << 16) : (low << 16) | high;
    }
}
