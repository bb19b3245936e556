package dev.abilint.artifact;

import dev.abilint.model.WheelName;

import dev.abilint.model.ArtifactIssue;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A wheel's facts: its file name's tags, its {@code .dist-info/WHEEL} and {@code METADATA}, and the
 * check of {@code RECORD} against the hashes taken while the wheel was streamed.
 */
final class WheelFacts {
    private WheelFacts() {}

    /** Requires-Dist lines kept per wheel: the provider rule needs names, not an unbounded list. */
    private static final int MAX_REQUIRES = 500;

    @FunctionalInterface
    interface IssueSink {
        void issue(ArtifactIssue.Type type, String location, String message, Map<String, Object> evidence);
    }

    static void add(String fileName, WheelName name, Map<String, byte[]> metadata, Map<String, String[]> hashes,
            Map<String, Object> facts, IssueSink issues, String path) {
        if (name != null) {
            facts.put("name", name.name());
            facts.put("version", name.version());
            if (name.build() != null) {
                facts.put("build", name.build());
            }
            facts.put("pythonTags", name.pythonTags());
            facts.put("abiTags", name.abiTags());
            facts.put("platformTags", name.platformTags());
        } else {
            facts.put("nameError", "file name is not name-version(-build)-python-abi-platform.whl");
        }
        String distInfo = distInfo(name, metadata);
        if (distInfo == null) {
            issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, path, "wheel has no .dist-info/RECORD",
                    Map.of("expected", "<name>-<version>.dist-info/RECORD"));
            return;
        }
        facts.put("distInfo", distInfo);
        byte[] wheel = metadata.get(distInfo + "/WHEEL");
        if (wheel != null) {
            Map<String, List<String>> h = headers(wheel);
            Map<String, Object> w = new LinkedHashMap<>();
            putFirst(w, "wheelVersion", h, "Wheel-Version");
            putFirst(w, "generator", h, "Generator");
            String purelib = first(h, "Root-Is-Purelib");
            if (purelib != null) {
                w.put("rootIsPurelib", purelib.trim().equalsIgnoreCase("true"));
            }
            if (h.containsKey("tag")) {
                w.put("tags", h.get("tag"));
            }
            facts.put("wheel", w);
        }
        byte[] meta = metadata.get(distInfo + "/METADATA");
        if (meta != null) {
            Map<String, List<String>> h = headers(meta);
            Map<String, Object> m = new LinkedHashMap<>();
            putFirst(m, "name", h, "Name");
            putFirst(m, "version", h, "Version");
            putFirst(m, "requiresPython", h, "Requires-Python");
            List<String> requires = h.get("requires-dist");
            if (requires != null && !requires.isEmpty()) {
                m.put("requiresDist", requires.size() > MAX_REQUIRES ? requires.subList(0, MAX_REQUIRES) : requires);
            }
            facts.put("metadata", m);
        }
        byte[] record = metadata.get(distInfo + "/RECORD");
        if (record == null) {
            issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, path, "wheel has no " + distInfo + "/RECORD",
                    Map.of("expected", distInfo + "/RECORD"));
            return;
        }
        checkRecord(distInfo, record, hashes, facts, issues, path);
    }

    /** The .dist-info directory: the one named after the wheel, else the first one found. */
    private static String distInfo(WheelName name, Map<String, byte[]> metadata) {
        List<String> dirs = new ArrayList<>();
        for (String key : metadata.keySet()) {
            int slash = key.indexOf('/');
            if (slash > 0 && key.substring(0, slash).endsWith(".dist-info") && !dirs.contains(key.substring(0, slash))) {
                dirs.add(key.substring(0, slash));
            }
        }
        if (name != null) {
            String wanted = normalize(name.name() + "-" + name.version());
            for (String dir : dirs) {
                if (normalize(dir.substring(0, dir.length() - ".dist-info".length())).equals(wanted)) {
                    return dir;
                }
            }
        }
        return dirs.isEmpty() ? null : dirs.get(0);
    }

    private static String normalize(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "_");
    }

    private static void checkRecord(String distInfo, byte[] record, Map<String, String[]> hashes,
            Map<String, Object> facts, IssueSink issues, String path) {
        Map<String, String[]> rows = new LinkedHashMap<>();
        for (String line : new String(record, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = csv(line);
            rows.put(fields.get(0), new String[] {fields.size() > 1 ? fields.get(1) : "",
                fields.size() > 2 ? fields.get(2) : ""});
        }
        Set<String> exempt = Set.of(distInfo + "/RECORD", distInfo + "/RECORD.jws", distInfo + "/RECORD.p7s");
        int verified = 0;
        int unverified = 0;
        for (Map.Entry<String, String[]> file : hashes.entrySet()) {
            String name = file.getKey();
            if (exempt.contains(name)) {
                continue;
            }
            String location = path + "!/" + EntryNames.escape(name);
            String[] row = rows.get(name);
            if (row == null) {
                issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, location, "file is not listed in " + distInfo + "/RECORD",
                        evidence("problem", "unlisted", "file", name, null, null));
                continue;
            }
            String hash = row[0];
            if (hash.isEmpty()) {
                issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, location, "RECORD lists this file without a hash",
                        evidence("problem", "no-hash", "file", name, null, null));
                continue;
            }
            int eq = hash.indexOf('=');
            String algorithm = eq < 0 ? "" : hash.substring(0, eq);
            String expected = eq < 0 ? hash : hash.substring(eq + 1);
            if (!algorithm.equals("sha256")) {
                unverified++;
                continue;
            }
            String actualHash = file.getValue()[0];
            String actualSize = file.getValue()[1];
            if (!expected.equals(actualHash)) {
                issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, location,
                        "sha256 does not match RECORD: the file was changed after the wheel was built",
                        evidence("problem", "hash", "expected", "sha256=" + expected, "actual", "sha256=" + actualHash));
            } else if (!row[1].isEmpty() && !row[1].equals(actualSize)) {
                issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, location, "size does not match RECORD",
                        evidence("problem", "size", "expected", row[1], "actual", actualSize));
            } else {
                verified++;
            }
        }
        for (String listed : rows.keySet()) {
            if (!hashes.containsKey(listed) && !exempt.contains(listed) && !listed.endsWith("/")) {
                issues.issue(ArtifactIssue.Type.RECORD_MISMATCH, path + "!/" + EntryNames.escape(listed),
                        "file is listed in RECORD but missing from the wheel",
                        evidence("problem", "missing", "file", listed, null, null));
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("rows", rows.size());
        summary.put("verified", verified);
        if (unverified > 0) {
            summary.put("notSha256", unverified);
        }
        facts.put("record", summary);
    }

    private static Map<String, Object> evidence(String k1, Object v1, String k2, Object v2, String k3, Object v3) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(k1, v1);
        out.put(k2, v2);
        if (k3 != null) {
            out.put(k3, v3);
        }
        return out;
    }

    /** One CSV line as RECORD writes it (Python's csv module: quotes, doubled quotes). */
    static List<String> csv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        out.add(field.toString());
        return out;
    }

    /** Email-style headers (WHEEL, METADATA, PKG-INFO) up to the first blank line; keys in lower case. */
    static Map<String, List<String>> headers(byte[] data) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        String last = null;
        for (String line : new String(data, StandardCharsets.UTF_8).split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && last != null) {
                List<String> values = out.get(last);
                values.set(values.size() - 1, values.get(values.size() - 1) + "\n" + line.strip());
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            last = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            out.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
        }
        return out;
    }

    static String first(Map<String, List<String>> headers, String key) {
        List<String> values = headers.get(key.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static void putFirst(Map<String, Object> out, String name, Map<String, List<String>> headers, String key) {
        String value = first(headers, key);
        if (value != null) {
            out.put(name, value);
        }
    }

}
