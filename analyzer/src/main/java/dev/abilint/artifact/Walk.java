package dev.abilint.artifact;

import dev.abilint.model.Artifact;
import java.util.ArrayList;
import java.util.List;

/** What the walker found: the artifacts, in input order, and the members to read, in a stable order. */
public final class Walk {
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final List<WalkProblem> problems = new ArrayList<>();

    public List<Artifact> artifacts() {
        return artifacts;
    }

    public List<Member> members() {
        return members;
    }

    /** Files inside an input that could not be read or were refused (too big, unreadable). */
    public List<WalkProblem> problems() {
        return problems;
    }

    /** A member that could not be read: a finding for that member; the walk goes on. */
    public record WalkProblem(String location, String reason) {}
}
