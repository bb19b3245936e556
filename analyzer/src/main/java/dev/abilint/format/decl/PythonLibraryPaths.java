package dev.abilint.format.decl;

import dev.abilint.format.decl.PythonTokens.Kind;
import dev.abilint.format.decl.PythonTokens.Token;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the argument of a Python library loader ({@code CDLL(...)}, {@code ffi.dlopen(...)}) names, worked out
 * from the source without running it: the idioms packages use to load a library they bundle.
 *
 * <ul>
 * <li>The module's own location: {@code __file__}, {@code os.path.dirname}, {@code os.path.abspath}/{@code realpath}/
 *     {@code normpath}, {@code os.path.join}, {@code os.path.split(x)[0]}, {@code pathlib.Path(__file__)},
 *     {@code .parent}, {@code .resolve()}, {@code .absolute()}, {@code .with_name(...)}, {@code .joinpath(...)},
 *     {@code /}, {@code +} (with {@code os.sep}), {@code str(...)}, {@code os.fspath(...)}.</li>
 * <li>A package's directory: {@code importlib.resources.files(__name__ | __package__ | "pkg.sub")} (and
 *     {@code as_file(...)}, {@code importlib.resources.path(pkg, "res")}), {@code pkg_resources.resource_filename(pkg,
 *     "res")}.</li>
 * <li>Choices: {@code a if cond else b}, {@code a or b}, {@code {...}[key]} and {@code {...}.get(key, default)},
 *     {@code os.environ.get("X", default)}, {@code for name in ("a", "b")}, and a name assigned in several places
 *     (an {@code if sys.platform == ...} chain): every alternative is a candidate.</li>
 * <li>Module-level names assigned any of these ({@code NAME = ...}, {@code NAME: T = ...},
 *     {@code with ... as NAME}), f-strings whose fields are such names, {@code ctypes.util.find_library("x")}
 *     (library name {@code x}), {@code glob.glob(pattern)} and {@code sysconfig.get_config_var("EXT_SUFFIX")}
 *     (wildcards).</li>
 * </ul>
 *
 * <p>Anything else is unknown and yields no candidate. Limits: no scopes (a name is known by its spelling in the
 * whole file; assignments are taken in file order), no function return values, no string formatting but
 * f-string fields. Expressions nest at most {@link #MAX_DEPTH} deep and a choice keeps at most
 * {@link #MAX_OPTIONS} options, so hostile sources stay linear.
 */
final class PythonLibraryPaths {
    static final int MAX_DEPTH = 32;
    static final int MAX_OPTIONS = 64;
    private static final int MAX_BINDINGS = 10_000;

    /** A value of the small language. */
    sealed interface Value permits Text, LibName, Loc, Choice, Seq, Dict, Special {}

    // The records spell out equals and hashCode: a record's generated ones are bound at their first call
    // through invokedynamic (ObjectMethods), and with six of them compared in choice() that first binding cost a
    // scan of a whole CPython library about 40 ms on the rules' critical path.

    /** A string; {@code pattern} when it holds {@code *} wildcards. */
    record Text(String s, boolean pattern) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Text t && t.pattern == pattern && t.s.equals(s);
        }

        @Override
        public int hashCode() {
            return s.hashCode() * 31 + (pattern ? 1 : 0);
        }
    }

    /** {@code find_library("x")}. */
    record LibName(String s) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof LibName l && l.s.equals(s);
        }

        @Override
        public int hashCode() {
            return s.hashCode();
        }
    }

    /** A path in the scanned tree, in location form ({@code x.whl!/pkg/lib.so}); {@code pattern} as for Text. */
    record Loc(String path, boolean pattern) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Loc l && l.pattern == pattern && l.path.equals(path);
        }

        @Override
        public int hashCode() {
            return path.hashCode() * 31 + (pattern ? 1 : 0);
        }
    }

    record Choice(List<Value> options) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Choice c && c.options.equals(options);
        }

        @Override
        public int hashCode() {
            return options.hashCode();
        }
    }

    /** A tuple or list literal (or {@code os.path.split}'s pair). */
    record Seq(List<Value> items) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Seq q && q.items.equals(items);
        }

        @Override
        public int hashCode() {
            return items.hashCode();
        }
    }

    record Dict(List<Value> values) implements Value {
        @Override
        public boolean equals(Object o) {
            return o instanceof Dict d && d.values.equals(values);
        }

        @Override
        public int hashCode() {
            return values.hashCode();
        }
    }

    enum Special implements Value { UNKNOWN, MODULE_PACKAGE }

    private static final Value UNKNOWN = Special.UNKNOWN;

    private List<Token> t;
    private final String file;
    private final Map<String, Value> env = new HashMap<>();
    private int pos;
    private int depth;
    private int bracket;

    PythonLibraryPaths(List<Token> tokens, String file) {
        this.t = tokens;
        this.file = file;
        bind();
    }

    /** The candidates of the expression at token {@code k} (a call's argument). */
    List<LibraryRef> candidates(int k) {
        return refs(evaluate(k, true));
    }

    /** The value of the expression at {@code k}; {@code inBrackets} when it is inside a call's parentheses. */
    Value evaluate(int k, boolean inBrackets) {
        pos = k;
        depth = 0;
        bracket = inBrackets ? 1 : 0;
        try {
            return expression();
        } catch (RuntimeException e) {
            return UNKNOWN; // past the end of the tokens in a truncated file
        }
    }

    /**
     * {@code numpy.ctypeslib.load_library(name, loader_path)} with its arguments at {@code k}: the file {@code name}
     * in {@code loader_path}'s directory (its own directory when it is a file), with any suffix when the name has
     * none (numpy tries {@code .so} and the extension suffix, or the platform's).
     */
    List<LibraryRef> loadLibrary(int k) {
        pos = k;
        depth = 0;
        bracket = 1;
        try {
            Value name = expression();
            if (!atOp(",")) {
                return List.of();
            }
            pos++;
            Value dir = mapLeaves(expression(), x -> x instanceof Loc l && l.path().endsWith(".py") ? parent(l) : x);
            Value named = mapLeaves(name, x -> x instanceof Text s && !s.pattern() && !s.s().contains(".")
                    ? new Text(s.s() + ".*", true) : x);
            List<LibraryRef> out = new ArrayList<>();
            for (LibraryRef r : refs(join(dir, List.of(named)))) {
                if (r.kind() != LibraryRef.Kind.NAME) {
                    out.add(r);
                }
            }
            return out;
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static List<LibraryRef> refs(Value v) {
        Set<LibraryRef> out = new LinkedHashSet<>();
        collect(v, out);
        return List.copyOf(out);
    }

    private static void collect(Value v, Set<LibraryRef> out) {
        if (v instanceof Choice c) {
            c.options().forEach(o -> collect(o, out));
        } else if (v instanceof Text s && !s.pattern() && !s.s().isEmpty()) {
            out.add(LibraryRef.name(s.s())); // an absolute one is a system file: PythonLibraries bundles it nowhere
        } else if (v instanceof LibName n && !n.s().isEmpty()) {
            out.add(LibraryRef.name(n.s()));
        } else if (v instanceof Loc raw && normalized(raw.path(), raw.pattern()) instanceof Loc l) {
            out.add(new LibraryRef(l.pattern() ? LibraryRef.Kind.PATTERN : LibraryRef.Kind.PATH, l.path()));
        }
    }

    // ---- bindings -------------------------------------------------------------------------------------------

    /** Module-level (in fact: any statement-level) assignments, in file order. */
    private void bind() {
        int level = 0;
        int bound = 0;
        for (int i = 0; i < t.size() && bound < MAX_BINDINGS; i++) {
            Token tok = t.get(i);
            if (tok.is("(") || tok.is("[") || tok.is("{")) {
                level++;
                continue;
            }
            if (tok.is(")") || tok.is("]") || tok.is("}")) {
                level = Math.max(0, level - 1);
                continue;
            }
            if (level != 0 || !tok.isName() || (i > 0 && t.get(i - 1).is("."))) {
                continue;
            }
            String word = tok.text();
            if (word.equals("with")) {
                int k = i + 1;
                Value v = evaluateStatement(k);
                if (pos + 1 < t.size() && t.get(pos).isName() && t.get(pos).text().equals("as") && t.get(pos + 1).isName()) {
                    assign(t.get(pos + 1).text(), v, pos + 2, pos + 2);
                    bound++;
                }
                continue;
            }
            if (word.equals("for") && i + 2 < t.size() && t.get(i + 1).isName() && t.get(i + 2).isName()
                    && t.get(i + 2).text().equals("in")) {
                Value v = choice(elements(evaluateStatement(i + 3)));
                assign(t.get(i + 1).text(), v, i + 3, pos);
                bound++;
                continue;
            }
            if (i + 3 < t.size() && t.get(i + 1).is(".") && t.get(i + 2).isName() && t.get(i + 3).is("(")
                    && (t.get(i + 2).text().equals("extend") || t.get(i + 2).text().equals("append"))
                    && env.get(word) instanceof Seq list) {
                // names.extend([...]) / names.append(x): the list grows (what it held stays a candidate)
                Value added = evaluateStatement(i + 4 - 1);
                List<Value> items = new ArrayList<>(list.items());
                if (t.get(i + 2).text().equals("append")) {
                    items.add(added);
                } else if (added instanceof Seq more) {
                    items.addAll(more.items());
                } else {
                    items.add(added instanceof Choice ? added : UNKNOWN);
                }
                env.put(word, new Seq(List.copyOf(items.subList(0, Math.min(items.size(), MAX_OPTIONS)))));
                bound++;
                continue;
            }
            int end = i + 1;
            StringBuilder target = new StringBuilder(word);
            while (end + 1 < t.size() && t.get(end).is(".") && t.get(end + 1).isName()) {
                target.append('.').append(t.get(end + 1).text());
                end += 2;
            }
            int eq = assignmentAt(end - 1);
            if (eq < 0) {
                continue;
            }
            Value v = evaluateStatement(eq + 1);
            assign(target.toString(), v, eq + 1, pos);
            bound++;
        }
    }

    /** What {@code for x in v} takes: a list's items, every option's items for a choice of lists. */
    private static List<Value> elements(Value v) {
        if (v instanceof Seq s) {
            return s.items();
        }
        if (v instanceof Choice c) {
            List<Value> out = new ArrayList<>();
            for (Value o : c.options()) {
                out.addAll(elements(o));
            }
            return out;
        }
        return List.of(v instanceof Loc l && l.pattern() ? v : UNKNOWN); // glob.glob(...) yields its matches
    }

    /** {@code NAME = } or {@code NAME: annotation =} at {@code i} (not {@code ==}): the index of the {@code =}. */
    private int assignmentAt(int i) {
        int k = i + 1;
        if (k < t.size() && t.get(k).is(":")) {
            int line = t.get(i).line();
            int nest = 0;
            for (k = i + 2; k < t.size() && k < i + 64 && t.get(k).line() == line; k++) {
                Token a = t.get(k);
                if (a.is("[") || a.is("(")) {
                    nest++;
                } else if (a.is("]") || a.is(")")) {
                    nest--;
                } else if (nest == 0 && a.is("=")) {
                    break;
                } else if (nest == 0 && !(a.isName() || a.is(".") || a.is(",") || a.is("|"))) {
                    return -1;
                }
            }
        }
        if (k + 1 < t.size() && t.get(k).is("=") && !t.get(k + 1).is("=") && !t.get(k - 1).is("=")
                && !(k >= 1 && (t.get(k - 1).is("!") || t.get(k - 1).is("<") || t.get(k - 1).is(">")))) {
            return k;
        }
        return -1;
    }

    private Value evaluateStatement(int k) {
        Value v = evaluate(k, false);
        return v;
    }

    /**
     * A name assigned again: when the new value mentions the name ({@code p = os.path.join(p, "x")}) it replaces
     * the old one (already used in computing it), else both are alternatives (branches of an {@code if}).
     */
    private void assign(String name, Value v, int from, int to) {
        Value old = env.get(name);
        boolean mentions = false;
        for (int k = from; k < to && k < t.size(); k++) {
            mentions |= t.get(k).isName() && t.get(k).text().equals(name) && (k == 0 || !t.get(k - 1).is("."));
        }
        if (old == null || mentions) {
            env.put(name, v);
        } else if (!old.equals(v)) {
            env.put(name, choice(List.of(old, v)));
        }
    }

    // ---- expressions ----------------------------------------------------------------------------------------

    private boolean more() {
        return pos < t.size() && (bracket > 0 || pos == 0 || t.get(pos).line() == t.get(pos - 1).line());
    }

    private boolean atOp(String op) {
        return more() && t.get(pos).is(op);
    }

    private boolean atWord(String word) {
        return more() && t.get(pos).isName() && t.get(pos).text().equals(word);
    }

    private Value expression() {
        if (++depth > MAX_DEPTH) {
            throw new IllegalStateException("too deep");
        }
        try {
            Value v = disjunction();
            if (atWord("if")) {
                // a if cond else b: skip the condition
                int nest = 0;
                pos++;
                while (pos < t.size()) {
                    Token a = t.get(pos);
                    if (a.is("(") || a.is("[") || a.is("{")) {
                        nest++;
                    } else if (a.is(")") || a.is("]") || a.is("}")) {
                        if (--nest < 0) {
                            return UNKNOWN;
                        }
                    } else if (nest == 0 && a.isName() && a.text().equals("else")) {
                        break;
                    } else if (nest == 0 && (a.is(",") || a.is(":"))
                            || bracket == 0 && a.line() != t.get(pos - 1).line()) {
                        return UNKNOWN;
                    }
                    pos++;
                }
                if (pos >= t.size()) {
                    return UNKNOWN;
                }
                pos++;
                return choice(List.of(v, expression()));
            }
            return v;
        } finally {
            depth--;
        }
    }

    private Value disjunction() {
        Value v = sum();
        while (atWord("or")) {
            pos++;
            v = choice(List.of(v, sum()));
        }
        return v;
    }

    private Value sum() {
        Value v = postfix();
        while (atOp("+") || atOp("%") || (atOp("/") && !(pos + 1 < t.size() && t.get(pos + 1).is("/")))) {
            String op = t.get(pos).text();
            pos++;
            Value right = postfix();
            v = op.equals("+") ? concat(v, right) : op.equals("%") ? percent(v, right) : join(v, List.of(right));
        }
        return v;
    }

    private Value postfix() {
        Value v = primary();
        while (more()) {
            if (atOp(".") && pos + 1 < t.size() && t.get(pos + 1).isName()) {
                String attribute = t.get(pos + 1).text();
                pos += 2;
                if (atOp("(")) {
                    List<Value> args = arguments();
                    v = method(v, attribute, args);
                } else {
                    v = attribute(v, attribute);
                }
            } else if (atOp("[")) {
                pos++;
                bracket++;
                Token index = pos < t.size() ? t.get(pos) : null;
                Value key = expression();
                expect("]");
                bracket--;
                v = subscript(v, index, key);
            } else if (atOp("(")) {
                arguments();
                v = UNKNOWN; // calling a value
            } else {
                break;
            }
        }
        return v;
    }

    private Value primary() {
        if (pos >= t.size()) {
            return UNKNOWN;
        }
        Token a = t.get(pos);
        if (a.kind() == Kind.STRING) {
            StringBuilder s = new StringBuilder();
            while (more() && t.get(pos).kind() == Kind.STRING) {
                s.append(t.get(pos++).text());
            }
            return new Text(s.toString(), false);
        }
        if (a.kind() == Kind.FSTRING) {
            pos++;
            return fString(a.text());
        }
        if (a.is("(")) {
            pos++;
            bracket++;
            List<Value> items = new ArrayList<>();
            boolean tuple = false;
            while (pos < t.size() && !t.get(pos).is(")")) {
                items.add(expression());
                if (atOp(",")) {
                    tuple = true;
                    pos++;
                } else {
                    break;
                }
            }
            expect(")");
            bracket--;
            return tuple || items.size() != 1 ? new Seq(items) : items.get(0);
        }
        if (a.is("[")) {
            pos++;
            bracket++;
            List<Value> items = new ArrayList<>();
            while (pos < t.size() && !t.get(pos).is("]")) {
                items.add(expression());
                if (atOp(",")) {
                    pos++;
                } else {
                    break;
                }
            }
            expect("]");
            bracket--;
            return new Seq(items);
        }
        if (a.is("{")) {
            pos++;
            bracket++;
            List<Value> values = new ArrayList<>();
            while (pos < t.size() && !t.get(pos).is("}")) {
                expression();
                if (!atOp(":")) {
                    skipTo("}");
                    bracket--;
                    return UNKNOWN; // a set or a comprehension
                }
                pos++;
                values.add(expression());
                if (atOp(",")) {
                    pos++;
                } else {
                    break;
                }
            }
            expect("}");
            bracket--;
            return new Dict(values);
        }
        if (a.isName()) {
            return dotted();
        }
        pos++;
        return UNKNOWN;
    }

    /** A dotted name, and the call on it when one follows. */
    private Value dotted() {
        int start = pos;
        List<String> parts = new ArrayList<>();
        parts.add(t.get(pos).text());
        pos++;
        while (pos + 1 < t.size() && t.get(pos).is(".") && t.get(pos + 1).isName() && parts.size() < 64) {
            parts.add(t.get(pos + 1).text());
            pos += 2;
        }
        for (int n = parts.size(); n >= 1; n--) {
            String prefix = String.join(".", parts.subList(0, n));
            if (env.containsKey(prefix) || prefix.equals("__file__")) {
                pos = start + 2 * n - 1; // the rest is attributes of the value
                return env.containsKey(prefix) ? env.get(prefix) : new Loc(file, false);
            }
        }
        String dotted = String.join(".", parts);
        if (parts.size() >= 2 && parts.get(parts.size() - 1).equals("__file__") && !atOp("(")) {
            // pkg.__file__ of an imported package: its __init__.py, from the archive's root
            Value dir = packageDir(new Text(String.join(".", parts.subList(0, parts.size() - 1)), false));
            return join(dir, List.of(new Text("__init__.py", false)));
        }
        if (atOp("(")) {
            return call(dotted, arguments());
        }
        return switch (dotted) {
            case "__name__", "__package__", "__spec__.parent", "__spec__.name" -> Special.MODULE_PACKAGE;
            case "os.sep", "os.path.sep", "sep", "posixpath.sep" -> new Text("/", false);
            // the values a package's wheels meet: every candidate is kept, the one shipped for a platform decides
            case "sys.platform" -> choice(List.of(new Text("linux", false), new Text("darwin", false),
                    new Text("win32", false)));
            case "importlib.machinery.EXTENSION_SUFFIXES", "machinery.EXTENSION_SUFFIXES", "EXTENSION_SUFFIXES" ->
                    new Seq(List.of(new Text("*", true)));
            default -> UNKNOWN;
        };
    }

    /** The arguments of the call whose {@code (} is at pos; keyword arguments are kept by position too. */
    private List<Value> arguments() {
        pos++; // (
        bracket++;
        List<Value> args = new ArrayList<>();
        while (pos < t.size() && !t.get(pos).is(")")) {
            if (pos + 1 < t.size() && t.get(pos).isName() && t.get(pos + 1).is("=") && !(pos + 2 < t.size()
                    && t.get(pos + 2).is("="))) {
                pos += 2; // keyword=
            }
            if (atOp("*")) {
                pos++;
                expression();
                args.add(UNKNOWN);
            } else {
                args.add(expression());
            }
            if (atOp(",")) {
                pos++;
            } else {
                break;
            }
        }
        expect(")");
        bracket--;
        return args;
    }

    private void expect(String op) {
        if (pos < t.size() && t.get(pos).is(op)) {
            pos++;
        } else {
            skipTo(op);
        }
    }

    /** Past the closing {@code op} of the bracket we are in. */
    private void skipTo(String op) {
        int nest = 0;
        while (pos < t.size()) {
            Token a = t.get(pos++);
            if (a.is("(") || a.is("[") || a.is("{")) {
                nest++;
            } else if (a.is(")") || a.is("]") || a.is("}")) {
                if (nest-- == 0) {
                    return;
                }
            }
        }
    }

    private static String last(String dotted) {
        int cut = dotted.lastIndexOf('.');
        return cut < 0 ? dotted : dotted.substring(cut + 1);
    }

    private static Value arg(List<Value> args, int i) {
        return i < args.size() ? args.get(i) : UNKNOWN;
    }

    private Value call(String callee, List<Value> args) {
        String name = last(callee);
        switch (name) {
            case "join":
                if (callee.equals("join") || callee.endsWith("path.join")) {
                    return args.isEmpty() ? UNKNOWN : join(args.get(0), args.subList(1, args.size()));
                }
                return UNKNOWN;
            case "dirname":
                return parent(arg(args, 0));
            case "split":
                if (callee.endsWith("path.split")) {
                    return new Seq(List.of(parent(arg(args, 0)), UNKNOWN));
                }
                return UNKNOWN;
            case "abspath", "realpath", "normpath", "expanduser", "fspath", "str", "Path", "PurePath", "PosixPath",
                    "WindowsPath", "PurePosixPath", "as_file", "sorted", "list", "tuple", "iter", "next", "fsdecode",
                    "fsencode":
                return args.isEmpty() ? UNKNOWN : arg(args, 0);
            case "files":
                return packageDir(arg(args, 0));
            case "path":
                if (callee.endsWith("resources.path")) {
                    return join(packageDir(arg(args, 0)), List.of(arg(args, 1)));
                }
                return UNKNOWN;
            case "resource_filename":
                return join(packageDir(arg(args, 0)), List.of(arg(args, 1)));
            case "find_library":
                Value v = arg(args, 0);
                return v instanceof Text s && !s.pattern() ? new LibName(s.s()) : v instanceof Loc ? v : UNKNOWN;
            case "glob", "iglob":
                return pattern(arg(args, 0));
            case "get_config_var":
                Value key = arg(args, 0);
                return key instanceof Text s && (s.s().equals("EXT_SUFFIX") || s.s().equals("SO"))
                        ? new Text("*", true) : UNKNOWN;
            case "system":
                return callee.equals("platform.system") || callee.equals("system") && args.isEmpty()
                        ? choice(List.of(new Text("Linux", false), new Text("Darwin", false), new Text("Windows", false)))
                        : UNKNOWN;
            case "machine":
                return callee.equals("platform.machine") || callee.equals("machine") && args.isEmpty()
                        ? choice(List.of(new Text("x86_64", false), new Text("aarch64", false), new Text("AMD64", false),
                                new Text("arm64", false)))
                        : UNKNOWN;
            case "getenv", "get": // os.getenv("X", default), os.environ.get("X", default)
                return choice(List.of(UNKNOWN, arg(args, 1)));
            default:
                return UNKNOWN;
        }
    }

    private Value method(Value receiver, String name, List<Value> args) {
        switch (name) {
            case "resolve", "absolute", "expanduser", "__fspath__", "as_posix":
                return receiver;
            case "enter_context": // ExitStack().enter_context(as_file(...))
                return arg(args, 0);
            case "with_name":
                return join(parent(receiver), List.of(arg(args, 0)));
            case "joinpath":
                return join(receiver, args);
            case "with_suffix":
                return mapLeaves(receiver, x -> {
                    Value suffix = arg(args, 0);
                    if (x instanceof Loc l && suffix instanceof Text s && !s.pattern()) {
                        String p = l.path();
                        int slash = p.lastIndexOf('/');
                        int dot = p.lastIndexOf('.');
                        return new Loc((dot > slash ? p.substring(0, dot) : p) + s.s(), l.pattern());
                    }
                    return UNKNOWN;
                });
            case "get":
                if (receiver instanceof Dict d) {
                    List<Value> options = new ArrayList<>(d.values());
                    options.add(arg(args, 1));
                    return choice(options);
                }
                return choice(List.of(UNKNOWN, arg(args, 1))); // os.environ.get("X", default)
            default:
                return UNKNOWN;
        }
    }

    private Value attribute(Value receiver, String name) {
        if (name.equals("parent")) {
            return parent(receiver);
        }
        return UNKNOWN;
    }

    private Value subscript(Value v, Token index, Value key) {
        if (v instanceof Dict d) {
            return choice(d.values());
        }
        if (v instanceof Seq s && index != null && index.kind() == Kind.NUMBER && index.text().matches("\\d{1,3}")) {
            int i = Integer.parseInt(index.text());
            return i < s.items().size() ? s.items().get(i) : UNKNOWN;
        }
        if (v instanceof Loc l && l.pattern()) {
            return v; // glob.glob(...)[0]
        }
        return UNKNOWN;
    }

    // ---- operations on values -------------------------------------------------------------------------------

    static Value choice(List<Value> options) {
        List<Value> out = new ArrayList<>();
        for (Value o : options) {
            if (o instanceof Choice c) {
                for (Value x : c.options()) {
                    if (!out.contains(x) && out.size() < MAX_OPTIONS) {
                        out.add(x);
                    }
                }
            } else if (!out.contains(o) && out.size() < MAX_OPTIONS) {
                out.add(o);
            }
        }
        return out.size() == 1 ? out.get(0) : new Choice(List.copyOf(out));
    }

    private interface Op {
        Value apply(Value v);
    }

    private static Value mapLeaves(Value v, Op op) {
        if (v instanceof Choice c) {
            List<Value> out = new ArrayList<>();
            for (Value o : c.options()) {
                out.add(op.apply(o));
            }
            return choice(out);
        }
        return op.apply(v);
    }

    private static Value concat(Value a, Value b) {
        return mapLeaves(a, x -> mapLeaves(b, y -> {
            if (x instanceof Text l && y instanceof Text r) {
                return new Text(l.s() + r.s(), l.pattern() || r.pattern());
            }
            if (x instanceof Loc l && y instanceof Text r) {
                return new Loc(l.path() + r.s(), l.pattern() || r.pattern()); // normalized when used: a "/" may follow
            }
            if (y instanceof Seq s && s.items().size() == 1 && x instanceof Text l) {
                return concat(l, s.items().get(0));
            }
            return UNKNOWN;
        }));
    }

    /** {@code "libz3.%s" % ext}: each {@code %s} takes the next value (a tuple's items in order). */
    private static Value percent(Value format, Value args) {
        List<Value> values = args instanceof Seq s ? s.items() : List.of(args);
        return mapLeaves(format, f -> {
            if (!(f instanceof Text text) || text.pattern()) {
                return UNKNOWN;
            }
            String[] pieces = text.s().split("%s", -1);
            if (pieces.length - 1 != values.size() || text.s().replace("%s", "").contains("%")) {
                return UNKNOWN; // other conversions, or a count that does not match
            }
            Value out = new Text(pieces[0], false);
            for (int i = 0; i < values.size(); i++) {
                out = concat(concat(out, values.get(i)), new Text(pieces[i + 1], false));
            }
            return out;
        });
    }

    private static Value join(Value base, List<Value> parts) {
        Value v = base;
        for (Value part : parts) {
            v = mapLeaves(v, x -> mapLeaves(part, y -> joinOne(x, y)));
        }
        return v;
    }

    private static Value joinOne(Value x, Value y) {
        if (!(y instanceof Text r)) {
            return UNKNOWN;
        }
        if (r.s().startsWith("/")) {
            return UNKNOWN; // an absolute path: outside the artifact
        }
        if (x instanceof Loc l) {
            return normalized(l.path() + "/" + r.s(), l.pattern() || r.pattern());
        }
        if (x instanceof Text l) {
            return new Text(l.s().isEmpty() ? r.s() : l.s() + "/" + r.s(), l.pattern() || r.pattern());
        }
        return UNKNOWN;
    }

    private Value parent(Value v) {
        return mapLeaves(v, x -> {
            if (x instanceof Loc raw && !raw.pattern() && normalized(raw.path(), false) instanceof Loc l) {
                String p = l.path();
                int sep = p.lastIndexOf("!/");
                int cut = p.lastIndexOf('/');
                if (cut < 0 || cut == sep + 1) {
                    // the archive's root: "x.whl!/mod.py" -> "x.whl!"; its parent is outside the archive
                    return cut == sep + 1 && sep >= 0 ? new Loc(p.substring(0, sep + 1), false) : UNKNOWN;
                }
                if (p.endsWith("!")) {
                    return UNKNOWN;
                }
                return new Loc(p.substring(0, cut), false);
            }
            return UNKNOWN;
        });
    }

    private Value pattern(Value v) {
        return mapLeaves(v, x -> x instanceof Loc l ? new Loc(l.path(), true) : UNKNOWN);
    }

    /** A package's directory: the module's own for {@code __name__}/{@code __package__}, else from the root. */
    private Value packageDir(Value v) {
        if (v == Special.MODULE_PACKAGE) {
            return parent(new Loc(file, false));
        }
        if (v instanceof Text s && !s.pattern() && s.s().matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*")) {
            String rel = s.s().replace('.', '/');
            int sep = file.lastIndexOf("!/");
            if (sep >= 0) {
                return new Loc(file.substring(0, sep + 2) + rel, false);
            }
            Value dir = parent(new Loc(file, false));
            if (dir instanceof Loc l && (l.path().equals(rel) || l.path().endsWith("/" + rel))) {
                return dir;
            }
        }
        return UNKNOWN;
    }

    /** {@code a/./b/../c} as {@code a/c}, never above the archive's root (then unknown). */
    static Value normalized(String path, boolean pattern) {
        int sep = path.lastIndexOf("!/");
        String prefix = sep < 0 ? "" : path.substring(0, sep + 2);
        String inner = sep < 0 ? path : path.substring(sep + 2);
        if (inner.startsWith("/")) {
            return new Loc(path, pattern); // a loose file's absolute path
        }
        List<String> parts = new ArrayList<>();
        for (String part : inner.split("/", -1)) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty() || parts.get(parts.size() - 1).equals("..")) {
                    if (sep >= 0) {
                        return UNKNOWN;
                    }
                    parts.add(part);
                } else {
                    parts.remove(parts.size() - 1);
                }
                continue;
            }
            parts.add(part);
        }
        String joined = String.join("/", parts);
        if (sep >= 0 && joined.isEmpty()) {
            return new Loc(path.substring(0, sep + 1), pattern);
        }
        return new Loc(prefix + joined, pattern);
    }

    /** An f-string field ({@code os.path.dirname(__file__)}, {@code _NAME}; no format spec) evaluated in place. */
    private Value field(String text) {
        if (text.length() > 200 || text.indexOf('!') >= 0 || text.indexOf(':') >= 0 || text.indexOf('{') >= 0) {
            return UNKNOWN;
        }
        List<Token> saved = t;
        int savedPos = pos;
        int savedBracket = bracket;
        try {
            t = PythonTokens.tokenize(text);
            pos = 0;
            bracket = 1;
            Value v = t.isEmpty() ? UNKNOWN : expression();
            return pos == t.size() ? v : UNKNOWN;
        } finally {
            t = saved;
            pos = savedPos;
            bracket = savedBracket;
        }
    }

    /** An f-string: its fields must have known text or location values. */
    private Value fString(String content) {
        List<Value> pieces = new ArrayList<>();
        int i = 0;
        StringBuilder literal = new StringBuilder();
        while (i < content.length()) {
            char c = content.charAt(i);
            if (c == '{' && i + 1 < content.length() && content.charAt(i + 1) == '{') {
                literal.append('{');
                i += 2;
            } else if (c == '}' && i + 1 < content.length() && content.charAt(i + 1) == '}') {
                literal.append('}');
                i += 2;
            } else if (c == '{') {
                int close = content.indexOf('}', i);
                if (close < 0) {
                    return UNKNOWN;
                }
                Value v = field(content.substring(i + 1, close));
                if (v == UNKNOWN) {
                    return UNKNOWN;
                }
                pieces.add(new Text(literal.toString(), false));
                literal.setLength(0);
                pieces.add(v);
                i = close + 1;
            } else {
                literal.append(c);
                i++;
            }
        }
        pieces.add(new Text(literal.toString(), false));
        Value v = pieces.get(0);
        for (int k = 1; k < pieces.size(); k++) {
            Value next = pieces.get(k);
            if (v instanceof Text s && s.s().isEmpty() && !s.pattern()) {
                v = next;
            } else {
                v = concat(v, next);
            }
        }
        return v;
    }
}
