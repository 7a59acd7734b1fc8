package io.dicomwatch.dicom;

import io.dicomwatch.tcp.Direction;
import java.util.HashMap;
import java.util.Map;

/**
 * Outstanding DIMSE requests of one association, by sending direction and Message ID, so that
 * responses pair with requests by Message ID Being Responded To rather than by order (the
 * asynchronous operations window allows several at once). Bounded per direction.
 */
final class PendingRequests {
    private final int capacity;
    private final Map<Integer, DimseCommand> fromClient = new HashMap<>();
    private final Map<Integer, DimseCommand> fromServer = new HashMap<>();

    PendingRequests(int capacity) {
        this.capacity = capacity;
    }

    private Map<Integer, DimseCommand> of(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? fromClient : fromServer;
    }

    /** Records a request; returns false when the direction already has {@code capacity} of them. */
    boolean put(Direction direction, int messageId, DimseCommand request) {
        Map<Integer, DimseCommand> requests = of(direction);
        if (requests.size() >= capacity && !requests.containsKey(messageId)) {
            return false;
        }
        requests.put(messageId, request);
        return true;
    }

    /**
     * Returns the request sent in {@code direction} with {@code messageId}, or null; a final
     * response removes it, a pending one keeps it for the responses still to come.
     */
    DimseCommand match(Direction direction, int messageId, boolean finalResponse) {
        Map<Integer, DimseCommand> requests = of(direction);
        return finalResponse ? requests.remove(messageId) : requests.get(messageId);
    }

    /** Returns the request sent in {@code direction} with {@code messageId}, or null, and keeps it. */
    DimseCommand find(Direction direction, int messageId) {
        return of(direction).get(messageId);
    }

    void clear() {
        fromClient.clear();
        fromServer.clear();
    }
}
