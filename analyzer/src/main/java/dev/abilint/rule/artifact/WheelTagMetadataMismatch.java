package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.Listing;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A wheel whose {@code .dist-info/WHEEL} {@code Tag:} lines do not name the same tags as its file name.
 * Installers that trust the file name (pip's finder) and those that trust WHEEL (uv, pex, installed-package
 * scanners) then disagree about where the wheel installs; both sides are expanded first
 * ({@code cp312-cp312-manylinux_2_17_x86_64.manylinux2014_x86_64} is two tags), so a compressed Tag line
 * that names the same set is not a mismatch.
 */
public final class WheelTagMetadataMismatch implements AnalysisRule {
    /** Expanded tags compared per wheel: a hostile file name with many dotted parts stays bounded. */
    static final int MAX_TAGS = 4096;

    @Override
    public String id() {
        return "wheel-tag-metadata-mismatch";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        for (Artifact artifact : analysis.artifacts()) {
            if (!"wheel".equals(artifact.getKind())) {
                continue;
            }
            List<Object> py = Artifacts.list(artifact, "pythonTags");
            List<Object> abi = Artifacts.list(artifact, "abiTags");
            List<Object> plat = Artifacts.list(artifact, "platformTags");
            Map<String, Object> wheel = Artifacts.map(artifact, "wheel");
            if (py.isEmpty() || abi.isEmpty() || plat.isEmpty() || wheel.isEmpty()) {
                continue; // no parsable name or no WHEEL file: other findings say so
            }
            Set<String> fromName = new TreeSet<>();
            expand(String.join(".", strings(py)), String.join(".", strings(abi)), String.join(".", strings(plat)), fromName);
            Object lines = wheel.get("tags");
            List<String> tagLines = lines instanceof List<?> l ? strings(l) : List.of();
            if (tagLines.isEmpty()) {
                context.report(artifact.getPath(), "WHEEL has no Tag: line: tools that read the tags from WHEEL "
                                + "(uv, pex, scanners of installed packages) cannot tell where the wheel installs")
                        .evidence("fileNameTags", new ArrayList<>(fromName))
                        .fix(fix())
                        .key("no-tag")
                        .emit();
                continue;
            }
            Set<String> fromWheel = new TreeSet<>();
            List<Set<String>> wheelParts = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
            List<String> malformed = new ArrayList<>();
            for (String line : tagLines) {
                String[] parts = line.trim().split("-", -1);
                if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty() || parts[2].isEmpty()) {
                    malformed.add(line);
                    continue;
                }
                expand(parts[0], parts[1], parts[2], fromWheel);
                for (int i = 0; i < 3; i++) {
                    wheelParts.get(i).addAll(List.of(parts[i].split("\\.")));
                }
            }
            // WHEEL may list fewer tags than the file name's product: cp36.cp312-cp36m.cp312 can only be
            // written as a product, and WHEEL's cp36-cp36m plus cp312-cp312 is the honest subset. What is wrong is
            // a Tag the file name does not allow, or a python, ABI or platform tag of the name that no Tag line has.
            Set<String> onlyWheel = new TreeSet<>(fromWheel);
            onlyWheel.removeAll(fromName);
            Set<String> onlyName = new TreeSet<>();
            List<List<Object>> nameParts = List.of(py, abi, plat);
            for (int i = 0; i < 3; i++) {
                for (Object part : nameParts.get(i)) {
                    if (!wheelParts.get(i).contains(String.valueOf(part))) {
                        onlyName.add(String.valueOf(part));
                    }
                }
            }
            if (onlyWheel.isEmpty() && onlyName.isEmpty() && malformed.isEmpty()) {
                continue;
            }
            StringBuilder message = new StringBuilder("WHEEL's Tag lines do not match the file name's tags");
            if (!onlyName.isEmpty()) {
                message.append(": the file name names ").append(Listing.firstFew(new ArrayList<>(onlyName)))
                        .append(", which no Tag line has");
            }
            if (!onlyWheel.isEmpty()) {
                message.append(onlyName.isEmpty() ? ": " : "; ").append("WHEEL lists ")
                        .append(Listing.firstFew(new ArrayList<>(onlyWheel))).append(", which the file name does not name");
            }
            if (!malformed.isEmpty()) {
                message.append(onlyName.isEmpty() && onlyWheel.isEmpty() ? ": " : "; ")
                        .append("Tag lines not of the form python-abi-platform: ").append(Listing.firstFew(malformed));
            }
            message.append(". pip picks the wheel by its file name; uv and pex read WHEEL and then see a wheel for "
                    + "another platform or interpreter (uv reinstalls it every time)");
            context.report(artifact.getPath(), message.toString())
                    .evidence("fileNameTags", new ArrayList<>(fromName))
                    .evidence("wheelTags", tagLines)
                    .evidence("fileNameTagsMissingFromWheel", onlyName.isEmpty() ? null : new ArrayList<>(onlyName))
                    .evidence("onlyInWheel", onlyWheel.isEmpty() ? null : new ArrayList<>(onlyWheel))
                    .evidence("malformed", malformed.isEmpty() ? null : malformed)
                    .fix(fix())
                    .key("mismatch")
                    .emit();
        }
    }

    private static String fix() {
        return "Write WHEEL and the file name from the same tags: retag with `wheel tags --python-tag/--abi-tag/"
                + "--platform-tag` (it rewrites both), never by renaming the file; one expanded Tag line per tag.";
    }

    /** Adds every python-abi-platform combination of three dotted tag sets, at most {@link #MAX_TAGS}. */
    static void expand(String py, String abi, String plat, Set<String> out) {
        for (String p : py.split("\\.")) {
            for (String a : abi.split("\\.")) {
                for (String x : plat.split("\\.")) {
                    if (out.size() >= MAX_TAGS) {
                        return;
                    }
                    out.add(p + "-" + a + "-" + x);
                }
            }
        }
    }

    private static List<String> strings(List<?> values) {
        List<String> out = new ArrayList<>();
        for (Object v : values) {
            out.add(String.valueOf(v));
        }
        return out;
    }
}
