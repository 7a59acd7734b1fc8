package io.dicomwatch.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzz target for {@link UpperLayerDecoder}: a stream fed in fuzzer-chosen chunks decodes without
 * an exception and gives the same events as the same stream fed in one call.
 *
 * <p>Input layout: byte 0 contains the number of chunk lengths (low 4 bits) and whether the stream
 * starts on a PDU boundary (bit 4); then come that many chunk lengths, each 1 plus a byte, used
 * in turn until the stream ends (256 when there are none); the rest is the stream.
 */
class UpperLayerDecoderFuzzTest {
    /** Small buffers, so that short inputs reach the limits. */
    private static final UpperLayerLimits LIMITS = new UpperLayerLimits(2048, 256, 4, 1 << 20, false);

    @FuzzTest(maxDuration = "2m")
    void feedChunks(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int chunkCount = data[0] & 0x0F;
        boolean aligned = (data[0] & 0x10) != 0;
        int start = Math.min(data.length, 1 + chunkCount);
        int[] chunks = new int[Math.max(1, start - 1)];
        chunks[0] = 256;
        for (int i = 1; i < start; i++) {
            chunks[i - 1] = (data[i] & 0xFF) + 1;
        }

        RecordingListener whole = new RecordingListener();
        new UpperLayerDecoder(whole, LIMITS, aligned).feed(data, start, data.length - start);
        RecordingListener chunked = new RecordingListener();
        UpperLayerDecoder decoder = new UpperLayerDecoder(chunked, LIMITS, aligned);
        byte[] scratch = new byte[256];
        int position = start;
        for (int i = 0; position < data.length; i++) {
            int length = Math.min(chunks[i % chunks.length], data.length - position);
            System.arraycopy(data, position, scratch, 0, length);
            decoder.feed(scratch, 0, length);
            // The decoder must not keep the array, so what it left there must not matter.
            Arrays.fill(scratch, (byte) 0xFF);
            position += length;
        }

        List<String> expected = whole.events();
        assertEquals(expected, chunked.events(), "events of chunked feed");
    }
}
