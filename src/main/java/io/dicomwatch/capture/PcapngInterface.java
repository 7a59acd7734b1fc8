package io.dicomwatch.capture;

/** Link type, snap length and timestamp scale that a pcapng Interface Description Block declares. */
final class PcapngInterface {
    /** LINKTYPE_ value from the tcpdump.org registry. */
    final int linkType;
    /** Maximum captured bytes per packet; 0 means unlimited. */
    final long snapLength;
    final TimestampScale timestampScale;

    PcapngInterface(int linkType, long snapLength, TimestampScale timestampScale) {
        this.linkType = linkType;
        this.snapLength = snapLength;
        this.timestampScale = timestampScale;
    }
}
