package dev.abilint.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The data-file reader gives what Jackson's tree would, in file order, and refuses what is not a data file. */
class JsonDataTest {
    static Map<String, Object> parse(String json) throws IOException {
        return JsonData.object(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void valuesKeepTheirTypesAndOrder() throws IOException {
        Map<String, Object> root = parse("{\"z\": \"first\", \"a\": [1, 2.5, true, false, null, {\"k\": \"v\"}],"
                + " \"o\": {\"x86-64\": \"x86_64\"}}");
        assertEquals(List.of("z", "a", "o"), List.copyOf(root.keySet()));
        List<Object> a = JsonData.list(root, "a");
        assertEquals(1L, a.get(0));
        assertEquals(2.5, a.get(1));
        assertEquals(Boolean.TRUE, a.get(2));
        assertEquals(null, a.get(4));
        assertEquals(Map.of("k", "v"), a.get(5));
        assertEquals("x86_64", JsonData.objects(Map.of("t", root), "t").get("o").get("x86-64"));
        assertEquals("fallback", JsonData.text(root, "missing", "fallback"));
        assertEquals(List.of(), JsonData.list(root, "z"), "a string where a list is wanted reads as empty");
    }

    @Test
    void notAnObjectAndEndlessNestingAreErrors() {
        assertThrows(IOException.class, () -> parse("[1, 2]"));
        assertThrows(IOException.class, () -> parse("{\"a\": " + "[".repeat(100) + "]".repeat(100) + "}"));
        IOException truncated = assertThrows(IOException.class, () -> parse("{\"a\": [1, "));
        assertTrue(truncated.getMessage() != null);
    }
}
