package dev.abilint.format.macho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.Readers;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.testing.Fixtures;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every Mach-O fixture against the listings llvm-objdump and llvm-nm wrote for it. */
class MachOGoldenTest {

    static Stream<Path> fixtures() {
        return Stream.concat(Fixtures.list("macho", ".dylib").stream(), Fixtures.list("macho", ".so").stream());
    }

    static List<Binary> read(Path path) throws MalformedBinaryException {
        Bytes data = Bytes.of(Fixtures.bytes(path));
        Format format = Format.sniff(data);
        assertTrue(format == Format.MACHO || format == Format.MACHO_FAT, path + " sniffed as " + format);
        return Readers.forFormat(format).read(path.toString(), data);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesLlvmListings(Path path) throws MalformedBinaryException {
        List<Binary> binaries = read(path);
        boolean fat = binaries.size() > 1;
        for (Binary binary : binaries) {
            String tag = fat ? binary.getArch() : "";
            LlvmListings golden = LlvmListings.read(path, tag);
            String what = path.getFileName() + (fat ? " slice " + tag : "");
            assertEquals(path.toString(), binary.getPath(), what);
            assertEquals("macho", binary.getFormat());
            assertEquals(List.of(), binary.getProblems(), what + " problems");
            assertEquals(golden.needed, binary.getNeeded(), what + " needed");
            assertEquals(golden.installName, binary.getInstallName(), what + " install name");
            assertEquals(golden.rpaths, binary.getRpath(), what + " rpath");

            Set<String> imports = new LinkedHashSet<>();
            Set<String> weakImports = new LinkedHashSet<>();
            for (Symbol s : binary.getImports()) {
                String key = raw(s) + " " + LlvmListings.shortName(s.library());
                assertTrue(imports.add(key), what + " duplicate import " + key);
                if (s.weak()) {
                    weakImports.add(key);
                }
                assertFalse(s.name().startsWith("_") && raw(s).equals(s.name()) && !s.name().startsWith("__"),
                        "C name keeps its underscore: " + s);
            }
            assertEquals(golden.imports, imports, what + " imports");
            assertEquals(golden.weakImports, weakImports, what + " weak imports");

            Map<String, String> exports = new LinkedHashMap<>();
            for (Symbol s : binary.getExports()) {
                exports.put(raw(s), s.kind() + (s.weak() ? " weak" : ""));
            }
            assertEquals(golden.exports.keySet(), exports.keySet(), what + " exports");
            golden.exports.forEach((name, flags) -> {
                String ours = exports.get(name);
                assertEquals(flags.contains("[weak_def]"), ours.endsWith(" weak"), what + " weak export " + name);
                assertEquals(flags.contains("[per-thread]"), ours.startsWith("tls"), what + " tls export " + name);
                assertEquals(flags.contains("[re-export]"), ours.startsWith("reexport"), what + " re-export " + name);
            });
        }
    }

    private static String raw(Symbol s) {
        return s.rawName() != null ? s.rawName() : s.name();
    }

    @Test
    void libuserFacts() throws MalformedBinaryException {
        Binary b = read(Fixtures.file("macho/libuser.dylib")).get(0);
        assertEquals("arm64", b.getArch());
        assertEquals(64, b.getBits());
        assertEquals("little", b.getEndian());
        assertEquals("dylib", b.getType());
        assertEquals("macos", b.getPlatform().os());
        assertEquals("arm64", b.getPlatform().arch());
        assertEquals("11.0", b.getMinOs());
        assertEquals("@rpath/libuser.dylib", b.getInstallName());
        assertEquals(List.of("@loader_path/../lib"), b.getRpath());
        assertEquals(true, b.flag("codeSignature"));
        assertEquals(false, b.flag("flatNamespace"));
        assertTrue(((List<?>) b.flag("headerFlags")).contains("MH_TWOLEVEL"));
        assertTrue(b.getImports().contains(new Symbol("dep_optional", "_dep_optional", null, "@rpath/libdep.dylib",
                null, true, false, null)), b.getImports().toString());
        assertTrue(b.getImports().contains(new Symbol("dep_add", "_dep_add", null, "@rpath/libdep.dylib",
                null, false, false, null)), b.getImports().toString());
        assertTrue(b.getExports().contains(new Symbol("user_sum", "_user_sum", null, null, "function", false, false,
                null)), b.getExports().toString());
        assertTrue(b.getExports().contains(new Symbol("user_table", "_user_table", null, null, "object", false, false,
                null)), b.getExports().toString());
        assertTrue(b.getExports().stream().noneMatch(s -> s.name().equals("user_hidden")));
        assertTrue(b.flag("uuid").toString().matches("[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}"));
    }

    @Test
    void pythonExtensionUsesDynamicLookup() throws MalformedBinaryException {
        Binary b = read(Fixtures.file("macho/demo.cpython-312-darwin.so")).get(0);
        assertEquals("bundle", b.getType());
        assertEquals(true, b.flag("dynamicLookup"));
        assertTrue(b.getImports().stream().anyMatch(s -> s.name().equals("PyLong_FromLong") && s.library() == null));
        assertEquals(List.of(new Symbol("PyInit_demo", "_PyInit_demo", null, null, "function", false, false, null)),
                b.getExports());
    }

    @Test
    void x86UsesVersionMin() throws MalformedBinaryException {
        Binary b = read(Fixtures.file("macho/libplain-x86_64.dylib")).get(0);
        assertEquals("x86_64", b.getArch());
        assertEquals("macos", b.getPlatform().os());
        assertEquals("10.12", b.getMinOs());
    }

    @Test
    void umbrellaReexportsItsDependency() throws MalformedBinaryException {
        Binary b = read(Fixtures.file("macho/libumbrella.dylib")).get(0);
        assertEquals(List.of("@rpath/libdep.dylib"), b.flag("reexportedDylibs"));
    }

    @Test
    void fatFileHasOneBinaryPerSlice() throws MalformedBinaryException {
        Path path = Fixtures.file("macho/libplain-fat.dylib");
        assertEquals(Format.MACHO_FAT, Format.sniff(Bytes.of(Fixtures.bytes(path))));
        List<Binary> slices = read(path);
        assertEquals(2, slices.size());
        Map<String, Binary> byArch = new LinkedHashMap<>();
        slices.forEach(b -> byArch.put(b.getArch(), b));
        assertEquals(Set.of("arm64", "x86_64"), byArch.keySet());
        for (int i = 0; i < 2; i++) {
            assertEquals(path.toString(), slices.get(i).getPath());
            assertEquals(i, slices.get(i).flag("fatSlice"));
            assertEquals(List.of(), slices.get(i).getProblems());
        }
        assertEquals("11.0", byArch.get("arm64").getMinOs());
        assertEquals("10.12", byArch.get("x86_64").getMinOs());
    }
}
