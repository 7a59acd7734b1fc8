package io.dicomwatch.tcp;

/**
 * Intrusive doubly linked list of connections ordered by {@link Connection#lastSeen}, oldest first.
 * Appending at the capture clock, which never goes backwards, keeps the order, so expiry only ever
 * looks at the head. A connection is in at most one list at a time.
 */
final class ConnectionList {
    private Connection head;
    private Connection tail;

    Connection oldest() {
        return head;
    }

    void append(Connection connection) {
        connection.listPrevious = tail;
        connection.listNext = null;
        if (tail == null) {
            head = connection;
        } else {
            tail.listNext = connection;
        }
        tail = connection;
    }

    void remove(Connection connection) {
        if (connection.listPrevious == null) {
            if (head != connection) {
                return;
            }
            head = connection.listNext;
        } else {
            connection.listPrevious.listNext = connection.listNext;
        }
        if (connection.listNext == null) {
            tail = connection.listPrevious;
        } else {
            connection.listNext.listPrevious = connection.listPrevious;
        }
        connection.listPrevious = null;
        connection.listNext = null;
    }

    /** Moves a connection that just saw a segment to the tail. */
    void moveToTail(Connection connection) {
        if (tail == connection) {
            return;
        }
        remove(connection);
        append(connection);
    }
}
