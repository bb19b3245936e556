package dev.abilint.artifact;

import static dev.abilint.artifact.TestArchives.EM_X86_64;
import static dev.abilint.artifact.TestArchives.elf;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.abilint.model.Analysis;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.Targets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged archives never escape as exceptions: every byte flip, cut and splice of a wheel holding
 * a jar holding natives, and of an sdist, ends in findings (or nothing) and the scan completes.
 */
class CorruptArchivesTest {
    @TempDir
    Path dir;

    @Test
    void mutatedArchivesAreFindingsNotCrashes() throws Exception {
        byte[] jar = new TestArchives.Zip().put("META-INF/MANIFEST.MF", "Multi-Release: true\n")
                .put("com/sun/jna/linux-x86-64/libjnidispatch.so", elf(EM_X86_64))
                .put("a/A.class", TestArchives.classFile(61)).bytes();
        byte[] wheel = TestArchives.wheel("w-1.0.dist-info", "py3-none-any", true,
                Map.of("w/lib.jar", jar, "w/_x.abi3.so", elf(EM_X86_64))).bytes();
        byte[] sdist = TestArchives.tarGz(Map.of("w-1.0/PKG-INFO", TestArchives.text("Name: w\n"),
                "w-1.0/w.whl", wheel));
        byte[] stored = new TestArchives.Zip().stored().put("in.whl", wheel).bytes();
        Random random = new Random(20261124);
        RuleEngine engine = new RuleEngine(AllRules.all(), RuleCatalogue.get());
        for (byte[] original : List.of(wheel, sdist, stored)) {
            for (int round = 0; round < 100; round++) {
                byte[] data = original.clone();
                switch (round % 3) {
                    case 0 -> { // flip a few bytes
                        for (int i = 0; i < 1 + random.nextInt(4); i++) {
                            data[random.nextInt(data.length)] ^= (byte) (1 + random.nextInt(255));
                        }
                    }
                    case 1 -> data = java.util.Arrays.copyOf(data, random.nextInt(data.length)); // cut
                    default -> { // splice a piece of itself elsewhere
                        int from = random.nextInt(data.length);
                        int to = random.nextInt(data.length);
                        int len = Math.min(random.nextInt(64), Math.min(data.length - from, data.length - to));
                        System.arraycopy(original, from, data, to, len);
                    }
                }
                Path file = dir.resolve("m" + round + (original == sdist ? ".tar.gz" : ".whl"));
                Files.write(file, data);
                Analysis analysis = new Analyzer().analyze(List.of(file.toString()), n -> { });
                engine.run(analysis, new Targets(null, null, null, "8", List.of(), null));
                assertFalse(analysis.artifacts().contains(null), "every reserved artifact is filled in");
                Files.delete(file);
            }
        }
    }
}
