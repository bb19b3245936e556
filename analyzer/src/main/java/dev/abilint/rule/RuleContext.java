package dev.abilint.rule;

import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** What a rule sees while it runs: the targets, and a way to report findings under its own id. */
public final class RuleContext {
    private final RuleInfo info;
    private final Targets targets;
    private final List<Finding> sink;
    private final UnaryOperator<String> fingerprintLocation;

    /**
     * @param fingerprintLocation what of a location goes into fingerprints (the part below the scanned input);
     *     public for engines of other commands ({@code abilint diff}) that run rules of their own kind
     */
    public RuleContext(RuleInfo info, Targets targets, List<Finding> sink, UnaryOperator<String> fingerprintLocation) {
        this.info = info;
        this.targets = targets;
        this.sink = sink;
        this.fingerprintLocation = fingerprintLocation;
    }

    public Targets targets() {
        return targets;
    }

    /** The rule's default severity, from the catalogue. */
    public Severity defaultSeverity() {
        return info.severity();
    }

    /** Starts a finding at the rule's default severity; call {@link FindingBuilder#emit()} to keep it. */
    public FindingBuilder report(String location, String message) {
        return new FindingBuilder(location, message);
    }

    /** Collects the parts of one finding. */
    public final class FindingBuilder {
        private final String location;
        private final String message;
        private final Map<String, Object> evidence = new LinkedHashMap<>();
        private Severity severity = info.severity();
        private String fix;
        private String key;
        private Finding.Change change;

        private FindingBuilder(String location, String message) {
            this.location = location;
            this.message = message;
        }

        public FindingBuilder evidence(String name, Object value) {
            if (value != null) {
                evidence.put(name, value);
            }
            return this;
        }

        public FindingBuilder fix(String text) {
            this.fix = text;
            return this;
        }

        /** What makes this finding distinct within its rule and location (a symbol, a library). */
        public FindingBuilder key(String value) {
            this.key = value;
            return this;
        }

        /** For a diff: the value in the old release and in the new one (null on the side that has none). */
        public FindingBuilder change(Object before, Object after) {
            this.change = new Finding.Change(before, after);
            return this;
        }

        public FindingBuilder severity(Severity value) {
            this.severity = value;
            return this;
        }

        public void emit() {
            sink.add(new Finding(info.id(), severity, message, location, evidence, fix,
                    RuleCatalogue.docsReference(info.id()),
                    Fingerprints.of(info.id(), fingerprintLocation.apply(location), key), change));
        }
    }
}
