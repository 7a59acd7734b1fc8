package io.dicomwatch.findings;

import io.dicomwatch.capture.IpAddress;
import io.dicomwatch.dicom.AeTitle;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Stable finding ids: the first 64 bits of SHA-256 over rule id, asset address, AE title and port,
 * in hex. The same exposure gets the same id in every run and on every sensor, so acknowledgements
 * and SIEM correlation survive restarts; 64 bits make a collision among a site's findings
 * negligible.
 */
public final class FindingIds {
    private static final int ID_BYTES = 8;

    private FindingIds() {
    }

    /** Returns the id; a null title or port hashes as empty, unlike the empty title "". */
    public static String of(String ruleId, IpAddress asset, AeTitle aeTitle, Integer port) {
        String key = ruleId + '\n' + asset + '\n' + (aeTitle == null ? "\u0000" : aeTitle.value()) + '\n'
                + (port == null ? "" : port.toString());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, ID_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing, though every Java platform must provide it", e);
        }
    }

    /** Returns whether {@code text} has the form of an id: 16 lower-case hex digits. */
    public static boolean isWellFormed(String text) {
        return text.length() == ID_BYTES * 2 && text.chars().allMatch(c -> (c >= '0' && c <= '9')
                || (c >= 'a' && c <= 'f'));
    }
}
