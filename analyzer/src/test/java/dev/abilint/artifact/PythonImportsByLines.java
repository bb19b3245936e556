package dev.abilint.artifact;

import dev.abilint.model.PythonImport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line scanner PythonImports was before it read bytes (decode the whole file, split it into line Strings,
 * strip each), kept as the oracle the byte scanner is compared with: same imports, guards and lines. What the
 * two share (a statement's modules, comments, parenthesis depth) is PythonImports' own.
 */
final class PythonImportsByLines {
    private PythonImportsByLines() {}

    static final int MAX_IMPORTS = 2_000;
    /** At most this many try blocks are followed, and this many open at once (deeper ones are ignored). */
    static final int MAX_TRIES = 5_000;
    static final int MAX_OPEN = 64;
    private static final Pattern EXCEPT = Pattern.compile("^except\\b\\s*(.*?)\\s*:");
    private static final Pattern CATCHES_IMPORT = Pattern.compile(
            "\\b(ImportError|ModuleNotFoundError|Exception|BaseException)\\b");

    /**
     * The imports of {@code text}, the file at {@code path} inside its archive ({@code pkg/sub/mod.py}: relative
     * imports resolve against {@code pkg.sub}).
     */
    public static List<PythonImport> of(String text, String path) {
        String[] lines = text.split("\\r?\\n|\\r", -1);
        List<PythonImports.Try> tries = new ArrayList<>();
        List<PythonImports.Try> open = new ArrayList<>();
        List<int[]> statements = new ArrayList<>(); // line index, indent
        List<String> statementText = new ArrayList<>();
        boolean inTriple = false;
        String tripleQuote = null;
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (inTriple) {
                if (raw.contains(tripleQuote)) {
                    inTriple = false;
                }
                continue;
            }
            String stripped = raw.strip();
            if (stripped.isEmpty() || stripped.startsWith("#")) {
                continue;
            }
            int indent = indentOf(raw);
            for (int k = open.size() - 1; k >= 0; k--) {
                PythonImports.Try t = open.get(k);
                if (indent < t.indent || indent == t.indent && !stripped.startsWith("except")
                        && !stripped.startsWith("else") && !stripped.startsWith("finally")) {
                    t.bodyEnd = Math.min(t.bodyEnd, i);
                    open.remove(k);
                }
            }
            Matcher except = EXCEPT.matcher(stripped);
            if (except.find()) {
                for (int k = open.size() - 1; k >= 0; k--) {
                    PythonImports.Try t = open.get(k);
                    if (t.indent == indent) {
                        t.bodyEnd = Math.min(t.bodyEnd, i);
                        String spec = except.group(1);
                        if (spec.isEmpty() || CATCHES_IMPORT.matcher(spec).find()) {
                            t.catchesImport = true;
                        }
                        break;
                    }
                }
            } else if (stripped.startsWith("try:") && tries.size() < MAX_TRIES && open.size() < MAX_OPEN) {
                PythonImports.Try t = new PythonImports.Try(indent, i);
                tries.add(t);
                open.add(t);
            }
            String statement = stripped;
            int j = i;
            if (stripped.startsWith("import ") || stripped.startsWith("from ")) {
                String first = PythonImports.stripCommentOf(stripped);
                StringBuilder joined = new StringBuilder(first);
                int depth = PythonImports.depth(first);
                boolean continued = first.endsWith("\\");
                while ((depth > 0 || continued) && j + 1 < lines.length && j - i < 200) {
                    j++;
                    if (continued) {
                        joined.setLength(joined.length() - 1);
                    }
                    String next = PythonImports.stripCommentOf(lines[j].strip());
                    joined.append(' ').append(next);
                    depth += PythonImports.depth(next);
                    continued = next.endsWith("\\");
                }
                statement = joined.toString();
                if (statements.size() < MAX_IMPORTS) {
                    statements.add(new int[] {i, indent});
                    statementText.add(statement);
                }
            }
            int triple = firstTriple(stripped);
            if (triple >= 0 && j == i) {
                String quote = stripped.substring(triple, triple + 3);
                int close = stripped.indexOf(quote, triple + 3);
                if (close < 0) {
                    inTriple = true;
                    tripleQuote = quote;
                }
            }
            i = j;
        }
        return PythonImports.imports(statements, statementText, tries, path);
    }

    private static int indentOf(String line) {
        int n = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == ' ') {
                n++;
            } else if (c == '\t') {
                n += 8 - n % 8;
            } else {
                break;
            }
        }
        return n;
    }

    private static int firstTriple(String s) {
        int a = s.indexOf("\"\"\"");
        int b = s.indexOf("'''");
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }
}
