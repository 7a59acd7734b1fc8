package io.dicomwatch.dicom;

/**
 * Follows the top-level items of an A-ASSOCIATE body past the part that the decoder buffers, and
 * keeps the User Information item. PS3.8 9.3.2 puts that item last, so padding a request beyond
 * {@link UpperLayerLimits#maxAssociatePduLength()} with presentation contexts would otherwise hide
 * the implementation and the user identity, passcode included, that it carries. Only item headers
 * are read from the skipped bytes. Every User Information item there is kept, since a request
 * may carry two and a peer may read either, up to two of the largest, 65,539 bytes each, its
 * length field being 16 bits. They draw on the shared {@link BufferBudget}.
 */
final class AssociateItemTail {
    private static final int ITEM_HEADER_LENGTH = 4;
    private static final int MAX_KEPT = 2 * (ITEM_HEADER_LENGTH + 0xFFFF);

    private final BoundedBuffer userInformation;
    private final byte[] header = new byte[ITEM_HEADER_LENGTH];
    private int headerFill;
    /** Body offset of the next top-level item's header. */
    private long nextItem;
    /** Body offset where the last item that the buffer contains whole ends. */
    private int wholeItemsEnd;
    /** Bytes of the User Information item being kept still to come, or -1 when none is being kept. */
    private long userInformationRemaining = -1;
    /** Bytes of {@link #userInformation} that hold whole items. */
    private int keptEnd;
    private boolean following;

    AssociateItemTail(BufferBudget budget) {
        this.userInformation = new BoundedBuffer(MAX_KEPT, budget);
    }

    /**
     * Starts following after {@code buffered} bytes of the body, which the buffer contains, by walking
     * the items they contain.
     */
    void start(byte[] body, int buffered) {
        reset();
        following = true;
        long item = PduType.ASSOCIATE_FIXED_LENGTH;
        wholeItemsEnd = (int) Math.min(item, buffered);
        while (item + ITEM_HEADER_LENGTH <= buffered) {
            int type = body[(int) item] & 0xFF;
            int length = (body[(int) item + 2] & 0xFF) << 8 | (body[(int) item + 3] & 0xFF);
            long end = item + ITEM_HEADER_LENGTH + length;
            if (end > buffered) {
                if (type == ItemType.USER_INFORMATION) {
                    keep(body, (int) item, (int) (buffered - item), end - buffered);
                }
                nextItem = end;
                return;
            }
            item = end;
            wholeItemsEnd = (int) end;
        }
        // The buffer ends inside an item header, or at an item boundary.
        nextItem = item;
        headerFill = (int) Math.max(0, buffered - item);
        System.arraycopy(body, (int) Math.min(item, buffered), header, 0, headerFill);
    }

    /** Reads the skipped bytes at body offsets from {@code bodyOffset} on. */
    void feed(byte[] data, int offset, int length, long bodyOffset) {
        if (!following) {
            return;
        }
        long position = bodyOffset;
        int index = offset;
        int end = offset + length;
        while (index < end) {
            if (userInformationRemaining > 0) {
                int count = (int) Math.min(userInformationRemaining, end - index);
                if (!userInformation.append(data, index, count)) {
                    stopKeeping();
                    return;
                }
                userInformationRemaining -= count;
                index += count;
                position += count;
                if (userInformationRemaining == 0) {
                    keptEnd = userInformation.size();
                }
            } else if (headerFill == 0 && position < nextItem) {
                int count = (int) Math.min(nextItem - position, end - index);
                index += count;
                position += count;
            } else {
                header[headerFill++] = data[index++];
                position++;
                if (headerFill == ITEM_HEADER_LENGTH) {
                    headerFill = 0;
                    int itemLength = (header[2] & 0xFF) << 8 | (header[3] & 0xFF);
                    nextItem = position + itemLength;
                    if ((header[0] & 0xFF) == ItemType.USER_INFORMATION) {
                        keep(header, 0, ITEM_HEADER_LENGTH, itemLength);
                    }
                }
            }
        }
    }

    /** Returns whether a whole User Information item from past the buffer was kept. */
    boolean hasUserInformation() {
        return keptEnd > 0;
    }

    /**
     * Returns a body made of the buffered items that arrived whole and the kept User Information
     * items, to decode in place of the cut body.
     */
    byte[] joinedBody(byte[] buffered) {
        byte[] joined = new byte[wholeItemsEnd + keptEnd];
        System.arraycopy(buffered, 0, joined, 0, wholeItemsEnd);
        System.arraycopy(userInformation.array(), 0, joined, wholeItemsEnd, keptEnd);
        return joined;
    }

    /** Forgets the kept items and returns their bytes to the budget. */
    void reset() {
        following = false;
        headerFill = 0;
        userInformationRemaining = -1;
        keptEnd = 0;
        userInformation.clear();
    }

    /** Starts keeping an item after those already kept, from its first {@code length} bytes. */
    private void keep(byte[] source, int offset, int length, long remaining) {
        userInformationRemaining = remaining;
        if (!userInformation.append(source, offset, length)) {
            stopKeeping();
        } else if (remaining == 0) {
            keptEnd = userInformation.size();
        }
    }

    /** Stops following when no more fits, keeping the whole items kept so far. */
    private void stopKeeping() {
        following = false;
        userInformationRemaining = -1;
        userInformation.truncate(keptEnd);
    }
}
