package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.Artifact;
import dev.abilint.model.Binary;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A package whose native files are mostly DWARF debug sections: built with {@code -g} and never stripped.
 * Nothing fails, so it is a note; but every user downloads and installs the debug information (wheels of
 * hundreds of megabytes that shrink to a tenth with {@code strip --strip-debug}). One note per artifact, when
 * the debug sections are more than half of the bytes of its ELF files and at least {@link #MIN_BYTES}.
 */
public final class DebugInfoDominatesSize implements AnalysisRule {
    /** Below this, debug information is not worth a note, whatever its share. */
    static final long MIN_BYTES = 1L << 20;

    @Override
    public String id() {
        return "debug-info-dominates-size";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Map<String, Binary> byPath = new HashMap<>();
        for (Binary b : analysis.binaries()) {
            byPath.putIfAbsent(b.getPath(), b);
        }
        for (Artifact artifact : analysis.artifacts()) {
            long debug = 0;
            long total = 0;
            List<Map<String, Object>> files = new ArrayList<>();
            for (String member : Artifacts.natives(analysis, artifact)) {
                Binary b = byPath.get(member);
                if (b == null || !"elf".equals(b.getFormat())) {
                    continue;
                }
                long fileBytes = number(b.flag("fileBytes"));
                long debugBytes = number(b.flag("debugBytes"));
                if (fileBytes <= 0) {
                    continue; // no debug sections: the reader records the size only when there are some
                }
                debug += debugBytes;
                total += fileBytes;
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("path", member);
                row.put("debugBytes", debugBytes);
                row.put("fileBytes", fileBytes);
                files.add(row);
            }
            if (debug < MIN_BYTES || debug * 2 <= total) {
                continue;
            }
            files.sort((a, b) -> Long.compare(number(b.get("debugBytes")), number(a.get("debugBytes"))));
            context.report(artifact.getPath(), mib(debug) + " of the " + mib(total) + " of its " + files.size()
                            + " unstripped ELF file(s) are debug sections (.debug_*), e.g. "
                            + dev.abilint.model.Locations.fileName(String.valueOf(files.get(0).get("path")))
                            + " with " + mib(number(files.get(0).get("debugBytes")))
                            + ": every user downloads and installs them")
                    .evidence("debugBytes", debug)
                    .evidence("elfBytes", total)
                    .evidence("files", files.size() > 10 ? files.subList(0, 10) : files)
                    .fix("Strip the debug information before packaging (strip --strip-debug, or link with -s / "
                            + "-Wl,--strip-debug; auditwheel repair --strip does it too), and publish it separately "
                            + "(objcopy --only-keep-debug) if users need it.")
                    .key("debug")
                    .emit();
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
