package dev.abilint.format.decl;

import java.util.ArrayList;
import java.util.List;

/**
 * A plain list of symbol names, one per line; {@code #} starts a comment (whole line or after the
 * name), blank lines are skipped, surrounding whitespace is removed. Only the first word of a line is
 * the name. Names are kept as written: a macOS {@code -exported_symbols_list} keeps its leading
 * underscore, strip it yourself when comparing with Mach-O names (which the model stores without it).
 */
public final class SymbolList {
    private SymbolList() {}

    public static List<Declaration> parse(String file, String source) {
        List<Declaration> out = new ArrayList<>();
        String[] lines = source.split("\r?\n", -1);
        for (int index = 0; index < lines.length; index++) {
            String line = lines[index];
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment);
            }
            line = line.strip();
            if (line.isEmpty()) {
                continue;
            }
            out.add(new Declaration(line.split("\\s+", 2)[0], file, index + 1));
        }
        return out;
    }
}
