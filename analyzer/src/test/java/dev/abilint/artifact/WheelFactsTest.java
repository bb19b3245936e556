package dev.abilint.artifact;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class WheelFactsTest {
    @Test
    void recordLinesAreCsvWithQuotes() {
        assertEquals(List.of("a/b.py", "sha256=abc", "12"), WheelFacts.csv("a/b.py,sha256=abc,12"));
        assertEquals(List.of("a,b \"c\".py", "sha256=x", "1"), WheelFacts.csv("\"a,b \"\"c\"\".py\",sha256=x,1"));
        assertEquals(List.of("x.dist-info/RECORD", "", ""), WheelFacts.csv("x.dist-info/RECORD,,"));
    }

    @Test
    void headersWithContinuationLinesStopAtTheBody() {
        var h = WheelFacts.headers("Name: fast\nTag: cp312-cp312-linux_x86_64\nTag: cp312-abi3-linux_x86_64\nLicense: a\n b\n\nName: body\n"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("fast"), h.get("name"));
        assertEquals(2, h.get("tag").size());
        assertEquals("a\nb", WheelFacts.first(h, "License"));
    }
}
