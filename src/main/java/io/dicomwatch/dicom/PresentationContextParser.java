package io.dicomwatch.dicom;

import java.util.ArrayList;
import java.util.List;

/** Parses presentation context items 0x20 and 0x21 (PS3.8 sections 9.3.2.2 and 9.3.3.2). */
final class PresentationContextParser {
    /**
     * Transfer syntaxes kept per proposed context. Real requests propose a few dozen at most; the
     * cap bounds what a hostile 1 MiB request can make the sensor keep.
     */
    static final int MAX_TRANSFER_SYNTAXES = 64;

    private PresentationContextParser() {
    }

    /** Reads ID (1), reserved (3), then one abstract syntax sub-item and transfer syntax sub-items. */
    static PresentationContextRq parseRq(ByteCursor item, ItemReader.Counts counts) {
        int id = item.u8();
        item.skip(3);
        String[] abstractSyntax = new String[1];
        List<String> transferSyntaxes = new ArrayList<>();
        ItemReader.forEach(item, counts, (type, value) -> {
            if (type == ItemType.ABSTRACT_SYNTAX && abstractSyntax[0] == null) {
                abstractSyntax[0] = value.uid(value.remaining());
            } else if (type == ItemType.TRANSFER_SYNTAX) {
                if (transferSyntaxes.size() < MAX_TRANSFER_SYNTAXES) {
                    transferSyntaxes.add(value.uid(value.remaining()));
                } else {
                    counts.droppedTransferSyntaxes++;
                }
            }
        });
        return new PresentationContextRq(id, abstractSyntax[0], List.copyOf(transferSyntaxes));
    }

    /**
     * Reads ID (1), reserved (1), result/reason (1), reserved (1), then the transfer syntax
     * sub-item, which a rejected context may omit.
     */
    static PresentationContextAc parseAc(ByteCursor item, ItemReader.Counts counts) {
        int id = item.u8();
        item.skip(1);
        int result = item.u8();
        item.skip(1);
        String[] transferSyntax = new String[1];
        ItemReader.forEach(item, counts, (type, value) -> {
            if (type == ItemType.TRANSFER_SYNTAX && transferSyntax[0] == null) {
                transferSyntax[0] = value.uid(value.remaining());
            }
        });
        return new PresentationContextAc(id, result, transferSyntax[0]);
    }
}
