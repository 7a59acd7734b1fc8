package io.dicomwatch.tcp;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.capture.TcpSegment;
import java.util.Arrays;

/**
 * One followed connection: its endpoints, both directions, its consumer and its place in the flow
 * table and in the recency list. After a close by FIN or RST the object stays in the table as a
 * tombstone, with its buffers and consumer released.
 */
final class Connection implements TcpConnection {
    private static final int[] NO_VLANS = new int[0];

    private final long id;
    private final int addressLength;
    private final byte[] clientBytes;
    private final byte[] serverBytes;
    private final int clientPort;
    private final int serverPort;
    private final IpAddress clientAddress;
    private final IpAddress serverAddress;
    private final int[] vlanIds;
    private final ReassemblyContext context;
    /** Symmetric hash of the endpoints, the same for both directions (see {@link FlowTable}). */
    final int hash;

    final HalfStream clientToServer;
    final HalfStream serverToClient;

    private long clientMac = -1;
    private long serverMac = -1;
    private boolean clientMacSeen;
    private boolean serverMacSeen;

    private StreamListener listener;
    private boolean open = true;
    private boolean ignored;
    /** Set when a SYN with a new ISN arrived after payload and awaits confirmation. */
    boolean reuseSynHeld;
    /** Direction of the held SYN: from the client, or from the server connecting back. */
    Direction reuseSynDirection;
    /** ISN of the first held SYN. */
    int reuseSynIsn;
    /** ISN of the latest held SYN, the same as the first unless another SYN followed. */
    int latestReuseSynIsn;

    /** Capture time of the last segment, or of the close for a tombstone. */
    long lastSeen;
    Connection listPrevious;
    Connection listNext;

    /**
     * Creates a connection from the endpoints of {@code segment}, whose source is the client when
     * {@code clientIsSource} is true.
     */
    Connection(long id, TcpSegment segment, boolean clientIsSource, int hash, ReassemblyContext context) {
        this.id = id;
        this.hash = hash;
        this.context = context;
        this.addressLength = segment.addressLength();
        byte[] client = clientIsSource ? segment.sourceAddress : segment.destinationAddress;
        byte[] server = clientIsSource ? segment.destinationAddress : segment.sourceAddress;
        this.clientBytes = Arrays.copyOf(client, addressLength);
        this.serverBytes = Arrays.copyOf(server, addressLength);
        this.clientPort = clientIsSource ? segment.sourcePort : segment.destinationPort;
        this.serverPort = clientIsSource ? segment.destinationPort : segment.sourcePort;
        this.clientAddress = IpAddress.of(clientBytes, 0, addressLength);
        this.serverAddress = IpAddress.of(serverBytes, 0, addressLength);
        int vlanCount = Math.min(Math.max(0, segment.vlanCount), segment.vlanIds.length);
        this.vlanIds = vlanCount == 0 ? NO_VLANS : Arrays.copyOf(segment.vlanIds, vlanCount);
        this.clientToServer = new HalfStream(this, Direction.CLIENT_TO_SERVER, context);
        this.serverToClient = new HalfStream(this, Direction.SERVER_TO_CLIENT, context);
    }

    /**
     * Returns the direction of {@code segment} within this connection, or null if its endpoints are
     * not this connection's. Compares the segment's arrays in place, so it allocates nothing.
     */
    Direction directionOf(TcpSegment segment) {
        if (segment.addressLength() != addressLength) {
            return null;
        }
        if (segment.sourcePort == clientPort && segment.destinationPort == serverPort
                && Arrays.equals(segment.sourceAddress, 0, addressLength, clientBytes, 0, addressLength)
                && Arrays.equals(segment.destinationAddress, 0, addressLength, serverBytes, 0, addressLength)) {
            return Direction.CLIENT_TO_SERVER;
        }
        if (segment.sourcePort == serverPort && segment.destinationPort == clientPort
                && Arrays.equals(segment.sourceAddress, 0, addressLength, serverBytes, 0, addressLength)
                && Arrays.equals(segment.destinationAddress, 0, addressLength, clientBytes, 0, addressLength)) {
            return Direction.SERVER_TO_CLIENT;
        }
        return null;
    }

    HalfStream half(Direction direction) {
        return direction == Direction.CLIENT_TO_SERVER ? clientToServer : serverToClient;
    }

    /** Records the source MAC of the first frame from each side. */
    void recordMac(Direction direction, long sourceMac) {
        if (direction == Direction.CLIENT_TO_SERVER && !clientMacSeen) {
            clientMac = sourceMac;
            clientMacSeen = true;
        } else if (direction == Direction.SERVER_TO_CLIENT && !serverMacSeen) {
            serverMac = sourceMac;
            serverMacSeen = true;
        }
    }

    StreamListener listener() {
        return listener;
    }

    void attach(StreamListener streamListener) {
        this.listener = streamListener;
    }

    boolean isOpen() {
        return open;
    }

    boolean isIgnored() {
        return ignored;
    }

    /** Turns the connection into a tombstone: no buffers, no consumer, no further delivery. */
    void markClosed() {
        open = false;
        clientToServer.release();
        serverToClient.release();
    }

    void detachListener() {
        listener = null;
    }

    @Override
    public long id() {
        return id;
    }

    @Override
    public IpAddress clientAddress() {
        return clientAddress;
    }

    @Override
    public int clientPort() {
        return clientPort;
    }

    @Override
    public IpAddress serverAddress() {
        return serverAddress;
    }

    @Override
    public int serverPort() {
        return serverPort;
    }

    @Override
    public boolean streamStartSeen(Direction direction) {
        return half(direction).startSeen();
    }

    @Override
    public long clientMac() {
        return clientMac;
    }

    @Override
    public long serverMac() {
        return serverMac;
    }

    @Override
    public int[] vlanIds() {
        return vlanIds.clone();
    }

    /**
     * Stops delivery and frees the buffers at once, also when called from inside a
     * {@link StreamListener} callback. Segments keep refreshing the connection and FIN or RST still
     * close it, and the consumer still receives {@link StreamListener#onClose}. No effect once the
     * connection is closed.
     */
    @Override
    public void ignore() {
        if (ignored || !open) {
            return;
        }
        ignored = true;
        context.stats.ignoredConnections++;
        clientToServer.release();
        serverToClient.release();
    }

    @Override
    public String toString() {
        return "connection " + id + " " + clientAddress + ":" + clientPort + " -> " + serverAddress + ":" + serverPort;
    }
}
