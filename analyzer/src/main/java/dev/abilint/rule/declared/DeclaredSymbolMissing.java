package dev.abilint.rule.declared;

import dev.abilint.format.classfile.JnaLibraries;
import dev.abilint.format.decl.CDeclarations;
import dev.abilint.format.decl.Declaration;
import dev.abilint.format.decl.LibraryRef;
import dev.abilint.format.decl.DefFile;
import dev.abilint.format.decl.PythonCffi;
import dev.abilint.format.decl.PythonCtypes;
import dev.abilint.format.decl.SymbolList;
import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.model.Locations;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import dev.abilint.rule.natives.NativeInventory;
import dev.abilint.rule.natives.NativeInventory.Library;
import dev.abilint.rule.natives.NativeInventory.Native;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A function that the package declares but the library it is meant for does not export, on some
 * platform: a JNA interface method, an FFM {@code SymbolLookup.find} name, a C header / cffi cdef /
 * ctypes use / {@code .def} entry / symbol list line given with {@code --declared}. Calling it fails at
 * run time (UnsatisfiedLinkError, AttributeError, "undefined symbol").
 *
 * <p>Which library: JNA interfaces by the {@code Native.load("name", ...)} constants of the interface and
 * the interfaces it extends (no known name, e.g. {@code Platform.C_LIBRARY_NAME}: not judged); FFM names by the class's
 * {@code libraryLookup} names (no name: not judged, since {@code loaderLookup}/{@code defaultLookup} may
 * reach any library); ctypes uses by the {@code CDLL("name")} string; declaration files by their file
 * name ({@code demo.h}, {@code demo_ffi.py} → library {@code demo}), else every library of the scan
 * together. Names that resolve to no bundled library (a system library such as {@code c}) are not
 * judged.
 */
public final class DeclaredSymbolMissing implements AnalysisRule {
    private static final long MAX_DECLARATION_FILE = 16L << 20;

    @Override
    public String id() {
        return "declared-symbol-missing";
    }

    @Override
    public boolean readsEveryPythonFile() {
        return true;
    }

    /** Declared names, where they are declared, and the libraries they are meant for. */
    private record Group(String kind, String location, List<Declaration> names, List<Native> natives, String choice,
            boolean underscoreOptional) {
        Group {
            natives = List.copyOf(natives);
        }

        /** Every binary of these libraries. */
        static List<Native> of(List<Library> libraries) {
            List<Native> out = new ArrayList<>();
            for (Library l : libraries) {
                out.addAll(l.all());
            }
            return out;
        }
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        NativeInventory inventory = NativeInventory.of(analysis);
        if (inventory.libraries().isEmpty()) {
            return;
        }
        List<Group> groups = new ArrayList<>();
        jna(analysis, inventory, groups);
        ffm(analysis, inventory, groups);
        for (String file : context.targets().declared()) {
            files(file, inventory, groups, context);
        }
        PythonLibraries paths = new PythonLibraries(inventory);
        for (ParsedPython parsed : ParsedPython.all(analysis.pythonSources())) {
            bundledPython(parsed, paths, groups);
        }
        for (Group g : groups) {
            judge(g, context);
        }
    }

    private static void jna(Analysis analysis, NativeInventory inventory, List<Group> groups) {
        List<JavaClass> classes = analysis.javaClasses();
        Map<String, JavaClass> byName = new HashMap<>();
        for (JavaClass c : classes) {
            if (c.name() != null) {
                byName.putIfAbsent(c.name(), c);
            }
        }
        for (String iface : JnaLibraries.resolve(classes)) {
            JavaClass c = byName.get(iface);
            if (c == null || c.location() == null) {
                continue;
            }
            List<String> methods = JnaLibraries.methods(iface, classes);
            if (methods.isEmpty()) {
                continue;
            }
            // library names of the interface and of the interfaces it extends
            Set<String> names = new LinkedHashSet<>();
            List<String> work = new ArrayList<>(List.of(iface));
            Set<String> seen = new HashSet<>();
            while (!work.isEmpty()) {
                JavaClass k = byName.get(work.remove(work.size() - 1));
                if (k == null || !seen.add(k.name())) {
                    continue;
                }
                names.addAll(k.loadedLibraries());
                work.addAll(k.superInterfaces());
            }
            List<Declaration> decls = new ArrayList<>();
            for (String m : methods) {
                decls.add(new Declaration(m, c.location(), 0));
            }
            String scope = NativeInventory.scopeOf(c.location());
            String kind = "JNA interface " + iface.replace('/', '.');
            if (names.isEmpty()) {
                // Native.load(Platform.C_LIBRARY_NAME, ...), a name built at run time: which library is not known,
                // and judging the interface against every bundled library blamed them for libc's functions
                // (jline's and pty4j's CLibrary interfaces: 137 false errors on two real jars). Not judged.
                continue;
            }
            List<Library> resolved = resolveAll(names, inventory, scope);
            if (!resolved.isEmpty()) {
                groups.add(new Group(kind, c.location(), decls, Group.of(resolved), "Native.load " + String.join(", ", names),
                        false));
            }
        }
    }

    private static void ffm(Analysis analysis, NativeInventory inventory, List<Group> groups) {
        for (JavaClass c : analysis.javaClasses()) {
            if (c.ffmSymbols().isEmpty() || c.location() == null || c.jnaLibrary()) {
                continue;
            }
            List<Library> resolved = resolveAll(c.loadedLibraries(), inventory, NativeInventory.scopeOf(c.location()));
            if (resolved.isEmpty()) {
                continue; // systemLookup / loaderLookup: any library, not judged
            }
            List<Declaration> decls = new ArrayList<>();
            for (String s : c.ffmSymbols()) {
                decls.add(new Declaration(s, c.location(), 0));
            }
            groups.add(new Group("FFM lookups of " + c.name().replace('/', '.'), c.location(), decls, Group.of(resolved),
                    "libraryLookup " + String.join(", ", c.loadedLibraries()), false));
        }
    }

    private static void files(String file, NativeInventory inventory, List<Group> groups, RuleContext context) {
        String source;
        try {
            source = read(Path.of(file));
        } catch (IOException | RuntimeException e) {
            context.report(file, "cannot read the declaration file: " + e.getMessage()).key("read").emit();
            return;
        }
        String fileName = Locations.fileName(file);
        String lower = fileName.toLowerCase(Locale.ROOT);
        List<Native> byFileName = Group.of(byFileName(fileName, inventory));
        List<Native> every = Group.of(inventory.libraries());
        String everyChoice = "no library named like " + fileName + ": checked against every library of the scan together";
        if (lower.endsWith(".py")) {
            List<Declaration> cdef = PythonCffi.parse(file, source);
            if (!cdef.isEmpty()) {
                groups.add(byFileName.isEmpty()
                        ? new Group("cffi cdef", file, cdef, every, everyChoice, false)
                        : new Group("cffi cdef", file, cdef, byFileName, "file name " + fileName, false));
            }
            PythonCtypes.Result ctypes = PythonCtypes.parse(file, source);
            Map<String, List<Declaration>> byLibrary = new TreeMap<>();
            for (PythonCtypes.Use use : ctypes.uses()) {
                byLibrary.computeIfAbsent(use.library() == null ? "" : use.library(), k -> new ArrayList<>())
                        .add(use.declaration());
            }
            byLibrary.forEach((library, decls) -> {
                if (library.isEmpty()) {
                    groups.add(new Group("ctypes use", file, decls, every,
                            "unknown ctypes library: checked against every library of the scan together", false));
                    return;
                }
                List<Library> resolved = inventory.resolve(library, "");
                if (!resolved.isEmpty()) {
                    groups.add(new Group("ctypes use", file, decls, Group.of(resolved), "CDLL(\"" + library + "\")", false));
                }
            });
            return;
        }
        List<Declaration> decls;
        String kind;
        boolean underscore = false;
        if (lower.endsWith(".h") || lower.endsWith(".hpp") || lower.endsWith(".hh") || lower.endsWith(".hxx")) {
            decls = CDeclarations.parse(file, source);
            kind = "header";
        } else if (lower.endsWith(".def")) {
            decls = DefFile.parse(file, source);
            kind = ".def file";
        } else {
            decls = SymbolList.parse(file, source);
            kind = "symbol list";
            underscore = true; // macOS exported_symbols_list names carry the Mach-O underscore
        }
        if (!decls.isEmpty()) {
            groups.add(byFileName.isEmpty()
                    ? new Group(kind, file, decls, every, everyChoice, underscore)
                    : new Group(kind, file, decls, byFileName, "file name " + fileName, underscore));
        }
    }

    private static String read(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) MAX_DECLARATION_FILE);
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** {@code demo.h}, {@code demo.def}, {@code demo_ffi.py}, {@code libdemo.exports} name library {@code demo}. */
    private static List<Library> byFileName(String fileName, NativeInventory inventory) {
        String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
        List<Library> out = inventory.resolve(stem, "");
        if (out.isEmpty()) {
            String trimmed = stem.replaceFirst("[_-](c?ffi|ctypes|api|bindings?|build|exports|symbols)$", "");
            if (!trimmed.equals(stem) && !trimmed.isEmpty()) {
                out = inventory.resolve(trimmed, "");
            }
        }
        return out;
    }

    /**
     * A Python file's cffi declarations, the libraries its {@code ffi.dlopen} calls open (read only when it has
     * declarations) and its ctypes uses: parsed for every kept file at once, on both cores (a whole CPython
     * library's files were this rule's 150 ms on one thread while the other rules had finished).
     */
    private record ParsedPython(dev.abilint.model.PythonSource source, List<Declaration> cdef,
            List<List<LibraryRef>> opened, PythonCtypes.Result ctypes) {
        /** Files kept only for their imports (no text) declare nothing and are not parsed. */
        static List<ParsedPython> all(List<dev.abilint.model.PythonSource> sources) {
            return sources.parallelStream().filter(s -> !s.text().isEmpty()).map(ParsedPython::of).toList();
        }

        static ParsedPython of(dev.abilint.model.PythonSource source) {
            List<Declaration> cdef = PythonCffi.parse(source.location(), source.text());
            return new ParsedPython(source, cdef,
                    cdef.isEmpty() ? List.of() : PythonCffi.dlopened(source.location(), source.text()),
                    PythonCtypes.parse(source.location(), source.text()));
        }
    }

    /**
     * A .py file shipped inside an artifact. Only what names a library the artifact itself ships is
     * judged: cffi cdefs of a file whose {@code ffi.dlopen(...)} calls all open a bundled library (ABI mode; in
     * API mode the cdef'd functions are compiled into the extension and exported by nothing; a file that also
     * opens another library may declare that one's functions), and ctypes uses of a handle whose loader opens a
     * bundled library. The argument may be a name or a path built from the module's location, per platform
     * ({@link PythonLibraries}); a path is looked up relative to the module inside the artifact. System
     * libraries and what cannot be worked out are not judged.
     */
    private static void bundledPython(ParsedPython parsed, PythonLibraries paths, List<Group> groups) {
        dev.abilint.model.PythonSource source = parsed.source();
        String scope = NativeInventory.scopeOf(source.location());
        List<Declaration> cdef = parsed.cdef();
        if (!cdef.isEmpty()) {
            List<List<LibraryRef>> opened = parsed.opened();
            List<Native> natives = new ArrayList<>();
            Set<String> described = new LinkedHashSet<>();
            boolean all = !opened.isEmpty();
            for (List<LibraryRef> call : opened) {
                List<Native> resolved = paths.resolve(call, scope);
                all &= !resolved.isEmpty();
                resolved.stream().filter(n -> !natives.contains(n)).forEach(natives::add);
                described.add(paths.describe(call, scope));
            }
            if (all) {
                groups.add(new Group("cffi cdef", source.location(), cdef, natives,
                        "ffi.dlopen " + String.join(", ", described), false));
            }
        }
        Map<List<LibraryRef>, List<Declaration>> byLibrary = new java.util.LinkedHashMap<>();
        for (PythonCtypes.Use use : parsed.ctypes().uses()) {
            if (!use.candidates().isEmpty()) {
                byLibrary.computeIfAbsent(use.candidates(), k -> new ArrayList<>()).add(use.declaration());
            }
        }
        byLibrary.forEach((candidates, decls) -> {
            List<Native> resolved = paths.resolve(candidates, scope);
            if (!resolved.isEmpty()) {
                groups.add(new Group("ctypes use", source.location(), decls, resolved,
                        "CDLL(" + paths.describe(candidates, scope) + ")", false));
            }
        });
    }

    private static List<Library> resolveAll(Iterable<String> names, NativeInventory inventory, String scope) {
        List<Library> out = new ArrayList<>();
        for (String name : names) {
            for (Library l : inventory.resolve(name, scope)) {
                if (!out.contains(l)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /**
     * One finding per declaring place (an interface, a class's lookups, a declaration file, a Python file's
     * library) that names the functions no library it is meant for exports on some platform, each with the
     * platforms it is missing on; fingerprinted by the declaring place, so a baseline keeps matching when
     * another function goes missing (the message and evidence then name it).
     */
    private void judge(Group g, RuleContext context) {
        Map<String, List<Native>> byPlatform = new TreeMap<>();
        Set<String> libraryNames = new TreeSet<>();
        for (Native n : g.natives()) {
            byPlatform.computeIfAbsent(n.platform(), k -> new ArrayList<>()).add(n);
            libraryNames.add(Locations.fileName(n.binary().getPath()));
        }
        Set<String> seen = new HashSet<>();
        List<String> names = new ArrayList<>();
        List<Map<String, Object>> symbols = new ArrayList<>();
        Set<String> missingAnywhere = new TreeSet<>();
        for (Declaration d : g.names()) {
            if (!seen.add(d.name())) {
                continue;
            }
            Set<String> missing = new TreeSet<>();
            Set<String> present = new TreeSet<>();
            for (Map.Entry<String, List<Native>> e : byPlatform.entrySet()) {
                boolean found = false;
                for (Native n : e.getValue()) {
                    found |= n.exports(d.name())
                            || (g.underscoreOptional() && d.name().startsWith("_") && n.exports(d.name().substring(1)));
                }
                (found ? present : missing).add(e.getKey());
            }
            if (missing.isEmpty()) {
                continue;
            }
            names.add(d.name());
            missingAnywhere.addAll(missing);
            Map<String, Object> row = new java.util.LinkedHashMap<>();
            row.put("symbol", d.name());
            if (d.line() > 0) {
                row.put("declaredAt", d.location() + ":" + d.line());
            }
            row.put("missingOn", List.copyOf(missing));
            row.put("exportedOn", List.copyOf(present));
            symbols.add(row);
        }
        if (names.isEmpty()) {
            return;
        }
        boolean one = names.size() == 1;
        context.report(g.location(), dev.abilint.rule.Listing.firstFew(names) + (one ? " is" : " are") + " declared ("
                        + g.kind() + ") but " + String.join(", ", libraryNames) + " do"
                        + (libraryNames.size() == 1 ? "es" : "") + " not export " + (one ? "it" : "them") + " on "
                        + String.join(", ", missingAnywhere) + ": calling " + (one ? "it" : "them")
                        + " fails at run time there")
                .evidence("symbol", one ? names.get(0) : null)
                .evidence("declaredBy", g.kind())
                .evidence("declaredAt", g.location())
                .evidence("libraries", List.copyOf(libraryNames))
                .evidence("libraryChosenBy", g.choice())
                .evidence("missingOn", List.copyOf(missingAnywhere))
                .evidence("symbols", symbols)
                .fix("Export " + (one ? names.get(0) : "them") + " from the library (check visibility, the .def/version "
                        + "script and that the file defining " + (one ? "it" : "each") + " is built on every platform), "
                        + "or remove the declaration.")
                .key(g.kind())
                .emit();
    }
}
