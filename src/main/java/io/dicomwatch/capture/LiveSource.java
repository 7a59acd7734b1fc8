package io.dicomwatch.capture;

import java.io.Closeable;
import java.io.IOException;

/**
 * Frames of one open interface. One capture thread calls {@link #next}, {@link #stats} and
 * {@link #close}; any thread may call {@link #wakeUp}.
 */
public interface LiveSource extends Closeable {
    /**
     * Reads the next frame into {@code frame}. The frame's buffer belongs to the source and is
     * valid until the next call.
     *
     * @return false when no frame was read because {@link #wakeUp} was called or a timeout passed
     * @throws IOException when the interface failed, such as going down or disappearing; the
     *     source must then be closed and opened again
     */
    boolean next(Frame frame) throws IOException;

    /** Returns libpcap's counters since this source was opened. */
    LiveStats stats() throws IOException;

    /** Makes a {@link #next} that is waiting for a frame return false soon. */
    void wakeUp();

    @Override
    void close();
}
