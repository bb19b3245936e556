package dev.abilint.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.abilint.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Runs the command line in-process and keeps what it printed, as a user's shell would see it. */
public record CliRun(int exitCode, String stdout, String stderr) {

    public static CliRun of(String... args) {
        return withStdin(new byte[0], args);
    }

    /** Runs with {@code stdin} as standard input, as {@code ... | abilint scan -} would. */
    public static CliRun withStdin(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new java.io.ByteArrayInputStream(stdin), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The JSON report printed on stdout, checked against the published schema first. */
    public JsonNode json() {
        try {
            JsonNode node = new ObjectMapper().readTree(stdout);
            ReportSchema.assertValid(node);
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException("stdout is not JSON: " + stdout, e);
        }
    }
}
