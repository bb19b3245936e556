package dev.abilint.rule.data;

import dev.abilint.util.JsonData;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * What a release is expected to cover (rules/data/release-targets.json): the common wheel platforms and the
 * supported CPython versions, with their source and date.
 */
public record ReleaseTargets(List<String> cpython, List<String> freeThreaded, List<String> platforms, String date) {
    private static final ReleaseTargets INSTANCE = load();

    public static ReleaseTargets get() {
        return INSTANCE;
    }

    private static ReleaseTargets load() {
        try (InputStream in = RuleData.open("release-targets.json")) {
            Map<String, Object> o = JsonData.object(in);
            return new ReleaseTargets(JsonData.strings(o.get("cpython")), JsonData.strings(o.get("freeThreaded")),
                    JsonData.strings(o.get("platforms")), JsonData.text(o, "date", "?"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
