package dev.abilint.gate;

import dev.abilint.model.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Settings from {@code abilint.toml} or {@code [tool.abilint]} in {@code pyproject.toml}. Every
 * field may be null (or empty): the command line fills in and wins.
 *
 * @param severities per-rule severity overrides; a null value turns the rule off
 * @param provided globs of library names supplied from outside the package ({@code provided = ["libcuda.so*"]})
 */
public record Config(Path source, String python, String manylinux, String macos, String java, String glibc,
        List<String> platforms, Severity failOn, Map<String, Severity> severities, List<Suppression> suppressions,
        List<String> provided) {

    public static Config empty() {
        return new Config(null, null, null, null, null, null, List.of(), null, Map.of(), List.of(), List.of());
    }
}
