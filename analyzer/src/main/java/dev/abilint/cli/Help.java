package dev.abilint.cli;

/** Help texts, with examples. */
final class Help {
    static final String GENERAL = """
            abilint: compatibility checker and ABI linter for native code inside packages

            usage: abilint <command> [options] PATH...

            commands:
              scan      run the rules and print findings (exit 1 when any is at or above --fail-on)
              inspect   print what was read from each binary, without judging it
              rules     list the rules
              explain   print a rule's page: why it matters, an example, how to fix it

            PATH is an ELF shared library or executable, or a directory searched for them.

            examples:
              abilint scan build/lib/_speedups.so
              abilint scan --format json --output report.json dist/
              abilint scan --fail-on warning native/
              abilint inspect --format json libfoo.so
              abilint explain linux-exec-stack

            exit codes: 0 nothing at or above --fail-on, 1 findings at or above it,
                        2 usage error or unreadable input, 3 internal error (a bug: please report it)

            abilint help COMMAND shows a command's options; abilint --version prints the version.
            """;

    private Help() {}

    static String forCommand(String command) {
        return switch (command) {
            case "scan" -> """
                    usage: abilint scan [options] PATH...
                      --format FORMAT     text (default) or json
                      --output FILE       write the report to FILE (atomically) instead of stdout
                      --fail-on LEVEL     error (default), warning, note or never
                      --python VERSION    target CPython version, e.g. 3.10
                      --manylinux POLICY  target manylinux policy, e.g. 2_17
                      --macos VERSION     target minimum macOS version, e.g. 11.0
                      --java RELEASE      target Java release, e.g. 17
                      --glibc VERSION     highest glibc the natives may need, e.g. 2.17
                      --platforms LIST    platforms that must be shipped, e.g. linux-x86_64,macos-arm64
                      --declared FILE     header, .def, cffi/ctypes .py or symbol list the natives must
                                          export (repeatable)
                      --debug             print stack traces of internal errors

                    example: abilint scan --format json --output report.json dist/
                    """;
            case "inspect" -> """
                    usage: abilint inspect [options] PATH...
                      --format FORMAT   text (default) or json
                      --output FILE     write the listing to FILE instead of stdout

                    example: abilint inspect --format json libfoo.so
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
