package dev.abilint.format.pe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Binary;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Table layouts that today's toolchains no longer write, made by editing a fixture the way the
 * old tools laid them out: VA-based delay-load descriptors (Visual C++ 6) and a bound import
 * directory (bind.exe) in the slack after the section table.
 */
class PeEditedFixturesTest {

    @Test
    void vaBasedDelayLoadDescriptorReadsLikeTheRvaBasedOne() {
        byte[] data = Fixtures.bytes(Fixtures.file("pe/delayed-i686.dll"));
        Binary original = PeRobustnessTest.read(data).binary();
        byte[] edited = data.clone();
        PeRobustnessTest.Layout l = new PeRobustnessTest.Layout(edited);
        assertTrue(!l.wide);
        long imageBase = l.b.getInt(l.optional + 28) & 0xffffffffL;
        int descriptor = l.offset(l.directoryRva(13) & 0xffffffffL);
        assertEquals(1, l.b.getInt(descriptor), "lld writes RVA-based descriptors");
        l.b.putInt(descriptor, 0);
        for (int field : new int[] {4, 8, 12, 16}) { // name, module handle, IAT, INT
            l.b.putInt(descriptor + field, (int) (l.b.getInt(descriptor + field) + imageBase));
        }
        int nameTable = l.offset(l.b.getInt(descriptor + 16) - imageBase);
        for (int at = nameTable; l.b.getInt(at) != 0; at += 4) {
            l.b.putInt(at, (int) (l.b.getInt(at) + imageBase));
        }
        Binary read = PeRobustnessTest.read(edited).binary();
        assertEquals(List.of(), read.getProblems());
        assertEquals(original.getImports(), read.getImports());
        assertEquals(List.of("helper.dll"), read.flag("delayImports"));
    }

    @Test
    void boundImportDirectoryInTheHeaders() {
        byte[] data = Fixtures.bytes(Fixtures.file("pe/hello.exe"));
        byte[] edited = data.clone();
        PeRobustnessTest.Layout l = new PeRobustnessTest.Layout(edited);
        int at = l.sections + 40 * l.sectionCount + 8; // free header space before the first section
        int sizeOfHeaders = l.b.getInt(l.optional + 60);
        assertTrue(at + 64 < sizeOfHeaders);
        // KERNEL32.dll with one forwarder reference to NTDLL.DLL, then msvcrt.dll, then the end.
        l.b.putInt(at, 0x5eadbeef).putShort(at + 4, (short) 40).putShort(at + 6, (short) 1);
        l.b.putInt(at + 8, 0x5eadbeef).putShort(at + 12, (short) 53).putShort(at + 14, (short) 0);
        l.b.putInt(at + 16, 0x5eadbeef).putShort(at + 20, (short) 63).putShort(at + 22, (short) 0);
        l.b.putLong(at + 24, 0);
        l.b.put(at + 40, "KERNEL32.dll\0NTDLL.DLL\0msvcrt.dll\0".getBytes(StandardCharsets.US_ASCII));
        l.b.putInt(l.directoryRvaOffset(11), at).putInt(l.directoryRvaOffset(11) + 4, 74);
        Binary read = PeRobustnessTest.read(edited).binary();
        assertEquals(List.of(), read.getProblems());
        assertEquals(List.of("KERNEL32.dll", "msvcrt.dll"), read.flag("boundImports"));
    }
}
