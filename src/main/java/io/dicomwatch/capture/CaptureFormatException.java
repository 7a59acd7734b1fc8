package io.dicomwatch.capture;

import java.io.IOException;

/** A capture file that is not pcap or pcapng, or that is corrupt or truncated part way. */
public class CaptureFormatException extends IOException {
    public CaptureFormatException(String message) {
        super(message);
    }
}
