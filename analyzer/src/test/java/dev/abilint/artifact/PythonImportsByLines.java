package dev.abilint.artifact;

import dev.abilint.model.PythonImport;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The line scanner PythonImports was before it read bytes (decode the whole file, split it into line Strings,
 * strip each), kept unchanged as the oracle the byte scanner is compared with: same imports, guards and lines.
 */
final class PythonImportsByLines {
    private PythonImportsByLines() {}

    static final int MAX_IMPORTS = 2_000;
    /** At most this many try blocks are followed, and this many open at once (deeper ones are ignored). */
    static final int MAX_TRIES = 5_000;
    static final int MAX_OPEN = 64;
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(.+)$");
    private static final Pattern FROM = Pattern.compile("^from\\s+(\\.*)([A-Za-z_][\\w.]*)?\\s+import\\s+(.+)$");
    private static final Pattern EXCEPT = Pattern.compile("^except\\b\\s*(.*?)\\s*:");
    private static final Pattern CATCHES_IMPORT = Pattern.compile(
            "\\b(ImportError|ModuleNotFoundError|Exception|BaseException)\\b");

    /** A {@code try:} block: its indent, the lines its body spans, and whether a handler catches ImportError. */
    private static final class Try {
        final int indent;
        final int start;
        int bodyEnd = Integer.MAX_VALUE;
        boolean catchesImport;

        Try(int indent, int start) {
            this.indent = indent;
            this.start = start;
        }
    }

    /**
     * The imports of {@code text}, the file at {@code path} inside its archive ({@code pkg/sub/mod.py}: relative
     * imports resolve against {@code pkg.sub}).
     */
    public static List<PythonImport> of(String text, String path) {
        String[] lines = lines(text);
        List<Try> tries = new ArrayList<>();
        List<Try> open = new ArrayList<>();
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
                Try t = open.get(k);
                if (indent < t.indent || indent == t.indent && !stripped.startsWith("except")
                        && !stripped.startsWith("else") && !stripped.startsWith("finally")) {
                    t.bodyEnd = Math.min(t.bodyEnd, i);
                    open.remove(k);
                }
            }
            Matcher except = EXCEPT.matcher(stripped);
            if (except.find()) {
                for (int k = open.size() - 1; k >= 0; k--) {
                    Try t = open.get(k);
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
                Try t = new Try(indent, i);
                tries.add(t);
                open.add(t);
            }
            String statement = stripped;
            int j = i;
            if (stripped.startsWith("import ") || stripped.startsWith("from ")) {
                String first = stripCommentOf(stripped);
                StringBuilder joined = new StringBuilder(first);
                int depth = depth(first);
                boolean continued = first.endsWith("\\");
                while ((depth > 0 || continued) && j + 1 < lines.length && j - i < 200) {
                    j++;
                    if (continued) {
                        joined.setLength(joined.length() - 1);
                    }
                    String next = stripCommentOf(lines[j].strip());
                    joined.append(' ').append(next);
                    depth += depth(next);
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
        String pkg = PythonImports.packageOf(path);
        List<PythonImport> out = new ArrayList<>();
        for (int s = 0; s < statements.size(); s++) {
            int line = statements.get(s)[0];
            int indent = statements.get(s)[1];
            boolean guarded = false;
            for (Try t : tries) {
                if (t.catchesImport && line > t.start && line < t.bodyEnd && indent > t.indent) {
                    guarded = true;
                    break;
                }
            }
            for (String module : modules(statementText.get(s), pkg)) {
                out.add(new PythonImport(module, guarded, line + 1));
            }
        }
        return out;
    }

    private static List<String> modules(String statement, String pkg) {
        List<String> out = new ArrayList<>();
        String s = statement.replace("(", " ").replace(")", " ");
        int semicolon = s.indexOf(';');
        if (semicolon >= 0) {
            s = s.substring(0, semicolon);
        }
        s = s.strip();
        Matcher m = IMPORT.matcher(s);
        if (m.matches()) {
            for (String part : m.group(1).split(",")) {
                String name = part.strip().split("\\s+")[0];
                if (name.matches("[A-Za-z_][\\w.]*")) {
                    out.add(name);
                }
            }
            return out;
        }
        m = FROM.matcher(s);
        if (!m.matches()) {
            return out;
        }
        String base = m.group(2) == null ? "" : m.group(2);
        int dots = m.group(1).length();
        if (dots > 0) {
            String anchor = pkg;
            for (int d = 1; d < dots && !anchor.isEmpty(); d++) {
                anchor = anchor.contains(".") ? anchor.substring(0, anchor.lastIndexOf('.')) : "";
            }
            base = anchor.isEmpty() ? base : base.isEmpty() ? anchor : anchor + "." + base;
        }
        if (base.isEmpty()) {
            return out;
        }
        out.add(base);
        for (String part : m.group(3).split(",")) {
            String name = part.strip().split("\\s+")[0];
            if (name.matches("[A-Za-z_]\\w*")) {
                out.add(base + "." + name); // from pkg import _speedups: may be a submodule
            }
        }
        return out;
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

    /**
     * The lines of {@code text}, split at CR LF, LF or CR, as {@code text.split("\\r?\\n|\\r", -1)} gives them
     * (a regex split was most of the time a wheel scan spent on imports).
     */
    static String[] lines(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.add(text.substring(start, i));
                if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.add(text.substring(start));
        return out.toArray(new String[0]);
    }

    private static String stripCommentOf(String s) {
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash).strip();
    }

    private static int depth(CharSequence s) {
        int d = 0;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '(') {
                d++;
            } else if (s.charAt(i) == ')') {
                d--;
            }
        }
        return d;
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
