package dev.abilint.format.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every PE fixture read by us agrees with the llvm-readobj / llvm-objdump listings next to it. */
class PeGoldenTest {

    static Stream<Path> fixtures() {
        List<Path> files = Fixtures.list("pe", "").stream()
                .filter(p -> !p.getFileName().toString().endsWith(".txt"))
                .toList();
        assertTrue(files.size() >= 7, "PE fixtures missing: " + files);
        return files.stream();
    }

    static Binary read(Path file) throws MalformedBinaryException {
        List<Binary> binaries = new PeReader().read(file.getFileName().toString(), Bytes.of(Fixtures.bytes(file)));
        assertEquals(1, binaries.size());
        return binaries.get(0);
    }

    static LlvmListing listing(Path file) throws IOException {
        return LlvmListing.parse(
                Files.readString(file.resolveSibling(file.getFileName() + ".llvm-readobj.txt")),
                Files.readString(file.resolveSibling(file.getFileName() + ".llvm-objdump.txt")));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void readsWithoutProblems(Path file) throws Exception {
        Binary binary = read(file);
        assertEquals(List.of(), binary.getProblems(), file + " should read cleanly");
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void neededMatchesImportAndDelayImportDirectories(Path file) throws Exception {
        LlvmListing llvm = listing(file);
        List<String> expected = new ArrayList<>();
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String dll : llvm.importDlls) {
            if (seen.add(dll)) {
                expected.add(dll);
            }
        }
        for (String dll : llvm.delayDlls) {
            if (seen.add(dll)) {
                expected.add(dll);
            }
        }
        Binary binary = read(file);
        assertFalse(expected.isEmpty(), "every fixture imports something");
        assertEquals(expected, binary.getNeeded());
        assertEquals(llvm.delayDlls.isEmpty() ? null : llvm.delayDlls, binary.flag("delayImports"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void importsMatchLlvmReadobj(Path file) throws Exception {
        List<String> expected = new ArrayList<>();
        for (LlvmListing.Import i : listing(file).imports) {
            // llvm-readobj prints "name (hint)" for an import by name, " (ordinal)" for one by ordinal.
            expected.add(i.dll() + "!" + (i.name().isEmpty() ? "#" + i.number() + "@" + i.number() : i.name()));
        }
        List<String> actual = new ArrayList<>();
        for (Symbol s : read(file).getImports()) {
            actual.add(s.library() + "!" + s.name() + (s.ordinal() == null ? "" : "@" + s.ordinal()));
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void exportsMatchLlvmReadobj(Path file) throws Exception {
        LlvmListing llvm = listing(file);
        long dirStart = llvm.number("ExportTableRVA");
        long dirEnd = dirStart + llvm.number("ExportTableSize");
        List<String> expected = new ArrayList<>();
        for (LlvmListing.Export e : llvm.exports) {
            if (e.name().isEmpty() && e.rva() == 0) {
                continue; // an unused slot in the ordinal range
            }
            boolean forwarder = e.rva() >= dirStart && e.rva() < dirEnd;
            String name = e.name().isEmpty() ? "#" + e.ordinal() : e.name();
            expected.add(e.ordinal() + " " + name + (forwarder ? " -> " + llvm.forwarders.get(e.ordinal()) : ""));
        }
        List<String> actual = new ArrayList<>();
        for (Symbol s : read(file).getExports()) {
            actual.add(s.ordinal() + " " + s.name()
                    + ("forwarder".equals(s.kind()) ? " -> " + s.library() : ""));
        }
        assertEquals(expected, actual);
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void headerFactsMatchLlvmReadobj(Path file) throws Exception {
        LlvmListing llvm = listing(file);
        Binary binary = read(file);
        Map<String, Object> flags = binary.getFlags();
        assertEquals(new TreeSet<>(llvm.fileCharacteristics), new TreeSet<>(asStrings(flags.get("characteristics"))));
        assertEquals(new TreeSet<>(llvm.dllCharacteristics), new TreeSet<>(asStrings(flags.get("dllCharacteristics"))));
        assertEquals(llvm.dllCharacteristics.contains("IMAGE_DLL_CHARACTERISTICS_DYNAMIC_BASE"), flags.get("aslr"));
        assertEquals(llvm.dllCharacteristics.contains("IMAGE_DLL_CHARACTERISTICS_NX_COMPAT"), flags.get("nx"));
        assertEquals(llvm.dllCharacteristics.contains("IMAGE_DLL_CHARACTERISTICS_HIGH_ENTROPY_VA"),
                flags.get("highEntropyVa"));
        assertEquals(llvm.dllCharacteristics.contains("IMAGE_DLL_CHARACTERISTICS_GUARD_CF"), flags.get("cfg"));
        assertEquals(llvm.fileCharacteristics.contains("IMAGE_FILE_DLL") ? "dll" : "executable", binary.getType());
        assertEquals(llvm.number("Magic") == 0x20b ? 64 : 32, binary.getBits());
        String machine = llvm.fields.get("Machine").split(" ")[0].replace("IMAGE_FILE_MACHINE_", "");
        assertEquals(switch (machine) {
            case "AMD64" -> "x86_64";
            case "I386" -> "i686";
            default -> machine;
        }, binary.getArch());
        assertEquals("windows", binary.getPlatform().os());
        assertEquals(binary.getArch(), binary.getPlatform().arch());
        String subsystem = llvm.fields.get("Subsystem").split(" ")[0].replace("IMAGE_SUBSYSTEM_", "")
                .toLowerCase(Locale.ROOT).replace('_', '-');
        assertEquals(subsystem, flags.get("subsystem"));
        assertEquals(llvm.number("MajorLinkerVersion") + "." + llvm.number("MinorLinkerVersion"),
                flags.get("linkerVersion"));
        assertEquals(llvm.number("MajorOperatingSystemVersion") + "." + llvm.number("MinorOperatingSystemVersion"),
                flags.get("osVersion"));
        assertEquals(llvm.number("MajorSubsystemVersion") + "." + llvm.number("MinorSubsystemVersion"),
                flags.get("subsystemVersion"));
        assertEquals(flags.get("subsystemVersion"), binary.getMinOs());
        assertEquals(llvm.pdb, flags.get("pdb"));
        assertEquals(llvm.number("DebugRVA") != 0, flags.get("debugDirectory"));
    }

    private static List<String> asStrings(Object value) {
        List<String> out = new ArrayList<>();
        for (Object o : (List<?>) value) {
            out.add((String) o);
        }
        return out;
    }
}
