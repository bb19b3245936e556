package dev.abilint.rule.declared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.abilint.artifact.TestArchivesAccess;
import dev.abilint.testing.CliRun;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * cffi (ABI mode) and ctypes declarations in .py files shipped inside a wheel, checked against the
 * library the wheel bundles; API-mode cdefs and system libraries are left alone.
 */
class BundledPythonDeclarationsTest {

    private static final String ABI_MODE = """
            import ctypes
            from cffi import FFI
            ffi = FFI()
            ffi.cdef(\"\"\"
                int demo_add(int a, int b);
                int demo_missing_cffi(void);
            \"\"\")
            lib = ffi.dlopen("libdemo.so")
            raw = ctypes.CDLL("libdemo.so")
            raw.demo_missing_ctypes()
            libc = ctypes.CDLL("libc.so.6")
            libc.no_such_libc_function()
            """;

    private static final String API_MODE = """
            from cffi import FFI
            ffibuilder = FFI()
            ffibuilder.cdef("int compiled_into_the_extension(void);")
            ffibuilder.set_source("_demo_cffi", "#include <demo.h>")
            """;

    @Test
    void abiModeCdefAndCtypesAreCheckedAgainstTheBundledLibrary(@TempDir Path dir) throws Exception {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("demo/libdemo.so", Fixtures.bytes(Fixtures.file("jni/natives/linux-x86_64/libdemo.so")));
        files.put("demo/_bindings.py", ABI_MODE.getBytes(StandardCharsets.UTF_8));
        files.put("demo/_build.py", API_MODE.getBytes(StandardCharsets.UTF_8));
        Path wheel = dir.resolve("demo-1.0-py3-none-manylinux_2_17_x86_64.whl");
        Files.write(wheel, TestArchivesAccess.wheel("demo-1.0.dist-info", "py3-none-manylinux_2_17_x86_64", false, files));
        JsonNode report = CliRun.of("scan", "--format", "json", wheel.toString()).json();
        Set<String> got = new TreeSet<>();
        for (JsonNode f : report.get("findings")) {
            if (f.get("ruleId").asText().equals("declared-symbol-missing")) {
                got.add(f.get("location").asText().replace(wheel + "!/", "") + " " + f.get("message").asText().split(" ")[0]);
            }
        }
        assertEquals(Set.of("demo/_bindings.py demo_missing_cffi", "demo/_bindings.py demo_missing_ctypes"), got);
    }
}
