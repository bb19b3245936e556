package dev.abilint.cli;

import dev.abilint.model.Severity;
import dev.abilint.rule.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;

/** The checked settings of a scan or inspect: every value is validated here, once. */
record ScanSettings(List<String> paths, String format, String output, Severity failOn, Targets targets) {
    private static final Set<String> FORMATS = Set.of("text", "json", "sarif", "junit", "html");
    private static final Set<String> LATER_FORMATS = Set.of();
    private static final Pattern PYTHON = Pattern.compile("3\\.\\d{1,2}t?");
    private static final Pattern MANYLINUX = Pattern.compile("\\d+_\\d+|1|2010|2014");
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){0,2}");
    private static final Pattern JAVA = Pattern.compile("\\d{1,2}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+-[a-z0-9_]+(-[a-z0-9]+)?");

    static ScanSettings from(CommandLine line) throws UsageException {
        List<String> paths = line.getArgList();
        if (paths.isEmpty()) {
            throw new UsageException("no input given: name a file, directory, wheel or jar (see abilint --help)");
        }
        String format = line.getOptionValue("format", "text");
        if (LATER_FORMATS.contains(format)) {
            throw new UsageException("--format " + format + " is not available in this version; use text or json");
        }
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format must be one of text, json, sarif, junit, html (got '" + format + "')");
        }
        String failOnText = line.getOptionValue("fail-on", "error");
        Severity failOn = Severity.parse(failOnText);
        if (failOn == null) {
            throw new UsageException("--fail-on must be error, warning, note or never (got '" + failOnText + "')");
        }
        for (String later : List.of("baseline", "config")) {
            if (line.hasOption(later)) {
                throw new UsageException("--" + later + " is not available in this version");
            }
        }
        Targets targets = new Targets(
                checked(line, "python", PYTHON, "3.10"),
                checked(line, "manylinux", MANYLINUX, "2_17"),
                checked(line, "macos", DOTTED, "11.0"),
                checked(line, "java", JAVA, "17"),
                platforms(line.getOptionValue("platforms")),
                checked(line, "glibc", DOTTED, "2.17"));
        return new ScanSettings(List.copyOf(paths), format, line.getOptionValue("output"), failOn, targets);
    }

    private static String checked(CommandLine line, String name, Pattern pattern, String example)
            throws UsageException {
        String value = line.getOptionValue(name);
        if (value != null && !pattern.matcher(value).matches()) {
            throw new UsageException("--" + name + " takes a value like " + example + " (got '" + value + "')");
        }
        return value;
    }

    private static List<String> platforms(String value) throws UsageException {
        List<String> out = new ArrayList<>();
        if (value == null) {
            return out;
        }
        for (String part : value.split(",")) {
            String p = part.trim();
            if (!PLATFORM.matcher(p).matches()) {
                throw new UsageException("--platforms takes a list like linux-x86_64,macos-arm64,windows-x86_64 (got '"
                        + p + "')");
            }
            out.add(p);
        }
        return out;
    }
}
