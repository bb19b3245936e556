package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a binary runs: operating system ({@code linux}, {@code macos}, {@code windows},
 * {@code android}, {@code freebsd}...), architecture in abilint's names ({@code x86_64},
 * {@code aarch64}, {@code i686}, {@code armv7}, {@code ppc64le}, {@code s390x}, {@code riscv64},
 * {@code arm64e}...) and, on Linux, the C library ({@code glibc}, {@code musl}, {@code bionic});
 * null where it is not known.
 */
@JsonPropertyOrder({"os", "arch", "libc"})
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Platform(String os, String arch, String libc) {

    /** A compact label such as {@code linux-x86_64-glibc} or {@code macos-arm64}. */
    public String label() {
        StringBuilder out = new StringBuilder(os == null ? "unknown" : os);
        out.append('-').append(arch == null ? "unknown" : arch);
        if (libc != null) {
            out.append('-').append(libc);
        }
        return out.toString();
    }
}
