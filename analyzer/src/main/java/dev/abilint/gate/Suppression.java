package dev.abilint.gate;

import dev.abilint.util.Glob;
import dev.abilint.model.Finding;
import java.time.LocalDate;

/**
 * One {@code [[suppress]]} entry: a rule, a glob on the finding's location, an optional glob on the
 * symbol or library it names (every one it lists, for a finding that lists them), a justification (required) and an optional expiry date.
 *
 * @param where where the entry is written ({@code abilint.toml, suppression 2}), for messages
 */
public record Suppression(String rule, Glob match, Glob symbol, String justification, LocalDate expires,
        String where, boolean accept) {

    public Suppression(String rule, Glob match, Glob symbol, String justification, LocalDate expires, String where) {
        this(rule, match, symbol, justification, expires, where, false);
    }

    /**
     * An {@code [[accept]]} entry: a deliberate change that {@code abilint diff} reports as a warning (a dropped
     * platform, a raised floor), accepted by its name ({@code linux-i686}, {@code GLIBC_2.28}, {@code abi3}).
     * It never covers an error: what breaks users who upgrade is not a policy.
     */
    static Suppression accepting(String rule, Glob name, String justification, LocalDate expires, String where) {
        return new Suppression(rule, new Glob("*"), name, justification, expires, where, true);
    }

    boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    boolean covers(Finding finding) {
        if (!finding.ruleId().equals(rule) || !match.matches(finding.location())) {
            return false;
        }
        if (accept) {
            if (finding.severity() == dev.abilint.model.Severity.ERROR || finding.evidence() == null) {
                return false;
            }
            Object name = finding.evidence().get("name");
            return name instanceof java.util.List<?> ? coversAll(name) : symbol.matches(name == null ? null : name.toString());
        }
        if (symbol == null) {
            return true;
        }
        if (finding.evidence() == null) {
            return false;
        }
        Object named = finding.evidence().get("symbol");
        Object library = finding.evidence().get("library");
        return symbol.matches(named == null ? null : named.toString())
                || symbol.matches(library == null ? null : library.toString())
                || coversAll(finding.evidence().get("symbols")) || coversAll(finding.evidence().get("libraries"));
    }

    /**
     * A finding that lists its symbols (one per rule and binary) is covered when the glob matches every
     * one of them, so that a symbol added later, which the suppression was not written for, still shows.
     * Items are matched by their bare name: {@code arc4random@GLIBC_2.36}, {@code zcalloc (libz.so.1)}
     * and {@code PyList_GetItemRef (3.13)} by {@code arc4random}, {@code zcalloc}, {@code PyList_GetItemRef}.
     */
    private boolean coversAll(Object listed) {
        if (!(listed instanceof java.util.List<?> items) || items.isEmpty()) {
            return false;
        }
        for (Object item : items) {
            String text = String.valueOf(item);
            int cut = text.length();
            for (char c : new char[] {'@', ' '}) {
                int at = text.indexOf(c);
                if (at > 0 && at < cut) {
                    cut = at;
                }
            }
            if (!symbol.matches(text.substring(0, cut))) {
                return false;
            }
        }
        return true;
    }

    String describe() {
        if (accept) {
            return "acceptance of rule " + rule + ", name '" + symbol + "'";
        }
        return "rule " + rule + ", match '" + match + "'" + (symbol == null ? "" : ", symbol '" + symbol + "'");
    }
}
