package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A symbol that a binary imports or exports.
 *
 * @param name the C-level name (Mach-O's leading underscore removed)
 * @param rawName the name as stored, only where it differs from {@code name}
 * @param version ELF symbol version ({@code GLIBC_2.14}), never glued to the name
 * @param library the library the symbol binds to, where the format says it (ELF version
 *     requirement, Mach-O two-level namespace ordinal, PE import descriptor)
 * @param kind for exports: {@code function}, {@code object}, {@code tls}, {@code ifunc},
 *     {@code common}, {@code absolute}, {@code reexport}, {@code forwarder}, {@code other}
 * @param weak a weak import (may be missing at run time) or weak definition
 * @param hidden an ELF version that is not the default one ({@code name@VER}, not {@code @@})
 * @param ordinal a PE import or export ordinal, where one applies
 */
@JsonPropertyOrder({"name", "rawName", "version", "library", "kind", "weak", "hidden", "ordinal"})
@JsonInclude(JsonInclude.Include.NON_DEFAULT)
public record Symbol(
        String name,
        String rawName,
        String version,
        String library,
        String kind,
        boolean weak,
        boolean hidden,
        Integer ordinal) {

    /**
     * Names repeat across the binaries of a scan (every library imports memcpy@GLIBC_2.14; copies of
     * one jar repeat everything): shared, a large scan holds each string about once.
     */
    public Symbol {
        name = SharedStrings.share(name);
        rawName = SharedStrings.share(rawName);
        version = SharedStrings.share(version);
        library = SharedStrings.share(library);
    }

    public static Symbol imported(String name, String version, String library, boolean weak) {
        return new Symbol(name, null, version, library, null, weak, false, null);
    }

    public static Symbol exported(String name, String version, String kind, boolean hidden) {
        return new Symbol(name, null, version, null, kind, false, hidden, null);
    }

    /** {@code name@VER} or {@code name@@VER} as llvm-readobj prints it, or the bare name. */
    public String versionedName(boolean defaultVersion) {
        if (version == null) {
            return name;
        }
        return name + (defaultVersion && !hidden ? "@@" : "@") + version;
    }
}
