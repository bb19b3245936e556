package dev.abilint.artifact;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a file's name promises it is, for files whose bytes turned out to be none of the formats abilint
 * reads: a {@code .so} that is an HTML error page or empty, a {@code .whl} that is a text file. Those are
 * {@code parse-error} findings (a failed download must fail the gate), with the first bytes shown. The
 * format is still told from the bytes alone; the name only says what was expected.
 */
final class Promised {
    private Promised() {}

    private static final Pattern SO_SUFFIX = Pattern.compile("\\.so(\\.\\d+)*$");
    private static final Pattern SHARED_OBJECT = Pattern.compile("(?i).*\\.so(\\.\\d+)*$");
    /** A directory of test data: test, tests, test_zipfile, archivetestdata, testing, fixtures (not "latest"). */
    private static final Pattern TEST_DIRECTORY = Pattern.compile("(^|[^a-z])tests?([^a-z]|$)|testdata|testing|fixtures?");
    /** Bytes shown from the start of a file. */
    private static final int SHOWN = 40;

    /** What a name can promise: the words for the message, the finding's format field, whether packages load it. */
    private enum Promise {
        NATIVE("a native library", "native", true),
        WHEEL("a wheel (a zip archive)", "wheel", true),
        JAVA_ARCHIVE("a Java archive (a zip archive)", "jar", true),
        PYTHON_ZIP("a Python zip archive", "zip", true),
        ZIP("a zip archive", "zip", false),
        TAR_GZ("a gzip-compressed tar archive", "tar", false),
        TAR("a tar archive", "tar", false);

        final String words;
        final String format;
        final boolean loadable;

        Promise(String words, String format, boolean loadable) {
            this.words = words;
            this.format = format;
            this.loadable = loadable;
        }
    }

    private static Promise promise(String name) {
        String lower = EntryNames.baseName(name).toLowerCase(Locale.ROOT);
        if (SHARED_OBJECT.matcher(lower).matches() || lower.endsWith(".dll") || lower.endsWith(".dylib")
                || lower.endsWith(".pyd") || lower.endsWith(".jnilib")) {
            return Promise.NATIVE;
        }
        if (lower.endsWith(".whl")) {
            return Promise.WHEEL;
        }
        if (lower.endsWith(".jar") || lower.endsWith(".war") || lower.endsWith(".ear") || lower.endsWith(".aar")) {
            return Promise.JAVA_ARCHIVE;
        }
        if (lower.endsWith(".egg") || lower.endsWith(".pyz")) {
            return Promise.PYTHON_ZIP;
        }
        if (lower.endsWith(".zip")) {
            return Promise.ZIP;
        }
        if (lower.endsWith(".tar.gz") || lower.endsWith(".tgz")) {
            return Promise.TAR_GZ;
        }
        return lower.endsWith(".tar") ? Promise.TAR : null;
    }

    /** What the name promises ("a native library"), or null when it promises nothing abilint reads. */
    static String of(String name) {
        Promise promise = promise(name);
        return promise == null ? null : promise.words;
    }

    /** The format word for the finding's {@code format} field: native, wheel, jar, zip, tar. */
    static String format(String name) {
        Promise promise = promise(name);
        return promise == null ? null : promise.format;
    }

    /** Whether an archive the package holds is one it loads (a jar, a wheel, an egg): a broken one is an error, not data. */
    static boolean loadable(String name) {
        Promise promise = promise(name);
        return promise != null && promise.loadable;
    }

    /**
     * Whether a path inside an artifact is under a test or fixture directory (test data, not what the package
     * loads): a directory named test, tests, test_x, x-tests, testing, testdata (archivetestdata), fixture(s) or samples.
     */
    static boolean testData(String path) {
        String[] parts = path.replace('\\', '/').split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            String part = parts[i].toLowerCase(Locale.ROOT);
            if (TEST_DIRECTORY.matcher(part).find() || part.equals("samples")) {
                return true;
            }
        }
        return false;
    }

    /** A GNU ld linker script named like a library ({@code libc.so} in a -dev package): not a broken library. */
    static boolean linkerScript(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 256), StandardCharsets.ISO_8859_1);
        return text.startsWith("/* GNU ld script") || text.startsWith("INPUT(") || text.startsWith("GROUP(")
                || text.startsWith("OUTPUT_FORMAT(");
    }

    /**
     * Why the bytes are not what the name promised: "named .whl (a wheel (a zip archive)), but the file is
     * empty" or "... but it starts with '<!DOCTYPE html>' — a failed download?".
     */
    static String reason(String name, byte[] head) {
        String what = "named " + suffix(name) + ", which promises " + of(name) + ", but ";
        if (head.length == 0) {
            return what + "the file is empty";
        }
        return what + "its bytes are no format abilint reads: it starts with '" + shown(head) + "'" + hint(head);
    }

    /** The suffix that made the promise: {@code .whl}, {@code .tar.gz}, {@code .so.1}. */
    static String suffix(String name) {
        String lower = EntryNames.baseName(name).toLowerCase(Locale.ROOT);
        java.util.regex.Matcher so = SO_SUFFIX.matcher(lower);
        if (so.find()) {
            return so.group();
        }
        if (lower.endsWith(".tar.gz")) {
            return ".tar.gz";
        }
        int dot = lower.lastIndexOf('.');
        return dot < 0 ? lower : lower.substring(dot);
    }

    /** The first bytes, printable ASCII as it is and everything else escaped ({@code \x00}, {@code \n}). */
    static String shown(byte[] head) {
        StringBuilder out = new StringBuilder();
        int n = Math.min(head.length, SHOWN);
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == '\n') {
                out.append("\\n");
            } else if (b == '\r') {
                out.append("\\r");
            } else if (b == '\t') {
                out.append("\\t");
            } else if (b == '\\' || b == '\'') {
                out.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7f) {
                out.append((char) b);
            } else {
                out.append(String.format("\\x%02x", b));
            }
        }
        if (head.length > n) {
            out.append("...");
        }
        return out.toString();
    }

    private static String hint(byte[] head) {
        String text = new String(head, 0, Math.min(head.length, 512), StandardCharsets.ISO_8859_1).stripLeading()
                .toLowerCase(Locale.ROOT);
        if (text.startsWith("<!doctype html") || text.startsWith("<html") || text.startsWith("<?xml")
                || text.startsWith("<head") || text.startsWith("{\"error") || text.startsWith("{\"errors")
                || text.startsWith("404") || text.startsWith("not found")) {
            return " — a failed download (an error page saved under the file's name)?";
        }
        if (text.startsWith("version https://git-lfs")) {
            return " — a Git LFS pointer: the real file was never fetched (git lfs pull)";
        }
        if (text.startsWith("!<arch>")) {
            return " — a static library (ar archive), not a shared one";
        }
        if (text.startsWith("bzh") || text.startsWith("\u00fd7zxz") || (head.length > 3 && (head[0] & 0xff) == 0x28
                && (head[1] & 0xff) == 0xb5 && (head[2] & 0xff) == 0x2f && (head[3] & 0xff) == 0xfd)) {
            return " — compressed with bzip2, xz or zstd, which abilint does not read";
        }
        return "";
    }
}
