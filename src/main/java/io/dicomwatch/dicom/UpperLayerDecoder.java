package io.dicomwatch.dicom;

/**
 * Streaming PS3.8 decoder for one direction of one connection. PLACEHOLDER: the real
 * implementation replaces this file.
 */
public final class UpperLayerDecoder {
    public UpperLayerDecoder(UpperLayerListener listener, UpperLayerLimits limits, boolean aligned) {
    }

    public void feed(byte[] data, int offset, int length) {
    }

    public void onGap(long lostBytes) {
    }
}
