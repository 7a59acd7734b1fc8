package io.dicomwatch.dicom;

import io.dicomwatch.tcp.Direction;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads the data sets that follow C-STORE requests on one connection, one reader per direction,
 * and reports the equipment attributes they allow to the {@link AssociationListener}.
 *
 * <p>A C-STORE-RQ with a data set arms its direction; the data set PDVs that follow on the same
 * presentation context (PS3.7 section 9.3.1.1) are then read until the reader stops. Query
 * identifiers are read by {@link QueryIdentifierReader}, and responses are never read. The transfer syntax comes from the
 * A-ASSOCIATE-AC context with the same ID, and deflated data sets are inflated a bounded prefix
 * at a time ({@link Inflater} with {@code nowrap}, PS3.5 A.5). Without an AC (a mid-stream
 * association), the reader infers the encoding from the first element header. NOTE: a deflated
 * data set is then not recognised, because its compressed bytes fail the inference, and it
 * counts as malformed.
 */
final class DataSetTaps {
    /**
     * Longest value captured. PS3.5 caps LO at 64 characters, so this holds four Software Versions
     * values of 64 ASCII characters. Every open association with a data set in flight keeps one
     * buffer of this size, so the size stays small for a flood of such associations.
     */
    static final int MAX_VALUE_LENGTH = 256;
    private static final int INFLATE_BUFFER = 4096;

    private final AssociationListener listener;
    private final DicomStats stats;
    private final long prefixLimit;
    private final Tap[] taps = new Tap[2];

    DataSetTaps(AssociationListener listener, DicomStats stats, long prefixLimit) {
        this.listener = listener;
        this.stats = stats;
        this.prefixLimit = prefixLimit;
    }

    /** Arms {@code direction} when {@code command} is a request whose data set is read. */
    void onCommand(Direction direction, int contextId, DimseCommand command, ObservedAssociation association) {
        Tap tap = taps[direction.ordinal()];
        if (tap != null) {
            tap.disarm();
        }
        if (association == null || command.isResponse() || !command.hasDataSet()) {
            return;
        }
        if (command.commandField() != CommandField.C_STORE_RQ) {
            return;
        }
        if (tap == null) {
            tap = new Tap();
            taps[direction.ordinal()] = tap;
        }
        tap.arm(association, association.fromRequestor(direction), command, contextId,
                DataSetEncoding.of(acceptedTransferSyntax(association, contextId)));
    }

    void onFragment(Direction direction, int contextId, byte[] data, int offset, int length, boolean last,
            long timestampNanos) {
        Tap tap = taps[direction.ordinal()];
        if (tap != null && tap.armed && tap.contextId == contextId) {
            tap.feed(data, offset, length, last, timestampNanos);
        }
    }

    /**
     * Forgets armed requests and frees the readers, when an association ends or another starts, so
     * buffers and inflaters are held only while an association carries data sets.
     */
    void reset() {
        for (int i = 0; i < taps.length; i++) {
            if (taps[i] != null) {
                taps[i].close();
                taps[i] = null;
            }
        }
    }

    /** Frees the native memory of the inflaters when the connection closes. */
    void close() {
        reset();
    }

    private static String acceptedTransferSyntax(ObservedAssociation association, int contextId) {
        AssociateAcPdu accept = association.accept();
        if (accept == null) {
            return null;
        }
        for (PresentationContextAc context : accept.presentationContexts()) {
            if (context.id() == contextId && context.accepted()) {
                return context.transferSyntax();
            }
        }
        return null;
    }

    /** The reader of one direction and the request whose data set it reads. */
    private final class Tap implements DataSetReader.Sink {
        private final DataSetReader reader = new DataSetReader(this, MAX_VALUE_LENGTH);
        private final StoredObjectSummary summary = new StoredObjectSummary();
        private Inflater inflater;
        private byte[] inflated;
        private boolean armed;
        private boolean deflated;
        private boolean reported;
        private int contextId;
        private ObservedAssociation association;
        private boolean fromRequestor;
        private DimseCommand request;
        private long now;

        void arm(ObservedAssociation association, boolean fromRequestor, DimseCommand request, int contextId,
                DataSetEncoding encoding) {
            this.association = association;
            this.fromRequestor = fromRequestor;
            this.request = request;
            this.contextId = contextId;
            deflated = encoding == DataSetEncoding.DEFLATED_EXPLICIT_LITTLE;
            summary.clear();
            reader.start(deflated ? DataSetEncoding.EXPLICIT_LITTLE : encoding, prefixLimit);
            if (deflated) {
                if (inflater == null) {
                    inflater = new Inflater(true);
                    inflated = new byte[INFLATE_BUFFER];
                }
                inflater.reset();
            }
            armed = true;
            reported = false;
        }

        void disarm() {
            armed = false;
            association = null;
            request = null;
            summary.clear();
        }

        void close() {
            disarm();
            if (inflater != null) {
                inflater.end();
                inflater = null;
            }
        }

        void feed(byte[] data, int offset, int length, boolean last, long timestampNanos) {
            now = timestampNanos;
            if (reader.reading()) {
                if (deflated) {
                    inflate(data, offset, length);
                } else {
                    reader.feed(data, offset, length);
                }
            }
            if (last) {
                reader.finish();
            }
            if (!reader.reading()) {
                report();
            }
            if (last) {
                disarm();
            }
        }

        private void inflate(byte[] data, int offset, int length) {
            inflater.setInput(data, offset, length);
            try {
                while (reader.reading() && !inflater.needsInput() && !inflater.finished()) {
                    int count = inflater.inflate(inflated);
                    if (count == 0 && inflater.needsDictionary()) {
                        break;
                    }
                    reader.feed(inflated, 0, count);
                }
            } catch (DataFormatException e) {
                // Not a deflate stream: stop reading this data set; counted by its outcome.
                reader.abort();
            }
        }

        private void report() {
            if (reported) {
                return;
            }
            reported = true;
            countOutcome(reader.outcome());
            summary.finish(reader.outcome(), reader.encoding());
            listener.onStoredObject(association, request, fromRequestor, summary, now);
            summary.clear();
        }

        private void countOutcome(DataSetReader.Outcome outcome) {
            stats.dataSetsRead++;
            switch (outcome) {
                case MALFORMED -> stats.dataSetsMalformed++;
                case TRUNCATED -> stats.dataSetsTruncated++;
                case PREFIX_LIMIT -> stats.dataSetsPrefixLimit++;
                default -> {
                    // COMPLETE and ENDED are the normal outcomes.
                }
            }
        }

        @Override
        public void onValue(int tag, byte[] value, int offset, int length) {
            summary.accept(tag, value, offset, length);
        }
    }
}
