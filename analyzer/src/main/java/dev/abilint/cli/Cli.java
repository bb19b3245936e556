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
            case "rules" -> {
                return rules(parse(CommandOptions.rules(), rest, command));
            }
            case "explain" -> {
                return explain(parse(CommandOptions.explain(), rest, command));
            }
            default -> throw new UsageException("unknown command '" + command
                    + "' (commands: scan, inspect, rules, explain; see abilint --help)");
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
        Analyzer analyzer = new Analyzer();
        List<String> inputs = resolve(settings, analyzer);
        Progress progress = new Progress(err, Progress.interactive());
        StandardInput spooled = null;
        try {
            if (settings.paths().contains(StandardInput.ARGUMENT)) {
                spooled = StandardInput.spool(stdin, settings.stdinName());
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
    private List<String> resolve(ScanSettings settings, Analyzer analyzer) throws InputException {
        if (settings.paths().stream().noneMatch(InputResolver::isCoordinate)) {
            return settings.paths();
        }
        ScanSettings.Remote remote = settings.remote();
        RemoteSettings where = RemoteSettings.of(System.getenv(), remote.offline(), remote.indexUrl(),
                remote.mavenSettings() == null ? null : Path.of(remote.mavenSettings()), err);
        List<String> inputs = InputResolver.register(InputResolver.resolve(settings.paths(), where), analyzer);
        timings.phase("resolve");
        return inputs;
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
