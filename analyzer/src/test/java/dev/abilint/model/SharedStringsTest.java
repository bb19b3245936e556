package dev.abilint.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class SharedStringsTest {

    @Test
    void anEqualStringSeenBeforeIsGivenBack() {
        String first = SharedStrings.share(new String("memcpy@GLIBC_2.14".toCharArray()));
        String again = SharedStrings.share(new String("memcpy@GLIBC_2.14".toCharArray()));
        assertSame(first, again);
    }

    @Test
    void everyStringComesBackEqualWhateverTheCollisions() {
        // far more strings than slots: most lose their slot, none may come back as another string
        for (int i = 0; i < 400_000; i++) {
            String s = "Java_org_example_Native_call" + i;
            assertEquals(s, SharedStrings.share(s));
        }
        assertEquals("Java_org_example_Native_call7", SharedStrings.share("Java_org_example_Native_call7"));
    }

    @Test
    void symbolsShareTheirNames() {
        Symbol a = Symbol.imported(new String("PyLong_FromLong".toCharArray()), null, null, false);
        Symbol b = Symbol.imported(new String("PyLong_FromLong".toCharArray()), null, null, false);
        assertSame(a.name(), b.name());
    }

    @Test
    void nullStaysNull() {
        assertNull(SharedStrings.share(null));
    }
}
