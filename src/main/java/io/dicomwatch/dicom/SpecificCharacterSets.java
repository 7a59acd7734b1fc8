package io.dicomwatch.dicom;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Maps Specific Character Set (0008,0005) defined terms (PS3.3 C.12.1.1.2) to Java charsets for
 * the equipment attributes. Only the single-byte and Unicode repertoires are mapped; ISO 2022
 * code extensions and unknown terms fall back to ISO 8859-1, which decodes any byte, so a wrong
 * guess gives odd characters, never an error.
 */
final class SpecificCharacterSets {
    private SpecificCharacterSets() {
    }

    /** Returns the charset of the first value of a Specific Character Set value, or ISO 8859-1. */
    static Charset charset(String value) {
        if (value == null) {
            return StandardCharsets.ISO_8859_1;
        }
        String first = value.split("\\\\", -1)[0].trim().toUpperCase(Locale.ROOT);
        String name = switch (first) {
            case "ISO_IR 192" -> "UTF-8";
            case "ISO_IR 100" -> "ISO-8859-1";
            case "ISO_IR 101" -> "ISO-8859-2";
            case "ISO_IR 109" -> "ISO-8859-3";
            case "ISO_IR 110" -> "ISO-8859-4";
            case "ISO_IR 144" -> "ISO-8859-5";
            case "ISO_IR 127" -> "ISO-8859-6";
            case "ISO_IR 126" -> "ISO-8859-7";
            case "ISO_IR 138" -> "ISO-8859-8";
            case "ISO_IR 148" -> "ISO-8859-9";
            case "ISO_IR 166" -> "x-IBM874";
            case "ISO_IR 13" -> "Shift_JIS";
            case "GB18030" -> "GB18030";
            case "GBK" -> "GBK";
            default -> "ISO-8859-1";
        };
        return Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.ISO_8859_1;
    }
}
