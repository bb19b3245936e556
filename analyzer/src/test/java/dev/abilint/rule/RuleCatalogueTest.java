package dev.abilint.rule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Code and rules/ agree: every rule has a catalogue row and a page with the sections users need. */
class RuleCatalogueTest {

    @Test
    void everyRuleHasARowAndEveryRowARule() {
        Set<String> code = new TreeSet<>();
        for (Rule rule : AllRules.all()) {
            assertTrue(code.add(rule.id()), "duplicate rule id " + rule.id());
        }
        for (Rule rule : dev.abilint.rule.diff.DiffRules.all()) { // abilint diff's rules
            assertTrue(code.add(rule.id()), "duplicate rule id " + rule.id());
            assertEquals("diff", RuleCatalogue.get().require(rule.id()).family(), rule.id());
        }
        Set<String> catalogue = new TreeSet<>();
        for (RuleInfo info : RuleCatalogue.get().all()) {
            // The gate family is reported by the gate (suppressions), not by a rule class.
            if (!info.family().equals("gate")) {
                catalogue.add(info.id());
            }
        }
        assertEquals(catalogue, code);
    }

    @Test
    void everyRuleHasAPageThatExplainsWhyAndHowToFix() {
        for (RuleInfo info : RuleCatalogue.get().all()) {
            assertTrue(info.id().matches("[a-z0-9]+(-[a-z0-9]+)*"), info.id());
            assertNotNull(info.severity(), info.id());
            assertNotNull(info.title(), info.id());
            String page = RuleCatalogue.get().page(info.id());
            assertNotNull(page, "rules/docs/" + info.id() + ".md");
            assertTrue(page.startsWith("# " + info.id() + "\n"), info.id());
            for (String section : new String[] {"## Why it matters", "## Example", "## How to fix"}) {
                assertTrue(page.contains(section), info.id() + " lacks " + section);
            }
        }
    }
}
