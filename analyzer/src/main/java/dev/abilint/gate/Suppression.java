package dev.abilint.gate;

import dev.abilint.model.Finding;
import java.time.LocalDate;

/**
 * One {@code [[suppress]]} entry: a rule, a glob on the finding's location, an optional glob on the
 * symbol or library it names, a justification (required) and an optional expiry date.
 *
 * @param where where the entry is written ({@code abilint.toml, suppression 2}), for messages
 */
public record Suppression(String rule, Glob match, Glob symbol, String justification, LocalDate expires,
        String where) {

    boolean expiredOn(LocalDate today) {
        return expires != null && today.isAfter(expires);
    }

    boolean covers(Finding finding) {
        if (!finding.ruleId().equals(rule) || !match.matches(finding.location())) {
            return false;
        }
        if (symbol == null) {
            return true;
        }
        Object named = finding.evidence() == null ? null : finding.evidence().get("symbol");
        Object library = finding.evidence() == null ? null : finding.evidence().get("library");
        return symbol.matches(named == null ? null : named.toString())
                || symbol.matches(library == null ? null : library.toString());
    }

    String describe() {
        return "rule " + rule + ", match '" + match + "'" + (symbol == null ? "" : ", symbol '" + symbol + "'");
    }
}
