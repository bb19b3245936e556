package dev.abilint.cli;

import dev.abilint.gate.Config;
import dev.abilint.model.Severity;
import dev.abilint.rule.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.commons.cli.CommandLine;

/**
 * The checked settings of a scan or inspect: the command line over the config file, every value
 * validated here, once.
 */
record ScanSettings(List<String> paths, String format, String output, Severity failOn, Targets targets,
        String baseline, String writeBaseline, List<ExtraReport> reports, String stdinName, Remote remote) {

    /** Where coordinates in the inputs (maven:..., pypi:...) are resolved from. */
    record Remote(boolean offline, String indexUrl, String mavenSettings) {}

    /** A {@code --report FORMAT=PATH}: one more report of the same scan. */
    record ExtraReport(String format, String path) {}

    private static final Set<String> FORMATS = Set.of("text", "json", "sarif", "junit", "html", "markdown");
    private static final Pattern PYTHON = Pattern.compile("3\\.\\d{1,2}t?");
    private static final Pattern MANYLINUX = Pattern.compile("\\d+_\\d+|1|2010|2014");
    private static final Pattern DOTTED = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){0,2}");
    private static final Pattern JAVA = Pattern.compile("\\d{1,2}");
    private static final Pattern PLATFORM = Pattern.compile("[a-z0-9]+-[a-z0-9_]+(-[a-z0-9]+)?");

    static ScanSettings from(CommandLine line) throws UsageException {
        return from(line, Config.empty());
    }

    static ScanSettings from(CommandLine line, Config config) throws UsageException {
        List<String> paths = line.getArgList();
        if (paths.isEmpty()) {
            throw new UsageException("no input given: name a file, directory, wheel or jar (see abilint --help)");
        }
        String format = line.getOptionValue("format", "text");
        if (!FORMATS.contains(format)) {
            throw new UsageException("--format must be one of text, json, sarif, junit, html, markdown (got '" + format + "')");
        }
        Severity failOn = config.failOn() == null ? Severity.ERROR : config.failOn();
        String failOnText = line.getOptionValue("fail-on");
        if (failOnText != null) {
            failOn = Severity.parse(failOnText);
            if (failOn == null) {
                throw new UsageException("--fail-on must be error, warning, note or never (got '" + failOnText + "')");
            }
        }
        String where = config.source() == null ? "" : " in " + config.source();
        Targets targets = new Targets(
                checked(line, config.python(), "python", PYTHON, "3.10", where),
                checked(line, config.manylinux(), "manylinux", MANYLINUX, "2_17", where),
                checked(line, config.macos(), "macos", DOTTED, "11.0", where),
                checked(line, config.java(), "java", JAVA, "17", where),
                line.hasOption("platforms") ? platforms(List.of(line.getOptionValue("platforms").split(",")), "--platforms")
                        : platforms(config.platforms(), "platforms" + where),
                checked(line, config.glibc(), "glibc", DOTTED, "2.17", where),
                declared(line.getOptionValues("declared")),
                List.copyOf(config.provided()));
        String output = line.getOptionValue("output");
        return new ScanSettings(List.copyOf(paths), format, output, failOn, targets,
                line.getOptionValue("baseline"), line.getOptionValue("write-baseline"),
                reports(line.getOptionValues("report"), output), stdinName(line, paths),
                new Remote(line.hasOption("offline"), line.getOptionValue("index-url"),
                        line.getOptionValue("maven-settings")));
    }

    private static List<ExtraReport> reports(String[] values, String output) throws UsageException {
        List<ExtraReport> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        Set<String> paths = new java.util.HashSet<>();
        if (output != null) {
            paths.add(output);
        }
        for (String value : values) {
            int eq = value.indexOf('=');
            String format = eq < 0 ? value : value.substring(0, eq);
            String path = eq < 0 ? "" : value.substring(eq + 1);
            if (eq < 0 || !FORMATS.contains(format) || path.isEmpty()) {
                throw new UsageException("--report takes FORMAT=PATH with FORMAT one of text, json, sarif, junit, html, markdown"
                        + " (got '" + value + "'), e.g. --report sarif=abilint.sarif");
            }
            if (path.equals("-")) {
                throw new UsageException("--report " + value + ": standard output takes the --format report;"
                        + " give --report a file");
            }
            if (!paths.add(path)) {
                throw new UsageException("--report " + value + ": " + path + " is named for two reports");
            }
            out.add(new ExtraReport(format, path));
        }
        return out;
    }

    private static String stdinName(CommandLine line, List<String> paths) throws UsageException {
        long dashes = paths.stream().filter(StandardInput.ARGUMENT::equals).count();
        if (dashes > 1) {
            throw new UsageException("standard input (-) can be read once");
        }
        String name = line.getOptionValue("name");
        if (name == null) {
            return null;
        }
        if (dashes == 0) {
            throw new UsageException("--name names standard input: give - as an input too (curl ... | abilint scan"
                    + " --name pkg-1.0-py3-none-any.whl -)");
        }
        String last = name.replace('\\', '/');
        last = last.substring(last.lastIndexOf('/') + 1);
        if (last.isEmpty() || last.equals(".") || last.equals("..") || name.indexOf('\0') >= 0) {
            throw new UsageException("--name takes a file name, e.g. pkg-1.0-py3-none-any.whl (got '" + name + "')");
        }
        return name;
    }

    /** The option's value, else the config file's; either must look like the example. */
    private static String checked(CommandLine line, String fromConfig, String name, Pattern pattern, String example,
            String where) throws UsageException {
        String value = line.getOptionValue(name);
        String source = "--" + name;
        if (value == null) {
            value = fromConfig;
            source = name + where;
        }
        if (value != null && !pattern.matcher(value).matches()) {
            throw new UsageException(source + " takes a value like " + example + " (got '" + value + "')");
        }
        return value;
    }

    private static List<String> declared(String[] values) throws UsageException {
        List<String> out = new ArrayList<>();
        if (values == null) {
            return out;
        }
        for (String value : values) {
            java.nio.file.Path path;
            try {
                path = java.nio.file.Path.of(value);
            } catch (java.nio.file.InvalidPathException e) {
                throw new UsageException("--declared " + value + ": not a valid path");
            }
            if (!java.nio.file.Files.isRegularFile(path) || !java.nio.file.Files.isReadable(path)) {
                throw new UsageException("--declared " + value + ": not a readable file");
            }
            out.add(value);
        }
        return out;
    }

    private static List<String> platforms(List<String> values, String source) throws UsageException {
        List<String> out = new ArrayList<>();
        for (String part : values) {
            String p = part.trim();
            if (!PLATFORM.matcher(p).matches()) {
                throw new UsageException(source + " takes a list like linux-x86_64,macos-arm64,windows-x86_64 (got '"
                        + p + "')");
            }
            out.add(p);
        }
        return out;
    }
}
