package dev.abilint.format.decl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Export names from a Windows module-definition ({@code .def}) file: the entries of its
 * {@code EXPORTS} sections. An entry is {@code name[=internal|==other] [@ordinal [NONAME]] [DATA]
 * [PRIVATE]}; the exported name is {@code name} (quotes removed; an {@code @} inside the name, as in {@code _f@8}, belongs to it, an ordinal is
 * {@code @n} after white space). {@code ;} starts a comment; section
 * keywords ({@code EXPORTS}, {@code LIBRARY}, ...) are case-sensitive capitals, as link.exe reads them. Names are
 * kept as written (an x86 stdcall name stays decorated). {@code PRIVATE} entries (left out of the import
 * library but still exported) are kept.
 */
public final class DefFile {
    private static final Set<String> SECTIONS = Set.of("NAME", "LIBRARY", "DESCRIPTION", "STACKSIZE",
            "HEAPSIZE", "SECTIONS", "SEGMENTS", "VERSION", "EXPORTS", "IMPORTS", "CODE", "DATA", "STUB");

    private DefFile() {}

    public static List<Declaration> parse(String file, String source) {
        List<Declaration> out = new ArrayList<>();
        boolean inExports = false;
        String[] lines = source.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            int comment = line.indexOf(';');
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            String first = line.split("\\s+", 2)[0];
            // keywords are case-sensitive capitals; inside EXPORTS, DATA and CODE are entry attributes
            boolean section = SECTIONS.contains(first) && !(inExports && (first.equals("DATA") || first.equals("CODE")));
            if (section) {
                inExports = first.equals("EXPORTS");
                line = line.substring(first.length()).strip();
                if (!inExports || line.isEmpty()) {
                    continue;
                }
            }
            if (!inExports) {
                continue;
            }
            String name = entryName(line);
            if (name != null && !name.isEmpty()) {
                out.add(new Declaration(name, file, index + 1));
            }
        }
        return out;
    }

    private static String entryName(String line) {
        if (line.startsWith("\"")) {
            int end = line.indexOf('"', 1);
            return end < 0 ? line.substring(1) : line.substring(1, end);
        }
        int stop = 0;
        while (stop < line.length() && !Character.isWhitespace(line.charAt(stop)) && line.charAt(stop) != '=') {
            stop++;
        }
        if (stop == 0) {
            return null;
        }
        return line.substring(0, stop);
    }
}
