package dev.abilint.rule;

import dev.abilint.rule.core.ParseError;
import dev.abilint.rule.linux.LinuxExecStack;
import java.util.List;

/** Every rule abilint runs, in the order they run. Adding a rule: a line here and a catalogue row. */
public final class AllRules {
    private AllRules() {}

    public static List<Rule> all() {
        return List.of(
                new ParseError(),
                new LinuxExecStack());
    }

    /** What {@code inspect} runs: only the facts of reading, no judgement. */
    public static List<Rule> readingOnly() {
        return List.of(new ParseError());
    }
}
