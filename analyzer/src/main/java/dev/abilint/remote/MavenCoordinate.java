package dev.abilint.remote;

import dev.abilint.artifact.InputException;
import java.util.regex.Pattern;

/**
 * {@code maven:GROUP:ARTIFACT:VERSION[:CLASSIFIER][@EXTENSION]}: a classifier of {@code *} means every
 * classifier the release has (and the main artifact); the extension is {@code jar} unless given
 * ({@code @aar} for Android archives).
 *
 * @param classifier null for the main artifact, {@code *} for all
 * @param extension null for {@code *} without {@code @}: jars and AARs
 */
record MavenCoordinate(String group, String artifact, String version, String classifier, String extension) {
    private static final Pattern PART = Pattern.compile("[A-Za-z0-9_.+-]+");

    static MavenCoordinate parse(String argument) throws InputException {
        String text = argument.substring("maven:".length());
        String extension = null;
        int at = text.lastIndexOf('@');
        if (at >= 0) {
            extension = text.substring(at + 1);
            text = text.substring(0, at);
        }
        String[] parts = text.split(":", -1);
        if (parts.length < 3 || parts.length > 4) {
            throw new InputException("'" + argument + "' is not Maven coordinates: write maven:GROUP:ARTIFACT:VERSION"
                    + "[:CLASSIFIER] (:* for every classifier), e.g. maven:org.xerial:sqlite-jdbc:3.46.0.0");
        }
        for (int i = 0; i < parts.length; i++) {
            boolean wildcard = i == 3 && parts[i].equals("*");
            if (!wildcard && !PART.matcher(parts[i]).matches() || parts[i].equals(".") || parts[i].equals("..")) {
                throw new InputException("'" + argument + "' is not Maven coordinates: '" + parts[i]
                        + "' is not a group, artifact, version or classifier");
            }
        }
        if (extension != null && !extension.matches("[a-z0-9]{1,10}")) {
            throw new InputException("'" + argument + "': the extension after @ must be like jar or aar");
        }
        String classifier = parts.length == 4 ? parts[3] : null;
        if (extension == null && !"*".equals(classifier)) {
            extension = "jar";
        }
        return new MavenCoordinate(parts[0], parts[1], parts[2], classifier, extension);
    }

    /** The release directory below a repository's root: {@code org/xerial/sqlite-jdbc/3.46.0.0/}. */
    String directory() {
        return group.replace('.', '/') + "/" + artifact + "/" + version + "/";
    }

    String fileName(String classifier, String extension) {
        return artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + "." + extension;
    }

    /** Where reports say a file of this release is: {@code maven:G:A:V[:C][@ext]}. */
    String location(String classifier, String extension) {
        return "maven:" + group + ":" + artifact + ":" + version + (classifier == null ? "" : ":" + classifier)
                + ("jar".equals(extension) ? "" : "@" + extension);
    }

    String gav() {
        return group + ":" + artifact + ":" + version;
    }
}
