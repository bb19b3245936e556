package dev.abilint.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.abilint.model.Analysis;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is the same file in the next release: role paths, and pairing by role and platform. */
class PairingTest {

    @Test
    void repairedWheelsHashMangledNamesAndVersionsAreNormalisedAway() {
        assertEquals("numpy.libs/libpng16.so", Roles.path("a/numpy-1.0-cp312-cp312-manylinux_2_17_x86_64.whl!/numpy.libs/libpng16-58efbb84.so.16.37.0", null));
        assertEquals(Roles.fileName("libpng16-58efbb84.so.16.37.0"), Roles.fileName("libpng16-0a1b2c3d.so.16.40.0"));
        assertEquals("zlib.dll", Roles.fileName("zlib-4b1e4b3c5a6f7d8e9f0a1b2c3d4e5f60.dll"));
        assertEquals("libfoo.dylib", Roles.fileName("libfoo.1.2.dylib"));
        assertEquals(Roles.fileName("_core.abi3.so"), Roles.fileName("_core.cpython-312-x86_64-linux-gnu.so"));
        assertEquals(Roles.fileName("_core.cp38-win_amd64.pyd"), Roles.fileName("_core.cp312-win_amd64.pyd"));
        assertEquals(Roles.path("x.jar!/linux/amd64/libzstd-jni-1.5.5-11.so", null),
                Roles.path("y.jar!/linux/amd64/libzstd-jni-1.5.6-3.so", null));
        assertEquals("pkg-*.data/platlib/m.<python-extension>", Roles.path("p.whl!/pkg-1.2.data/platlib/m.cpython-311-x86_64-linux-gnu.so", null));
        // different libraries stay different
        assertFalse(Roles.fileName("libssl.so.3").equals(Roles.fileName("libcrypto.so.3")));
    }

    @Test
    void productsAreProjectNamesWithoutVersionsOrClassifiers() {
        assertEquals("jar:netty-tcnative-boringssl-static",
                Roles.product("d/netty-tcnative-boringssl-static-2.0.61.Final-linux-x86_64.jar"));
        assertEquals("jar:netty-tcnative-boringssl-static", Roles.product("netty-tcnative-boringssl-static-2.0.70.Final.jar"));
        assertEquals("wheel:ruamel_yaml_clib", Roles.product("ruamel.yaml.clib-0.2.8-cp312-cp312-manylinux_2_17_x86_64.whl"));
        assertEquals("", Roles.product("libfoo.so.1"));
    }

    @Test
    void fatMachOSlicesPairByArchAndWheelsOfOneInterpreterPairFirst() {
        Analysis old = analysis("old/x.jar",
                macho("old/x.jar!/darwin/libx.dylib", "x86_64"), macho("old/x.jar!/darwin/libx.dylib", "arm64"));
        Analysis young = analysis("new/x.jar",
                macho("new/x.jar!/darwin/libx.dylib", "arm64"), macho("new/x.jar!/darwin/libx.dylib", "x86_64"));
        Comparison c = Comparison.of(Release.of("old", old), Release.of("new", young));
        assertEquals(1, c.products().size());
        List<Comparison.BinaryPair> pairs = c.products().get(0).binaries();
        assertEquals(2, pairs.size());
        for (Comparison.BinaryPair p : pairs) {
            assertEquals(p.old().getArch(), p.young().getArch());
        }

        String w38 = "o/m-1.0-cp38-cp38-manylinux_2_17_x86_64.whl";
        String w39 = "o/m-1.0-cp39-cp39-manylinux_2_17_x86_64.whl";
        String n39 = "n/m-2.0-cp39-cp39-manylinux_2_17_x86_64.whl";
        String n310 = "n/m-2.0-cp310-cp310-manylinux_2_17_x86_64.whl";
        Comparison wheels = Comparison.of(
                Release.of("old", analysis("o", elf(w38 + "!/m/_x.cpython-38-x86_64-linux-gnu.so"),
                        elf(w39 + "!/m/_x.cpython-39-x86_64-linux-gnu.so"))),
                Release.of("new", analysis("n", elf(n39 + "!/m/_x.cpython-39-x86_64-linux-gnu.so"),
                        elf(n310 + "!/m/_x.cpython-310-x86_64-linux-gnu.so"))));
        List<Comparison.BinaryPair> wp = wheels.products().get(0).binaries();
        assertEquals(2, wp.size());
        for (Comparison.BinaryPair p : wp) {
            // cp39 with cp39; the new cp310 with the newest old one, cp39
            assertEquals(true, p.old().getPath().startsWith(w39), p.toString());
        }
        // the old cp38 copy is not "unpaired": its module is still shipped for other interpreters
        assertEquals(0, wheels.products().get(0).oldOnly().size());
    }

    private static Binary macho(String path, String arch) {
        return new Binary(path, "macho").arch(arch).platform(new Platform("macos", arch, null));
    }

    private static Binary elf(String path) {
        return new Binary(path, "elf").arch("x86_64").platform(new Platform("linux", "x86_64", "glibc"));
    }

    private static Analysis analysis(String input, Binary... binaries) {
        return new Analysis(List.of(input), List.of(), List.of(binaries), List.of(), List.of());
    }
}
