package dev.abilint.rule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Stable finding fingerprints: the rule, the location with version numbers taken out of every
 * path part (so {@code foo-1.2.3.jar} and {@code foo-1.2.4.jar} match, and so do coordinates:
 * {@code maven:g:a:1.2.3} and {@code pypi:a==1.2.3}) and without the directories
 * above the scanned input (so a checkout in another place matches), and the finding's key
 * (usually the symbol). Baselines match on them.
 */
public final class Fingerprints {
    private static final Pattern VERSION = Pattern.compile("(?<=[-_.:=])v?\\d+(\\.\\d+)+(?:[-_.]?(?:post|dev|rc|a|b)\\d*)?");

    private Fingerprints() {}

    public static String of(String ruleId, String location, String key) {
        String text = ruleId + "\n" + withoutVersions(location) + "\n" + (key == null ? "" : key);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The location with the directories above the input it came from removed:
     * {@code /home/ci/work/dist/x-1.0.whl!/a.so} scanned as {@code /home/ci/work/dist} → {@code dist/x-1.0.whl!/a.so}.
     */
    public static String relativeToInputs(String location, java.util.List<String> inputs) {
        String best = null;
        for (String input : inputs) {
            String trimmed = input.endsWith("/") && input.length() > 1 ? input.substring(0, input.length() - 1) : input;
            boolean inside = location.equals(trimmed) || location.startsWith(trimmed + "/")
                    || location.startsWith(trimmed + "!/");
            if (inside && (best == null || trimmed.length() > best.length())) {
                best = trimmed;
            }
        }
        if (best == null) {
            return location;
        }
        int cut = best.lastIndexOf('/', best.length() - 2);
        return cut < 0 ? location : location.substring(cut + 1);
    }

    static String withoutVersions(String location) {
        return location == null ? "" : VERSION.matcher(location).replaceAll("*");
    }
}
