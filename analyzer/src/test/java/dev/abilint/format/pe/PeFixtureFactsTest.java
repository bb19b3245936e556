package dev.abilint.format.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.format.BinaryReader;
import dev.abilint.format.Bytes;
import dev.abilint.format.Format;
import dev.abilint.format.Readers;
import dev.abilint.model.Binary;
import dev.abilint.model.Symbol;
import dev.abilint.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What each fixture was built to contain, stated by hand (the golden test checks the rest). */
class PeFixtureFactsTest {

    private static Binary read(String name) throws Exception {
        return PeGoldenTest.read(Fixtures.file("pe/" + name));
    }

    private static Symbol export(Binary binary, String name) {
        return binary.getExports().stream().filter(s -> s.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no export " + name + " in " + binary.getExports()));
    }

    @Test
    void namedOrdinalOnlyDataAndForwardedExports() throws Exception {
        for (String file : List.of("libexports.dll", "libexports-i686.dll")) {
            Binary dll = read(file);
            assertEquals("libexports.dll", dll.getSoname());
            assertEquals("dll", dll.getType());
            assertEquals(new Symbol("add", null, null, null, "function", false, false, 1), export(dll, "add"));
            assertEquals(new Symbol("sub", null, null, null, "function", false, false, 2), export(dll, "sub"));
            assertEquals(new Symbol("counter", null, null, null, "object", false, false, 3), export(dll, "counter"));
            assertEquals(new Symbol("#7", null, null, null, "function", false, false, 7), export(dll, "#7"));
            assertEquals(new Symbol("SleepForwarded", null, null, "kernel32.Sleep", "forwarder", false, false, 9),
                    export(dll, "SleepForwarded"));
            assertEquals(5, dll.getExports().size(), dll.getExports().toString());
        }
        assertEquals("libexports.pdb", read("libexports.dll").flag("pdb"));
        assertEquals(true, read("libexports.dll").flag("debugDirectory"));
        assertEquals("x86_64", read("libexports.dll").getArch());
        assertEquals("i686", read("libexports-i686.dll").getArch());
        assertEquals(32, read("libexports-i686.dll").getBits());
    }

    @Test
    void pythonExtensionModules() throws Exception {
        Binary abi3 = read("demo.cp312-win_amd64.pyd");
        Binary cp312 = read("demo312.cp312-win_amd64.pyd");
        assertEquals("python3.dll", abi3.getNeeded().get(0));
        assertEquals("python312.dll", cp312.getNeeded().get(0));
        for (Binary pyd : List.of(abi3, cp312)) {
            assertEquals(List.of("PyInit_demo"), pyd.getExports().stream().map(Symbol::name).toList());
            List<String> fromPython = pyd.getImports().stream()
                    .filter(s -> s.library().equals(pyd.getNeeded().get(0))).map(Symbol::name).sorted().toList();
            assertEquals(List.of("PyLong_FromLong", "PyModule_AddObject", "PyModule_Create2", "Py_DecRef"),
                    fromPython);
            assertEquals("windows", pyd.getPlatform().os());
            assertEquals("x86_64", pyd.getPlatform().arch());
        }
    }

    @Test
    void delayLoadImports() throws Exception {
        for (String file : List.of("delayed.dll", "delayed-i686.dll")) {
            Binary dll = read(file);
            assertEquals(List.of("helper.dll"), dll.flag("delayImports"));
            assertEquals("helper.dll", dll.getNeeded().get(dll.getNeeded().size() - 1));
            assertTrue(dll.getImports().contains(Symbol.imported("helper_one", null, "helper.dll", false)));
            assertTrue(dll.getImports().contains(Symbol.imported("helper_two", null, "helper.dll", false)));
            assertTrue(dll.getImports().contains(Symbol.imported("GetTickCount", null, "KERNEL32.dll", false)));
        }
    }

    @Test
    void importByOrdinal() throws Exception {
        for (String file : List.of("byordinal.dll", "byordinal-i686.dll")) {
            Binary dll = read(file);
            assertEquals("ordlib.dll", dll.getNeeded().get(0));
            List<Symbol> fromOrdlib = dll.getImports().stream().filter(s -> s.library().equals("ordlib.dll")).toList();
            assertEquals(List.of(Symbol.imported("ord_named", null, "ordlib.dll", false),
                    new Symbol("#7", null, null, "ordlib.dll", null, false, false, 7)), fromOrdlib);
        }
    }

    @Test
    void sniffedAndDispatched() throws Exception {
        Bytes bytes = Bytes.of(Fixtures.bytes(Fixtures.file("pe/demo.cp312-win_amd64.pyd")));
        assertEquals(Format.PE, Format.sniff(bytes));
        BinaryReader reader = Readers.forFormat(Format.PE);
        assertTrue(reader instanceof PeReader);
        assertEquals("pe", reader.read("demo.pyd", bytes).get(0).getFormat());
    }

    @Test
    void consoleExecutable() throws Exception {
        Binary exe = read("hello.exe");
        assertEquals("executable", exe.getType());
        assertEquals("windows-cui", exe.flag("subsystem"));
        assertEquals(true, exe.flag("aslr"));
        assertEquals(true, exe.flag("nx"));
        assertEquals(true, exe.flag("highEntropyVa"));
        assertEquals(false, exe.flag("cfg"));
        assertEquals(List.of(), exe.getExports());
        assertNull(exe.flag("delayImports"));
        assertTrue(exe.getNeeded().contains("msvcrt.dll"));
    }
}
