package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How bad a finding is, lowest first. {@link #NEVER} is only a --fail-on threshold. */
public enum Severity {
    NOTE, WARNING, ERROR, NEVER;

    @JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code error|warning|note|never}; null for anything else. */
    public static Severity parse(String text) {
        for (Severity s : values()) {
            if (s.id().equals(text)) {
                return s;
            }
        }
        return null;
    }

    public boolean atLeast(Severity threshold) {
        return threshold != NEVER && compareTo(threshold) >= 0;
    }
}
