package dev.abilint.cli;

/** Help texts, with examples. */
final class Help {
    static final String GENERAL = """
            abilint: compatibility checker and ABI linter for native code inside packages

            usage: abilint <command> [options] PATH...

            commands:
              scan      run the rules and print findings (exit 1 when any is at or above --fail-on)
              inspect   print what was read from each binary, without judging it
              diff      what a release breaks against the previous one: abilint diff OLD NEW
              rules     list the rules
              explain   print a rule's page: why it matters, an example, how to fix it

            PATH is a binary (ELF, Mach-O thin or fat, PE/COFF), a wheel, jar, war, aar, zip, egg,
            zipapp or sdist (archives inside archives are followed), a directory searched for them,
            or - for one artifact read from standard input. A PATH may also be coordinates, downloaded
            into a cache (~/.cache/abilint, $ABILINT_CACHE) with their hashes verified:
              maven:GROUP:ARTIFACT:VERSION[:CLASSIFIER]   (:* for every classifier of the release)
              pypi:NAME==VERSION                          (every wheel and sdist of the release)

            examples:
              abilint scan build/lib/_speedups.so
              abilint scan --format json --output report.json dist/
              abilint scan --fail-on warning native/
              abilint scan --format sarif --output abilint.sarif dist/*.whl
              abilint scan --report sarif=abilint.sarif --report junit=abilint.xml --report html=abilint.html dist/
              curl -sL URL | abilint scan --name pkg-1.0-cp39-abi3-manylinux_2_17_x86_64.whl -
              abilint scan --platforms linux-x86_64,linux-aarch64,macos-arm64,windows-x86_64 --glibc 2.17 lib.jar
              abilint scan --write-baseline abilint-baseline.json dist/   (then --baseline abilint-baseline.json)
              abilint scan maven:org.xerial:sqlite-jdbc:3.46.0.0:*
              abilint scan --format markdown pypi:numpy==2.1.0 >> "$GITHUB_STEP_SUMMARY"
              abilint inspect --format json libfoo.so
              abilint explain linux-exec-stack

            exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
                        2 usage error, unreadable input or a report that cannot be written,
                        3 internal error (a bug: please report it) or the launcher cannot start Java;
                        130/143 interrupted (Ctrl-C, SIGTERM)

            abilint help COMMAND shows a command's options; abilint --version prints the version.
            """;

    private Help() {}

    static String forCommand(String command) {
        return switch (command) {
            case "scan" -> """
                    usage: abilint scan [options] PATH...
                      --format FORMAT        text (default), json, sarif, junit, html or markdown
                      --output FILE          write the report to FILE instead of stdout: a file is replaced
                                             atomically (links followed, mode kept); a device or FIFO is
                                             written directly; - is stdout
                      --report FORMAT=PATH   also write the report in FORMAT to PATH (repeatable): one scan,
                                             several reports, e.g. --report sarif=a.sarif --report html=a.html
                      --name FILE-NAME       file name of the artifact read from standard input (PATH -),
                                             so that a wheel's tags apply
                      --fail-on LEVEL        error (default), warning, note or never
                      --config FILE          settings file (default: abilint.toml or [tool.abilint] in
                                             pyproject.toml, searched from the first PATH upwards)
                      --baseline FILE        report only findings not in this baseline; list fixed ones
                      --write-baseline FILE  record the current findings as a baseline
                      --python VERSION       target CPython version, e.g. 3.10 (3.13t: free-threaded)
                      --manylinux POLICY     policy for loose Linux binaries, e.g. 2_17 (wheels use their tags)
                      --macos VERSION        target minimum macOS version, e.g. 11.0
                      --java RELEASE         target Java release, e.g. 17
                      --glibc VERSION        highest glibc the natives may need, e.g. 2.17
                      --platforms LIST       platforms that must be shipped, e.g. linux-x86_64,macos-arm64
                      --declared FILE        header, .def, cffi/ctypes .py or symbol list the natives must
                                             export (repeatable)
                      --offline              maven:/pypi: inputs from the cache (and ~/.m2) only
                      --index-url URL        simple index for pypi: inputs (default https://pypi.org/simple/)
                      --maven-settings FILE  settings.xml for maven: inputs (default ~/.m2/settings.xml:
                                             its mirror of central and its localRepository)
                      --debug                print stack traces of internal errors
                      --timings              print how long each phase took (read, rules, report) on stderr

                    example: abilint scan --format json --output report.json dist/
                             abilint scan maven:org.xerial:sqlite-jdbc:3.46.0.0
                    """;
            case "inspect" -> """
                    usage: abilint inspect [options] PATH...
                      --format FORMAT   text (default) or json (the same JSON as scan, findings only for unreadable files)
                      --output FILE     write the listing to FILE instead of stdout
                      --offline, --index-url URL, --maven-settings FILE   for maven:/pypi: inputs, as in scan
                      --timings         print how long each phase took on stderr

                    example: abilint inspect --format json libfoo.so
                    """;
            case "diff" -> """
                    usage: abilint diff [options] OLD NEW
                      OLD and NEW are each a wheel, jar, binary or directory (a wheelhouse, dist/): the
                      artifacts are paired by project name and tags, binaries by role and platform.
                      Reports removed exports and platforms, raised floors (glibc, macOS, manylinux,
                      abi3, Java, Requires-Python), new dependencies; breaking changes first.
                      --format, --output, --report, --fail-on, --baseline, --write-baseline, --config
                      and the target options work as in scan; [[accept]] in the config accepts a
                      deliberate change (a dropped platform, a raised floor) by name, with a justification.

                    example: abilint diff dist-1.4/ dist/
                             abilint diff --format html --output diff.html foo-1.4.jar foo-1.5.jar
                    """;
            case "rules" -> """
                    usage: abilint rules [--format text|json]
                    """;
            case "explain" -> """
                    usage: abilint explain RULE-ID

                    example: abilint explain linux-exec-stack
                    """;
            default -> GENERAL;
        };
    }
}
