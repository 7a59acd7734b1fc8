package io.dicomwatch.tcp;

/**
 * Direction of bytes within a connection. The client is the side that sent the first SYN, or,
 * when no SYN was seen, the side the reassembler judged more likely to be the client.
 */
public enum Direction {
    CLIENT_TO_SERVER,
    SERVER_TO_CLIENT;

    public Direction opposite() {
        return this == CLIENT_TO_SERVER ? SERVER_TO_CLIENT : CLIENT_TO_SERVER;
    }
}
