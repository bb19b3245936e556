package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * One thing a rule found wrong, with everything a writer prints: writers compute nothing.
 *
 * @param evidence facts behind the finding (symbol, version, library, offset...), in a stable order
 * @param fix what to do about it
 * @param docs where the rule's page is ({@code abilint explain RULE-ID})
 * @param fingerprint stable across runs and artifact version bumps, for baselines
 * @param change for {@code abilint diff}: what the old release had and what the new one has; null otherwise
 */
@JsonPropertyOrder({"ruleId", "severity", "message", "location", "evidence", "change", "fix", "docs", "fingerprint"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Finding(
        String ruleId,
        Severity severity,
        String message,
        String location,
        Map<String, Object> evidence,
        String fix,
        String docs,
        String fingerprint,
        Change change) {

    /** A finding of a scan: no change. */
    public Finding(String ruleId, Severity severity, String message, String location, Map<String, Object> evidence,
            String fix, String docs, String fingerprint) {
        this(ruleId, severity, message, location, evidence, fix, docs, fingerprint, null);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(ruleId, newSeverity, message, location, evidence, fix, docs, fingerprint, change);
    }

    /**
     * What a release changed: the value in the old release and in the new one (a glibc version, a list of
     * platforms or symbols); null on the side that had none (a removed or an added thing).
     */
    @JsonPropertyOrder({"before", "after"})
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Change(Object before, Object after) {}
}
