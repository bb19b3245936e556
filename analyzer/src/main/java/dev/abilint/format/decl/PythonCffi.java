package dev.abilint.format.decl;

import dev.abilint.format.decl.PythonTokens.Kind;
import dev.abilint.format.decl.PythonTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Functions declared to cffi in Python source: the C text passed to {@code <anything>.cdef(...)},
 * parsed with {@link CDeclarations}, with line numbers of the {@code .py} file.
 *
 * <p>The argument may be string literals (adjacent ones are concatenated by Python; each is parsed on its
 * own) or a name assigned string literals somewhere in the same file ({@code CDEF = """..."""}; the last
 * such assignment in the file wins). Limits: text built at run time (formatting, concatenation with
 * {@code +}, reading a header file) is not followed; escapes in non-raw strings are not processed (C
 * declarations rarely contain backslashes); the receiver of {@code .cdef} is not checked to be an FFI
 * object.
 */
public final class PythonCffi {
    private PythonCffi() {}

    public static List<Declaration> parse(String file, String source) {
        List<Token> tokens = PythonTokens.tokenize(source);
        Map<String, List<Token>> assigned = stringAssignments(tokens);
        List<Declaration> out = new ArrayList<>();
        for (int i = 1; i + 2 < tokens.size(); i++) {
            if (!(tokens.get(i).isName() && tokens.get(i).text().equals("cdef") && tokens.get(i - 1).is(".")
                    && tokens.get(i + 1).is("("))) {
                continue;
            }
            List<Token> strings = strings(tokens, i + 2);
            if (strings.isEmpty() && tokens.get(i + 2).isName()) {
                strings = assigned.getOrDefault(tokens.get(i + 2).text(), List.of());
            }
            for (Token s : strings) {
                out.addAll(CDeclarations.parse(file, s.text(), s.line()));
            }
        }
        return out;
    }

    /**
     * What each {@code <ffi>.dlopen(...)} call of the file may open, in file order (see {@link PythonLibraryPaths});
     * an empty list for a call whose argument is unknown ({@code ffi.dlopen(None)}, the C library, included).
     */
    public static List<List<LibraryRef>> dlopened(String file, String source) {
        List<Token> tokens = PythonTokens.tokenize(source);
        PythonLibraryPaths paths = null;
        List<List<LibraryRef>> out = new ArrayList<>();
        for (int i = 1; i + 1 < tokens.size() && out.size() < 1000; i++) {
            if (tokens.get(i).isName() && tokens.get(i).text().equals("dlopen") && tokens.get(i - 1).is(".")
                    && tokens.get(i + 1).is("(")) {
                if (paths == null) {
                    paths = new PythonLibraryPaths(tokens, file);
                }
                out.add(paths.candidates(i + 2));
            }
        }
        return out;
    }

    /** Adjacent string literals from {@code from} (inside optional parentheses). */
    private static List<Token> strings(List<Token> tokens, int from) {
        List<Token> out = new ArrayList<>();
        int k = from;
        while (k < tokens.size() && tokens.get(k).is("(")) {
            k++;
        }
        while (k < tokens.size() && tokens.get(k).kind() == Kind.STRING) {
            out.add(tokens.get(k++));
        }
        return out;
    }

    /** {@code NAME = "..." "..."} assignments: name to its literals. */
    private static Map<String, List<Token>> stringAssignments(List<Token> tokens) {
        Map<String, List<Token>> out = new HashMap<>();
        for (int i = 0; i + 2 < tokens.size(); i++) {
            if (tokens.get(i).isName() && tokens.get(i + 1).is("=") && (i == 0 || !tokens.get(i - 1).is("."))
                    && !tokens.get(i + 2).is("=")) {
                List<Token> s = strings(tokens, i + 2);
                if (!s.isEmpty()) {
                    out.put(tokens.get(i).text(), s);
                }
            }
        }
        return out;
    }
}
