package dev.abilint.format.decl;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Function declarations in C source (headers, cffi {@code cdef} text): a small tokenizer and a
 * statement splitter, not a regex over lines.
 *
 * <p>Comments, string and character literals and preprocessor lines (with backslash continuations) are
 * skipped; {@code extern "C" { ... }} blocks are looked into, {@code extern "Python"} ones (cffi
 * callbacks implemented in Python) and C++ {@code namespace} bodies are not. A top-level statement
 * ending in {@code ;} is a function declaration when, once attributes ({@code __attribute__((...))},
 * {@code __declspec(...)}, {@code __asm__("...")}, {@code [[...]]}) are removed, it has the shape
 * {@code <type tokens> name ( balanced parameters ) ;}: at least one token before the name (so a
 * macro invocation {@code FOO(x);} is not one), no {@code =} before it, nothing after the parameter
 * list. {@code typedef} and {@code static} statements are not exported and are skipped; so are function
 * definitions (a body instead of {@code ;}) and struct/union/enum bodies. Export macros in all caps
 * before the return type ({@code MYLIB_API int f(void);}, even {@code PyAPI_FUNC(int) f(void);}) need
 * no special case: the name is the identifier directly before the parameter list.
 *
 * <p>Limits: macros are not expanded (a declaration produced by a macro, or a name changed by
 * {@code #define}, is not seen; all branches of {@code #if} are read); a function returning a function
 * pointer ({@code int (*f(void))(int);}) is not recognised; {@code __asm__("name")} renaming is not
 * applied; C++ overloads and member functions are not reported.
 */
public final class CDeclarations {
    /** Never more tokens than this are read from one text (about 25 MB of C). */
    static final int MAX_TOKENS = 5_000_000;

    private static final Set<String> ATTRIBUTE_WORDS = Set.of("__attribute__", "__attribute", "__declspec",
            "__asm__", "__asm", "asm", "_Alignas", "alignas", "__pragma", "_Pragma");

    private CDeclarations() {}

    /** Declared function names of {@code source}; line numbers start at 1. */
    public static List<Declaration> parse(String file, String source) {
        return parse(file, source, 1);
    }

    /** As {@link #parse(String, String)}, for text that starts on line {@code firstLine} of {@code file}. */
    public static List<Declaration> parse(String file, String source, int firstLine) {
        List<Token> tokens = tokenize(source, firstLine);
        List<Declaration> out = new ArrayList<>();
        List<Token> statement = new ArrayList<>();
        int transparentDepth = 0; // open extern "C" { blocks
        int i = 0;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is("extern") && i + 1 < tokens.size() && tokens.get(i + 1).kind == Kind.STRING) {
                String linkage = tokens.get(i + 1).text;
                boolean block = i + 2 < tokens.size() && tokens.get(i + 2).is("{");
                if (linkage.equals("\"C\"") || linkage.equals("\"C++\"")) {
                    if (block) {
                        transparentDepth++;
                        statement.clear();
                        i += 3;
                    } else {
                        i += 2; // extern "C" int f(void);
                    }
                    continue;
                }
                // extern "Python" (cffi): implemented in Python, not a library symbol
                i = block ? skipBalanced(tokens, i + 2) : skipStatement(tokens, i);
                statement.clear();
                continue;
            }
            if (t.is("namespace")) {
                int j = i + 1;
                while (j < tokens.size() && !tokens.get(j).is("{") && !tokens.get(j).is(";")) {
                    j++;
                }
                i = j < tokens.size() && tokens.get(j).is("{") ? skipBalanced(tokens, j) : j + 1;
                statement.clear();
                continue;
            }
            if (t.is("}")) {
                if (transparentDepth > 0) {
                    transparentDepth--;
                }
                statement.clear(); // a stray brace: resynchronise
                i++;
                continue;
            }
            if (t.is("{")) {
                boolean definition = isFunctionHead(statement);
                i = skipBalanced(tokens, i);
                if (definition) {
                    statement.clear();
                } else {
                    statement.add(new Token(Kind.PUNCT, "{}", t.line)); // struct/enum body or initializer
                }
                continue;
            }
            if (t.is(";")) {
                Declaration d = declaration(file, statement);
                if (d != null) {
                    out.add(d);
                }
                statement.clear();
                i++;
                continue;
            }
            statement.add(t);
            i++;
        }
        return out;
    }

    /** The function declared by one top-level statement (without its ';'), or null. */
    private static Declaration declaration(String file, List<Token> raw) {
        List<Token> s = withoutAttributes(raw);
        if (s.isEmpty() || s.get(0).is("typedef") || s.stream().anyMatch(t -> t.is("static") || t.is("typedef"))) {
            return null;
        }
        int depth = 0;
        for (int k = 0; k < s.size(); k++) {
            Token t = s.get(k);
            if (depth == 0 && (t.is("=") || t.is("{}"))) {
                return null; // an initialised variable, or a struct definition with declarators
            }
            if (t.is("(") || t.is("[")) {
                if (depth == 0 && t.is("(") && k >= 1 && s.get(k - 1).kind == Kind.IDENT) {
                    int close = matching(s, k);
                    if (close == s.size() - 1 && k >= 2 && startsType(s, k - 1)) {
                        Token name = s.get(k - 1);
                        return new Declaration(name.text, file, name.line);
                    }
                }
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth = Math.max(0, depth - 1);
            }
        }
        return null;
    }

    /** At least one type-ish token (identifier or '*') before the name at {@code nameIndex}. */
    private static boolean startsType(List<Token> s, int nameIndex) {
        Token before = s.get(nameIndex - 1);
        return before.kind == Kind.IDENT || before.is("*") || before.is(")");
    }

    /** Whether a statement followed by '{' is a function head: it ends with a parameter list. */
    private static boolean isFunctionHead(List<Token> raw) {
        List<Token> s = withoutAttributes(raw);
        if (s.isEmpty() || !s.get(s.size() - 1).is(")")) {
            // also C++ "f() const {" and K&R definitions: treat anything with a top-level (...) before
            // the body and no struct/enum/union/= as a definition
            boolean paren = s.stream().anyMatch(t -> t.is("("));
            boolean aggregate = s.stream().anyMatch(t -> t.is("struct") || t.is("union") || t.is("enum")
                    || t.is("=") || t.is("class"));
            return paren && !aggregate;
        }
        return true;
    }

    private static List<Token> withoutAttributes(List<Token> s) {
        List<Token> out = new ArrayList<>(s.size());
        int k = 0;
        while (k < s.size()) {
            Token t = s.get(k);
            if (t.kind == Kind.IDENT && ATTRIBUTE_WORDS.contains(t.text)) {
                k++;
                while (k < s.size() && (s.get(k).is("volatile") || s.get(k).is("__volatile__"))) {
                    k++;
                }
                if (k < s.size() && s.get(k).is("(")) {
                    k = matching(s, k) + 1;
                }
                continue;
            }
            if (t.is("[") && k + 1 < s.size() && s.get(k + 1).is("[")) {
                int close = matching(s, k);
                k = close + 1;
                continue;
            }
            out.add(t);
            k++;
        }
        return out;
    }

    /** Index of the bracket closing the one at {@code open}, or the last index when unbalanced. */
    private static int matching(List<Token> s, int open) {
        int depth = 0;
        for (int k = open; k < s.size(); k++) {
            Token t = s.get(k);
            if (t.is("(") || t.is("[")) {
                depth++;
            } else if (t.is(")") || t.is("]")) {
                depth--;
                if (depth == 0) {
                    return k;
                }
            }
        }
        return s.size() - 1;
    }

    /** Index just after the '}' matching the '{' at {@code open}. */
    private static int skipBalanced(List<Token> tokens, int open) {
        int depth = 0;
        for (int k = open; k < tokens.size(); k++) {
            if (tokens.get(k).is("{")) {
                depth++;
            } else if (tokens.get(k).is("}")) {
                depth--;
                if (depth == 0) {
                    return k + 1;
                }
            }
        }
        return tokens.size();
    }

    private static int skipStatement(List<Token> tokens, int from) {
        for (int k = from; k < tokens.size(); k++) {
            if (tokens.get(k).is(";")) {
                return k + 1;
            }
        }
        return tokens.size();
    }

    // ---- tokenizer ----

    enum Kind { IDENT, NUMBER, STRING, PUNCT }

    record Token(Kind kind, String text, int line) {
        boolean is(String s) {
            return text.equals(s);
        }
    }

    static List<Token> tokenize(String src, int firstLine) {
        List<Token> out = new ArrayList<>();
        int line = firstLine;
        int n = src.length();
        int i = 0;
        boolean lineStart = true;
        while (i < n && out.size() < MAX_TOKENS) {
            char c = src.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = true;
                i++;
                continue;
            }
            if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b) {
                i++;
                continue;
            }
            if (c == '\\' && i + 1 < n && (src.charAt(i + 1) == '\n' || src.charAt(i + 1) == '\r')) {
                i++; // line splice outside a directive
                continue;
            }
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
                while (i < n && src.charAt(i) != '\n') {
                    i++;
                }
                continue;
            }
            if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
                int end = src.indexOf("*/", i + 2);
                int stop = end < 0 ? n : end + 2;
                line += count(src, i, stop);
                i = stop;
                continue;
            }
            if (c == '#' && lineStart) {
                // a directive, up to an unspliced newline; comments inside still end it correctly enough
                while (i < n && src.charAt(i) != '\n') {
                    if (src.charAt(i) == '\\' && i + 1 < n && src.charAt(i + 1) == '\n') {
                        line++;
                        i += 2;
                        continue;
                    }
                    if (src.charAt(i) == '\\' && i + 2 < n && src.charAt(i + 1) == '\r' && src.charAt(i + 2) == '\n') {
                        line++;
                        i += 3;
                        continue;
                    }
                    if (src.startsWith("/*", i)) {
                        int end = src.indexOf("*/", i + 2);
                        int stop = end < 0 ? n : end + 2;
                        line += count(src, i, stop);
                        i = stop;
                        continue;
                    }
                    i++;
                }
                continue;
            }
            lineStart = false;
            if (Character.isJavaIdentifierStart(c) && c != '$') {
                int start = i;
                while (i < n && (Character.isJavaIdentifierPart(src.charAt(i)) && src.charAt(i) != '$'
                        || src.charAt(i) == '$')) {
                    i++;
                }
                String word = src.substring(start, i);
                // string prefixes: L"..", u8"..", u"..", U"..", R"(..)" are rare in declarations; treat as ident
                out.add(new Token(Kind.IDENT, word, line));
                continue;
            }
            if (c >= '0' && c <= '9') {
                int start = i;
                while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.')) {
                    i++;
                }
                out.add(new Token(Kind.NUMBER, src.substring(start, i), line));
                continue;
            }
            if (c == '"' || c == '\'') {
                int start = i;
                int startLine = line;
                i++;
                while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
                    if (src.charAt(i) == '\\' && i + 1 < n) {
                        if (src.charAt(i + 1) == '\n') {
                            line++;
                        }
                        i++;
                    }
                    i++;
                }
                i = Math.min(n, i + 1);
                out.add(new Token(Kind.STRING, src.substring(start, Math.min(i, n)), startLine));
                continue;
            }
            out.add(new Token(Kind.PUNCT, String.valueOf(c), line));
            i++;
        }
        return out;
    }

    private static int count(String s, int from, int to) {
        int lines = 0;
        for (int k = from; k < to; k++) {
            if (s.charAt(k) == '\n') {
                lines++;
            }
        }
        return lines;
    }
}
