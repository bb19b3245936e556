package dev.abilint.cli;

import dev.abilint.artifact.PathConventions;
import dev.abilint.report.JsonReportWriter;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.data.BorrowedReferences;
import dev.abilint.rule.data.HeaderInlineSymbols;
import dev.abilint.rule.data.LinuxPolicies;
import dev.abilint.rule.data.StableAbi;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;

/**
 * Loads, on a second thread while the first parses the options and walks the inputs, what the walker,
 * the rules and the JSON writer load anyway (path conventions, the catalogue, the rule tables, the
 * writer's classes): a short scan is mostly JVM start-up, and this takes the loading off its critical
 * path. A failure here is left for the thread that needs the data to meet and report.
 */
final class Warmup {
    private Warmup() {}

    static void start() {
        Thread thread = new Thread(Warmup::load, "abilint-warmup");
        thread.setDaemon(true);
        thread.start();
        Thread jdk = new Thread(Warmup::loadJdkServices, "abilint-warmup-jdk");
        jdk.setDaemon(true);
        jdk.start();
    }

    /**
     * The JDK services a scan meets first on its critical path: the security providers behind SHA-256 (about
     * 17 ms, the first RECORD hash waited for them), the time-zone rules behind LocalDate.now (about 8 ms,
     * when the gate applies suppressions' expiry dates) and the binding of records' equals and hashCode.
     */
    private static void loadJdkServices() {
        try {
            MessageDigest.getInstance("SHA-256").digest(new byte[64]);
            LocalDate.now();
            Probe probe = new Probe("probe", 1);
            probe.equals(new Probe("probe", 2));
            probe.hashCode();
        } catch (NoSuchAlgorithmException | RuntimeException | Error e) {
            // met again, and reported, where it is needed
        }
    }

    /**
     * A record whose equals and hashCode, bound through invokedynamic at their first call (ObjectMethods),
     * load the method-handle machinery that the rules' records (map keys, list members) otherwise load on the
     * rules' threads.
     */
    private record Probe(String name, int value) {}

    private static void load() {
        try {
            PathConventions.get();
            RuleCatalogue.get();
            AllRules.all();
            LinuxPolicies.get();
            StableAbi.get();
            BorrowedReferences.get();
            HeaderInlineSymbols.get();
            JsonReportWriter.prepare(); // a few classes: cheap enough to load whatever the format
        } catch (RuntimeException | Error e) {
            // the scan loads the same data again on its own thread and reports what goes wrong there
        }
    }
}
