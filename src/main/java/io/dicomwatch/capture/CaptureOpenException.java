package io.dicomwatch.capture;

import java.io.IOException;

/** An interface could not be opened for capture; {@link #reason()} says whether retrying can help. */
public final class CaptureOpenException extends IOException {
    /** Why the open failed. */
    public enum Reason {
        /** The process lacks CAP_NET_RAW: retrying will not help. */
        PERMISSION,
        /** The interface does not exist (yet). */
        NO_SUCH_DEVICE,
        /** The interface exists but is down. */
        INTERFACE_DOWN,
        /** The BPF filter does not compile. */
        INVALID_FILTER,
        OTHER
    }

    private final Reason reason;

    public CaptureOpenException(Reason reason, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
