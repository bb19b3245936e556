package dev.abilint.rule.natives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The inventory's naming helpers: library names from file names, export names, platform coverage. */
class NativeInventoryTest {

    @Test
    void stdcallDecoratedNamesOf32BitWindowsAreTheNamesTheJvmLooksUp() {
        dev.abilint.model.Binary dll = new dev.abilint.model.Binary("a.jar!/native/windows32/x.dll", "pe");
        dll.getExports().add(new dev.abilint.model.Symbol("_JNI_OnLoad@8", null, null, null, "function", false, false, null));
        dll.getExports().add(new dev.abilint.model.Symbol("_Java_a_B_c@8", null, null, null, "function", false, false, null));
        Set<String> names = NativeInventory.exportNames(dll);
        assertTrue(names.contains("JNI_OnLoad"), names.toString());
        assertTrue(names.contains("Java_a_B_c"), names.toString());
    }

    @Test
    void helpers() {
        assertEquals("foo", NativeInventory.baseName("libfoo.so"));
        assertEquals("foo", NativeInventory.baseName("libfoo.so.1.2"));
        assertEquals("foo", NativeInventory.baseName("foo.dll"));
        assertEquals("foo", NativeInventory.baseName("libfoo.jnilib"));
        assertEquals("zstd-jni-1.5.6-4", NativeInventory.baseName("libzstd-jni-1.5.6-4.so"));
        assertEquals("foo.sox", NativeInventory.baseName("foo.sox"));
        assertTrue(NativePlatformMissing.covers("macos-arm64", "macos-aarch64"));
        assertTrue(NativePlatformMissing.covers("linux-x86_64", "linux-x86_64-musl"));
        assertFalse(NativePlatformMissing.covers("linux-x86_64-musl", "linux-x86_64-glibc"));
        assertEquals(Set.of("libfoo.dylib", "libfoo.jnilib"), NativeLibraryNameMismatch.expectedFileNames("macos-arm64", "foo"));
        assertEquals(Set.of("foo.dll"), NativeLibraryNameMismatch.expectedFileNames("windows-x86_64", "foo"));
    }
}
