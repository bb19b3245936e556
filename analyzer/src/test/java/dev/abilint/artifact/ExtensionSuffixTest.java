package dev.abilint.artifact;

import dev.abilint.model.ExtensionSuffix;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ExtensionSuffixTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", value = {
        // file name                                  | module  | interp  | ver | abi        | platform          | ft    | debug
        "_core.cpython-313-x86_64-linux-gnu.so        | _core   | cpython | 313 | cp313      | x86_64-linux-gnu  | false | false",
        "_core.cpython-313t-x86_64-linux-gnu.so       | _core   | cpython | 313 | cp313t     | x86_64-linux-gnu  | true  | false",
        "_core.cpython-313d-x86_64-linux-gnu.so       | _core   | cpython | 313 | cp313d     | x86_64-linux-gnu  | false | true",
        "_core.cpython-37m-x86_64-linux-gnu.so        | _core   | cpython | 37  | cp37m      | x86_64-linux-gnu  | false | false",
        "_core.cpython-313-darwin.so                  | _core   | cpython | 313 | cp313      | darwin            | false | false",
        "_core.cpython-312-aarch64-linux-musl.so      | _core   | cpython | 312 | cp312      | aarch64-linux-musl| false | false",
        "_core.abi3.so                                | _core   | cpython | -   | abi3       | -                 | false | false",
        "_core.abi3t.so                               | _core   | cpython | -   | abi3t      | -                 | true  | false",
        "_core.pyd                                    | _core   | cpython | -   | -          | windows           | false | false",
        "_core.cp313-win_amd64.pyd                    | _core   | cpython | 313 | cp313      | win_amd64         | false | false",
        "_core.cp313t-win_arm64.pyd                   | _core   | cpython | 313 | cp313t     | win_arm64         | true  | false",
        "_core.pypy310-pp73-x86_64-linux-gnu.so       | _core   | pypy    | 310 | pp73       | x86_64-linux-gnu  | false | false",
        "_core.pypy39-pp73-win_amd64.pyd              | _core   | pypy    | 39  | pp73       | win_amd64         | false | false",
        "_core.graalpy242-311-native-x86_64-linux.so  | _core   | graalpy | 242 | graalpy311 | x86_64-linux      | false | false",
        "_speedups.so                                 | _speedups | -     | -   | -          | -                 | false | false",
    })
    void parses(String file, String module, String interpreter, String version, String abi, String platform,
            boolean freeThreaded, boolean debug) {
        ExtensionSuffix s = ExtensionSuffix.parse(file);
        assertEquals(new ExtensionSuffix(module, interpreter, version, abi, platform, freeThreaded, debug), s, file);
    }

    @ParameterizedTest
    @ValueSource(strings = {"libfoo.so.1", "libfoo-1a2b3c.so.2.0", "libfoo.dylib", "foo.dll", "foo.py", "foo.bar.so"})
    void notExtensionModules(String file) {
        assertNull(ExtensionSuffix.parse(file), file);
    }
}
