package dev.abilint.rule.artifact;

import dev.abilint.model.Analysis;
import dev.abilint.model.JavaClass;
import dev.abilint.rule.AnalysisRule;
import dev.abilint.rule.RuleContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class files compiled for a newer Java than the {@code --java} target: the JVM refuses them with
 * UnsupportedClassVersionError. One finding per archive and class version. Silent without a target;
 * classes under {@code META-INF/versions/N/} with N above the target are never loaded there, nor is
 * {@code module-info.class} before Java 9 (Java 8 libraries ship one compiled for 9).
 */
public final class JavaClassVersionTooNew implements AnalysisRule {
    private static final Pattern VERSIONED = Pattern.compile("^META-INF/versions/(\\d{1,4})/");

    @Override
    public String id() {
        return "java-class-version-too-new";
    }

    @Override
    public void check(Analysis analysis, RuleContext context) {
        Integer target = release(context.targets().java());
        if (target == null) {
            return;
        }
        Map<String, List<JavaClass>> groups = new LinkedHashMap<>();
        for (JavaClass c : analysis.javaClasses()) {
            int release = c.majorVersion() - 44;
            if (release <= target) {
                continue;
            }
            String location = c.location();
            int bang = location.lastIndexOf("!/");
            String container = bang < 0 ? location : location.substring(0, bang);
            String inner = bang < 0 ? location : location.substring(bang + 2);
            Matcher versioned = VERSIONED.matcher(inner);
            if (versioned.find() && Integer.parseInt(versioned.group(1)) > target) {
                continue; // loaded only by Java versions.group(1) and later
            }
            if (inner.equals("module-info.class") || inner.endsWith("/module-info.class")) {
                continue; // read only by Java 9 and later, which is how Java 8 libraries ship one
            }
            groups.computeIfAbsent(container + "\n" + c.majorVersion(), k -> new ArrayList<>()).add(c);
        }
        for (List<JavaClass> classes : groups.values()) {
            JavaClass first = classes.get(0);
            String location = first.location();
            int bang = location.lastIndexOf("!/");
            String container = bang < 0 ? location : location.substring(0, bang);
            int release = first.majorVersion() - 44;
            context.report(container, classes.size() + " class file(s) need Java " + release + " (class file version "
                            + first.majorVersion() + "), above the target Java " + target + ", e.g. "
                            + (bang < 0 ? location : location.substring(bang + 2)))
                    .evidence("classMajorVersion", first.majorVersion())
                    .evidence("javaRelease", release)
                    .evidence("target", target)
                    .evidence("classes", classes.size())
                    .evidence("example", location)
                    .fix("Compile with `--release " + target + "` (Maven: maven.compiler.release=" + target
                            + "), or move classes that need Java " + release + " under META-INF/versions/" + release
                            + "/ in a Multi-Release jar, or raise the supported Java version.")
                    .key(Integer.toString(first.majorVersion()))
                    .emit();
        }
    }

    /** {@code 17} gives 17, {@code 1.8} gives 8; null for no or an unreadable target. */
    static Integer release(String java) {
        if (java == null || java.isBlank()) {
            return null;
        }
        String v = java.trim();
        if (v.startsWith("1.")) {
            v = v.substring(2);
        }
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
