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
     * 17 ms, the first RECORD hash waited for them) and the time-zone rules behind LocalDate.now (about 8 ms,
     * when the gate applies suppressions' expiry dates).
     */
    private static void loadJdkServices() {
        try {
            MessageDigest.getInstance("SHA-256").digest(new byte[64]);
            LocalDate.now();
        } catch (NoSuchAlgorithmException | RuntimeException | Error e) {
            // met again, and reported, where it is needed
        }
    }

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
