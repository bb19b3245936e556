package dev.abilint.model;

import java.util.Map;

/**
 * Something the artifact walker noticed while reading an archive that a rule turns into a finding:
 * a limit that stopped the reading, an unsafe entry name, a RECORD that does not match. The walker
 * only records; the rule with the same {@link Type} decides what to tell the user.
 *
 * @param type what kind of observation
 * @param location the member or archive it is about ({@code outer.jar!/inner.jar})
 * @param message one sentence for the user
 * @param evidence the numbers and names behind it (limit, value, expected, actual...)
 */
public record ArtifactIssue(Type type, String location, String message, Map<String, Object> evidence) {

    public enum Type {
        /** A size, ratio, count or depth limit stopped (part of) the reading. */
        LIMIT,
        /** An entry name that would escape or confuse an extraction directory. */
        UNSAFE_NAME,
        /** A wheel's RECORD does not match the files in it. */
        RECORD_MISMATCH
    }
}
