package dev.abilint.format.classfile;

import dev.abilint.model.JavaClass.NativeMethod;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * JNI native method names, as in the JNI specification, "Resolving Native Method Names"
 * (https://docs.oracle.com/en/java/javase/17/docs/specs/jni/design.html#resolving-native-method-names).
 *
 * <p>The short name is {@code Java_} + mangled class name + {@code _} + mangled method name; the long
 * name appends {@code __} + the mangled argument descriptor. Mangling keeps ASCII letters and digits,
 * writes {@code /} as {@code _}, {@code _} as {@code _1}, {@code ;} as {@code _2}, {@code [} as
 * {@code _3} and every other UTF-16 code unit as {@code _0xxxx} (four lowercase hex digits). A nested
 * class's {@code $} is therefore {@code _00024}.
 *
 * <p>Limits: names whose segments start with a digit 0-3 (impossible in javac output) mangle to
 * ambiguous names; newer HotSpot releases refuse to bind those, this class still produces the legacy
 * form. Static-library entry points ({@code JNI_OnLoad_lib}) are not method names and are not handled.
 */
public final class JniNames {
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private JniNames() {}

    /** A parsed {@code Java_...} export. */
    public record Demangled(String className, String methodName, String argDescriptor) {
        /**
         * @param className internal name, {@code a/b/C$D}
         * @param methodName method name
         * @param argDescriptor argument types without parentheses ({@code ILjava/lang/String;}), or null for
         *     a short name
         */
        public Demangled {}

        /** The binary name, {@code a.b.C$D}. */
        public String binaryName() {
            return className.replace('/', '.');
        }
    }

    /** Mangles one name or descriptor fragment (class internal name, method name, argument types). */
    public static String mangle(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                out.append(c);
            } else if (c == '/' || c == '.') {
                out.append('_');
            } else if (c == '_') {
                out.append("_1");
            } else if (c == ';') {
                out.append("_2");
            } else if (c == '[') {
                out.append("_3");
            } else {
                out.append("_0").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                        .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** {@code Java_<class>_<method>}; {@code className} is an internal ({@code a/b/C}) or binary name. */
    public static String shortName(String className, String methodName) {
        return "Java_" + mangle(className) + "_" + mangle(methodName);
    }

    /** {@code Java_<class>_<method>__<args>}; {@code descriptor} is a full method descriptor {@code (I)V}. */
    public static String longName(String className, String methodName, String descriptor) {
        return shortName(className, methodName) + "__" + mangle(argumentTypes(descriptor));
    }

    public static String shortName(NativeMethod m) {
        return shortName(m.owner(), m.name());
    }

    public static String longName(NativeMethod m) {
        return longName(m.owner(), m.name(), m.descriptor());
    }

    /**
     * The name {@code javac -h} writes for {@code m}: the long name when another native method of the same
     * class has the same name (an overload among natives), the short name otherwise. The JVM accepts both.
     */
    public static String javacName(NativeMethod m, Collection<NativeMethod> classNatives) {
        for (NativeMethod other : classNatives) {
            if (other != m && other.owner().equals(m.owner()) && other.name().equals(m.name())
                    && !other.descriptor().equals(m.descriptor())) {
                return longName(m);
            }
        }
        return shortName(m);
    }

    /** The argument part of a method descriptor: {@code (I[J)V} gives {@code I[J}. */
    public static String argumentTypes(String descriptor) {
        int open = descriptor.indexOf('(');
        int close = descriptor.indexOf(')');
        if (open != 0 || close < 0) {
            throw new IllegalArgumentException("not a method descriptor: " + descriptor);
        }
        return descriptor.substring(1, close);
    }

    /**
     * Whether the JVM would bind {@code m} to a library export named {@code export}: the short or the long
     * name, after removing platform decorations (a leading {@code _} as on 32-bit Windows/Mach-O raw names,
     * and a trailing {@code @N} stdcall suffix).
     */
    public static boolean matches(NativeMethod m, String export) {
        String name = undecorate(export);
        if (name == null) {
            return false;
        }
        String shortName = shortName(m);
        if (!name.startsWith(shortName)) {
            return false;
        }
        return name.length() == shortName.length() || name.equals(longName(m));
    }

    /**
     * Parses a JNI export name, or returns null when it is not one ({@code Java_} missing, no method part,
     * or an escape that cannot be decoded). Accepts the decorations that {@link #matches} removes.
     */
    public static Demangled demangle(String export) {
        String name = undecorate(export);
        if (name == null) {
            return null;
        }
        // Split into segments at unescaped '_' (one not starting an escape _0xxxx, _1, _2, _3). An empty
        // segment can only come from "__" followed by a separator or the end: the start of the arguments.
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = "Java_".length();
        int n = name.length();
        while (i < n) {
            char c = name.charAt(i);
            if (c != '_') {
                if (c > 0x7f) {
                    return null; // a mangled name is plain ASCII
                }
                current.append(c);
                i++;
                continue;
            }
            char next = i + 1 < n ? name.charAt(i + 1) : 0;
            switch (next) {
                case '1' -> { current.append('_'); i += 2; }
                case '2' -> { current.append(';'); i += 2; }
                case '3' -> { current.append('['); i += 2; }
                case '0' -> {
                    if (i + 6 > n) {
                        return null;
                    }
                    int value = 0;
                    for (int k = i + 2; k < i + 6; k++) {
                        char h = name.charAt(k);
                        int digit = (h >= '0' && h <= '9') ? h - '0' : (h >= 'a' && h <= 'f') ? h - 'a' + 10 : -1;
                        if (digit < 0) {
                            return null;
                        }
                        value = value * 16 + digit;
                    }
                    current.append((char) value);
                    i += 6;
                }
                default -> {
                    segments.add(current.toString());
                    current.setLength(0);
                    i++;
                }
            }
        }
        segments.add(current.toString());
        int empty = segments.indexOf("");
        int methodIndex = empty < 0 ? segments.size() - 1 : empty - 1;
        String args = null;
        if (empty >= 0) {
            List<String> argSegments = segments.subList(empty + 1, segments.size());
            if (argSegments.size() > 1 && argSegments.contains("")) {
                return null;
            }
            args = String.join("/", argSegments);
        }
        if (methodIndex < 1) {
            return null; // need at least one class segment and a method
        }
        return new Demangled(String.join("/", segments.subList(0, methodIndex)), segments.get(methodIndex), args);
    }

    /** Strips {@code _Java_...@12} decorations; null when the name does not start with {@code Java_}. */
    static String undecorate(String export) {
        if (export == null) {
            return null;
        }
        String name = export;
        if (name.startsWith("_Java_")) {
            name = name.substring(1);
        }
        int at = name.lastIndexOf('@');
        if (at > 0 && at < name.length() - 1 && name.substring(at + 1).chars().allMatch(Character::isDigit)) {
            name = name.substring(0, at);
        }
        return name.startsWith("Java_") ? name : null;
    }
}
