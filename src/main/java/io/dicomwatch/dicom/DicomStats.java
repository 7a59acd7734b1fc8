package io.dicomwatch.dicom;

/** Counters of the DICOM stage, summed over all connections of a run. */
public final class DicomStats {
    private final long[] anomalies = new long[UpperLayerAnomaly.values().length];

    /** Connections on which an association or proof of DICOM was seen. */
    public long dicomConnections;
    /** Connections given up as not DICOM, after their first bytes or the scan budget. */
    public long connectionsIgnored;
    /** Connections that closed before proving or disproving DICOM, such as short ones joined mid-stream. */
    public long connectionsClosedUndecided;
    public long associationsRequested;
    /** Associations joined mid-stream, proven by a command set or a known SCP endpoint. */
    public long midStreamAssociations;
    /** A-ASSOCIATE-RQ PDUs that failed the well-formedness checks and started nothing. */
    public long malformedAssociateRequests;
    /** PDUs that make no sense where they appear (an AC with no request, a second RQ...). */
    public long unexpectedPdus;
    public long commands;
    /** Responses whose Message ID Being Responded To matched no outstanding request. */
    public long unmatchedResponses;
    /** Requests not kept for pairing because too many were outstanding on one association. */
    public long pendingRequestOverflow;
    public long resynchronisations;
    /** Presentation contexts of A-ASSOCIATE PDUs beyond the per-PDU cap, counted, not kept. */
    public long presentationContextsDropped;
    /** Transfer syntaxes of one proposed presentation context beyond 64, counted, not kept. */
    public long transferSyntaxesDropped;
    public long gaps;
    /** Connections whose first bytes were a TLS ClientHello or ServerHello, counted per hello. */
    public long tlsHandshakes;
    /** Data sets of C-STORE requests read, and how many of them ended early. */
    public long dataSetsRead;
    public long dataSetsMalformed;
    public long dataSetsTruncated;
    public long dataSetsPrefixLimit;
    /**
     * A-ASSOCIATE bodies and command sets that the shared PDU buffer budget could not hold: the
     * body was decoded as cut, the command set dropped.
     */
    public long pduBufferRejections;
    /** Most bytes the PDU buffers of all connections held at once. */
    public long peakPduBufferBytes;

    public void countAnomaly(UpperLayerAnomaly anomaly) {
        anomalies[anomaly.ordinal()]++;
    }

    public long anomalies(UpperLayerAnomaly anomaly) {
        return anomalies[anomaly.ordinal()];
    }

    public long totalAnomalies() {
        long total = 0;
        for (long count : anomalies) {
            total += count;
        }
        return total;
    }
}
