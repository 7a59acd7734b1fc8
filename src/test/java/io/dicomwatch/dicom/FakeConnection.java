package io.dicomwatch.dicom;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.tcp.Direction;
import io.dicomwatch.tcp.TcpConnection;

/** A TCP connection for tests that feed a tracker directly, without packets. */
public final class FakeConnection implements TcpConnection {
    private final IpAddress client;
    private final int clientPort;
    private final IpAddress server;
    private final int serverPort;
    private final boolean streamStartSeen;
    private boolean ignored;

    public FakeConnection(String client, int clientPort, String server, int serverPort, boolean streamStartSeen) {
        this.client = IpAddress.parse(client);
        this.clientPort = clientPort;
        this.server = IpAddress.parse(server);
        this.serverPort = serverPort;
        this.streamStartSeen = streamStartSeen;
    }

    @Override
    public long id() {
        return 1;
    }

    @Override
    public IpAddress clientAddress() {
        return client;
    }

    @Override
    public int clientPort() {
        return clientPort;
    }

    @Override
    public IpAddress serverAddress() {
        return server;
    }

    @Override
    public int serverPort() {
        return serverPort;
    }

    @Override
    public boolean streamStartSeen(Direction direction) {
        return streamStartSeen;
    }

    @Override
    public long clientMac() {
        return 0x0200_0000_0001L;
    }

    @Override
    public long serverMac() {
        return 0x0200_0000_0002L;
    }

    @Override
    public int[] vlanIds() {
        return new int[0];
    }

    @Override
    public void ignore() {
        ignored = true;
    }

    public boolean ignored() {
        return ignored;
    }
}
