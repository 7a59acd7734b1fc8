package io.dicomwatch.testing;

import static io.dicomwatch.dicom.PduBuilder.abort;
import static io.dicomwatch.dicom.PduBuilder.applicationContext;
import static io.dicomwatch.dicom.PduBuilder.associateAc;
import static io.dicomwatch.dicom.PduBuilder.associateRj;
import static io.dicomwatch.dicom.PduBuilder.associateRq;
import static io.dicomwatch.dicom.PduBuilder.associateRqWithContexts;
import static io.dicomwatch.dicom.PduBuilder.commandPdv;
import static io.dicomwatch.dicom.PduBuilder.concat;
import static io.dicomwatch.dicom.PduBuilder.dataPdv;
import static io.dicomwatch.dicom.PduBuilder.echoRq;
import static io.dicomwatch.dicom.PduBuilder.implementationClassUid;
import static io.dicomwatch.dicom.PduBuilder.maximumLength;
import static io.dicomwatch.dicom.PduBuilder.pDataTf;
import static io.dicomwatch.dicom.PduBuilder.presentationContextAc;
import static io.dicomwatch.dicom.PduBuilder.presentationContextRq;
import static io.dicomwatch.dicom.PduBuilder.releaseRp;
import static io.dicomwatch.dicom.PduBuilder.releaseRq;
import static io.dicomwatch.dicom.PduBuilder.roleSelection;
import static io.dicomwatch.dicom.PduBuilder.storeRq;
import static io.dicomwatch.dicom.PduBuilder.storeRsp;
import static io.dicomwatch.dicom.PduBuilder.userIdentityRq;
import static io.dicomwatch.dicom.PduBuilder.userInformation;

import io.dicomwatch.capture.CaptureFileSource;
import io.dicomwatch.capture.CaptureFiles;
import io.dicomwatch.capture.Frame;
import io.dicomwatch.capture.LinkType;
import io.dicomwatch.dicom.PduBuilder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes the seed corpora of the fuzz targets into src/test/resources from the bundled sample
 * captures and {@link PduBuilder} output. Run it from the repository root after a test compile:
 * {@code java -cp target/test-classes:target/classes:$(cat target/test.classpath) io.dicomwatch.testing.FuzzSeeds};
 * scripts/fuzz.sh does it with {@code seeds} as the target.
 */
public final class FuzzSeeds {
    private static final Path SAMPLES = Path.of("samples-pcap");
    private static final Path RESOURCES = Path.of("src/test/resources/io/dicomwatch");
    /** Bytes kept of a large sample, cutting it inside a record as a truncated capture would be. */
    private static final int CAPTURE_PREFIX = 3000;
    /**
     * Largest seed of the stream targets. Short inputs keep fuzzing fast, and libFuzzer mutates
     * only the first 4096 bytes by default.
     */
    private static final int MAX_SEED = 8192;
    /** Largest frame kept as a seed of the packet decoder. */
    private static final int MAX_FRAME = 2048;
    private static final int[] LINK_TYPES = {
        LinkType.ETHERNET, LinkType.NULL, LinkType.LOOP, LinkType.RAW, LinkType.RAW_DLT_12, LinkType.RAW_DLT_14,
        LinkType.LINUX_SLL, LinkType.LINUX_SLL2, LinkType.IPV4, LinkType.IPV6,
    };
    private static final String CT_INSTANCE = "1.2.826.0.1.3680043.2.1125.1.1";

    private FuzzSeeds() {
    }

    public static void main(String[] args) throws IOException {
        List<Path> samples;
        try (var files = Files.list(SAMPLES)) {
            samples = files.filter(f -> f.toString().endsWith(".pcap") || f.toString().endsWith(".pcapng"))
                    .sorted().toList();
        }
        for (Path sample : samples) {
            String name = sample.getFileName().toString();
            byte[] file = Files.readAllBytes(sample);
            write("capture/CaptureFilesFuzzTestInputs/read", name, Arrays.copyOf(file, Math.min(file.length,
                    CAPTURE_PREFIX)));
            writeFrames(sample, name);
            writeFrameSequence(sample, name);
            List<CapturedSegment> segments = CapturedSegment.read(sample);
            write("pipeline/PipelineFuzzTestInputs/replay", name, script(segments));
            write("dicom/UpperLayerDecoderFuzzTestInputs/feedChunks", name, chunked(clientStream(segments)));
        }
        for (Map.Entry<String, byte[]> pdu : pdus().entrySet()) {
            write("dicom/UpperLayerDecoderFuzzTestInputs/feedChunks", pdu.getKey(), chunked(pdu.getValue()));
        }
        writeAssociateBodies();
        write("dicom/CommandSetParserFuzzTestInputs/parse", "echo-rq", echoRq(1));
        write("dicom/CommandSetParserFuzzTestInputs/parse", "store-rq", storeRq(7, CT_INSTANCE));
        write("dicom/CommandSetParserFuzzTestInputs/parse", "store-rsp", storeRsp(7, 0xB000, CT_INSTANCE));
    }

    /** Writes the first frame of each link type in {@code sample}, with the target's two leading bytes. */
    private static void writeFrames(Path sample, String name) throws IOException {
        Frame frame = new Frame();
        int written = 0;
        try (CaptureFileSource source = CaptureFiles.open(List.of(sample))) {
            while (source.next(frame) && written < 3) {
                if (frame.capturedLength < 80 || frame.capturedLength > MAX_FRAME) {
                    continue;
                }
                byte[] seed = new byte[2 + frame.capturedLength];
                seed[0] = (byte) linkTypeIndex(frame.linkType);
                seed[1] = (byte) (written * 7);
                System.arraycopy(frame.data, frame.offset, seed, 2, frame.capturedLength);
                write("capture/PacketDecoderFuzzTestInputs/decode", name + "-" + frame.number, seed);
                written++;
            }
        }
    }

    /**
     * Writes the leading frames of {@code sample} that fit in {@link #MAX_SEED} bytes, in the layout of
     * {@code PacketDecoderFuzzTest.decodeFrames}: the link type index, then per frame a time step in
     * seconds, a 16-bit length and the frame.
     */
    private static void writeFrameSequence(Path sample, String name) throws IOException {
        ByteArrayOutputStream seed = new ByteArrayOutputStream();
        Frame frame = new Frame();
        long previous = Long.MIN_VALUE;
        try (CaptureFileSource source = CaptureFiles.open(List.of(sample))) {
            while (source.next(frame) && seed.size() + 3 + frame.capturedLength <= MAX_SEED) {
                if (seed.size() == 0) {
                    seed.write(linkTypeIndex(frame.linkType));
                    previous = frame.timestampNanos;
                }
                long step = Math.max(0, frame.timestampNanos - previous) / 1_000_000_000L;
                previous = frame.timestampNanos;
                seed.write((int) Math.min(255, step));
                seed.write(frame.capturedLength >>> 8);
                seed.write(frame.capturedLength);
                seed.write(frame.data, frame.offset, frame.capturedLength);
            }
        }
        if (seed.size() > 0) {
            write("capture/PacketDecoderFuzzTestInputs/decodeFrames", name, seed.toByteArray());
        }
    }

    private static int linkTypeIndex(int linkType) {
        for (int i = 0; i < LINK_TYPES.length; i++) {
            if (LINK_TYPES[i] == linkType) {
                return i;
            }
        }
        return linkType;
    }

    /** Encodes the longest run of leading segments whose script stays within {@link #MAX_SEED}. */
    private static byte[] script(List<CapturedSegment> segments) {
        byte[] script = new byte[0];
        for (int count = 1; count <= segments.size(); count++) {
            byte[] longer = SegmentScript.encode(segments.subList(0, count));
            if (longer.length > MAX_SEED) {
                break;
            }
            script = longer;
        }
        return script;
    }

    /** Returns the payload of the first connection's client, capped at {@link #MAX_SEED}. */
    private static byte[] clientStream(List<CapturedSegment> segments) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (segments.isEmpty()) {
            return out.toByteArray();
        }
        String client = segments.get(0).direction();
        for (CapturedSegment segment : segments) {
            if (segment.direction().equals(client)) {
                out.write(segment.payload(), 0, Math.min(segment.payload().length, MAX_SEED - out.size()));
            }
        }
        return out.toByteArray();
    }

    /** Prefixes a stream with three chunk lengths (1, 7 and 65 bytes) and the aligned bit. */
    private static byte[] chunked(byte[] stream) {
        return concat(PduBuilder.bytes(0x13, 0, 6, 64), stream);
    }

    private static Map<String, byte[]> pdus() {
        Map<String, byte[]> pdus = new LinkedHashMap<>();
        pdus.put("echo-association", concat(request(), pDataTf(commandPdv(1, true, echoRq(1))), releaseRq()));
        pdus.put("store-association", concat(request(),
                pDataTf(commandPdv(3, true, storeRq(7, CT_INSTANCE))),
                pDataTf(dataPdv(3, false, new byte[40]), dataPdv(3, true, new byte[20])), releaseRq()));
        pdus.put("accept", concat(accept(), pDataTf(commandPdv(3, true, storeRsp(7, 0, CT_INSTANCE))), releaseRp()));
        pdus.put("reject-abort", concat(associateRj(1, 1, 3), abort(2, 0)));
        pdus.put("many-contexts", associateRqWithContexts(6));
        return pdus;
    }

    private static byte[] request() {
        return associateRq("STORESCP", "MODALITY", applicationContext(),
                presentationContextRq(1, PduBuilder.VERIFICATION, PduBuilder.IMPLICIT_VR_LE),
                presentationContextRq(3, PduBuilder.CT_IMAGE_STORAGE, PduBuilder.EXPLICIT_VR_LE,
                        PduBuilder.IMPLICIT_VR_LE),
                userInformation(maximumLength(16384), implementationClassUid("1.2.3.4.5"),
                        roleSelection(PduBuilder.CT_IMAGE_STORAGE, 1, 0),
                        userIdentityRq(2, true, PduBuilder.ascii("user"), PduBuilder.ascii("secret"))));
    }

    private static byte[] accept() {
        return associateAc("STORESCP", "MODALITY", applicationContext(),
                presentationContextAc(1, 0, PduBuilder.IMPLICIT_VR_LE),
                presentationContextAc(3, 0, PduBuilder.EXPLICIT_VR_LE),
                userInformation(maximumLength(32768), implementationClassUid("1.2.3.4.6")));
    }

    /** Writes A-ASSOCIATE bodies without their 6-byte headers, led by the byte that picks RQ (0) or AC (1). */
    private static void writeAssociateBodies() throws IOException {
        String folder = "dicom/AssociatePduParserFuzzTestInputs/parse";
        write(folder, "request", concat(PduBuilder.bytes(0), body(request())));
        write(folder, "many-contexts", concat(PduBuilder.bytes(0), body(associateRqWithContexts(6))));
        write(folder, "accept", concat(PduBuilder.bytes(1), body(accept())));
    }

    private static byte[] body(byte[] pdu) {
        return Arrays.copyOfRange(pdu, 6, pdu.length);
    }

    private static void write(String folder, String name, byte[] seed) throws IOException {
        Path directory = RESOURCES.resolve(folder);
        Files.createDirectories(directory);
        Files.write(directory.resolve("seed-" + name.replace('.', '-')), seed);
    }
}
