package dev.abilint.artifact;

import dev.abilint.model.Artifact;
import dev.abilint.model.JavaClass;
import dev.abilint.model.ReadFailure;
import java.util.ArrayList;
import java.util.List;

/**
 * What the walker found: the artifacts, in input order (a nested archive right after the archive
 * that holds it), the members to read, in a stable order, the class files it read on the way, and
 * what could not be read.
 */
public final class Walk {
    private final List<Artifact> artifacts = new ArrayList<>();
    private final List<Member> members = new ArrayList<>();
    private final List<WalkProblem> problems = new ArrayList<>();
    private final List<JavaClass> javaClasses = new ArrayList<>();
    private final List<dev.abilint.model.PythonSource> pythonSources = new ArrayList<>();
    private final List<ReadFailure> failures = new ArrayList<>();

    public List<Artifact> artifacts() {
        return artifacts;
    }

    /** Receives each member as the walker finds it, with the bytes it holds in memory (0 when mapped). */
    @FunctionalInterface
    public interface MemberSink {
        void accept(Member member, long heldBytes);
    }

    private MemberSink sink;

    /** Members go to this sink as they are found instead of being collected in {@link #members()}. */
    void sendMembersTo(MemberSink target) {
        this.sink = target;
    }

    /** A member found by the walker: handed to the sink at once, or kept for {@link #members()}. */
    void addMember(Member member, long heldBytes) {
        if (sink != null) {
            sink.accept(member, heldBytes);
        } else {
            members.add(member);
        }
    }

    public List<Member> members() {
        return members;
    }

    /** Files inside an input that could not be read or were refused (too big, unreadable). */
    public List<WalkProblem> problems() {
        return problems;
    }

    /** Class files read while walking (they are small and read on the spot), in walk order. */
    public List<JavaClass> javaClasses() {
        return javaClasses;
    }

    /** Python files inside archives that declare native functions (cffi cdef, ctypes CDLL). */
    public List<dev.abilint.model.PythonSource> pythonSources() {
        return pythonSources;
    }

    /** Archives and class files that could not be read (corrupt, truncated): parse-error findings. */
    public List<ReadFailure> failures() {
        return failures;
    }

    /** A member that could not be read: a finding for that member; the walk goes on. */
    public record WalkProblem(String location, String reason) {}
}
