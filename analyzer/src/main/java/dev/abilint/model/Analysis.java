package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;

/**
 * Everything read from the inputs, in a stable order: what rules judge and inspect prints.
 *
 * @param pythonSources Python files inside the artifacts that declare native functions (cffi, ctypes)
 */
public record Analysis(List<String> inputs, List<Artifact> artifacts, List<Binary> binaries,
        List<JavaClass> javaClasses, @JsonIgnore List<ReadFailure> failures,
        @JsonIgnore List<PythonSource> pythonSources) {

    public Analysis(List<String> inputs, List<Artifact> artifacts, List<Binary> binaries, List<JavaClass> javaClasses,
            List<ReadFailure> failures) {
        this(inputs, artifacts, binaries, javaClasses, failures, List.of());
    }
}
