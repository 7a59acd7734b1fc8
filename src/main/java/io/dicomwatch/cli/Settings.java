package io.dicomwatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Resolved settings: a command-line option wins over the configuration file, which wins over the
 * default. Every value is parsed and checked when it is resolved, so mistakes stop the start.
 */
public final class Settings {
    /** The YAML parser, created on first use so a run without a configuration file does not load it. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = new ObjectMapper(new YAMLFactory())
                .enable(com.fasterxml.jackson.core.JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    }

    private static final String BYTE_ORDER_MARK = "\uFEFF";

    private final Map<Setting, Object> values = new EnumMap<>(Setting.class);

    private Settings() {
    }

    /**
     * Resolves every setting.
     *
     * @param options values given on the command line, as text
     * @param configFile the YAML file, or null for none
     * @throws UsageException naming the key or option, the value and the reason
     */
    public static Settings resolve(Map<Setting, String> options, Path configFile) {
        Settings settings = new Settings();
        for (Setting setting : Setting.values()) {
            settings.values.put(setting, setting.parse(setting.defaultValue()));
        }
        if (configFile != null) {
            for (Map.Entry<Setting, String> entry : readConfig(configFile).entrySet()) {
                settings.values.put(entry.getKey(), parse(entry.getKey(), entry.getValue(),
                        "configuration key '" + entry.getKey().key() + "' in " + configFile));
            }
        }
        for (Map.Entry<Setting, String> entry : options.entrySet()) {
            settings.values.put(entry.getKey(), parse(entry.getKey(), entry.getValue(),
                    "option " + entry.getKey().option()));
        }
        return settings;
    }

    private static Object parse(Setting setting, String text, String where) {
        try {
            return setting.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UsageException(where + ": " + e.getMessage());
        }
    }

    /**
     * Decodes the file as strict UTF-8, the encoding YAML configuration files use here. Jackson
     * would report invalid bytes as a YAML syntax error, which hides the real cause.
     */
    private static String utf8Text(Path file) throws IOException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                .toString();
        return text.startsWith(BYTE_ORDER_MARK) ? text.substring(1) : text;
    }

    /** Reads the YAML file into setting texts, rejecting unknown keys and non-scalar values. */
    static Map<Setting, String> readConfig(Path file) {
        JsonNode root;
        try {
            root = Yaml.MAPPER.readTree(utf8Text(file));
        } catch (NoSuchFileException e) {
            throw new UsageException("configuration file not found: " + file);
        } catch (CharacterCodingException e) {
            throw new UsageException("configuration file " + file + " is not UTF-8 text; save it as UTF-8, for"
                    + " example with iconv -t UTF-8");
        } catch (JsonProcessingException e) {
            throw new UsageException("configuration file " + file + " is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read configuration file " + file + ": " + e.getMessage(), e);
        }
        Map<Setting, String> texts = new EnumMap<>(Setting.class);
        if (root == null || root.isMissingNode() || root.isNull()) {
            return texts;
        }
        if (!root.isObject()) {
            throw new UsageException("configuration file " + file + " must be a mapping of keys to values, such as "
                    + "'output: /var/lib/dicomwatch/inventory.json'");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            Setting setting = Setting.forKey(field.getKey());
            if (setting == null) {
                throw new UsageException("unknown configuration key '" + field.getKey() + "' (value "
                        + field.getValue() + ") in " + file + "; known keys: " + knownKeys());
            }
            texts.put(setting, configText(setting, field.getValue(), file));
        }
        return texts;
    }

    /** Returns the text of one key's value: a scalar, or for list settings a YAML list of scalars joined by commas. */
    private static String configText(Setting setting, JsonNode value, Path file) {
        if (setting.isList() && value.isArray()) {
            // New lines separate the items: an allow-list item may itself contain commas.
            StringJoiner items = new StringJoiner("\n");
            for (JsonNode item : value) {
                if (!item.isValueNode() || item.isNull()) {
                    throw new UsageException("configuration key '" + setting.key() + "' in " + file
                            + " must be a list of single values, got " + value);
                }
                items.add(item.asText());
            }
            return items.toString();
        }
        if (!value.isValueNode() || value.isNull()) {
            String expected = setting.isList() ? "a single value or a list" : "a single value";
            throw new UsageException("configuration key '" + setting.key() + "' in " + file + " must have "
                    + expected + ", got " + (value.isNull() ? "nothing" : value.toString()));
        }
        return value.asText();
    }

    private static String knownKeys() {
        StringJoiner keys = new StringJoiner(", ");
        for (Setting setting : Setting.values()) {
            keys.add(setting.key());
        }
        return keys.toString();
    }

    public boolean flag(Setting setting) {
        return (Boolean) values.get(setting);
    }

    /** Returns a count or size setting as an int, rejecting values above {@link Integer#MAX_VALUE}. */
    public int intValue(Setting setting) {
        long value = longValue(setting);
        if (value > Integer.MAX_VALUE) {
            throw new UsageException(setting.option() + ": value " + value + " is too large (maximum "
                    + Integer.MAX_VALUE + ")");
        }
        return (int) value;
    }

    public long longValue(Setting setting) {
        return (Long) values.get(setting);
    }

    public String text(Setting setting) {
        return (String) values.get(setting);
    }

    /** Returns a list setting, possibly empty. */
    @SuppressWarnings("unchecked")
    public List<String> list(Setting setting) {
        return (List<String>) values.get(setting);
    }
}
