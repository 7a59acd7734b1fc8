package io.dicomwatch.inventory;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Keyed hash of Study Instance UID bytes (HMAC-SHA256, RFC 2104), so studies can be counted
 * without keeping their UIDs: without the key, a hash cannot be tested against a guessed UID.
 * The UID bytes are hashed as they came off the wire and never turned into a String. Not
 * thread-safe: one pipeline thread uses it.
 */
public final class StudyHasher {
    /** Key length in bytes, the HMAC-SHA256 block-size recommendation of RFC 2104 section 3. */
    public static final int KEY_LENGTH = 32;

    private final Mac mac;

    public StudyHasher(byte[] key) {
        if (key.length != KEY_LENGTH) {
            throw new IllegalArgumentException("study hash key must be " + KEY_LENGTH + " bytes, got " + key.length);
        }
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable in this JVM", e);
        }
    }

    /** Returns the first 64 bits of the HMAC of {@code bytes[offset, offset + length)}. */
    public long hash(byte[] bytes, int offset, int length) {
        mac.update(bytes, offset, length);
        byte[] digest = mac.doFinal();
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = value << 8 | (digest[i] & 0xFF);
        }
        return value;
    }
}
