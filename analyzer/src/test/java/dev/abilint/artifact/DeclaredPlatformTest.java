package dev.abilint.artifact;

import dev.abilint.model.WheelName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Of several declared platforms (a universal2 wheel), each slice gets the one of its architecture. */
class DeclaredPlatformTest {
    @Test
    void universal2SlicesGetTheirOwnPlatform() {
        List<Platform> universal2 = WheelName.platformsOf("macosx_11_0_universal2");
        assertEquals(new Platform("macos", "arm64", null),
                Analyzer.declared(universal2, new Binary("x.so", "macho").arch("arm64")));
        assertEquals(new Platform("macos", "x86_64", null),
                Analyzer.declared(universal2, new Binary("x.so", "macho").arch("x86_64")));
        // a slice of neither architecture gets the first: the mismatch rule then reports it
        assertEquals(new Platform("macos", "x86_64", null),
                Analyzer.declared(universal2, new Binary("x.so", "macho").arch("ppc")));
        assertNull(Analyzer.declared(List.of(), new Binary("x.so", "elf").arch("x86_64")));
        // aarch64 (ELF) and arm64 (a tag's name) are one family
        assertEquals(new Platform("linux", "aarch64", "musl"), Analyzer.declared(
                WheelName.platformsOf("musllinux_1_2_aarch64"), new Binary("x.so", "elf").arch("aarch64")));
    }
}
