package dev.abilint.rule;

import dev.abilint.rule.artifact.ArchiveLimitExceeded;
import dev.abilint.rule.artifact.ArchiveUnsafeEntryName;
import dev.abilint.rule.artifact.ExtensionInZipimportArchive;
import dev.abilint.rule.artifact.JavaClassVersionTooNew;
import dev.abilint.rule.artifact.MultiReleaseMisconfigured;
import dev.abilint.rule.artifact.NativeArchMismatch;
import dev.abilint.rule.artifact.SdistContainsBinaries;
import dev.abilint.rule.artifact.WheelPureWithBinaries;
import dev.abilint.rule.artifact.WheelRecordMismatch;
import dev.abilint.rule.core.ParseError;
import dev.abilint.rule.linux.LinuxExecStack;
import java.util.List;

/** Every rule abilint runs, in the order they run. Adding a rule: a line here and a catalogue row. */
public final class AllRules {
    private AllRules() {}

    public static List<Rule> all() {
        return List.of(
                new ParseError(),
                new LinuxExecStack(),
                // artifacts (branch artifacts)
                new ArchiveLimitExceeded(),
                new ArchiveUnsafeEntryName(),
                new WheelRecordMismatch(),
                new WheelPureWithBinaries(),
                new SdistContainsBinaries(),
                new ExtensionInZipimportArchive(),
                new JavaClassVersionTooNew(),
                new MultiReleaseMisconfigured(),
                new NativeArchMismatch());
    }

    /** What {@code inspect} runs: only the facts of reading, no judgement. */
    public static List<Rule> readingOnly() {
        return List.of(new ParseError(), new ArchiveLimitExceeded());
    }
}
