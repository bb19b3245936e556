package dev.abilint.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/**
 * What abilint reads from one class file (with ASM, never loading it): its version, its native
 * methods, and the native libraries and symbols it names.
 *
 * @param location where the class file is ({@code lib.jar!/org/x/Foo.class})
 * @param name internal name, {@code org/x/Foo$Inner}
 * @param majorVersion class file major version (61 = Java 17)
 * @param nativeMethods methods declared {@code native}
 * @param loadedLibraries string constants passed to System.loadLibrary / System.load / JNA Native.load
 *     / FFM SymbolLookup.libraryLookup
 * @param jnaLibrary whether this is an interface extending com.sun.jna.Library
 * @param jnaMethods for a JNA library interface, its method names
 * @param ffmSymbols string constants passed to FFM SymbolLookup.find
 */
@JsonPropertyOrder({"location", "name", "majorVersion", "nativeMethods", "loadedLibraries", "jnaLibrary",
    "jnaMethods", "ffmSymbols"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JavaClass(String location, String name, int majorVersion, List<NativeMethod> nativeMethods,
        List<String> loadedLibraries, boolean jnaLibrary, List<String> jnaMethods, List<String> ffmSymbols) {

    /** A {@code native} method: owner's internal name, method name, descriptor, static or not. */
    @JsonPropertyOrder({"owner", "name", "descriptor", "isStatic"})
    public record NativeMethod(String owner, String name, String descriptor, boolean isStatic) {}
}
