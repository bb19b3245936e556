package dev.abilint.gate;

import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.rule.RuleCatalogue;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What stands between the rules and the report: per-rule severity overrides, suppressions (with
 * expiry and unused-suppression findings), then the baseline (only new findings are reported; the
 * ones that went away are listed as fixed).
 */
public final class Gate {

    /** The outcome: findings to report, and what the baseline and suppressions did. */
    public record Result(List<Finding> findings, int suppressed, int baselined, List<Baseline.Entry> fixed) {}

    private Gate() {}

    public static Result apply(List<Finding> raw, Config config, Baseline baseline, LocalDate today) {
        List<Finding> findings = overrideSeverities(raw, config.severities());
        List<Finding> kept = new ArrayList<>();
        List<Finding> gateFindings = new ArrayList<>();
        Set<Suppression> used = new HashSet<>();
        int suppressed = 0;
        for (Finding f : findings) {
            Suppression match = null;
            for (Suppression s : config.suppressions()) {
                if (!s.expiredOn(today) && s.covers(f)) {
                    match = s;
                    break;
                }
            }
            if (match != null) {
                used.add(match);
                suppressed++;
            } else {
                kept.add(f);
            }
        }
        for (Suppression s : config.suppressions()) {
            if (s.expiredOn(today)) {
                gateFindings.add(configFinding("suppression-expired", s, "the suppression of " + s.describe()
                        + " expired on " + s.expires() + " and no longer applies (justification was: " + s.justification() + ")",
                        "Fix the findings it covered, or renew the expiry date with a current justification."));
            } else if (!used.contains(s)) {
                gateFindings.add(configFinding("suppression-unused", s, "the suppression of " + s.describe()
                        + " matches no finding", "Remove it (the problem it covered is gone), or correct its rule id or globs."));
            }
        }
        int baselined = 0;
        List<Baseline.Entry> fixed = new ArrayList<>();
        if (baseline != null) {
            Map<String, Baseline.Entry> known = new LinkedHashMap<>();
            for (Baseline.Entry e : baseline.findings()) {
                known.put(e.fingerprint(), e);
            }
            Set<String> seen = new HashSet<>();
            List<Finding> fresh = new ArrayList<>();
            for (Finding f : kept) {
                if (known.containsKey(f.fingerprint())) {
                    seen.add(f.fingerprint());
                    baselined++;
                } else {
                    fresh.add(f);
                }
            }
            for (Baseline.Entry e : known.values()) {
                if (!seen.contains(e.fingerprint())) {
                    fixed.add(e);
                }
            }
            kept = fresh;
        }
        kept.addAll(gateFindings);
        return new Result(kept, suppressed, baselined, fixed);
    }

    private static List<Finding> overrideSeverities(List<Finding> findings, Map<String, Severity> overrides) {
        if (overrides.isEmpty()) {
            return findings;
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!overrides.containsKey(f.ruleId())) {
                out.add(f);
            } else if (overrides.get(f.ruleId()) != null) {
                out.add(f.withSeverity(overrides.get(f.ruleId())));
            }
        }
        return out;
    }

    private static Finding configFinding(String ruleId, Suppression s, String message, String fix) {
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("rule", s.rule());
        evidence.put("match", s.match().toString());
        if (s.expires() != null) {
            evidence.put("expires", s.expires().toString());
        }
        return new Finding(ruleId, RuleCatalogue.get().require(ruleId).severity(), message, s.where(), evidence, fix,
                RuleCatalogue.docsReference(ruleId), dev.abilint.rule.Fingerprints.of(ruleId, s.where(), s.describe()));
    }
}
