package dev.abilint.gate;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.abilint.model.Finding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Findings recorded by {@code --write-baseline}, matched later by fingerprint (rule, location
 * without version numbers, symbol), so that a version bump of the artifact keeps them matched.
 */
public record Baseline(String schemaVersion, List<Entry> findings) {

    @JsonPropertyOrder({"fingerprint", "ruleId", "location", "message"})
    public record Entry(String fingerprint, String ruleId, String location, String message) {}

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public static Baseline of(List<Finding> findings) {
        List<Entry> entries = new ArrayList<>();
        for (Finding f : findings) {
            entries.add(new Entry(f.fingerprint(), f.ruleId(), f.location(), f.message()));
        }
        return new Baseline("1", entries);
    }

    public static Baseline read(Path path) throws ConfigException {
        try {
            Baseline baseline = MAPPER.readValue(path.toFile(), Baseline.class);
            if (baseline.findings() == null) {
                throw new ConfigException("baseline '" + path + "' has no findings list");
            }
            return baseline;
        } catch (IOException e) {
            throw new ConfigException("cannot read baseline '" + path + "': "
                    + (Files.exists(path) ? "not an abilint baseline (" + e.getClass().getSimpleName() + ")" : "no such file"));
        }
    }

    /** Written atomically: a temporary file beside it, then a rename. */
    /** Writes the baseline as reports are written: atomically for a file, directly to a device or FIFO. */
    public void write(Path path) throws IOException {
        dev.abilint.util.OutputFile.write("baseline", path.toString(), out -> MAPPER.writeValue(out, this), null);
    }
}
