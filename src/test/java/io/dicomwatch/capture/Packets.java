package io.dicomwatch.capture;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Builds link, IP and TCP headers field by field for decoder tests. */
final class Packets {
    static final byte[] CLIENT_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x01};
    static final byte[] SERVER_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x02};
    static final byte[] CLIENT_IPV4 = {10, 0, 0, 1};
    static final byte[] SERVER_IPV4 = {10, 0, 0, 2};
    static final byte[] CLIENT_IPV6 = address6(1);
    static final byte[] SERVER_IPV6 = address6(2);
    static final int CLIENT_PORT = 49152;
    static final int DICOM_PORT = 104;
    static final int PROTOCOL_TCP = 6;
    static final int PROTOCOL_UDP = 17;
    static final int ETHERTYPE_IPV4 = 0x0800;
    static final int ETHERTYPE_IPV6 = 0x86DD;

    private Packets() {
    }

    /** Returns 2001:db8::{@code last}. */
    static byte[] address6(int last) {
        byte[] address = new byte[16];
        address[0] = 0x20;
        address[1] = 0x01;
        address[2] = 0x0d;
        address[3] = (byte) 0xb8;
        address[15] = (byte) last;
        return address;
    }

    /** TCP header with the given options (a multiple of 4 bytes), then the payload. */
    static byte[] tcp(long sequence, int flags, byte[] options, byte[] payload) {
        ByteBuffer tcp = ByteBuffer.allocate(20 + options.length + payload.length);
        tcp.putShort((short) CLIENT_PORT);                        // source port
        tcp.putShort((short) DICOM_PORT);                         // destination port
        tcp.putInt((int) sequence);                               // sequence number
        tcp.putInt(0x80000001);                                   // acknowledgement number
        tcp.put((byte) (((20 + options.length) / 4) << 4));       // data offset
        tcp.put((byte) flags);                                    // flags
        tcp.putShort((short) 65535);                              // window
        tcp.putShort((short) 0);                                  // checksum, not checked
        tcp.putShort((short) 0);                                  // urgent pointer
        tcp.put(options);
        tcp.put(payload);
        return tcp.array();
    }

    static byte[] tcp(byte[] payload) {
        return tcp(1000, TcpSegment.ACK | TcpSegment.PSH, new byte[0], payload);
    }

    /** IPv4 header with a correct total length and the given options. */
    static byte[] ipv4(int protocol, byte[] options, byte[] payload) {
        return ipv4(protocol, options, payload, 20 + options.length + payload.length, 0x4000);
    }

    static byte[] ipv4(int protocol, byte[] payload) {
        return ipv4(protocol, new byte[0], payload);
    }

    /** IPv4 header with the given total length and flags-and-fragment-offset field. */
    static byte[] ipv4(int protocol, byte[] options, byte[] payload, int totalLength, int fragmentField) {
        return ipv4(protocol, 0x1234, options, payload, totalLength, fragmentField);
    }

    /**
     * IPv4 fragment of datagram {@code identification}: bytes [offset, offset + length) of the
     * datagram's payload, with the more-fragments flag when {@code more}.
     */
    static byte[] ipv4Fragment(int protocol, int identification, byte[] datagramPayload, int offset, int length,
            boolean more) {
        byte[] part = Arrays.copyOfRange(datagramPayload, offset, offset + length);
        int fragmentField = (more ? 0x2000 : 0) | offset / 8;
        return ipv4(protocol, identification, new byte[0], part, 20 + length, fragmentField);
    }

    static byte[] ipv4(int protocol, int identification, byte[] options, byte[] payload, int totalLength,
            int fragmentField) {
        ByteBuffer ip = ByteBuffer.allocate(20 + options.length + payload.length);
        ip.put((byte) (0x40 | (20 + options.length) / 4));      // version 4, IHL
        ip.put((byte) 0);                                        // DSCP, ECN
        ip.putShort((short) totalLength);                        // total length
        ip.putShort((short) identification);                     // identification
        ip.putShort((short) fragmentField);                      // flags, fragment offset
        ip.put((byte) 64);                                       // TTL
        ip.put((byte) protocol);                                 // protocol
        ip.putShort((short) 0);                                  // header checksum, not checked
        ip.put(CLIENT_IPV4);                                     // source
        ip.put(SERVER_IPV4);                                     // destination
        ip.put(options);
        ip.put(payload);
        return ip.array();
    }

    /** IPv6 header; {@code extensions} must start with the header that {@code nextHeader} names. */
    static byte[] ipv6(int nextHeader, byte[] extensions, byte[] payload) {
        return ipv6(nextHeader, extensions, payload, extensions.length + payload.length);
    }

    static byte[] ipv6(int nextHeader, byte[] extensions, byte[] payload, int payloadLength) {
        ByteBuffer ip = ByteBuffer.allocate(40 + extensions.length + payload.length);
        ip.putInt(0x60000000);                                   // version 6, traffic class, flow label
        ip.putShort((short) payloadLength);                      // payload length
        ip.put((byte) nextHeader);                               // next header
        ip.put((byte) 64);                                       // hop limit
        ip.put(CLIENT_IPV6);                                     // source
        ip.put(SERVER_IPV6);                                     // destination
        ip.put(extensions);
        ip.put(payload);
        return ip.array();
    }

    /** Generic extension header of {@code units} 8-byte units after the first 8 (RFC 8200 format). */
    static byte[] extension(int nextHeader, int units) {
        byte[] header = new byte[8 + 8 * units];
        header[0] = (byte) nextHeader;                           // next header
        header[1] = (byte) units;                                // header extension length
        return header;
    }

    /** IPv6 fragment header with offset in 8-byte units and the more-fragments flag. */
    static byte[] fragment6(int nextHeader, int offsetUnits, boolean more) {
        return fragment6(nextHeader, offsetUnits, more, 0xCAFE);
    }

    static byte[] fragment6(int nextHeader, int offsetUnits, boolean more, int identification) {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.put((byte) nextHeader);                           // next header
        header.put((byte) 0);                                    // reserved
        header.putShort((short) (offsetUnits << 3 | (more ? 1 : 0))); // offset, res, M flag
        header.putInt(identification);                           // identification
        return header.array();
    }

    /**
     * IPv6 fragment of datagram {@code identification}: the unfragmentable extension headers
     * {@code before} (starting with the header {@code firstHeader} names, or empty), a fragment
     * header, then bytes [offset, offset + length) of the fragmentable part.
     */
    static byte[] ipv6Fragment(int firstHeader, byte[] before, int nextHeader, int identification,
            byte[] fragmentable, int offset, int length, boolean more) {
        byte[] part = Arrays.copyOfRange(fragmentable, offset, offset + length);
        byte[] fragmentHeader = fragment6(nextHeader, offset / 8, more, identification);
        int first = before.length == 0 ? 44 : firstHeader;
        return ipv6(first, concat(before, fragmentHeader), part);
    }

    /** Ethernet II header: destination, source, EtherType. */
    static byte[] ethernet(int etherType, byte[] payload) {
        return concat(SERVER_MAC, CLIENT_MAC, u16(etherType), payload);
    }

    /** VLAN tag: TPID then TCI with the given VLAN ID and priority 0. */
    static byte[] vlanTag(int tpid, int vlanId) {
        return concat(u16(tpid), u16(vlanId));
    }

    /** Linux cooked v1 header for an Ethernet device. */
    static byte[] sll(int protocol, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.putShort((short) 4);        // packet type: sent by us
        header.putShort((short) 1);        // ARPHRD_ETHER
        header.putShort((short) 6);        // link-layer address length
        header.put(CLIENT_MAC);            // link-layer address
        header.putShort((short) 0);        // address padding to 8 bytes
        header.putShort((short) protocol); // protocol
        return concat(header.array(), payload);
    }

    /** Linux cooked v2 header for an Ethernet device. */
    static byte[] sll2(int protocol, int arphrd, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(20);
        header.putShort((short) protocol); // protocol
        header.putShort((short) 0);        // reserved
        header.putInt(3);                  // interface index
        header.putShort((short) arphrd);   // ARPHRD type
        header.put((byte) 0);              // packet type: to us
        header.put((byte) 6);              // link-layer address length
        header.put(CLIENT_MAC);            // link-layer address
        header.putShort((short) 0);        // address padding to 8 bytes
        return concat(header.array(), payload);
    }

    /** Outer addresses of a tunnel, the mirroring session's endpoints (RFC 5737 TEST-NET-2). */
    static final byte[] TUNNEL_SOURCE_IPV4 = {(byte) 198, 51, 100, 1};
    static final byte[] TUNNEL_DESTINATION_IPV4 = {(byte) 198, 51, 100, 2};
    static final byte[] INNER_CLIENT_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x11};
    static final byte[] INNER_SERVER_MAC = {0x02, 0x00, 0x00, 0x00, 0x00, 0x22};
    static final int PROTOCOL_GRE = 47;
    static final int ETHERTYPE_TEB = 0x6558;
    static final int ETHERTYPE_MPLS = 0x8847;
    static final int ETHERTYPE_ERSPAN_II = 0x88BE;
    static final int ETHERTYPE_ERSPAN_III = 0x22EB;
    static final int GRE_CHECKSUM = 0x8000;
    static final int GRE_KEY = 0x2000;
    static final int GRE_SEQUENCE = 0x1000;

    /** IPv4 header between the tunnel endpoints, with a correct total length. */
    static byte[] outerIpv4(int protocol, byte[] payload) {
        byte[] packet = ipv4(protocol, payload);
        System.arraycopy(TUNNEL_SOURCE_IPV4, 0, packet, 12, 4);
        System.arraycopy(TUNNEL_DESTINATION_IPV4, 0, packet, 16, 4);
        return packet;
    }

    /** Ethernet II header of a frame inside a tunnel: the inner peers' MACs. */
    static byte[] innerEthernet(int etherType, byte[] payload) {
        return concat(INNER_SERVER_MAC, INNER_CLIENT_MAC, u16(etherType), payload);
    }

    /**
     * Builds a GRE header (RFC 2784, RFC 2890) with the given first 16 bits, flags and version.
     * The checksum, key and sequence number follow when their flags are set.
     */
    static byte[] gre(int flagsAndVersion, int protocolType, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(16);
        header.putShort((short) flagsAndVersion);                // C R K S s Recur, flags, version
        header.putShort((short) protocolType);                   // protocol type
        if ((flagsAndVersion & GRE_CHECKSUM) != 0) {
            header.putInt(0xABCD0000);                           // checksum, reserved1
        }
        if ((flagsAndVersion & GRE_KEY) != 0) {
            header.putInt(0x00000BAD);                           // key
        }
        if ((flagsAndVersion & GRE_SEQUENCE) != 0) {
            header.putInt(7);                                    // sequence number
        }
        return concat(java.util.Arrays.copyOf(header.array(), header.position()), payload);
    }

    /** Builds an ERSPAN type II header (version 1) with the given VLAN and En fields, session ID 5 and index 0. */
    static byte[] erspanII(int vlan, int encapsulation, byte[] frame) {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.putShort((short) (0x1000 | vlan));                // version 1, VLAN
        header.putShort((short) (encapsulation << 11 | 5));     // COS, En, T, session ID
        header.putInt(0);                                        // reserved, index
        return concat(header.array(), frame);
    }

    /**
     * Builds an ERSPAN type III header (version 2) with the given VLAN and frame type, and an
     * optional 8-byte platform subheader.
     */
    static byte[] erspanIII(int vlan, int frameType, boolean subheader, byte[] frame) {
        ByteBuffer header = ByteBuffer.allocate(subheader ? 20 : 12);
        header.putShort((short) (0x2000 | vlan));                // version 2, VLAN
        header.putShort((short) 5);                              // COS, BSO, T, session ID
        header.putInt(0x12345678);                               // timestamp
        header.putShort((short) 0);                              // SGT
        header.putShort((short) (frameType << 10 | (subheader ? 1 : 0))); // P, FT, Hw ID, D, Gra, O
        if (subheader) {
            header.putLong(0x1C00_0000_0000_0001L);              // platform ID 7, platform info
        }
        return concat(header.array(), frame);
    }

    /** UDP header with a correct length and a zero checksum. */
    static byte[] udp(int destinationPort, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.putShort((short) 54321);                          // source port: an entropy hash
        header.putShort((short) destinationPort);                // destination port
        header.putShort((short) (8 + payload.length));           // length
        header.putShort((short) 0);                              // checksum, not checked
        return concat(header.array(), payload);
    }

    /** VXLAN header (RFC 7348) with the given flags byte (0x08: VNI valid) and VNI 4242. */
    static byte[] vxlan(int flags, byte[] frame) {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.put((byte) flags);                                // R R R R I R R R
        header.put(new byte[3]);                                 // reserved
        header.putInt(4242 << 8);                                // VNI, reserved
        return concat(header.array(), frame);
    }

    /** Geneve header (RFC 8926) of the given version with {@code options} (a multiple of 4 bytes). */
    static byte[] geneve(int version, int protocolType, byte[] options, byte[] payload) {
        ByteBuffer header = ByteBuffer.allocate(8);
        header.put((byte) (version << 6 | options.length / 4));  // Ver, Opt Len
        header.put((byte) 0);                                    // O, C, reserved
        header.putShort((short) protocolType);                   // protocol type
        header.putInt(4242 << 8);                                // VNI, reserved
        return concat(header.array(), options, payload);
    }

    /** Builds one 8-byte Geneve option of class 0x0108 and type 1 with 4 bytes of data. */
    static byte[] geneveOption() {
        return new byte[] {0x01, 0x08, 0x01, 0x01, 1, 2, 3, 4};  // class, type, length 1 word, data
    }

    /** MPLS label stack entries for the given labels, the last with the bottom-of-stack bit. */
    static byte[] mpls(byte[] payload, int... labels) {
        ByteBuffer stack = ByteBuffer.allocate(4 * labels.length);
        for (int i = 0; i < labels.length; i++) {
            boolean bottom = i == labels.length - 1;
            stack.putInt(labels[i] << 12 | (bottom ? 0x100 : 0) | 64); // label, TC 0, S, TTL 64
        }
        return concat(stack.array(), payload);
    }

    static byte[] u16(int value) {
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static Frame frame(int linkType, byte[] data) {
        Frame frame = new Frame();
        frame.linkType = linkType;
        frame.data = data;
        frame.offset = 0;
        frame.capturedLength = data.length;
        frame.originalLength = data.length;
        frame.number = 1;
        return frame;
    }
}
