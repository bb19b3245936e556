package dev.abilint.cli;

import dev.abilint.artifact.Analyzer;
import dev.abilint.artifact.InputException;
import dev.abilint.gate.Baseline;
import dev.abilint.gate.Config;
import dev.abilint.gate.ConfigException;
import dev.abilint.gate.ConfigLoader;
import dev.abilint.gate.Gate;
import dev.abilint.model.Analysis;
import dev.abilint.model.Finding;
import dev.abilint.model.Severity;
import dev.abilint.report.Escape;
import dev.abilint.report.HtmlReportWriter;
import dev.abilint.report.JsonReportWriter;
import dev.abilint.report.JunitReportWriter;
import dev.abilint.report.Report;
import dev.abilint.report.ReportOutput;
import dev.abilint.remote.InputResolver;
import dev.abilint.remote.RemoteSettings;
import dev.abilint.report.ReportWriter;
import dev.abilint.report.SarifReportWriter;
import dev.abilint.report.TextReportWriter;
import dev.abilint.rule.AllRules;
import dev.abilint.rule.Rule;
import dev.abilint.rule.RuleCatalogue;
import dev.abilint.rule.RuleEngine;
import dev.abilint.rule.RuleInfo;
import dev.abilint.rule.Targets;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/** The command line: dispatches the subcommand, maps every outcome to an exit code. */
public final class Cli {
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream stdin;
    private boolean debug;
    private Timings timings;

    public Cli(PrintStream out, PrintStream err) {
        this(System.in, out, err);
    }

    /** @param stdin what {@code abilint scan -} reads */
    public Cli(InputStream stdin, PrintStream out, PrintStream err) {
        this.stdin = stdin;
        this.out = out;
        this.err = err;
    }

    public int run(String[] args) {
        debug = Arrays.asList(args).contains("--debug");
        timings = new Timings(err, Arrays.asList(args).contains("--timings"));
        try {
            return dispatch(args);
        } catch (UsageException e) {
            err.println("abilint: " + Escape.terminal(e.getMessage()));
            return ExitCode.USAGE;
        } catch (InputException | ConfigException e) {
            err.println("abilint: " + Escape.terminal(e.getMessage()));
            return ExitCode.USAGE;
        } catch (dev.abilint.util.OutputFile.OutputException e) {
            err.println("abilint: " + Escape.terminal(e.getMessage()));
            return ExitCode.USAGE;
        } catch (IOException e) {
            err.println("abilint: cannot write the report: " + Escape.terminal(String.valueOf(e.getMessage())));
            return ExitCode.USAGE;
        } catch (RuntimeException | Error e) {
            err.println("abilint: internal error: " + Escape.terminal(e.toString())
                    + " (this is a bug in abilint: please report it"
                    + (debug ? ")" : "; run again with --debug for the stack trace)"));
            if (debug) {
                e.printStackTrace(err);
            }
            return ExitCode.INTERNAL;
        }
    }

    private int dispatch(String[] args) throws UsageException, InputException, ConfigException, IOException {
        if (args.length == 0) {
            err.print(Help.GENERAL);
            return ExitCode.USAGE;
        }
        String command = args[0];
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (command) {
            case "--version", "-V", "version" -> {
                out.println("abilint " + version());
                return ExitCode.OK;
            }
            case "--help", "-h", "help" -> {
                out.print(rest.length > 0 ? Help.forCommand(rest[0]) : Help.GENERAL);
                return ExitCode.OK;
            }
            case "scan" -> {
                Warmup.start(); // while the options and config are parsed, and the inputs read
                return scan(parse(CommandOptions.scan(), rest, command));
            }
            case "inspect" -> {
                return inspect(parse(CommandOptions.inspect(), rest, command));
            }
            case "diff" -> {
                Warmup.start();
                return diff(parse(CommandOptions.diff(), rest, command));
            }
            case "rules" -> {
                return rules(parse(CommandOptions.rules(), rest, command));
            }
            case "explain" -> {
                return explain(parse(CommandOptions.explain(), rest, command));
            }
            default -> throw new UsageException("unknown command '" + command
                    + "' (commands: scan, inspect, diff, rules, explain; see abilint --help)");
        }
    }

    private static CommandLine parse(Options options, String[] args, String command) throws UsageException {
        try {
            return DefaultParser.builder().setStripLeadingAndTrailingQuotes(false).build().parse(options, args);
        } catch (ParseException e) {
            throw new UsageException(command + ": " + e.getMessage() + " (see abilint help " + command + ")");
        }
    }

    private int scan(CommandLine line) throws UsageException, InputException, ConfigException, IOException {
        if (line.hasOption("help")) {
            out.print(Help.forCommand("scan"));
            return ExitCode.OK;
        }
        // coordinates (maven:..., pypi:...) are not paths: the config is looked for from the working directory
        Path configPath = ConfigLoader.find(line.getOptionValue("config"), line.getArgList().stream()
                .map(a -> InputResolver.isCoordinate(a) ? "." : a).toList());
        Config config = ConfigLoader.load(configPath);
        ScanSettings settings = ScanSettings.from(line, config);
        Baseline baseline = settings.baseline() == null ? null : Baseline.read(Path.of(settings.baseline()));
        timings.phase("options");
        Analysis analysis = analyze(settings);
        timings.phase("read");
        RuleEngine engine = new RuleEngine(AllRules.all(), RuleCatalogue.get());
        List<Finding> findings = engine.run(analysis, settings.targets());
        timings.phase("rules");
        timings.slowest(engine.nanosByRule());
        LocalDate today = LocalDate.now();
        Gate.Result gated = Gate.apply(findings, config, baseline, today);
        if (settings.writeBaseline() != null) {
            Baseline.of(Gate.apply(findings, config, null, today).findings().stream()
                    .filter(f -> !f.ruleId().startsWith("suppression-")).toList())
                    .write(Path.of(settings.writeBaseline()));
        }
        Report report = Report.of("scan", version(), analysis, gated, settings.failOn(),
                configPath == null ? null : configPath.toString(), settings.baseline());
        for (ScanSettings.ExtraReport extra : settings.reports()) {
            ReportOutput.write(extra.path(), report, writer(extra.format(), false, false), out);
        }
        emit(report, settings.format(), settings.output(), false);
        timings.phase("report");
        return report.summary().failed() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    private int inspect(CommandLine line) throws UsageException, InputException, ConfigException, IOException {
        if (line.hasOption("help")) {
            out.print(Help.forCommand("inspect"));
            return ExitCode.OK;
        }
        ScanSettings settings = ScanSettings.from(line);
        timings.phase("options");
        Analysis analysis = analyze(settings);
        timings.phase("read");
        List<Finding> findings = new RuleEngine(AllRules.readingOnly(), RuleCatalogue.get())
                .run(analysis, Targets.none());
        timings.phase("rules");
        Report report = Report.of("inspect", version(), analysis, findings, Severity.NEVER);
        emit(report, settings.format(), settings.output(), true);
        timings.phase("report");
        return ExitCode.OK;
    }

    private Analysis analyze(ScanSettings settings) throws InputException {
        return analyze(settings.paths(), settings.stdinName(), settings.remote());
    }

    /**
     * Input resolution, the one path from command-line arguments to an analysis for scan, inspect and diff
     * (diff calls it once per release): coordinates are downloaded into the cache and registered with the
     * analyzer (as standard input's {@code -} is), so that the analysis and the report still name each input
     * as the user wrote it.
     */
    private Analysis analyze(List<String> paths, String stdinName, ScanSettings.Remote remote) throws InputException {
        Analyzer analyzer = new Analyzer();
        List<String> inputs = resolve(paths, remote, analyzer);
        Progress progress = new Progress(err, Progress.interactive());
        StandardInput spooled = null;
        try {
            if (paths.contains(StandardInput.ARGUMENT)) {
                spooled = StandardInput.spool(stdin, stdinName);
                analyzer.readInputFrom(StandardInput.ARGUMENT, spooled.displayName(), spooled.file());
            }
            return analyzer.analyze(inputs, progress);
        } finally {
            progress.finish();
            if (spooled != null) {
                spooled.delete();
            }
        }
    }

    /**
     * The inputs as the analyzer takes them: paths as given, coordinates (maven:..., pypi:...) downloaded into
     * the cache and named by their coordinates, their files read from the cache.
     */
    private List<String> resolve(List<String> paths, ScanSettings.Remote remote, Analyzer analyzer)
            throws InputException {
        if (paths.stream().noneMatch(InputResolver::isCoordinate)) {
            return paths;
        }
        RemoteSettings where = RemoteSettings.of(System.getenv(), remote.offline(), remote.indexUrl(),
                remote.mavenSettings() == null ? null : Path.of(remote.mavenSettings()), err);
        List<String> inputs = InputResolver.register(InputResolver.resolve(paths, where), analyzer);
        timings.phase("resolve");
        return inputs;
    }

    private int diff(CommandLine line) throws UsageException, InputException, ConfigException, IOException {
        if (line.hasOption("help")) {
            out.print(Help.forCommand("diff"));
            return ExitCode.OK;
        }
        List<String> args = line.getArgList();
        if (args.size() != 2) {
            throw new UsageException("diff takes two inputs, OLD and NEW (got " + args.size()
                    + "), e.g. abilint diff dist-1.4/ dist/");
        }
        if (args.contains(StandardInput.ARGUMENT)) {
            throw new UsageException("diff reads files or directories, not standard input (-)");
        }
        // the config next to the new release, as scan finds it next to its first input
        Path configPath = ConfigLoader.find(line.getOptionValue("config"), List.of(args.get(1)));
        Config config = ConfigLoader.load(configPath);
        ScanSettings settings = ScanSettings.from(line, config);
        Baseline baseline = settings.baseline() == null ? null : Baseline.read(Path.of(settings.baseline()));
        timings.phase("options");
        Analysis old = analyze(List.of(args.get(0)), null, settings.remote());
        Analysis young = analyze(List.of(args.get(1)), null, settings.remote());
        timings.phase("read");
        dev.abilint.diff.Release oldRelease = dev.abilint.diff.Release.of("old", old);
        dev.abilint.diff.Release newRelease = dev.abilint.diff.Release.of("new", young);
        dev.abilint.diff.Comparison comparison = dev.abilint.diff.Comparison.of(oldRelease, newRelease);
        List<Finding> findings = new java.util.ArrayList<>();
        // what could not be read in either release is said, as in scan (parse-error, archive limits), first
        RuleEngine reading = new RuleEngine(AllRules.readingOnly(), RuleCatalogue.get());
        findings.addAll(reading.run(old, Targets.none()));
        findings.addAll(reading.run(young, Targets.none()));
        findings.addAll(new dev.abilint.diff.DiffEngine(dev.abilint.rule.diff.DiffRules.all(), RuleCatalogue.get())
                .run(comparison, settings.targets()));
        timings.phase("rules");
        LocalDate today = LocalDate.now();
        Gate.Result gated = Gate.apply(findings, config, baseline, today);
        if (settings.writeBaseline() != null) {
            Baseline.of(Gate.apply(findings, config, null, today).findings().stream()
                    .filter(f -> !f.ruleId().startsWith("suppression-")).toList())
                    .write(Path.of(settings.writeBaseline()));
        }
        List<String> inputs = new java.util.ArrayList<>(old.inputs());
        inputs.addAll(young.inputs());
        List<dev.abilint.model.Artifact> artifacts = new java.util.ArrayList<>(old.artifacts());
        artifacts.addAll(young.artifacts());
        List<dev.abilint.model.Binary> binaries = new java.util.ArrayList<>(old.binaries());
        binaries.addAll(young.binaries());
        Analysis both = new Analysis(inputs, artifacts, binaries, List.of(), List.of());
        Report report = Report.of("diff", version(), both, gated, settings.failOn(),
                configPath == null ? null : configPath.toString(), settings.baseline())
                .asDiff(side(oldRelease), side(newRelease));
        for (ScanSettings.ExtraReport extra : settings.reports()) {
            ReportOutput.write(extra.path(), report, writer(extra.format(), false, false), out);
        }
        emit(report, settings.format(), settings.output(), false);
        timings.phase("report");
        return report.summary().failed() ? ExitCode.FINDINGS : ExitCode.OK;
    }

    /** A release in the report: its inputs and platforms (each with its project's name when there are several). */
    private static Report.Side side(dev.abilint.diff.Release release) {
        java.util.Set<String> platforms = new java.util.TreeSet<>();
        boolean several = release.products().size() > 1;
        for (dev.abilint.diff.Product p : release.products().values()) {
            for (String platform : p.platforms()) {
                platforms.add(several ? p.name() + ": " + platform : platform);
            }
        }
        return new Report.Side(release.analysis().inputs(), List.copyOf(platforms));
    }

    private void emit(Report report, String format, String output, boolean listBinaries) throws IOException {
        boolean toTerminal = (output == null || "-".equals(output)) && Progress.interactive();
        ReportWriter writer = writer(format, toTerminal && System.getenv("NO_COLOR") == null, listBinaries);
        ReportOutput.write(output == null ? "-" : output, report, writer, out);
    }

    private static ReportWriter writer(String format, boolean color, boolean listBinaries) {
        return switch (format) {
            case "json" -> new JsonReportWriter();
            case "sarif" -> new SarifReportWriter();
            case "junit" -> new JunitReportWriter();
            case "html" -> new HtmlReportWriter();
            case "markdown" -> new dev.abilint.report.MarkdownReportWriter();
            default -> new TextReportWriter(color, listBinaries);
        };
    }

    private int rules(CommandLine line) throws IOException {
        List<RuleInfo> rows = RuleCatalogue.get().all();
        if ("json".equals(line.getOptionValue("format"))) {
            Writer stdout = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            new com.fasterxml.jackson.databind.ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(stdout, rows);
            stdout.write(System.lineSeparator());
            stdout.flush();
            return ExitCode.OK;
        }
        for (RuleInfo row : rows) {
            out.printf("%-40s %-8s %-10s %s%n", row.id(), row.severity().id(), row.family(), row.title());
        }
        out.println();
        out.println("abilint explain RULE-ID prints a rule's page.");
        return ExitCode.OK;
    }

    private int explain(CommandLine line) throws UsageException {
        List<String> ids = line.getArgList();
        if (ids.size() != 1) {
            throw new UsageException("explain takes one rule id, e.g. abilint explain linux-exec-stack");
        }
        String id = ids.get(0);
        String page = RuleCatalogue.get().page(id);
        if (page == null || RuleCatalogue.get().find(id) == null) {
            throw new UsageException("no rule '" + id + "' (abilint rules lists them)");
        }
        out.print(page);
        return ExitCode.OK;
    }

    static String version() {
        try (InputStream in = Cli.class.getResourceAsStream("/dev/abilint/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** All rules known to the engine; used by tests to check catalogue and code agree. */
    public static List<Rule> allRules() {
        return AllRules.all();
    }
}
