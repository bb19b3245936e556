package dev.abilint.rule;

import java.util.List;

/**
 * What the user targets, from options or config: null where not set, and rules then judge by what
 * the artifact itself claims (its wheel tags, the platforms it ships).
 *
 * @param python CPython version such as {@code 3.10}
 * @param manylinux manylinux policy such as {@code 2_17}
 * @param macos minimum macOS version such as {@code 11.0}
 * @param java Java feature release such as {@code 17}
 * @param platforms platforms such as {@code linux-x86_64}, {@code macos-arm64}
 * @param glibc highest glibc version allowed, such as {@code 2.17}
 * @param declared files that declare what the natives must export ({@code --declared}): C headers
 *     ({@code .h}, {@code .hpp}), module-definition files ({@code .def}), Python cffi/ctypes sources
 *     ({@code .py}) and plain symbol lists (anything else); paths as the user gave them
 * @param provided globs of library names that something outside the package supplies (the GPU driver's
 *     {@code libcuda.so.1}): the not-bundled rules accept them and say so in a note
 */
public record Targets(String python, String manylinux, String macos, String java, List<String> platforms,
        String glibc, List<String> declared, List<String> provided) {

    /** The seven-field form, with nothing declared provided. */
    public Targets(String python, String manylinux, String macos, String java, List<String> platforms,
            String glibc, List<String> declared) {
        this(python, manylinux, macos, java, platforms, glibc, declared, List.of());
    }

    /** The six-field form, without declaration files. */
    public Targets(String python, String manylinux, String macos, String java, List<String> platforms,
            String glibc) {
        this(python, manylinux, macos, java, platforms, glibc, List.of(), List.of());
    }

    public static Targets none() {
        return new Targets(null, null, null, null, List.of(), null, List.of(), List.of());
    }
}
