package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/** Everything read from the inputs, in a stable order: what rules judge and inspect prints. */
public record Analysis(List<String> inputs, List<Artifact> artifacts, List<Binary> binaries,
        List<JavaClass> javaClasses, @JsonIgnore List<ReadFailure> failures) {}
