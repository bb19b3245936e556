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
 * @param loadedLibraries string constants passed to System.loadLibrary / System.load / Runtime.load(Library)
 *     / JNA Native.load(Library) / Native.register / NativeLibrary.getInstance / FFM SymbolLookup.libraryLookup
 * @param jnaLibrary whether this is an interface extending com.sun.jna.Library (or
 *     com.sun.jna.win32.StdCallLibrary) directly; {@code JnaLibraries.resolve} adds the indirect ones
 * @param jnaMethods for an interface that extends another interface, its abstract method names (the
 *     functions JNA binds when the interface turns out to be a JNA library; see {@code JnaLibraries})
 * @param ffmSymbols string constants passed to FFM SymbolLookup.find (and the incubator/preview lookup)
 * @param superInterfaces for an interface, the interfaces it extends (internal names); empty for a class
 * @param jnaRegisteredClasses classes (internal names) whose native methods this class binds with JNA
 *     direct mapping ({@code Native.register}): those are not JNI methods
 * @param loadLibraryNames the names among {@code loadedLibraries} passed to {@code System.loadLibrary} /
 *     {@code Runtime.loadLibrary} (JNI libraries found on {@code java.library.path})
 * @param unresolvedLoads how many library-loading calls of the class take a name that is not worked out
 *     (built at run time, a parameter): when no class of a jar has any, every library it loads is known
 */
@JsonPropertyOrder({"location", "name", "majorVersion", "nativeMethods", "loadedLibraries", "jnaLibrary",
    "jnaMethods", "ffmSymbols", "superInterfaces", "jnaRegisteredClasses", "loadLibraryNames", "unresolvedLoads"})
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record JavaClass(String location, String name, int majorVersion, List<NativeMethod> nativeMethods,
        List<String> loadedLibraries, boolean jnaLibrary, List<String> jnaMethods, List<String> ffmSymbols,
        List<String> superInterfaces, List<String> jnaRegisteredClasses, List<String> loadLibraryNames,
        int unresolvedLoads) {

    /** The ten-field form: no loadLibrary names told apart, every load resolved. */
    public JavaClass(String location, String name, int majorVersion, List<NativeMethod> nativeMethods,
            List<String> loadedLibraries, boolean jnaLibrary, List<String> jnaMethods, List<String> ffmSymbols,
            List<String> superInterfaces, List<String> jnaRegisteredClasses) {
        this(location, name, majorVersion, nativeMethods, loadedLibraries, jnaLibrary, jnaMethods, ffmSymbols,
                superInterfaces, jnaRegisteredClasses, List.of(), 0);
    }

    /** The original eight-field form: no super-interfaces, no JNA direct mapping. */
    public JavaClass(String location, String name, int majorVersion, List<NativeMethod> nativeMethods,
            List<String> loadedLibraries, boolean jnaLibrary, List<String> jnaMethods, List<String> ffmSymbols) {
        this(location, name, majorVersion, nativeMethods, loadedLibraries, jnaLibrary, jnaMethods, ffmSymbols,
                List.of(), List.of(), List.of(), 0);
    }

    /** A {@code native} method: owner's internal name, method name, descriptor, static or not. */
    @JsonPropertyOrder({"owner", "name", "descriptor", "isStatic"})
    public record NativeMethod(String owner, String name, String descriptor, boolean isStatic) {}
}
