package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class EntryNamesTest {
    @ParameterizedTest
    @ValueSource(strings = {"../evil.so", "a/../../b", "/etc/passwd", "\\evil.dll", "C:/x.dll", "a\\b.pyd",
        "a\u0000b", "bad\u001b[31m.so", "x/..\\y", "", "..", "a/.."})
    void unsafe(String name) {
        assertNotNull(EntryNames.unsafeReason(name), name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"a/b.so", "a..b/c", "..foo", "pkg/__init__.py", "META-INF/MANIFEST.MF", "ünïcode/名前.so", "a/...", "a/.b/..c"})
    void safe(String name) {
        assertNull(EntryNames.unsafeReason(name), name);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertEquals("bad\\x1b[31m.so", EntryNames.escape("bad\u001b[31m.so"));
        assertEquals("a\\x00b", EntryNames.escape("a\u0000b"));
        assertEquals("plain/name.so", EntryNames.escape("plain/name.so"));
    }
}
