package io.dicomwatch.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Maps implementation class UIDs and version names to the software or vendor that announced
 * them, from the bundled {@code fingerprints.tsv} and an optional user file in the same format
 * (documented in docs/fingerprints.md and the resource's header). User rows are tried first.
 * Immutable and thread-safe once loaded.
 */
public final class Fingerprints {
    private static final String RESOURCE = "fingerprints.tsv";

    /** What a fingerprint row says; {@code product} is null for a vendor's UID root, {@code version} when unread. */
    public record Match(String kind, String product, String vendor, String version) {
    }

    private record Rule(boolean uidPrefix, String prefix, Pattern name, String kind, String product, String vendor,
            boolean versionFromUid, Pattern version) {
    }

    private static final class Bundled {
        static final Fingerprints DEFAULT = loadBundled();
    }

    private final List<Rule> rules;

    private Fingerprints(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Returns the bundled table. */
    public static Fingerprints bundled() {
        return Bundled.DEFAULT;
    }

    /**
     * Returns the user file's rows followed by the bundled ones.
     *
     * @throws IllegalArgumentException naming the file and line of a malformed row
     */
    public static Fingerprints withUserFile(Path file) throws IOException {
        List<Rule> rules;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            rules = parse(reader, file.toString());
        }
        rules.addAll(bundled().rules);
        return new Fingerprints(rules);
    }

    private static Fingerprints loadBundled() {
        try (InputStream in = Fingerprints.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("resource " + RESOURCE + " missing from the jar");
            }
            return new Fingerprints(parse(new InputStreamReader(in, StandardCharsets.UTF_8), RESOURCE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read resource " + RESOURCE, e);
        }
    }

    static List<Rule> parse(Reader reader, String source) throws IOException {
        List<Rule> rules = new ArrayList<>();
        BufferedReader lines = new BufferedReader(reader);
        String line;
        int number = 0;
        while ((line = lines.readLine()) != null) {
            number++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            try {
                rules.add(parseRule(line.split("\t", -1)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + " line " + number + ": " + e.getMessage(), e);
            }
        }
        return rules;
    }

    private static Rule parseRule(String[] fields) {
        if (fields.length != 6) {
            throw new IllegalArgumentException("expected 6 tab-separated fields (match, pattern, kind, product, "
                    + "vendor, version), got " + fields.length);
        }
        boolean uidPrefix = switch (fields[0]) {
            case "uid-prefix" -> true;
            case "name-regex" -> false;
            default -> throw new IllegalArgumentException("invalid match '" + fields[0]
                    + "': expected uid-prefix or name-regex");
        };
        if (!fields[2].equals("toolkit") && !fields[2].equals("vendor")) {
            throw new IllegalArgumentException("invalid kind '" + fields[2] + "': expected toolkit or vendor");
        }
        Pattern name = uidPrefix ? null : compile(fields[1]);
        String version = fields[5];
        boolean versionFromUid = version.startsWith("uid:");
        Pattern versionPattern = null;
        if (versionFromUid || version.startsWith("name:")) {
            versionPattern = compile(version.substring(version.indexOf(':') + 1));
        } else if (!version.equals("-")) {
            throw new IllegalArgumentException("invalid version '" + version
                    + "': expected uid:REGEX, name:REGEX or -");
        }
        return new Rule(uidPrefix, fields[1], name, fields[2], dash(fields[3]), dash(fields[4]), versionFromUid,
                versionPattern);
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + regex + "': " + e.getDescription(), e);
        }
    }

    private static String dash(String value) {
        return value.equals("-") || value.isEmpty() ? null : value;
    }

    /** Returns the first row that matches, or null. */
    public Match match(String implementationClassUid, String implementationVersionName) {
        for (Rule rule : rules) {
            if (matches(rule, implementationClassUid, implementationVersionName)) {
                return new Match(rule.kind(), rule.product(), rule.vendor(),
                        version(rule, implementationClassUid, implementationVersionName));
            }
        }
        return null;
    }

    private static boolean matches(Rule rule, String uid, String name) {
        if (rule.uidPrefix()) {
            return uid != null && (uid.equals(rule.prefix()) || uid.startsWith(rule.prefix() + "."));
        }
        return name != null && rule.name().matcher(name).matches();
    }

    private static String version(Rule rule, String uid, String name) {
        String input = rule.versionFromUid() ? uid : name;
        if (rule.version() == null || input == null) {
            return null;
        }
        Matcher matcher = rule.version().matcher(input);
        if (!matcher.find() || matcher.groupCount() == 0) {
            return null;
        }
        StringBuilder version = new StringBuilder();
        for (int group = 1; group <= matcher.groupCount(); group++) {
            if (matcher.group(group) == null) {
                continue;
            }
            if (version.length() > 0) {
                version.append('.');
            }
            version.append(matcher.group(group));
        }
        return version.length() == 0 ? null : version.toString();
    }
}
