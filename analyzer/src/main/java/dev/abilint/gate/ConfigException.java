package dev.abilint.gate;

/** A configuration or baseline file that cannot be used: a usage error (exit 2) with one clear line. */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
