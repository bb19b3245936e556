package dev.abilint.format.xcoff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The XCOFF reader against llvm-readobj's listings of fixtures/xcoff (written by fixtures/build-xcoff.py
 * from our own symbol lists; llvm-readobj 19 is the independent oracle): per XCOFF file (each archive
 * member), word size, file type, the sections, needed libraries, imports with their library and exports.
 */
class XcoffGoldenTest {

    /** What llvm-readobj says of one XCOFF file. */
    record Listing(int bits, int flags, List<String> sections, List<String> needed, Set<String> imports,
            Set<String> exports, Set<String> weak) {}

    private static final Pattern FILE = Pattern.compile("^File: (?:.*?)(?:\\((.*)\\))?$");

    /** Listings by archive member (null for a bare file). */
    static Map<String, Listing> parse(String text) {
        Map<String, Listing> out = new LinkedHashMap<>();
        Listing cur = null;
        boolean needed = false;
        Map<String, String> sym = null;
        for (String line : text.split("\n")) {
            String s = line.strip();
            Matcher m = FILE.matcher(line);
            if (m.matches()) {
                cur = new Listing(0, 0, new ArrayList<>(), new ArrayList<>(), new TreeSet<>(), new TreeSet<>(),
                        new TreeSet<>());
                out.put(m.group(1), cur);
                continue;
            }
            if (cur == null) {
                continue;
            }
            if (s.startsWith("AddressSize: ")) {
                Listing c = cur;
                cur = new Listing(s.contains("64") ? 64 : 32, c.flags(), c.sections(), c.needed(), c.imports(),
                        c.exports(), c.weak());
                out.put(out.entrySet().stream().filter(e -> e.getValue() == c).findFirst().get().getKey(), cur);
            } else if (s.startsWith("Flags: 0x") && sym == null) {
                Listing c = cur;
                cur = new Listing(c.bits(), Integer.parseInt(s.substring(9), 16), c.sections(), c.needed(),
                        c.imports(), c.exports(), c.weak());
                out.put(out.entrySet().stream().filter(e -> e.getValue() == c).findFirst().get().getKey(), cur);
            } else if (s.startsWith("Name: ") && sym == null) {
                cur.sections().add(s.substring(6));
            } else if (s.equals("NeededLibraries [")) {
                needed = true;
            } else if (needed) {
                if (s.equals("]")) {
                    needed = false;
                } else if (!s.startsWith("BASE")) {
                    String[] parts = s.split("\\s+");
                    cur.needed().add(parts[0] + (parts.length > 1 ? "(" + parts[1] + ")" : ""));
                }
            } else if (s.equals("Symbol {")) {
                sym = new LinkedHashMap<>();
            } else if (sym != null && s.equals("}")) {
                int type = Integer.parseInt(sym.get("SymbolType").substring(2), 16);
                int file = Integer.parseInt(sym.get("ImportFileID").substring(2), 16);
                String name = sym.get("Name");
                if ((type & 0x40) != 0) {
                    cur.imports().add(name + " <- " + cur.needed().get(file - 1));
                } else if ((type & 0x10) != 0) {
                    cur.exports().add(name);
                }
                if ((type & 0x08) != 0) {
                    cur.weak().add(name);
                }
                sym = null;
            } else if (sym != null && s.contains(": ")) {
                sym.put(s.substring(0, s.indexOf(": ")), s.substring(s.indexOf(": ") + 2));
            }
        }
        return out;
    }

    private static String base(String library) {
        return library.substring(library.lastIndexOf('/') + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"libdemo32.so", "libdemo64.so", "libdemo.a"})
    void agreesWithLlvmReadobj(String name) throws Exception {
        Path file = Fixtures.file("xcoff/" + name);
        Map<String, Listing> listings = parse(Files.readString(Fixtures.file("xcoff/" + name + ".readobj.txt")));
        Bytes bytes = Bytes.of(Files.readAllBytes(file));
        assertTrue(Format.sniff(bytes).isNative(), "sniffed as a native binary by its bytes");
        List<Binary> read = new XcoffReader().read(name, bytes);
        assertEquals(listings.size(), read.size(), "one binary per XCOFF file or archive member");
        int symbols = 0;
        for (Binary b : read) {
            String member = (String) b.flag("archiveMember");
            Listing l = listings.get(member);
            assertEquals(l.bits(), b.getBits(), name);
            assertEquals((l.flags() & 0x2000) != 0 ? "shared" : "object", b.getType());
            assertEquals("xcoff", b.getFormat());
            assertEquals("aix", b.getPlatform().os());
            assertEquals(l.bits() == 64 ? "ppc64" : "ppc", b.getArch());
            assertEquals(l.needed(), b.getNeeded().stream().map(XcoffGoldenTest::base).toList(), name + " needed");
            Set<String> imports = new TreeSet<>();
            Set<String> weak = new TreeSet<>();
            for (Symbol s : b.getImports()) {
                imports.add(s.name() + " <- " + base(s.library()));
                if (s.weak()) {
                    weak.add(s.name());
                }
            }
            Set<String> exports = new TreeSet<>();
            for (Symbol s : b.getExports()) {
                exports.add(s.name());
                if (s.weak()) {
                    weak.add(s.name());
                }
            }
            assertEquals(l.imports(), imports, name + " imports");
            assertEquals(l.exports(), exports, name + " exports");
            assertEquals(l.weak(), weak, name + " weak symbols");
            assertEquals(List.of(), b.getProblems(), name);
            assertFalse(l.sections().isEmpty());
            symbols += imports.size() + exports.size();
        }
        assertTrue(symbols >= 11, "compared " + symbols + " symbols");
    }

    @Test
    void whatTheLoaderSectionSays() throws Exception {
        Binary b = new XcoffReader().read("libdemo64.so", Bytes.of(Fixtures.bytes(Fixtures.file("xcoff/libdemo64.so"))))
                .get(0);
        assertEquals(List.of("libc.a(shr_64.o)", "libpthread.a(shr_xpg5_64.o)", "/opt/demo/lib/libdemo_opt.so"),
                b.getNeeded(), "import file IDs after the first, with their path where they have one");
        assertEquals(List.of("/usr/lib", "/lib"), b.flag("libpath"), "the first import file ID is the library path");
        Map<String, String> kinds = new LinkedHashMap<>();
        b.getExports().forEach(s -> kinds.put(s.name(), s.kind()));
        assertEquals("function", kinds.get("Java_demo_Native_add"), "XMC_DS: a function descriptor");
        assertEquals("object", kinds.get("demo_counter"));
        assertEquals("tls", kinds.get("demo_tls"));
        assertFalse(kinds.containsKey("__rtinit"), "neither L_EXPORT nor L_IMPORT");
        assertEquals("libpthread.a(shr_xpg5_64.o)", b.getImports().stream()
                .filter(s -> s.name().equals("pthread_create")).findFirst().get().library(), "l_ifile 2");
    }

    @Test
    void theSmallArchiveFormatHoldsTheSameMembers() throws Exception {
        List<Binary> big = new XcoffReader().read("a", Bytes.of(Fixtures.bytes(Fixtures.file("xcoff/libdemo.a"))));
        List<Binary> small = new XcoffReader().read("a", Bytes.of(Fixtures.bytes(Fixtures.file("xcoff/libdemo-small.a"))));
        assertEquals(2, small.size());
        for (int i = 0; i < 2; i++) {
            assertEquals(big.get(i).getFlags().get("archiveMember"), small.get(i).getFlags().get("archiveMember"));
            assertEquals(big.get(i).getExports(), small.get(i).getExports());
            assertEquals(big.get(i).getImports(), small.get(i).getImports());
            assertEquals("small", small.get(i).getFlags().get("archiveFormat"));
        }
    }
}
