package dev.abilint.format.macho;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the LLVM tools listed for one fixture (or one slice of a fat fixture): the golden side of
 * the comparison. Libraries are compared by llvm's short name (libSystem for
 * /usr/lib/libSystem.B.dylib), since that is all the bind listing and llvm-nm -m print.
 */
final class LlvmListings {
    /** What llvm prints where a symbol has no library: flat lookup, this image, the main executable. */
    static final String NO_LIBRARY = "-";

    final List<String> needed = new ArrayList<>();
    final List<String> rpaths = new ArrayList<>();
    String installName;
    /** "rawName library-short-name" (or NO_LIBRARY). */
    final Set<String> imports = new LinkedHashSet<>();
    final Set<String> weakImports = new LinkedHashSet<>();
    /** raw export name → the flags llvm printed ("" or "[weak_def]" ...). */
    final Map<String, String> exports = new LinkedHashMap<>();

    private static final Pattern NM_UNDEFINED =
            Pattern.compile("^\\s*\\(undefined(?: \\[lazy bound\\])?\\) (weak )?external (\\S+) \\((.*)\\)$");

    static LlvmListings read(Path binary, String tag) {
        LlvmListings out = new LlvmListings();
        String prefix = binary.getFileName() + (tag.isEmpty() ? "" : "." + tag);
        Path dir = binary.getParent();
        out.readPrivateHeaders(lines(dir.resolve(prefix + ".private-headers.txt")));
        out.readBinds(lines(dir.resolve(prefix + ".bind.txt")));
        out.readNm(lines(dir.resolve(prefix + ".nm.txt")));
        out.readExports(lines(dir.resolve(prefix + ".exports-trie.txt")));
        return out;
    }

    private void readPrivateHeaders(List<String> lines) {
        String cmd = "";
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("cmd ")) {
                cmd = t.substring(4).trim();
            } else if (t.startsWith("name ") || t.startsWith("path ")) {
                String value = t.substring(5).trim().replaceFirst(" \\(offset \\d+\\)$", "");
                switch (cmd) {
                    case "LC_LOAD_DYLIB", "LC_LOAD_WEAK_DYLIB", "LC_REEXPORT_DYLIB", "LC_LAZY_LOAD_DYLIB",
                            "LC_LOAD_UPWARD_DYLIB" -> needed.add(value);
                    case "LC_ID_DYLIB" -> installName = value;
                    case "LC_RPATH" -> rpaths.add(value);
                    default -> { }
                }
            }
        }
    }

    private void readBinds(List<String> lines) {
        String table = "";
        for (String line : lines) {
            String t = line.trim();
            if (t.endsWith("table:")) {
                table = t;
                continue;
            }
            if (t.isEmpty() || t.startsWith("segment") || t.endsWith(":")) {
                continue;
            }
            String[] f = t.split("\\s+");
            switch (table) {
                case "Bind table:" -> addImport(f[6], f[5], t.endsWith("(weak_import)"));
                case "Lazy bind table:" -> addImport(f[4], f[3], t.endsWith("(weak_import)"));
                default -> { }
            }
        }
    }

    private void readNm(List<String> lines) {
        for (String line : lines) {
            Matcher m = NM_UNDEFINED.matcher(line);
            if (m.matches()) {
                String from = m.group(3);
                addImport(m.group(2), from.startsWith("from ") ? from.substring(5) : NO_LIBRARY, m.group(1) != null);
            }
        }
    }

    private void readExports(List<String> lines) {
        for (String line : lines) {
            String t = line.trim();
            if (t.startsWith("0x")) {
                String[] f = t.split("\\s+", 3);
                exports.put(f[1], f.length > 2 ? f[2] : "");
            }
        }
    }

    private void addImport(String name, String library, boolean weak) {
        String lib = switch (library) {
            case "flat-namespace", "this-image", "main-executable", "weak", "self", "executable" -> NO_LIBRARY;
            default -> library;
        };
        imports.add(name + " " + lib);
        if (weak) {
            weakImports.add(name + " " + lib);
        }
    }

    private static List<String> lines(Path path) {
        try {
            return Files.readAllLines(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** llvm's MachOObjectFile::guessLibraryShortName, ported: the name llvm prints for a library path. */
    static String shortName(String name) {
        if (name == null) {
            return NO_LIBRARY;
        }
        String guess = guess(name);
        return guess == null || guess.isEmpty() ? name : guess;
    }

    private static String guess(String name) {
        int a = name.lastIndexOf('/');
        if (a > 0) {
            String foo = name.substring(a + 1);
            int idx = foo.lastIndexOf('_');
            if (idx >= 0 && foo.length() >= 2) {
                foo = foo.substring(0, idx);
            }
            int b = name.lastIndexOf('/', a - 1);
            int start = b < 0 ? 0 : b + 1;
            if (name.startsWith(foo + ".framework/", start)) {
                return foo;
            }
            if (b >= 0) {
                int c = b == 0 ? -1 : name.lastIndexOf('/', b - 1);
                if (c > 0 && name.startsWith("Versions/", c + 1)) {
                    int d = name.lastIndexOf('/', c - 1);
                    int s = d < 0 ? 0 : d + 1;
                    if (name.startsWith(foo + ".framework/", s)) {
                        return foo;
                    }
                }
            }
        }
        a = name.lastIndexOf('.');
        if (a <= 0) {
            return null;
        }
        String ext = name.substring(a);
        if (!ext.equals(".dylib")) {
            if (!ext.equals(".qtx")) {
                return null;
            }
            int b = name.lastIndexOf('/', a);
            String lib = b < 0 ? name.substring(0, a) : name.substring(b + 1, a);
            return lib.length() >= 3 && lib.charAt(lib.length() - 2) == '.' ? lib.substring(0, lib.length() - 2) : lib;
        }
        if (a >= 3 && name.charAt(a - 2) == '.') {
            a -= 2;
        }
        int b = name.lastIndexOf('/', a);
        b = b < 0 ? 0 : b + 1;
        int idx = name.indexOf('_', b);
        String lib = idx >= 0 && idx != b && idx < a ? name.substring(b, idx) : name.substring(b, Math.max(a, b));
        if (lib.length() >= 3 && lib.charAt(lib.length() - 2) == '.') {
            lib = lib.substring(0, lib.length() - 2);
        }
        return lib;
    }
}
