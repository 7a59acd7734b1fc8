#!/usr/bin/python3
"""Fragment the IP packets of a capture, as a tunnel with a small MTU or an evasive peer would.

Usage: fragment.py INPUT.pcap OUTPUT.pcap

Every IPv4 or IPv6 packet that carries TCP payload is cut into fragments; other frames are copied
as they are. Each fragment keeps the Ethernet header and the timestamp of its packet, so a
decoder that reassembles the fragments receives the TCP segments of the input at the same times.

- IPv4 (RFC 791): fragments of 552 payload bytes, as behind a 576-byte MTU. A packet that fits
  is cut after its first 16 bytes, a tiny first fragment that ends inside the TCP header (RFC
  1858). The don't-fragment flag is cleared.
- IPv6 (RFC 8200 section 4.5): a fragment header after the IPv6 header, and fragments of 1,232
  bytes, as behind the 1,280-byte minimum MTU. A packet that fits is cut in two, the first part
  holding the whole TCP header (RFC 7112).
- Identifications count up from 1 for each source and destination pair.
- Order: the fragments of every third fragmented packet are sent in order, of the next in
  reverse order, and of the next shuffled (seeded, so the output is the same on every run) with
  one fragment sent twice.

It needs python3-scapy and reads and writes pcap with Ethernet frames only.
"""

import random
import sys

from scapy.all import IP, TCP, Ether, IPv6, IPv6ExtHdrFragment, Raw, rdpcap, wrpcap

IPV4_FRAGMENT_SIZE = 552
IPV6_FRAGMENT_SIZE = 1232
TINY_FIRST_FRAGMENT = 16
SHUFFLE_SEED = 20240613


def round_up8(value):
    return (value + 7) // 8 * 8


def ipv4_sizes(length):
    if length <= IPV4_FRAGMENT_SIZE:
        return [TINY_FIRST_FRAGMENT, length - TINY_FIRST_FRAGMENT]
    return chunks(length, IPV4_FRAGMENT_SIZE)


def ipv6_sizes(length, tcp_header_length):
    if length <= IPV6_FRAGMENT_SIZE:
        first = max(round_up8(tcp_header_length), round_up8(length // 2))
        return [first, length - first] if first < length else [length]
    return chunks(length, IPV6_FRAGMENT_SIZE)


def chunks(length, size):
    sizes = [size] * (length // size)
    if length % size:
        sizes.append(length % size)
    return sizes


def ipv4_fragments(ip, identification):
    header_length = ip.ihl * 4
    transport = bytes(ip)[header_length:ip.len]
    fragments = []
    offset = 0
    for size in ipv4_sizes(len(transport)):
        more = offset + size < len(transport)
        header = ip.copy()
        header.remove_payload()
        header.id = identification
        header.flags = "MF" if more else 0
        header.frag = offset // 8
        header.len = None
        header.chksum = None
        fragments.append(header / Raw(transport[offset:offset + size]))
        offset += size
    return fragments


def ipv6_fragments(ip, identification):
    transport = bytes(ip.payload)[:ip.plen]
    tcp_header_length = ip[TCP].dataofs * 4
    fragments = []
    offset = 0
    for size in ipv6_sizes(len(transport), tcp_header_length):
        more = offset + size < len(transport)
        header = ip.copy()
        header.remove_payload()
        header.nh = 44
        header.plen = None
        fragment_header = IPv6ExtHdrFragment(nh=ip.nh, offset=offset // 8, m=int(more), id=identification)
        fragments.append(header / fragment_header / Raw(transport[offset:offset + size]))
        offset += size
    return fragments


def carries_tcp_payload(packet):
    if TCP not in packet:
        return False
    if IP in packet:
        ip = packet[IP]
        return ip.len - ip.ihl * 4 - packet[TCP].dataofs * 4 > 0
    if IPv6 in packet:
        return packet[IPv6].plen - packet[TCP].dataofs * 4 > 0
    return False


def reorder(fragments, index, shuffler):
    if index % 3 == 1:
        return list(reversed(fragments))
    if index % 3 == 2:
        shuffled = list(fragments)
        shuffler.shuffle(shuffled)
        shuffled.insert(shuffler.randrange(len(shuffled) + 1), shuffler.choice(fragments))
        return shuffled
    return fragments


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: fragment.py INPUT.pcap OUTPUT.pcap")
    packets = rdpcap(sys.argv[1])
    shuffler = random.Random(SHUFFLE_SEED)
    identifications = {}
    output = []
    fragmented = 0
    for packet in packets:
        if Ether not in packet or not carries_tcp_payload(packet):
            output.append(packet)
            continue
        ip = packet[IP] if IP in packet else packet[IPv6]
        pair = (ip.src, ip.dst)
        identifications[pair] = identifications.get(pair, 0) + 1
        if IP in packet:
            fragments = ipv4_fragments(ip, identifications[pair])
        else:
            fragments = ipv6_fragments(ip, identifications[pair])
        for fragment in reorder(fragments, fragmented, shuffler):
            frame = Ether(src=packet[Ether].src, dst=packet[Ether].dst, type=packet[Ether].type) / fragment
            frame.time = packet.time
            output.append(frame)
        fragmented += 1
    wrpcap(sys.argv[2], output)
    print(f"{len(packets)} frames in, {fragmented} packets fragmented, {len(output)} frames out")


if __name__ == "__main__":
    main()
