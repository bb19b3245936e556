package dev.abilint.rule.jni;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The examples a per-library note shows are the first exports by name, however many there are. */
class JniExportOrphanFirstTest {
    @Test
    void firstNamesWithoutSortingThemAll() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            names.add("Java_org_bytedeco_opencv_global_opencv_1core_f" + i);
        }
        Collections.shuffle(names, new Random(7));
        List<String> sorted = new ArrayList<>(names);
        Collections.sort(sorted);
        assertEquals(sorted.subList(0, 10), first(names, 10));
        assertEquals(List.of("a", "b"), first(List.of("b", "a"), 10));
        assertEquals(List.of(), first(List.of(), 10));
    }

    private static List<String> first(List<String> names, int count) {
        JniExportOrphan.FirstNames first = new JniExportOrphan.FirstNames(count);
        names.forEach(first::add);
        return first.inOrder();
    }
}
