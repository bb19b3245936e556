package dev.abilint.format.decl;

import dev.abilint.format.decl.PythonTokens.Kind;
import dev.abilint.format.decl.PythonTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ctypes library handles and the function names looked up on them, from Python source.
 *
 * <p>A handle is a (dotted) name assigned a loader: {@code [ctypes.]CDLL|PyDLL|WinDLL|OleDLL(arg, ...)},
 * {@code [ctypes.]cdll|pydll|windll|oledll.LoadLibrary(arg)} or {@code [ctypes.]cdll.<name>}. The
 * library is {@code arg} when it is a string literal or {@code [ctypes.util.]find_library("x")}
 * ({@code x}), otherwise unknown (null). Uses are {@code handle.name} (the attribute right after the
 * handle: {@code lib.f.argtypes} uses {@code f}), {@code handle["name"]}, {@code getattr(handle, "name")},
 * and the same directly on a loader ({@code ctypes.CDLL(None).printf}, {@code ctypes.cdll.msvcrt.puts}).
 *
 * <p>Limits (tokenizer-light, no scopes, no data flow): a handle is known by its spelling in the whole
 * file, whatever the scope, from its first assignment on; a handle passed to a function, stored in a
 * container or re-assigned under another name is not followed; names built at run time are not seen;
 * dunder attributes and the CDLL object's own attributes ({@code _handle}, {@code _name},
 * {@code _FuncPtr}) are not uses.
 */
public final class PythonCtypes {
    private static final Set<String> LOADER_CLASSES = Set.of("CDLL", "PyDLL", "WinDLL", "OleDLL");
    private static final Set<String> LOADER_INSTANCES = Set.of("cdll", "pydll", "windll", "oledll");
    private static final Set<String> HANDLE_ATTRIBUTES = Set.of("_handle", "_name", "_FuncPtr", "_func_flags_",
            "_func_restype_");

    /**
     * A library loaded through ctypes.
     *
     * @param library the first candidate's text (the literal name or the path), or null when unknown
     * @param candidates what the loader's argument may name (see {@link PythonLibraryPaths}); empty when unknown
     */
    public record Library(String handle, String library, List<LibraryRef> candidates, String file, int line) {}

    /**
     * A function looked up on a ctypes handle.
     *
     * @param handle the handle's spelling ({@code lib}, {@code self._lib}), or the loader expression's
     *     library for a direct use
     * @param library the library name when known, else null (the first candidate's text)
     * @param candidates every library the handle may be (several for a per-platform choice or a handle assigned
     *     in several places); empty when unknown
     */
    public record Use(String name, String handle, String library, List<LibraryRef> candidates, String file, int line) {
        public Declaration declaration() {
            return new Declaration(name, file, line);
        }
    }

    public record Result(List<Library> libraries, List<Use> uses) {}

    private PythonCtypes() {}

    public static Result parse(String file, String source) {
        List<Token> t = PythonTokens.tokenize(source);
        PythonLibraryPaths paths = new PythonLibraryPaths(t, file);
        List<Library> libraries = new ArrayList<>();
        List<Use> uses = new ArrayList<>();
        // spelling -> every library assigned to it (empty when unknown); all assignments count, so that a handle
        // set in the branches of an if (one library per platform, or a bundled one and a fallback) has them all
        Map<String, List<LibraryRef>> handles = new HashMap<>();
        int i = 0;
        while (i < t.size()) {
            // a loader expression starting here?
            int[] end = new int[1];
            List<LibraryRef> found = new ArrayList<>();
            if (startsChain(t, i) && loader(t, i, end, found, paths)) {
                String target = assignmentTarget(t, i);
                List<LibraryRef> lib = List.copyOf(found);
                if (target != null) {
                    List<LibraryRef> all = new ArrayList<>(handles.getOrDefault(target, List.of()));
                    lib.stream().filter(r -> !all.contains(r)).forEach(all::add);
                    handles.put(target, List.copyOf(all));
                }
                libraries.add(new Library(target, lib.isEmpty() ? null : lib.get(0).value(), lib, file,
                        t.get(i).line()));
                int after = end[0];
                if (after + 1 < t.size() && t.get(after).is(".") && t.get(after + 1).isName()) {
                    addUse(uses, t.get(after + 1), target, lib, file);
                }
                i = after;
                continue;
            }
            // getattr(handle, "name")
            if (t.get(i).isName() && t.get(i).text().equals("getattr") && i + 1 < t.size() && t.get(i + 1).is("(")
                    && startsChain(t, i)) {
                int k = i + 2;
                String chain = chain(t, k);
                int afterChain = k + chainLength(t, k);
                if (chain != null && handles.containsKey(chain) && afterChain + 1 < t.size()
                        && t.get(afterChain).is(",") && t.get(afterChain + 1).kind() == Kind.STRING) {
                    addUse(uses, t.get(afterChain + 1), chain, handles.get(chain), file);
                }
                i++;
                continue;
            }
            // handle.name and handle["name"]
            if (startsChain(t, i)) {
                int length = chainLength(t, i);
                String longest = null;
                int longestParts = 0;
                StringBuilder prefix = new StringBuilder();
                for (int part = 0; part < (length + 1) / 2; part++) {
                    if (part > 0) {
                        prefix.append('.');
                    }
                    prefix.append(t.get(i + 2 * part).text());
                    if (handles.containsKey(prefix.toString())) {
                        longest = prefix.toString();
                        longestParts = part + 1;
                    }
                }
                if (longest != null && !(isAssignmentTarget(t, i, length) && length == 2 * longestParts + 1)) {
                    int next = i + 2 * longestParts - 1; // token after the handle
                    List<LibraryRef> lib = handles.get(longest);
                    if (next + 1 < t.size() && t.get(next).is(".") && t.get(next + 1).isName()) {
                        addUse(uses, t.get(next + 1), longest, lib, file);
                    } else if (next + 2 < t.size() && t.get(next).is("[") && t.get(next + 1).kind() == Kind.STRING
                            && t.get(next + 2).is("]")) {
                        addUse(uses, t.get(next + 1), longest, lib, file);
                    }
                }
                i += length;
                continue;
            }
            i++;
        }
        return new Result(List.copyOf(libraries), List.copyOf(uses));
    }

    private static void addUse(List<Use> uses, Token name, String handle, List<LibraryRef> library, String file) {
        String n = name.text();
        if (n.isEmpty() || HANDLE_ATTRIBUTES.contains(n) || (n.startsWith("__") && n.endsWith("__"))) {
            return;
        }
        uses.add(new Use(n, handle, library.isEmpty() ? null : library.get(0).value(), library, file, name.line()));
    }

    /** Whether a dotted name chain starts at {@code i} (not in the middle of one). */
    private static boolean startsChain(List<Token> t, int i) {
        return t.get(i).isName() && (i == 0 || !t.get(i - 1).is("."));
    }

    /** Tokens in the chain NAME(.NAME)* at {@code i}. */
    private static int chainLength(List<Token> t, int i) {
        if (i >= t.size() || !t.get(i).isName()) {
            return 0;
        }
        int k = i + 1;
        while (k + 1 < t.size() && t.get(k).is(".") && t.get(k + 1).isName()) {
            k += 2;
        }
        return k - i;
    }

    private static String chain(List<Token> t, int i) {
        int length = chainLength(t, i);
        if (length == 0) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        for (int k = i; k < i + length; k++) {
            out.append(t.get(k).text());
        }
        return out.toString();
    }

    /** The chain at {@code i} is being assigned ({@code x = ...}, not {@code x == ...}). */
    private static boolean isAssignmentTarget(List<Token> t, int i, int length) {
        int k = i + length;
        return k + 1 < t.size() && t.get(k).is("=") && !t.get(k + 1).is("=");
    }

    /** {@code target = <loader at i>}: the target's spelling, or null. */
    private static String assignmentTarget(List<Token> t, int i) {
        if (i < 2 || !t.get(i - 1).is("=") || t.get(i - 2).is("=") || t.get(i - 2).is("!")
                || t.get(i - 2).is("<") || t.get(i - 2).is(">")) {
            return null;
        }
        int end = i - 1; // exclusive
        int start = end - 1;
        if (!t.get(start).isName()) {
            return null;
        }
        while (start >= 2 && t.get(start - 1).is(".") && t.get(start - 2).isName()) {
            start -= 2;
        }
        return chain(t, start);
    }

    /**
     * Whether a loader expression starts at {@code i}; sets {@code end[0]} to the index after it and adds to
     * {@code library} what its argument may name.
     */
    private static boolean loader(List<Token> t, int i, int[] end, List<LibraryRef> library, PythonLibraryPaths paths) {
        int k = i;
        if (t.get(k).text().equals("ctypes") && k + 2 < t.size() && t.get(k + 1).is(".") && t.get(k + 2).isName()) {
            k += 2;
        }
        // numpy.ctypeslib.load_library(name, loader_path): name (with any suffix when it has none) in that directory
        int chain = chainLength(t, i);
        if (chain >= 1 && t.get(i + chain - 1).text().equals("load_library") && (chain == 1
                || t.get(i + chain - 3).text().equals("ctypeslib")) && i + chain < t.size() && t.get(i + chain).is("(")) {
            library.addAll(paths.loadLibrary(i + chain + 1));
            end[0] = closeParen(t, i + chain);
            return true;
        }
        String word = t.get(k).text();
        if (LOADER_CLASSES.contains(word) && k + 1 < t.size() && t.get(k + 1).is("(")) {
            library.addAll(paths.candidates(k + 2));
            end[0] = closeParen(t, k + 1);
            return true;
        }
        if (LOADER_INSTANCES.contains(word) && k + 2 < t.size() && t.get(k + 1).is(".") && t.get(k + 2).isName()) {
            String member = t.get(k + 2).text();
            if (member.equals("LoadLibrary")) {
                if (k + 3 < t.size() && t.get(k + 3).is("(")) {
                    library.addAll(paths.candidates(k + 4));
                    end[0] = closeParen(t, k + 3);
                    return true;
                }
                return false;
            }
            if (member.startsWith("__")) {
                return false;
            }
            library.add(LibraryRef.name(member)); // ctypes.cdll.msvcrt
            end[0] = k + 3;
            return true;
        }
        return false;
    }

    /** Index after the ')' matching the '(' at {@code open}. */
    private static int closeParen(List<Token> t, int open) {
        int depth = 0;
        for (int k = open; k < t.size(); k++) {
            if (t.get(k).is("(") || t.get(k).is("[") || t.get(k).is("{")) {
                depth++;
            } else if (t.get(k).is(")") || t.get(k).is("]") || t.get(k).is("}")) {
                depth--;
                if (depth == 0) {
                    return k + 1;
                }
            }
        }
        return t.size();
    }
}
