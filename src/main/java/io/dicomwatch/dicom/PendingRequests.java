package io.dicomwatch.dicom;

import io.dicomwatch.tcp.Direction;
import java.util.HashMap;
import java.util.Map;

/**
 * Outstanding DIMSE requests of one association, by sending direction, request type and Message
 * ID, so that responses pair with requests by Message ID Being Responded To rather than by order
 * (the asynchronous operations window allows several at once). A response pairs only with a
 * request of its own type: in PS3.7 Annex E a response's Command Field is its request's with bit
 * 15 set. So a C-STORE-RSP cannot close a C-ECHO-RQ that shares its Message ID, and two requests
 * of different types that share one (not conformant, but seen) both stay pending. Bounded per
 * direction.
 */
final class PendingRequests {
    /** Message ID and Command Field are both US values; so the key packs one into each half. */
    private static final int FIELD_MASK = 0xFFFF;

    private final int capacity;
    private final Map<Integer, DimseCommand> fromClient = new HashMap<>();
    private final Map<Integer, DimseCommand> fromServer = new HashMap<>();

    PendingRequests(int capacity) {
        this.capacity = capacity;
    }

    private Map<Integer, DimseCommand> of(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? fromClient : fromServer;
    }

    private static int key(int messageId, int commandField) {
        return (messageId & FIELD_MASK) << 16 | (commandField & ~CommandField.RESPONSE_BIT & FIELD_MASK);
    }

    /**
     * Records {@code request} by its Message ID. Returns false when the direction already has
     * {@code capacity} requests.
     */
    boolean put(Direction direction, int messageId, DimseCommand request) {
        Map<Integer, DimseCommand> requests = of(direction);
        Integer key = key(messageId, request.commandField());
        if (requests.size() >= capacity && !requests.containsKey(key)) {
            return false;
        }
        requests.put(key, request);
        return true;
    }

    /**
     * Returns the request sent in {@code direction} to which {@code response} responds, by its Message
     * ID Being Responded To and type, or null. A final response removes the request; a pending
     * one keeps it for the responses still to come.
     */
    DimseCommand match(Direction direction, int messageIdBeingRespondedTo, DimseCommand response,
            boolean finalResponse) {
        Map<Integer, DimseCommand> requests = of(direction);
        Integer key = key(messageIdBeingRespondedTo, response.commandField());
        return finalResponse ? requests.remove(key) : requests.get(key);
    }

    /** Returns whether {@code direction} has sent requests that still wait for their final response. */
    boolean hasRequests(Direction direction) {
        return !of(direction).isEmpty();
    }

    void clear() {
        fromClient.clear();
        fromServer.clear();
    }
}
