#!/usr/bin/python3
"""Wrap every frame of a real capture in the tunnel headers of a mirroring session.

Usage: wrap-tunnels.py INNER4_PCAP INNER6_PCAP OUT_DIR

INNER4_PCAP and INNER6_PCAP are Ethernet captures of a DICOM exchange over IPv4 and IPv6. Each
output frame keeps the inner frame's timestamp and bytes and adds the outer headers of a session
from 198.51.100.1 (the mirroring switch) to 198.51.100.2 (the sensor), in Ethernet frames between
two locally administered MACs. Writes gre.pcap, gretap.pcap, erspan2.pcap, erspan3.pcap,
geneve.pcap, ipip.pcap, sit.pcap and mpls.pcap. Run it with /usr/bin/python3, which has
python3-scapy.
"""

import struct
import sys
from pathlib import Path

from scapy.contrib.mpls import MPLS
from scapy.layers.inet import IP, UDP
from scapy.layers.l2 import GRE, Ether
from scapy.packet import Raw
from scapy.utils import PcapWriter, rdpcap

SWITCH_MAC = "02:00:00:00:fe:01"
SENSOR_MAC = "02:00:00:00:fe:02"
SWITCH_IP = "198.51.100.1"
SENSOR_IP = "198.51.100.2"
# The VLAN of the access port the ERSPAN session mirrors; the mirrored frames carry no tag.
ERSPAN_VLAN = 100
ERSPAN_SESSION = 1
GENEVE_PORT = 6081
VNI = 42
GRE_KEY = 1001
MPLS_LABELS = (100, 200)
ETHERTYPE_TEB = 0x6558
ETHERTYPE_ERSPAN_II = 0x88BE
ETHERTYPE_ERSPAN_III = 0x22EB


def outer(payload, protocol, identification):
    """Returns the outer Ethernet and IPv4 headers around payload, an IP protocol's bytes."""
    return (Ether(src=SWITCH_MAC, dst=SENSOR_MAC)
            / IP(src=SWITCH_IP, dst=SENSOR_IP, proto=protocol, id=identification & 0xFFFF, flags="DF", ttl=64)
            / payload)


def erspan_ii(frame_bytes):
    """ERSPAN type II: version 1, VLAN, COS 0, En 0 (originally untagged), T 0, session; index 0."""
    first = 1 << 12 | ERSPAN_VLAN
    second = 0 << 13 | 0 << 11 | 0 << 10 | ERSPAN_SESSION
    return struct.pack("!HHI", first, second, 0) + frame_bytes


def erspan_iii(frame_bytes, timestamp):
    """ERSPAN type III: version 2, VLAN, session, timestamp in 100 us units; P 1, frame type 0 (Ethernet), O 0."""
    first = 2 << 12 | ERSPAN_VLAN
    second = ERSPAN_SESSION
    ticks = int(timestamp * 10_000) & 0xFFFFFFFF
    flags = 1 << 15
    return struct.pack("!HHIHH", first, second, ticks, 0, flags) + frame_bytes


def geneve(frame_bytes):
    """Geneve version 0 with one 8-byte option of the experimental class 0xFF00, type 1."""
    option = struct.pack("!HBB", 0xFF00, 0x01, 1) + b"\x00\x00\x00\x2a"
    header = struct.pack("!BBHI", len(option) // 4, 0, ETHERTYPE_TEB, VNI << 8)
    return header + option + frame_bytes


def wrap(frames, kind):
    """Yields (timestamp, outer packet) for each inner Ethernet frame."""
    for number, frame in enumerate(frames):
        inner = bytes(frame)
        inner_ip = bytes(frame.payload)
        if kind == "gre":
            packet = outer(GRE(key_present=1, key=GRE_KEY, proto=0x0800) / Raw(inner_ip), 47, number)
        elif kind == "gretap":
            packet = outer(GRE(key_present=1, key=GRE_KEY, proto=ETHERTYPE_TEB) / Raw(inner), 47, number)
        elif kind == "erspan2":
            gre = GRE(seqnum_present=1, sequence_number=number, proto=ETHERTYPE_ERSPAN_II)
            packet = outer(gre / Raw(erspan_ii(inner)), 47, number)
        elif kind == "erspan3":
            gre = GRE(seqnum_present=1, sequence_number=number, proto=ETHERTYPE_ERSPAN_III)
            packet = outer(gre / Raw(erspan_iii(inner, float(frame.time))), 47, number)
        elif kind == "geneve":
            packet = outer(UDP(sport=49152 + number % 16384, dport=GENEVE_PORT) / Raw(geneve(inner)), 17, number)
        elif kind in ("ipip", "sit"):
            packet = outer(Raw(inner_ip), 4 if kind == "ipip" else 41, number)
        elif kind == "mpls":
            packet = (Ether(src=SWITCH_MAC, dst=SENSOR_MAC, type=0x8847)
                      / MPLS(label=MPLS_LABELS[0], s=0, ttl=64)
                      / MPLS(label=MPLS_LABELS[1], s=1, ttl=64)
                      / Raw(inner_ip))
        else:
            raise ValueError(f"unknown tunnel kind {kind}")
        yield frame.time, packet


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: wrap-tunnels.py INNER4_PCAP INNER6_PCAP OUT_DIR")
    inner4 = rdpcap(sys.argv[1])
    inner6 = rdpcap(sys.argv[2])
    out_dir = Path(sys.argv[3])
    for kind in ("gre", "gretap", "erspan2", "erspan3", "geneve", "ipip", "sit", "mpls"):
        frames = inner6 if kind == "sit" else inner4
        with PcapWriter(str(out_dir / f"{kind}.pcap"), linktype=1, sync=True) as writer:
            for timestamp, packet in wrap(frames, kind):
                packet.time = timestamp
                writer.write(packet)


if __name__ == "__main__":
    main()
