package io.dicomwatch.dicom;

/**
 * Walks the items or sub-items of a container (a PDU body, an item, a sub-item list). Each has a
 * 4-byte header: type, reserved, 2-byte big-endian length (PS3.8 section 9.3.2). An item whose
 * header or length overruns the container is counted as malformed and the walk stops at the
 * container's end, because nothing after it can be framed. An item whose own fields overrun its
 * length is counted as malformed and skipped; the walk goes on with the next item.
 */
final class ItemReader {

    /** Reads one item's value; reads past the item's end throw {@link ByteCursor.TruncatedException}. */
    @FunctionalInterface
    interface Handler {
        void item(int type, ByteCursor value);
    }

    /** Counters shared by all items of one A-ASSOCIATE PDU. */
    static final class Counts {
        int malformedItems;
        int droppedPresentationContexts;
        int droppedTransferSyntaxes;
    }

    private ItemReader() {
    }

    static void forEach(ByteCursor container, Counts counts, Handler handler) {
        while (container.remaining() > 0) {
            if (!container.has(ItemType.HEADER_LENGTH)) {
                counts.malformedItems++;
                container.skipRest();
                return;
            }
            int type = container.u8();
            container.u8();
            int length = container.u16();
            if (!container.has(length)) {
                counts.malformedItems++;
                container.skipRest();
                return;
            }
            ByteCursor value = container.slice(length);
            try {
                handler.item(type, value);
            } catch (ByteCursor.TruncatedException e) {
                counts.malformedItems++;
            }
        }
    }
}
