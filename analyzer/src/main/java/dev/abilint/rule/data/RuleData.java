package dev.abilint.rule.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads rule data files packaged from {@code rules/data/}. */
public final class RuleData {
    private static final String BASE = "abilint/rules/data/";

    private RuleData() {}

    public static InputStream open(String name) {
        InputStream in = RuleData.class.getClassLoader().getResourceAsStream(BASE + name);
        if (in == null) {
            throw new IllegalStateException("rule data " + name + " is missing from the build");
        }
        return in;
    }

    /** Rows of a tab-separated file, without '#' comment lines and without its header row. */
    public static List<String[]> tsv(String name) {
        try (InputStream in = open(name)) {
            List<String[]> rows = new ArrayList<>();
            boolean header = true;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                rows.add(line.split("\t", -1));
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Non-comment, non-blank lines of a plain list file. */
    public static List<String> lines(String name) {
        try (InputStream in = open(name)) {
            List<String> out = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    out.add(trimmed);
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
