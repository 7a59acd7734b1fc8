package io.dicomwatch.dicom;

/**
 * Recognises the first TLS record of a connection by its shape, without decoding it, so DICOM-TLS
 * services (PS3.15 Annex B, commonly port 2762) show up in the inventory although their content is
 * encrypted.
 *
 * <p>A TLS handshake record starts with content type 22, a legacy record version 0x0300 to 0x0304
 * (SSL 3.0 to TLS 1.3, whose records still say 0x0301 or 0x0303), a record length of 1 to 2^14 + 2048
 * bytes (RFC 8446 section 5.2), and a handshake message of type 1 (ClientHello) or 2 (ServerHello)
 * whose 24-bit length fits in the record. An A-ASSOCIATE-RQ starts with 0x01 0x00, so the two
 * cannot be confused. It reads six bytes and allocates nothing.
 */
public final class TlsRecognizer {
    public static final int CLIENT_HELLO = 1;
    public static final int SERVER_HELLO = 2;
    /** Bytes needed to judge: the 5-byte record header, the handshake type and its 3-byte length. */
    public static final int MIN_BYTES = 9;

    private static final int CONTENT_TYPE_HANDSHAKE = 22;
    private static final int MAX_RECORD_LENGTH = (1 << 14) + 2048;

    private TlsRecognizer() {
    }

    /**
     * Returns the handshake type ({@link #CLIENT_HELLO} or {@link #SERVER_HELLO}) when the bytes
     * start a TLS handshake record, else -1. Fewer than {@link #MIN_BYTES} bytes give -1.
     */
    public static int handshakeType(byte[] data, int offset, int length) {
        if (length < MIN_BYTES || (data[offset] & 0xFF) != CONTENT_TYPE_HANDSHAKE || data[offset + 1] != 3) {
            return -1;
        }
        int minorVersion = data[offset + 2] & 0xFF;
        int recordLength = ((data[offset + 3] & 0xFF) << 8) | (data[offset + 4] & 0xFF);
        int type = data[offset + 5] & 0xFF;
        int messageLength = ((data[offset + 6] & 0xFF) << 16) | ((data[offset + 7] & 0xFF) << 8)
                | (data[offset + 8] & 0xFF);
        if (minorVersion > 4 || recordLength < 4 || recordLength > MAX_RECORD_LENGTH) {
            return -1;
        }
        if (type != CLIENT_HELLO && type != SERVER_HELLO) {
            return -1;
        }
        // A hello may span several records, so its length may exceed the record's, but never 2^24 - 1 in practice.
        return messageLength >= 34 ? type : -1;
    }
}
