package io.dicomwatch.dicom;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz target for {@link AssociatePduParser}: any A-ASSOCIATE-RQ or -AC body parses without an
 * exception, and the presentation context cap holds. The first input byte picks RQ or AC, and the
 * rest is the PDU body after the 6-byte header.
 */
class AssociatePduParserFuzzTest {
    /** Small caps, so that short inputs reach them. */
    private static final UpperLayerLimits LIMITS = new UpperLayerLimits(4096, 1024, 4, 1 << 16, true);

    @FuzzTest(maxDuration = "2m")
    void parse(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int length = data.length - 1;
        if ((data[0] & 1) == 0) {
            AssociateRqPdu request = AssociatePduParser.parseRq(data, 1, length, LIMITS);
            if (request != null) {
                request.toString();
                assertTrue(request.presentationContexts().size() <= LIMITS.maxPresentationContexts(), "contexts cap");
            }
        } else {
            AssociateAcPdu accept = AssociatePduParser.parseAc(data, 1, length, LIMITS);
            if (accept != null) {
                accept.toString();
                assertTrue(accept.presentationContexts().size() <= LIMITS.maxPresentationContexts(), "contexts cap");
            }
        }
    }
}
