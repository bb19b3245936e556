package dev.abilint.artifact;

import dev.abilint.model.PythonImport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The imports of a Python file, each marked guarded when it sits in the body of a {@code try:} that has an
 * {@code except} catching ImportError: what release-accelerator-no-fallback asks of a package's .py files. A
 * line scanner, not a parser: statements on one line or continued in parentheses or with a backslash; strings
 * and comments that look like imports are skipped when they start a line inside a triple-quoted string.
 * Bounded: at most {@link #MAX_IMPORTS} imports and {@link #MAX_TRIES} try blocks per file, {@link #MAX_OPEN} open
 * at once, 200 continuation lines per statement; the caller bounds the file's size.
 */
public final class PythonImports {
    private PythonImports() {}

    static final int MAX_IMPORTS = 2_000;
    /** At most this many try blocks are followed, and this many open at once (deeper ones are ignored). */
    static final int MAX_TRIES = 5_000;
    static final int MAX_OPEN = 64;
    private static final Pattern IMPORT = Pattern.compile("^import\\s+(.+)$");
    private static final Pattern FROM = Pattern.compile("^from\\s+(\\.*)([A-Za-z_][\\w.]*)?\\s+import\\s+(.+)$");
    private static final Pattern EXCEPT = Pattern.compile("^except\\b\\s*(.*?)\\s*:");
    private static final Pattern CATCHES_IMPORT = Pattern.compile(
            "\\b(ImportError|ModuleNotFoundError|Exception|BaseException)\\b");

    /** Whether the imports of a .py file are wanted: a member of a wheel (not of a jar, an sdist or a nested archive in a wheel). */
    static boolean wanted(String location) {
        int member = location.lastIndexOf("!/");
        return member > 0 && location.regionMatches(true, member - 4, ".whl", 0, 4);
    }

    /** A {@code try:} block: its indent, the lines its body spans, and whether a handler catches ImportError. */
    static final class Try {
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
        return of(text.getBytes(StandardCharsets.UTF_8), path);
    }

    /**
     * The imports of a .py file's UTF-8 bytes. Lines are told apart on the bytes: only an import or an
     * {@code except} line, or one whose first character is not ASCII, is decoded (as {@code new String(source,
     * UTF_8)} would decode it), so a file of thousands of lines costs no String per line. The results are those of
     * decoding the whole file and stripping every line with {@link String#strip()}: ASCII bytes never occur inside
     * a UTF-8 multi-byte character, so line breaks, indents, quotes and the keywords looked for are the same bytes.
     */
    public static List<PythonImport> of(byte[] source, String path) {
        int n = source.length;
        List<Try> tries = new ArrayList<>();
        List<Try> open = new ArrayList<>();
        List<int[]> statements = new ArrayList<>(); // line index, indent
        List<String> statementText = new ArrayList<>();
        byte[] tripleQuote = null;
        int i = -1;
        for (int start = 0; start <= n; ) {
            i++;
            int end = lineEnd(source, start);
            int next = nextLine(source, end);
            if (tripleQuote != null) {
                if (indexOfQuote(source, start, end, tripleQuote) >= 0) {
                    tripleQuote = null;
                }
                start = next;
                continue;
            }
            // the stripped line: source[from, to), or, when its first character is not ASCII, String.strip()'s
            // result re-encoded (it may strip non-ASCII blanks)
            byte[] line = source;
            int from = skipBlanks(source, start, end);
            int to = end;
            String stripped = null;
            if (from < end && source[from] < 0) {
                stripped = stripped(source, start, end);
                line = stripped.getBytes(StandardCharsets.UTF_8);
                from = 0;
                to = line.length;
            }
            if (from == to || line[from] == '#') {
                start = next;
                continue;
            }
            int indent = indentOf(source, start, end);
            for (int k = open.size() - 1; k >= 0; k--) {
                Try t = open.get(k);
                if (indent < t.indent || indent == t.indent && !startsWith(line, from, to, "except")
                        && !startsWith(line, from, to, "else") && !startsWith(line, from, to, "finally")) {
                    t.bodyEnd = Math.min(t.bodyEnd, i);
                    open.remove(k);
                }
            }
            // "^except" only matches a line that starts with it
            Matcher except = startsWith(line, from, to, "except")
                    ? EXCEPT.matcher(stripped != null ? stripped : stripped(source, start, end)) : null;
            if (except != null && except.find()) {
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
            } else if (startsWith(line, from, to, "try:") && tries.size() < MAX_TRIES && open.size() < MAX_OPEN) {
                Try t = new Try(indent, i);
                tries.add(t);
                open.add(t);
            }
            int j = i;
            if (startsWith(line, from, to, "import ") || startsWith(line, from, to, "from ")) {
                String first = stripCommentOf(stripped != null ? stripped : stripped(source, start, end));
                StringBuilder joined = new StringBuilder(first);
                int depth = depth(first);
                boolean continued = first.endsWith("\\");
                while ((depth > 0 || continued) && next <= n && j - i < 200) {
                    j++;
                    if (continued) {
                        joined.setLength(joined.length() - 1);
                    }
                    int nextEnd = lineEnd(source, next);
                    String more = stripCommentOf(stripped(source, next, nextEnd));
                    next = nextLine(source, nextEnd);
                    joined.append(' ').append(more);
                    depth += depth(more);
                    continued = more.endsWith("\\");
                }
                if (statements.size() < MAX_IMPORTS) {
                    statements.add(new int[] {i, indent});
                    statementText.add(joined.toString());
                }
            }
            int triple = firstTriple(line, from, to);
            if (triple >= 0 && j == i) {
                byte[] quote = Arrays.copyOfRange(line, triple, triple + 3);
                if (indexOfQuote(line, triple + 3, to, quote) < 0) {
                    tripleQuote = quote;
                }
            }
            i = j;
            start = next;
        }
        return imports(statements, statementText, tries, path);
    }

    /** Each statement's modules, guarded when the statement sits in the body of a try that catches ImportError. */
    static List<PythonImport> imports(List<int[]> statements, List<String> statementText, List<Try> tries, String path) {
        String pkg = packageOf(path);
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

    /** The modules an import statement (joined onto one line) names, relative ones resolved against {@code pkg}. */
    static List<String> modules(String statement, String pkg) {
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

    /** The package a file's relative imports resolve against: {@code pkg/sub/mod.py} and {@code pkg/sub/__init__.py} give {@code pkg.sub}. */
    static String packageOf(String path) {
        String p = path.replace('\\', '/');
        int slash = p.lastIndexOf('/');
        return slash < 0 ? "" : p.substring(0, slash).replace('/', '.');
    }

    /** Columns of leading spaces and tabs (a tab to the next multiple of 8) of the line source[start, end). */
    private static int indentOf(byte[] source, int start, int end) {
        int n = 0;
        for (int i = start; i < end; i++) {
            byte c = source[i];
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

    /** Where the line starting at {@code start} ends: its CR or LF, or the end of the bytes. */
    private static int lineEnd(byte[] source, int start) {
        int i = start;
        while (i < source.length && source[i] != '\n' && source[i] != '\r') {
            i++;
        }
        return i;
    }

    /**
     * Where the line after the one ending at {@code end} starts (past CR LF, LF or CR), or past
     * {@code source.length} when there is none: a break at the very end is followed by one empty line, as
     * {@code split("\\r?\\n|\\r", -1)} gives it.
     */
    private static int nextLine(byte[] source, int end) {
        if (end >= source.length) {
            return source.length + 1;
        }
        return source[end] == '\r' && end + 1 < source.length && source[end + 1] == '\n' ? end + 2 : end + 1;
    }

    /** Past the ASCII characters that {@link String#strip()} removes (Character.isWhitespace: tab to CR, FS to US, space). */
    private static int skipBlanks(byte[] source, int start, int end) {
        int i = start;
        while (i < end && (source[i] == ' ' || source[i] >= 0x09 && source[i] <= 0x0D || source[i] >= 0x1C && source[i] <= 0x1F)) {
            i++;
        }
        return i;
    }

    /** The line source[start, end) decoded as the whole file's decoding gives it, then {@link String#strip()}ped. */
    private static String stripped(byte[] source, int start, int end) {
        return new String(source, start, end - start, StandardCharsets.UTF_8).strip();
    }

    private static boolean startsWith(byte[] line, int from, int to, String ascii) {
        if (to - from < ascii.length()) {
            return false;
        }
        for (int k = 0; k < ascii.length(); k++) {
            if (line[from + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** Where the three bytes {@code quote} are first in data[from, to), or -1. */
    private static int indexOfQuote(byte[] data, int from, int to, byte[] quote) {
        for (int i = from; i + 3 <= to; i++) {
            if (data[i] == quote[0] && data[i + 1] == quote[1] && data[i + 2] == quote[2]) {
                return i;
            }
        }
        return -1;
    }

    static String stripCommentOf(String s) {
        int hash = s.indexOf('#');
        return hash < 0 ? s : s.substring(0, hash).strip();
    }

    static int depth(CharSequence s) {
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

    /** The first {@code \"\"\"} or {@code '''} in line[from, to), or -1. */
    private static int firstTriple(byte[] line, int from, int to) {
        for (int i = from; i + 3 <= to; i++) {
            byte q = line[i];
            if ((q == '"' || q == '\'') && line[i + 1] == q && line[i + 2] == q) {
                return i;
            }
        }
        return -1;
    }
}
