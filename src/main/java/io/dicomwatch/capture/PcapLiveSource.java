package io.dicomwatch.capture;

import java.io.EOFException;
import java.io.IOException;
import java.sql.Timestamp;
import java.util.concurrent.TimeoutException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface.PromiscuousMode;
import org.pcap4j.core.PcapStat;
import org.pcap4j.core.Pcaps;
import org.pcap4j.packet.namednumber.DataLinkType;

/**
 * A live interface opened through libpcap (pcap4j), in promiscuous and immediate mode with
 * nanosecond timestamps. Only receiving calls are made: nothing here transmits.
 *
 * <p>Immediate mode is required: on the Linux kernels tested (6.x), TPACKET_V3 without it
 * delivered no frames at all. In immediate mode libpcap 1.10 waits for a frame without a timeout,
 * so {@link #wakeUp} uses pcap_breakloop, which wakes the waiting read.
 *
 * <p>NOTE: pcap4j copies every frame into a new array and allocates its timestamp, so this source
 * allocates per frame; the queue behind it does not.
 */
public final class PcapLiveSource implements LiveSource {
    /** libpcap's return codes of pcap_activate (pcap/pcap.h). */
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;
    private static final int PCAP_ERROR_PROMISC_PERM_DENIED = -11;
    /** Read timeout handed to libpcap; in immediate mode it only bounds the wait on some platforms. */
    private static final int READ_TIMEOUT_MILLIS = 250;

    private final PcapHandle handle;
    private final String interfaceName;
    private final int linkType;

    private PcapLiveSource(PcapHandle handle, String interfaceName) {
        this.handle = handle;
        this.interfaceName = interfaceName;
        this.linkType = handle.getDlt().value();
    }

    /** Opens an interface and applies the filter. */
    public static PcapLiveSource open(LiveCaptureConfig config) throws CaptureOpenException {
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(config.interfaceName())
                    .snaplen(config.snapLength())
                    .promiscuousMode(PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(READ_TIMEOUT_MILLIS)
                    .bufferSize(config.bufferSize())
                    .immediateMode(true)
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
        } catch (PcapNativeException e) {
            throw openFailure(config.interfaceName(), e);
        }
        if (!config.filter().isEmpty()) {
            try {
                handle.setFilter(config.filter(), BpfProgram.BpfCompileMode.OPTIMIZE);
            } catch (PcapNativeException | NotOpenException e) {
                handle.close();
                throw new CaptureOpenException(CaptureOpenException.Reason.INVALID_FILTER, "invalid filter '"
                        + config.filter() + "' on " + config.interfaceName() + ": " + e.getMessage(), e);
            }
        }
        return new PcapLiveSource(handle, config.interfaceName());
    }

    /**
     * Compiles {@code filter} for Ethernet without opening an interface, so a typo stops the start
     * even while the interfaces are still missing.
     *
     * @throws IllegalArgumentException with libpcap's message when the filter does not compile
     */
    public static void checkFilter(String filter, int snapLength) {
        if (filter.isEmpty()) {
            return;
        }
        try {
            Pcaps.compileFilter(snapLength, DataLinkType.EN10MB, filter, BpfProgram.BpfCompileMode.OPTIMIZE,
                    PcapHandle.PCAP_NETMASK_UNKNOWN).free();
        } catch (PcapNativeException e) {
            throw new IllegalArgumentException("invalid filter '" + filter + "': " + e.getMessage(), e);
        }
    }

    /** Returns the libpcap version string, for the start log line. */
    public static String libraryVersion() {
        return Pcaps.libVersion();
    }

    private static CaptureOpenException openFailure(String interfaceName, PcapNativeException e) {
        Integer code = e.getReturnCode();
        int value = code == null ? 0 : code;
        CaptureOpenException.Reason reason = switch (value) {
            case PCAP_ERROR_PERM_DENIED, PCAP_ERROR_PROMISC_PERM_DENIED -> CaptureOpenException.Reason.PERMISSION;
            case PCAP_ERROR_NO_SUCH_DEVICE -> CaptureOpenException.Reason.NO_SUCH_DEVICE;
            case PCAP_ERROR_IFACE_NOT_UP -> CaptureOpenException.Reason.INTERFACE_DOWN;
            default -> classifyByMessage(e.getMessage());
        };
        return new CaptureOpenException(reason, "cannot open " + interfaceName + " for capture: " + e.getMessage(), e);
    }

    /** pcap4j drops the return code when pcap_create fails, so its message is all there is. */
    private static CaptureOpenException.Reason classifyByMessage(String message) {
        String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
        if (text.contains("permission") || text.contains("not permitted")) {
            return CaptureOpenException.Reason.PERMISSION;
        }
        if (text.contains("no such device")) {
            return CaptureOpenException.Reason.NO_SUCH_DEVICE;
        }
        return CaptureOpenException.Reason.OTHER;
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        byte[] data;
        try {
            data = handle.getNextRawPacketEx();
        } catch (TimeoutException | EOFException e) {
            // A timeout, or pcap_breakloop from wakeUp (pcap_next_ex returns PCAP_ERROR_BREAK, which
            // pcap4j reports as the end of a file).
            return false;
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("capture on " + interfaceName + " failed: " + e.getMessage(), e);
        }
        Timestamp timestamp = handle.getTimestamp();
        frame.linkType = linkType;
        frame.timestampNanos = Math.floorDiv(timestamp.getTime(), 1000L) * 1_000_000_000L + timestamp.getNanos();
        frame.data = data;
        frame.offset = 0;
        frame.capturedLength = data.length;
        Integer originalLength = handle.getOriginalLength();
        frame.originalLength = originalLength == null ? data.length : originalLength;
        return true;
    }

    @Override
    public LiveStats stats() throws IOException {
        try {
            PcapStat stat = handle.getStats();
            return new LiveStats(stat.getNumPacketsReceived(), stat.getNumPacketsDropped(),
                    stat.getNumPacketsDroppedByIf());
        } catch (PcapNativeException | NotOpenException e) {
            throw new IOException("cannot read capture statistics of " + interfaceName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void wakeUp() {
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            // Already closed: nothing is waiting.
        }
    }

    @Override
    public void close() {
        handle.close();
    }
}
