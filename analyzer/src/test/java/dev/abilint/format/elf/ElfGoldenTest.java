package dev.abilint.format.elf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.testing.Fixtures;
import dev.abilint.testing.ReadobjListing;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ELF fixture, read by abilint, against the golden listing llvm-readobj wrote when the
 * fixture was built: needed libraries, soname, and every imported and exported dynamic symbol with
 * its version, and the library an import's version requirement names. A fixture stripped of its
 * section headers must read exactly as the original it was stripped from.
 */
class ElfGoldenTest {

    static Stream<Path> binaries() {
        return Fixtures.list("elf", "").stream().filter(p -> !p.toString().endsWith(".txt"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("binaries")
    void matchesLlvmReadobj(Path file) throws Exception {
        Path golden = Path.of(file.toString().replace("-nosections", "") + ".readobj.txt");
        ReadobjListing expected = ReadobjListing.parse(golden);
        Binary binary = read(file);

        assertTrue(binary.getProblems().isEmpty(), () -> "problems: " + binary.getProblems());
        assertEquals(expected.needed, binary.getNeeded(), "needed libraries");
        assertEquals(expected.soname, binary.getSoname(), "soname");
        assertEquals(sorted(expectedImports(expected)), sorted(actualImports(binary)), "imports");
        assertEquals(sorted(expectedExports(expected)), sorted(actualExports(binary)), "exports");
        assertFalse(binary.getImports().isEmpty() && binary.getExports().isEmpty(), "read no symbols at all");
    }

    static Binary read(Path file) throws Exception {
        List<Binary> binaries = new ElfReader().read(file.toString(), Bytes.of(Fixtures.bytes(file)));
        assertEquals(1, binaries.size());
        return binaries.get(0);
    }

    private static List<String> expectedImports(ReadobjListing listing) {
        List<String> out = new ArrayList<>();
        for (ReadobjListing.Sym s : listing.symbols) {
            if (s.undefined() && !s.name().isEmpty() && !s.binding().startsWith("Local")) {
                out.add(s.name() + "@" + s.version() + " from " + s.library() + (s.binding().startsWith("Weak") ? " weak" : ""));
            }
        }
        return out;
    }

    private static List<String> actualImports(Binary binary) {
        List<String> out = new ArrayList<>();
        for (Symbol s : binary.getImports()) {
            out.add(s.name() + "@" + s.version() + " from " + s.library() + (s.weak() ? " weak" : ""));
        }
        return out;
    }

    private static List<String> expectedExports(ReadobjListing listing) {
        List<String> out = new ArrayList<>();
        for (ReadobjListing.Sym s : listing.symbols) {
            if (!s.undefined() && !s.name().isEmpty() && !s.binding().startsWith("Local") && !s.hiddenVisibility()) {
                out.add(s.name() + (s.version() == null ? "" : (s.defaultVersion() ? "@@" : "@") + s.version()));
            }
        }
        return out;
    }

    private static List<String> actualExports(Binary binary) {
        List<String> out = new ArrayList<>();
        for (Symbol s : binary.getExports()) {
            out.add(s.versionedName(true));
        }
        return out;
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        copy.sort(null);
        return copy;
    }
}
