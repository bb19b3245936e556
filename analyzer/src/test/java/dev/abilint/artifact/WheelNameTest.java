package dev.abilint.artifact;

import dev.abilint.model.WheelName;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.abilint.model.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WheelNameTest {
    @Test
    void splitsNameVersionBuildAndCompressedTagSets() {
        WheelName w = WheelName.parse("numpy-2.1.0-1abc-cp38.cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl");
        assertEquals("numpy", w.name());
        assertEquals("2.1.0", w.version());
        assertEquals("1abc", w.build());
        assertEquals(List.of("cp38", "cp39"), w.pythonTags());
        assertEquals(List.of("abi3"), w.abiTags());
        assertEquals(List.of("manylinux_2_17_x86_64", "manylinux2014_x86_64"), w.platformTags());
        assertEquals(List.of(new Platform("linux", "x86_64", "glibc")), w.platforms(), "duplicates merged");
    }

    @Test
    void pureWheelHasNoPlatform() {
        WheelName w = WheelName.parse("six-1.16.0-py2.py3-none-any.whl");
        assertNull(w.build());
        assertTrue(w.platformIndependent());
        assertEquals(List.of(), w.platforms());
    }

    @Test
    void notAWheelName() {
        assertNull(WheelName.parse("six-1.16.0.whl"));
        assertNull(WheelName.parse("six-1.16.0-py3-none-any.zip"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "manylinux_2_17_x86_64   | linux-x86_64-glibc",
        "manylinux_2_28_aarch64  | linux-aarch64-glibc",
        "manylinux1_i686         | linux-i686-glibc",
        "manylinux2010_x86_64    | linux-x86_64-glibc",
        "manylinux2014_ppc64le   | linux-ppc64le-glibc",
        "manylinux2014_armv7l    | linux-armv7-glibc",
        "musllinux_1_2_aarch64   | linux-aarch64-musl",
        "musllinux_1_1_x86_64    | linux-x86_64-musl",
        "linux_x86_64            | linux-x86_64",
        "macosx_11_0_arm64       | macos-arm64",
        "macosx_10_9_x86_64      | macos-x86_64",
        "macosx_10_9_universal2  | macos-x86_64 macos-arm64",
        "macosx_10_6_intel       | macos-x86_64 macos-i686",
        "win_amd64               | windows-x86_64",
        "win32                   | windows-i686",
        "win_arm64               | windows-arm64",
        "android_21_arm64_v8a    | android-aarch64-bionic",
        "android_21_x86_64       | android-x86_64-bionic",
        "ios_13_0_arm64_iphoneos | ios-arm64",
        "ios_13_0_x86_64_iphonesimulator | ios-x86_64",
        "any                     | ''",
        "manylinux_2_17_sparc    | ''",
        "macosx_10_4_fat         | ''",
    })
    void platformTags(String tag, String expected) {
        String labels = String.join(" ", WheelName.platformsOf(tag).stream().map(Platform::label).toList());
        assertEquals(expected, labels, tag);
    }
}
