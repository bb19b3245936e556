package dev.abilint.rule.windows;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Locations;
import dev.abilint.rule.PerAnalysis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The PE files of each wheel, with the DLLs it bundles by lower-case file name: what the Visual C++
 * runtime and name-mangling rules share. delvewheel's mangled names ({@code msvcp140-<32 hex>.dll}) are
 * recognised and their plain name kept.
 */
final class WheelDlls {
    /** delvewheel's mangling: the name, a dash and the file's hash (32 hex digits), then the extension. */
    private static final Pattern MANGLED = Pattern.compile("^(.+)-[0-9a-f]{32}(\\.dll)$", Pattern.CASE_INSENSITIVE);

    private static final PerAnalysis<Map<String, WheelDlls>> SHARED = new PerAnalysis<>(WheelDlls::compute);

    /** Every PE file of the wheel, in the order read. */
    final List<Binary> files = new ArrayList<>();
    /** lower-case file name -> the bundled DLL of that name */
    final Map<String, Binary> bundled = new LinkedHashMap<>();

    static Map<String, WheelDlls> of(Analysis analysis) {
        return SHARED.of(analysis);
    }

    private static Map<String, WheelDlls> compute(Analysis analysis) {
        Map<String, WheelDlls> out = new LinkedHashMap<>();
        for (Binary b : analysis.binaries()) {
            String wheel = Locations.enclosing(b.getPath(), ".whl");
            if (wheel == null || !"pe".equals(b.getFormat())) {
                continue;
            }
            WheelDlls dlls = out.computeIfAbsent(wheel, k -> new WheelDlls());
            dlls.files.add(b);
            dlls.bundled.putIfAbsent(Locations.fileName(b.getPath()).toLowerCase(Locale.ROOT), b);
        }
        return out;
    }

    /** The name without delvewheel's hash ({@code msvcp140-0123...ef.dll} is {@code msvcp140.dll}), lower case. */
    static String plainName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        Matcher m = MANGLED.matcher(lower);
        return m.matches() ? m.group(1) + m.group(2) : lower;
    }

    static boolean mangled(String fileName) {
        return MANGLED.matcher(fileName).matches();
    }

    /** {@code 14.40} as {major, minor}, or null when the flag is missing or not two numbers. */
    static int[] linkerVersion(Binary b) {
        Object v = b.flag("linkerVersion");
        if (v == null) {
            return null;
        }
        String[] parts = v.toString().split("\\.");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new int[] {Integer.parseInt(parts[0]), Integer.parseInt(parts[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
