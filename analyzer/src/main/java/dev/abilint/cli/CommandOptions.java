package dev.abilint.cli;

import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The options of each command (commons-cli); dispatch between commands is ours. */
final class CommandOptions {
    private CommandOptions() {}

    static Options scan() {
        Options o = common();
        remote(o);
        o.addOption(valued("format", "FORMAT", "text (default), json, sarif, junit, html or markdown"));
        o.addOption(valued("output", "FILE", "write the report to FILE (atomically) instead of stdout"));
        o.addOption(valued("report", "FORMAT=PATH", "also write the report in FORMAT to PATH (repeatable), e.g. "
                + "--report sarif=abilint.sarif --report html=abilint.html"));
        o.addOption(valued("name", "FILE-NAME", "the file name of the artifact read from standard input (-), e.g. "
                + "pkg-1.0-cp39-abi3-manylinux_2_17_x86_64.whl, so that its tags apply"));
        o.addOption(valued("fail-on", "LEVEL", "exit 1 when a finding is at or above LEVEL: error (default), warning, note, never"));
        o.addOption(valued("baseline", "FILE", "report only findings not in this baseline, and list the fixed ones"));
        o.addOption(valued("write-baseline", "FILE", "record the current findings as the baseline in FILE"));
        o.addOption(valued("config", "FILE", "read settings from this abilint.toml or pyproject.toml"));
        o.addOption(valued("python", "VERSION", "target CPython version, e.g. 3.10"));
        o.addOption(valued("manylinux", "POLICY", "target manylinux policy, e.g. 2_17 or 2014"));
        o.addOption(valued("macos", "VERSION", "target minimum macOS version, e.g. 11.0"));
        o.addOption(valued("java", "RELEASE", "target Java release, e.g. 17"));
        o.addOption(valued("glibc", "VERSION", "highest glibc version the natives may need, e.g. 2.17"));
        o.addOption(valued("platforms", "LIST", "platforms that must be shipped, e.g. linux-x86_64,macos-arm64"));
        o.addOption(valued("declared", "FILE", "a header (.h), .def, cffi/ctypes .py or symbol list whose names the "
                + "natives must export; repeatable"));
        return o;
    }

    /** The options of scan, but standard input: a diff reads two releases. */
    static Options diff() {
        Options o = scan();
        return removed(o, "name");
    }

    private static Options removed(Options from, String name) {
        Options out = new Options();
        for (Option option : from.getOptions()) {
            if (!name.equals(option.getLongOpt())) {
                out.addOption(option);
            }
        }
        return out;
    }

    static Options inspect() {
        Options o = common();
        remote(o);
        o.addOption(valued("format", "FORMAT", "text (default) or json"));
        o.addOption(valued("output", "FILE", "write the listing to FILE instead of stdout"));
        o.addOption(valued("name", "FILE-NAME", "the file name of the artifact read from standard input (-)"));
        return o;
    }

    /** Where PATHs given as coordinates (maven:..., pypi:...) come from. */
    private static void remote(Options o) {
        o.addOption(Option.builder().longOpt("offline").desc("resolve maven:/pypi: inputs from the cache (and the "
                + "local Maven repository) only, never the network").get());
        o.addOption(valued("index-url", "URL", "the simple index for pypi: inputs (default https://pypi.org/simple/)"));
        o.addOption(valued("maven-settings", "FILE", "the Maven settings.xml for maven: inputs (default "
                + "~/.m2/settings.xml: its mirror of central and localRepository)"));
    }

    static Options rules() {
        Options o = common();
        o.addOption(valued("format", "FORMAT", "text (default) or json"));
        return o;
    }

    static Options explain() {
        return common();
    }

    private static Options common() {
        Options o = new Options();
        o.addOption(Option.builder().longOpt("debug").desc("print stack traces of internal errors").get());
        o.addOption(Option.builder().longOpt("timings").desc("print how long each phase took, on stderr").get());
        o.addOption(Option.builder("h").longOpt("help").desc("show this command's help").get());
        return o;
    }

    private static Option valued(String name, String arg, String description) {
        return Option.builder().longOpt(name).hasArg().argName(arg).desc(description).get();
    }
}
