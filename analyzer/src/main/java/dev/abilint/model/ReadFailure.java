package dev.abilint.model;

/** A member that could not be read at all: malformed, truncated, unreadable or too big. */
public record ReadFailure(String location, String format, String reason, long offset) {}
