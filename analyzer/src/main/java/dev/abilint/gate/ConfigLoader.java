package dev.abilint.gate;

import dev.abilint.util.Glob;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.abilint.model.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds and reads the configuration: {@code --config FILE}, else the first {@code abilint.toml}, or
 * {@code pyproject.toml} with a {@code [tool.abilint]} table, from the first input's directory
 * upwards. Unknown keys are errors, so that a typo does not silently change nothing.
 */
public final class ConfigLoader {
    private static final Set<String> KEYS = Set.of("python", "manylinux", "macos", "java", "glibc", "platforms",
            "fail-on", "severity", "suppress", "accept", "provided");
    private static final Set<String> ACCEPT_KEYS = Set.of("rule", "name", "justification", "expires");
    private static final Set<String> SUPPRESS_KEYS = Set.of("rule", "match", "symbol", "justification", "expires");

    private ConfigLoader() {}

    /** The file to use: the given one, or one found upwards from the first input; null when there is none. */
    public static Path find(String explicit, List<String> inputs) throws ConfigException {
        if (explicit != null) {
            Path path = Path.of(explicit);
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("cannot read config '" + explicit + "': no such file");
            }
            return path;
        }
        if (inputs.isEmpty()) {
            return null;
        }
        Path start = Path.of(inputs.get(0)).toAbsolutePath().normalize();
        Path dir = Files.isDirectory(start) ? start : start.getParent();
        for (int depth = 0; dir != null && depth < 64; depth++, dir = dir.getParent()) {
            Path toml = dir.resolve("abilint.toml");
            if (Files.isRegularFile(toml)) {
                return toml;
            }
            Path pyproject = dir.resolve("pyproject.toml");
            if (Files.isRegularFile(pyproject) && hasToolTable(pyproject)) {
                return pyproject;
            }
        }
        return null;
    }

    private static boolean hasToolTable(Path pyproject) {
        try {
            return !new TomlMapper().readTree(pyproject.toFile()).path("tool").path("abilint").isMissingNode();
        } catch (IOException e) {
            return false; // a broken pyproject.toml that does not configure abilint is not abilint's business
        }
    }

    public static Config load(Path path) throws ConfigException {
        if (path == null) {
            return Config.empty();
        }
        JsonNode root;
        try {
            root = new TomlMapper().readTree(path.toFile());
        } catch (IOException e) {
            throw new ConfigException("cannot read config '" + path + "': " + firstLine(e.getMessage()));
        }
        boolean pyproject = path.getFileName().toString().equals("pyproject.toml");
        JsonNode node = pyproject ? root.path("tool").path("abilint") : root;
        String where = path + (pyproject ? " [tool.abilint]" : "");
        if (!node.isObject()) {
            throw new ConfigException(where + ": expected a table of settings");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!KEYS.contains(key)) {
                throw new ConfigException(where + ": unknown setting '" + key + "' (settings: " + String.join(", ",
                        KEYS.stream().sorted().toList()) + ")");
            }
        }
        return new Config(path, text(node, "python", where), text(node, "manylinux", where), text(node, "macos", where),
                text(node, "java", where), text(node, "glibc", where), list(node, "platforms", where),
                failOn(node, where), severities(node.path("severity"), where), withAccepted(suppressions(node.path("suppress"), where), node.path("accept"), where),
                provided(node, where));
    }

    /** {@code [[accept]]}: rule (a diff- rule), name (glob on the change's name), justification, expires. */
    private static List<Suppression> withAccepted(List<Suppression> suppressions, JsonNode array, String where)
            throws ConfigException {
        if (array.isMissingNode()) {
            return suppressions;
        }
        if (!array.isArray()) {
            throw new ConfigException(where + ": 'accept' must be an array of tables ([[accept]])");
        }
        List<Suppression> out = new ArrayList<>(suppressions);
        int index = 0;
        for (JsonNode entry : array) {
            index++;
            String label = where + ", accept " + index;
            knownKeys(entry, ACCEPT_KEYS, "rule, name, justification, expires", label);
            String rule = required(entry, "rule", label);
            if (!rule.startsWith("diff-")) {
                throw new ConfigException(label + ": accept takes a diff- rule (got '" + rule + "'); use [[suppress]] for others");
            }
            String name = required(entry, "name", label);
            String justification = required(entry, "justification", label);
            LocalDate expires = expires(entry, label);
            out.add(Suppression.accepting(rule, new Glob(name), justification, expires, label));
        }
        return out;
    }

    private static String text(JsonNode node, String key, String where) throws ConfigException {
        JsonNode value = node.get(key);
        if (value == null) {
            return null;
        }
        if (!value.isValueNode()) {
            throw new ConfigException(where + ": '" + key + "' must be a string");
        }
        return value.asText();
    }

    private static List<String> list(JsonNode node, String key, String where) throws ConfigException {
        JsonNode value = node.get(key);
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        if (!value.isArray()) {
            throw new ConfigException(where + ": '" + key + "' must be a list of strings");
        }
        for (JsonNode item : value) {
            out.add(item.asText());
        }
        return out;
    }

    /** Library-name globs: each a non-blank string, without a path (a library is matched by its name). */
    private static List<String> provided(JsonNode node, String where) throws ConfigException {
        List<String> out = list(node, "provided", where);
        for (String glob : out) {
            if (glob.isBlank()) {
                throw new ConfigException(where + ": 'provided' holds an empty glob (give library names such as"
                        + " \"libcuda.so.1\" or \"libtorch*.so\")");
            }
        }
        return out;
    }

    private static Severity failOn(JsonNode node, String where) throws ConfigException {
        String value = text(node, "fail-on", where);
        if (value == null) {
            return null;
        }
        Severity severity = Severity.parse(value);
        if (severity == null) {
            throw new ConfigException(where + ": fail-on must be error, warning, note or never (got '" + value + "')");
        }
        return severity;
    }

    private static Map<String, Severity> severities(JsonNode table, String where) throws ConfigException {
        Map<String, Severity> out = new LinkedHashMap<>();
        if (table.isMissingNode()) {
            return out;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String value = e.getValue().asText();
            if (value.equals("off")) {
                out.put(e.getKey(), null);
                continue;
            }
            Severity severity = Severity.parse(value);
            if (severity == null || severity == Severity.NEVER) {
                throw new ConfigException(where + ": severity of " + e.getKey() + " must be error, warning, note or off (got '"
                        + value + "')");
            }
            out.put(e.getKey(), severity);
        }
        return out;
    }

    private static List<Suppression> suppressions(JsonNode array, String where) throws ConfigException {
        List<Suppression> out = new ArrayList<>();
        if (array.isMissingNode()) {
            return out;
        }
        if (!array.isArray()) {
            throw new ConfigException(where + ": 'suppress' must be an array of tables ([[suppress]])");
        }
        int index = 0;
        for (JsonNode entry : array) {
            index++;
            String label = where + ", suppression " + index;
            knownKeys(entry, SUPPRESS_KEYS, "rule, match, symbol, justification, expires", label);
            String rule = required(entry, "rule", label);
            String match = required(entry, "match", label);
            String justification = required(entry, "justification", label);
            JsonNode symbol = entry.get("symbol");
            LocalDate expires = expires(entry, label);
            out.add(new Suppression(rule, new Glob(match), symbol == null ? null : new Glob(symbol.asText()),
                    justification, expires, label));
        }
        return out;
    }

    /** Refuses a table with a key outside {@code allowed}, naming the keys it takes ({@code listed}). */
    private static void knownKeys(JsonNode entry, Set<String> allowed, String listed, String label)
            throws ConfigException {
        for (Iterator<String> it = entry.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!allowed.contains(key)) {
                throw new ConfigException(label + ": unknown key '" + key + "' (keys: " + listed + ")");
            }
        }
    }

    /** A table's optional {@code expires} date (null when absent). */
    private static LocalDate expires(JsonNode entry, String label) throws ConfigException {
        if (!entry.has("expires")) {
            return null;
        }
        try {
            return LocalDate.parse(entry.get("expires").asText());
        } catch (DateTimeParseException e) {
            throw new ConfigException(label + ": expires must be a date like 2027-01-31 (got '"
                    + entry.get("expires").asText() + "')");
        }
    }

    private static String required(JsonNode entry, String key, String label) throws ConfigException {
        JsonNode value = entry.get(key);
        if (value == null || value.asText().isBlank()) {
            throw new ConfigException(label + ": '" + key + "' is required"
                    + (key.equals("justification") ? " (say why the finding is acceptable)" : ""));
        }
        return value.asText();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "invalid TOML";
        }
        int cut = message.indexOf('\n');
        return cut < 0 ? message : message.substring(0, cut);
    }
}
