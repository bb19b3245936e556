package dev.abilint.maven;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abilint.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code abilint:check}: scans the project's built artifacts (the main one and the attached ones), the
 * {@code paths} given, and with {@code includeDependencies} the runtime dependencies' jars that carry native
 * libraries; writes the reports to {@code outputDirectory}, prints each finding on one line of the log, and
 * fails the build when a finding is at or above {@code failOn}. It runs abilint's own command line in-process:
 * the same rules, config, baseline and exit codes as {@code abilint scan}.
 */
@Mojo(name = "check", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class CheckMojo extends AbstractMojo {
    private static final Map<String, String> EXTENSIONS = Map.of("json", "abilint.json", "sarif", "abilint.sarif",
            "junit", "abilint-junit.xml", "html", "abilint.html", "markdown", "abilint.md", "text", "abilint.txt");

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    /** Skip the check. */
    @Parameter(property = "abilint.skip", defaultValue = "false")
    private boolean skip;

    /** Fail the build on a finding at or above: error, warning, note or never. */
    @Parameter(property = "abilint.failOn", defaultValue = "error")
    private String failOn;

    /** Reports written to outputDirectory besides abilint.json: json, sarif, junit, html, markdown, text. */
    @Parameter(property = "abilint.formats", defaultValue = "json,sarif")
    private List<String> formats;

    @Parameter(property = "abilint.outputDirectory", defaultValue = "${project.build.directory}/abilint")
    private File outputDirectory;

    /** An abilint.toml or pyproject.toml; default: the one found from the project's directory upwards. */
    @Parameter(property = "abilint.config")
    private File config;

    /** A baseline written by abilint scan --write-baseline: only new findings count. */
    @Parameter(property = "abilint.baseline")
    private File baseline;

    /** Also scan the runtime dependencies' jars that carry native libraries. */
    @Parameter(property = "abilint.includeDependencies", defaultValue = "false")
    private boolean includeDependencies;

    /** More files or directories to scan. */
    @Parameter
    private List<File> paths;

    /** Extra command-line options of abilint scan, e.g. --platforms linux-x86_64,macos-arm64. */
    @Parameter
    private List<String> options;

    @Parameter(defaultValue = "${settings.localRepository}", readonly = true)
    private String localRepository;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("abilint: skipped");
            return;
        }
        List<String> inputs = inputs();
        if (inputs.isEmpty()) {
            getLog().info("abilint: nothing to scan (no artifact built yet, no paths given)");
            return;
        }
        Path out = outputDirectory.toPath();
        Path json = out.resolve("abilint.json");
        List<String> args = new ArrayList<>(List.of("scan", "--format", "json", "--output", json.toString(),
                "--fail-on", failOn.trim().toLowerCase(Locale.ROOT)));
        Set<String> seen = new LinkedHashSet<>();
        for (String format : formats == null ? List.<String>of() : formats) {
            String f = format.trim().toLowerCase(Locale.ROOT);
            if (f.isEmpty() || f.equals("json") || !seen.add(f)) {
                continue;
            }
            String name = EXTENSIONS.get(f);
            if (name == null) {
                throw new MojoExecutionException("abilint: unknown format '" + format
                        + "' (formats: json, sarif, junit, html, markdown, text)");
            }
            args.add("--report");
            args.add(f + "=" + out.resolve(name));
        }
        if (config != null) {
            args.add("--config");
            args.add(config.getPath());
        }
        if (baseline != null) {
            args.add("--baseline");
            args.add(baseline.getPath());
        }
        Path settings = null;
        if (inputs.stream().anyMatch(i -> i.startsWith("maven:"))) {
            settings = localSettings(out);
            args.addAll(List.of("--offline", "--maven-settings", settings.toString()));
        }
        if (options != null) {
            args.addAll(options);
        }
        args.addAll(inputs);
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new MojoExecutionException("abilint: cannot create " + out + ": " + e.getMessage(), e);
        }
        getLog().debug("abilint " + String.join(" ", args));
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int code = new Cli(new PrintStream(stdout, true, StandardCharsets.UTF_8),
                new PrintStream(stderr, true, StandardCharsets.UTF_8)).run(args.toArray(String[]::new));
        String errors = stderr.toString(StandardCharsets.UTF_8).strip();
        if (code >= 2) {
            throw new MojoExecutionException(errors.isEmpty() ? "abilint failed with exit code " + code : errors);
        }
        if (!errors.isEmpty()) {
            errors.lines().forEach(getLog()::warn);
        }
        JsonNode report;
        try {
            report = new ObjectMapper().readTree(json.toFile());
        } catch (IOException e) {
            throw new MojoExecutionException("abilint: cannot read its report " + json + ": " + e.getMessage(), e);
        }
        String first = null;
        for (JsonNode finding : report.path("findings")) {
            String line = "abilint: " + finding.path("severity").asText() + " " + finding.path("ruleId").asText() + " "
                    + finding.path("location").asText() + ": " + finding.path("message").asText();
            line = line.replaceAll("\\p{Cntrl}", "?");
            switch (finding.path("severity").asText()) {
                case "error" -> getLog().error(line);
                case "warning" -> getLog().warn(line);
                default -> getLog().info(line);
            }
            if (first == null && code == 1 && atLeast(finding.path("severity").asText(), failOn)) {
                first = finding.path("ruleId").asText() + " in " + finding.path("location").asText();
            }
        }
        JsonNode s = report.path("summary");
        String summary = s.path("binaries").asInt() + " binaries in " + s.path("artifacts").asInt() + " artifacts: "
                + s.path("errors").asInt() + " errors, " + s.path("warnings").asInt() + " warnings, "
                + s.path("notes").asInt() + " notes; reports in " + out;
        getLog().info("abilint: " + summary);
        if (code == 1) {
            throw new MojoFailureException("abilint: findings at or above " + failOn + " (" + first + "; " + summary
                    + "). Fix them, suppress them in abilint.toml, or set failOn.");
        }
    }

    private static boolean atLeast(String severity, String failOn) {
        List<String> order = List.of("note", "warning", "error");
        int s = order.indexOf(severity);
        int f = order.indexOf(failOn.trim().toLowerCase(Locale.ROOT));
        return s >= 0 && f >= 0 && s >= f;
    }

    /** The project's built files, the configured paths, and the dependencies that carry natives. */
    private List<String> inputs() throws MojoExecutionException {
        List<String> out = new ArrayList<>();
        List<Artifact> built = new ArrayList<>();
        built.add(project.getArtifact());
        built.addAll(project.getAttachedArtifacts());
        for (Artifact a : built) {
            File file = a == null ? null : a.getFile();
            if (file != null && file.isFile() && !file.getName().endsWith(".pom")) {
                out.add(shown(file));
            }
        }
        if (paths != null) {
            for (File p : paths) {
                if (!p.exists()) {
                    throw new MojoExecutionException("abilint: the path " + p + " does not exist");
                }
                out.add(shown(p));
            }
        }
        if (includeDependencies) {
            Path local = localRepository == null ? null : Path.of(localRepository).toAbsolutePath().normalize();
            for (Artifact a : project.getArtifacts()) {
                File file = a.getFile();
                if (file == null || !file.isFile() || !carriesNatives(file)) {
                    continue;
                }
                boolean inLocal = local != null && file.toPath().toAbsolutePath().normalize().startsWith(local);
                // named by its coordinates when it is in the local repository (resolved from there, offline)
                out.add(inLocal ? "maven:" + a.getGroupId() + ":" + a.getArtifactId() + ":" + a.getBaseVersion()
                        + (a.getClassifier() == null || a.getClassifier().isEmpty() ? "" : ":" + a.getClassifier())
                        + ("jar".equals(a.getType()) || a.getType() == null ? "" : "@" + a.getArtifactHandler()
                        .getExtension()) : shown(file));
            }
        }
        return out;
    }

    /**
     * A file as reports show it: relative to the directory Maven runs in when it is below it
     * ({@code target/app-1.0.jar}, {@code module/target/app-1.0.jar}), else absolute.
     */
    static String shown(File file) {
        Path cwd = Path.of("").toAbsolutePath().normalize();
        Path absolute = file.toPath().toAbsolutePath().normalize();
        return absolute.startsWith(cwd) && !absolute.equals(cwd) ? cwd.relativize(absolute).toString()
                : absolute.toString();
    }

    /** Whether a jar holds a file named like a native library (.so, .dll, .dylib, .jnilib). */
    static boolean carriesNatives(File jar) {
        try (ZipFile zip = new ZipFile(jar)) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            for (int i = 0; entries.hasMoreElements() && i < 1_000_000; i++) {
                String name = entries.nextElement().getName().toLowerCase(Locale.ROOT);
                if (name.endsWith(".so") || name.contains(".so.") || name.endsWith(".dll") || name.endsWith(".dylib")
                        || name.endsWith(".jnilib")) {
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            return true; // let abilint say what is wrong with it
        }
    }

    /** A settings.xml naming this build's local repository, so that dependencies resolve from it offline. */
    private Path localSettings(Path out) throws MojoExecutionException {
        Path settings = out.resolve("maven-settings.xml");
        String xml = "<settings><localRepository>" + localRepository.replace("&", "&amp;").replace("<", "&lt;")
                + "</localRepository></settings>\n";
        try {
            Files.createDirectories(out);
            Files.writeString(settings, xml);
        } catch (IOException e) {
            throw new MojoExecutionException("abilint: cannot write " + settings + ": " + e.getMessage(), e);
        }
        return settings;
    }
}
