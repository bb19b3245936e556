package dev.abilint.cli;

import java.io.PrintStream;
import java.util.function.IntConsumer;

/**
 * A one-line progress counter on stderr for long scans, shown only on an interactive terminal and
 * only once a scan has taken more than a second; quiet otherwise (CI logs stay clean).
 */
final class Progress implements IntConsumer {
    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private volatile long lastPrint;
    private volatile boolean printed;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    static boolean interactive() {
        return System.console() != null && System.getenv("CI") == null;
    }

    @Override
    public void accept(int done) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (now - start < 1_000_000_000L || now - lastPrint < 200_000_000L) {
            return;
        }
        synchronized (this) {
            lastPrint = now;
            printed = true;
            err.print("\rabilint: read " + done + " files...");
            err.flush();
        }
    }

    void finish() {
        if (printed) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
