package dev.abilint.cli;

/** Entry point: {@code abilint <command> [options] PATH...}. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        int code = new Cli(System.out, System.err).run(args);
        System.out.flush();
        System.exit(code);
    }
}
