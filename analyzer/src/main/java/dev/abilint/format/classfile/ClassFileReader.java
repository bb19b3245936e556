package dev.abilint.format.classfile;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.JavaClass;
import dev.abilint.model.JavaClass.NativeMethod;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads a class file with ASM's {@link ClassReader}, never loading it: name, major version, native
 * methods, interfaces, and the string constants passed to the JNI/JNA/FFM library-loading and symbol
 * lookup calls.
 *
 * <p><b>How constants are found.</b> Each method body is read in order with a tiny model of the top of
 * the operand stack: a constant string pushed by {@code ldc} is remembered, other pushes (loads,
 * {@code getstatic}, {@code new}, class literals) are "unknown" values, stores and calls pop what they
 * consume and push an unknown result. At a call to a known sink the argument at the name position is
 * taken if it is a remembered string. The model is reset at every branch, branch target, switch and
 * any instruction it does not model, so it finds names only in straight-line code between two such
 * points. Also followed: {@code System.getProperty("key", "default")} (its default), a static field of the
 * class itself whose every assignment in the class is a known string ({@code static final String LIB =
 * System.getProperty("demo.lib", "demo")}, or a {@code ConstantValue}), and a path whose file name is a
 * constant ({@code Path.of("lib", "libdemo.so")}, {@code Paths.get(...)}, {@code dir.resolve("libdemo.so")},
 * {@code new File(dir, "libdemo.so")}, through {@code toAbsolutePath()}, {@code toString()} and the like),
 * kept as {@code .../libdemo.so} when its directory is not a constant. Limits: a name built at run time
 * ({@code "foo" + arch}), read from another class's non-constant field or a local variable, chosen by a
 * conditional ({@code a ? "x" : "y"}), or passed through a helper method is not found (such a call is counted
 * in {@code unresolvedLoads}); a sink reached through a subclass or a method handle is not recognised. Nothing
 * found is never guessed.
 */
public final class ClassFileReader {
    /** At most this many library or symbol names are kept per class. */
    static final int MAX_NAMES = 4096;

    private static final String STRING = "Ljava/lang/String;";
    private static final String FIELD_TYPE = "\\[*(?:[BCDFIJSZ]|L[^;\\[.]+;)";
    /** A well-formed method descriptor (JVMS 4.3.3), so that JNI long names can be built from it. */
    static final Pattern METHOD_DESCRIPTOR = Pattern.compile("\\((?:" + FIELD_TYPE + ")*\\)(?:V|" + FIELD_TYPE + ")");
    private static final Set<String> JNA_LIBRARY_INTERFACES =
            Set.of("com/sun/jna/Library", "com/sun/jna/win32/StdCallLibrary");

    public JavaClass read(String location, Bytes data) throws MalformedBinaryException {
        ClassFileStructure.check(data);
        byte[] bytes = data.bytes(0, data.size());
        int major = ((bytes[6] & 0xff) << 8) | (bytes[7] & 0xff);
        Collector collector = new Collector();
        try {
            ClassReader reader;
            try {
                reader = new ClassReader(bytes);
            } catch (IllegalArgumentException e) {
                if (e.getMessage() == null || !e.getMessage().startsWith("Unsupported class file major version")) {
                    throw e;
                }
                // A newer class file than this ASM knows: read it as a Java 17 one, report the real version.
                bytes[6] = 0;
                bytes[7] = (byte) Opcodes.V17;
                reader = new ClassReader(bytes);
            }
            int skip = ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES;
            reader.accept(collector, mayCallLoaders(bytes) ? skip : skip | ClassReader.SKIP_CODE);
        } catch (RuntimeException e) {
            // ASM reports a malformed class file with unchecked exceptions (index out of bounds,
            // IllegalArgumentException, NegativeArraySizeException, ...).
            throw new MalformedBinaryException("malformed class file: " + describe(e), -1);
        } catch (StackOverflowError e) {
            throw new MalformedBinaryException("malformed class file: nesting too deep", -1);
        }
        return collector.result(location, major);
    }

    /**
     * The classes whose calls the code is read for (see {@code ConstantTracker#sink}), as they stand in
     * the constant pool: a class that calls one of them names it there in plain ASCII, so a class whose
     * bytes hold none of these is read without its code (most classes of a jar; several times faster).
     */
    private static final byte[][] LOADER_OWNERS = {
        ascii("java/lang/System"), ascii("java/lang/Runtime"), ascii("com/sun/jna/Native"), ascii("/foreign/SymbolLookup"),
    };

    private static byte[] ascii(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    static boolean mayCallLoaders(byte[] bytes) {
        for (byte[] owner : LOADER_OWNERS) {
            if (indexOf(bytes, owner) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        byte first = needle[0];
        int last = haystack.length - needle.length;
        outer:
        for (int i = 0; i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int k = 1; k < needle.length; k++) {
                if (haystack[i + k] != needle[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String describe(RuntimeException e) {
        String message = e.getMessage();
        String kind = e.getClass().getSimpleName();
        if (message == null) {
            return kind;
        }
        return kind + " (" + (message.length() > 200 ? message.substring(0, 200) + "..." : message) + ")";
    }

    /** What a recognised call does with its string argument. */
    private enum Sink { LIBRARY, SYMBOL, JNA_REGISTER }

    private static final class Collector extends ClassVisitor {
        String name;
        boolean isInterface;
        List<String> interfaces = List.of();
        final List<NativeMethod> natives = new ArrayList<>();
        final List<String> abstractMethods = new ArrayList<>();
        final Set<String> libraries = new LinkedHashSet<>();
        final Set<String> symbols = new LinkedHashSet<>();
        final Set<String> registered = new LinkedHashSet<>();
        final Set<String> loadLibraryNames = new LinkedHashSet<>();
        /** Own static String fields: every known value assigned; null once an unknown value is. */
        final java.util.Map<String, Set<String>> fieldValues = new java.util.HashMap<>();
        /** Own static fields passed to a library-loading call, and whether that call was loadLibrary. */
        final java.util.Map<String, Boolean> pendingFields = new java.util.LinkedHashMap<>();
        int unresolvedLoads;

        Collector() {
            super(Opcodes.ASM9);
        }

        @Override
        public void visit(int version, int access, String name, String signature, String superName,
                String[] interfaces) {
            this.name = require(name, "class name");
            this.isInterface = (access & Opcodes.ACC_INTERFACE) != 0;
            List<String> names = new ArrayList<>();
            for (String i : interfaces == null ? new String[0] : interfaces) {
                names.add(require(i, "interface name"));
            }
            this.interfaces = List.copyOf(names);
        }

        @Override
        public org.objectweb.asm.FieldVisitor visitField(int access, String fieldName, String descriptor, String signature,
                Object value) {
            if ((access & Opcodes.ACC_STATIC) != 0 && STRING.equals(descriptor) && fieldName != null) {
                if (value instanceof String constant) {
                    fieldValue(fieldName, constant);
                }
            }
            return null;
        }

        /** A static String field of this class is assigned {@code value} (null: something unknown). */
        void fieldValue(String field, String value) {
            if (fieldValues.size() >= MAX_NAMES && !fieldValues.containsKey(field)) {
                return;
            }
            if (fieldValues.containsKey(field) && fieldValues.get(field) == null) {
                return; // already assigned something unknown
            }
            Set<String> values = fieldValues.computeIfAbsent(field, k -> new LinkedHashSet<>());
            if (value == null || values.size() >= 16) {
                fieldValues.put(field, null);
            } else {
                values.add(value);
            }
        }

        @Override
        public MethodVisitor visitMethod(int access, String methodName, String descriptor, String signature,
                String[] exceptions) {
            boolean isStatic = (access & Opcodes.ACC_STATIC) != 0;
            require(methodName, "method name");
            require(descriptor, "method descriptor");
            if ((access & Opcodes.ACC_NATIVE) != 0) {
                if (!METHOD_DESCRIPTOR.matcher(descriptor).matches()) {
                    throw new IllegalArgumentException("invalid descriptor of native method " + methodName);
                }
                natives.add(new NativeMethod(name, methodName, descriptor, isStatic));
            }
            if (isInterface && (access & Opcodes.ACC_ABSTRACT) != 0 && !isStatic) {
                abstractMethods.add(methodName);
            }
            if ((access & (Opcodes.ACC_NATIVE | Opcodes.ACC_ABSTRACT)) != 0) {
                return null; // no code
            }
            return new ConstantTracker(this);
        }

        /** ASM gives null for a constant pool index 0; that is a malformed file here. */
        private static String require(String value, String what) {
            if (value == null) {
                throw new IllegalArgumentException(what + " missing (constant pool index 0)");
            }
            return value;
        }

        void add(Set<String> target, String value) {
            if (target.size() < MAX_NAMES) {
                target.add(value);
            }
        }

        JavaClass result(String location, int major) {
            pendingFields.forEach((field, loadLibrary) -> {
                Set<String> values = fieldValues.get(field);
                if (values == null || values.isEmpty()) {
                    unresolvedLoads++;
                    return;
                }
                for (String v : values) {
                    add(libraries, v);
                    if (loadLibrary) {
                        add(loadLibraryNames, v);
                    }
                }
            });
            boolean jnaDirect = isInterface && interfaces.stream().anyMatch(JNA_LIBRARY_INTERFACES::contains);
            List<String> jnaMethods = isInterface && !interfaces.isEmpty() ? List.copyOf(abstractMethods) : List.of();
            return new JavaClass(location, name, major, List.copyOf(natives), List.copyOf(libraries), jnaDirect,
                    jnaMethods, List.copyOf(symbols), isInterface ? interfaces : List.of(), List.copyOf(registered),
                    List.copyOf(loadLibraryNames), unresolvedLoads);
        }
    }

    /** A static String field of the class being read, pushed by {@code getstatic}. */
    private record OwnField(String name) {}

    /** A path whose text is known ({@code /opt/x/libdemo.so}) or whose file name is ({@code .../libdemo.so}). */
    private record PathName(String text) {
        static PathName of(String directory, String child) {
            if (child.startsWith("/")) {
                return new PathName(child);
            }
            return new PathName((directory == null ? "..." : directory) + "/" + child);
        }
    }

    /** A {@code new String[n]} being filled by {@code aastore}s in order; {@code known} until something else is stored. */
    private static final class StringArray {
        final List<String> items = new ArrayList<>();
        boolean known = true;
    }

    /** A {@code new File(...)}: its path once the constructor has run (the object is shared by the dup'ed copies). */
    private static final class NewFile {
        PathName path;
    }

    /** The operand-stack model described on {@link ClassFileReader}. */
    private static final class ConstantTracker extends MethodVisitor {
        private static final Object UNKNOWN = new Object();
        private static final int MAX_DEPTH = 256;

        private final Collector out;
        /** The known top of the stack, bottom first; anything below is unknown. */
        private final ArrayList<Object> stack = new ArrayList<>();

        ConstantTracker(Collector out) {
            super(Opcodes.ASM9);
            this.out = out;
        }

        private void push(Object value) {
            if (stack.size() >= MAX_DEPTH) {
                stack.remove(0);
            }
            stack.add(value);
        }

        private void pop(int n) {
            if (n > stack.size()) {
                stack.clear();
            } else {
                for (int i = 0; i < n; i++) {
                    stack.remove(stack.size() - 1);
                }
            }
        }

        private void reset() {
            stack.clear();
        }

        /** The value {@code argIndex} of {@code argCount} arguments on top of the stack, or UNKNOWN. */
        private Object argument(int argCount, int argIndex) {
            int at = stack.size() - argCount + argIndex;
            return at >= 0 && at < stack.size() ? stack.get(at) : UNKNOWN;
        }

        @Override
        public void visitInsn(int opcode) {
            if (opcode == Opcodes.ACONST_NULL || (opcode >= Opcodes.ICONST_M1 && opcode <= Opcodes.DCONST_1)) {
                push(UNKNOWN);
            } else if (opcode == Opcodes.DUP && !stack.isEmpty()) {
                push(stack.get(stack.size() - 1));
            } else if (opcode == Opcodes.POP) {
                pop(1);
            } else if (opcode == Opcodes.AASTORE && stack.size() >= 3) {
                Object value = stack.get(stack.size() - 1);
                Object array = stack.get(stack.size() - 3);
                pop(3);
                if (array instanceof StringArray a) {
                    if (value instanceof String v && a.items.size() < 64) {
                        a.items.add(v);
                    } else {
                        a.known = false;
                    }
                }
            } else {
                reset();
            }
        }

        @Override
        public void visitIntInsn(int opcode, int operand) {
            if (opcode == Opcodes.BIPUSH || opcode == Opcodes.SIPUSH) {
                push(UNKNOWN);
            } else {
                reset();
            }
        }

        @Override
        public void visitVarInsn(int opcode, int varIndex) {
            if (opcode >= Opcodes.ILOAD && opcode <= Opcodes.ALOAD) {
                push(UNKNOWN);
            } else if (opcode >= Opcodes.ISTORE && opcode <= Opcodes.ASTORE) {
                pop(1);
            } else {
                reset();
            }
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
            switch (opcode) {
                case Opcodes.NEW -> push(type.equals("java/io/File") ? new NewFile() : UNKNOWN);
                case Opcodes.CHECKCAST -> { }
                case Opcodes.ANEWARRAY -> {
                    pop(1);
                    push(type.equals("java/lang/String") ? new StringArray() : UNKNOWN);
                }
                case Opcodes.INSTANCEOF -> {
                    pop(1);
                    push(UNKNOWN);
                }
                default -> reset();
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String fieldName, String descriptor) {
            switch (opcode) {
                case Opcodes.GETSTATIC -> push(owner.equals(out.name) && STRING.equals(descriptor)
                        ? new OwnField(fieldName) : UNKNOWN);
                case Opcodes.GETFIELD -> {
                    pop(1);
                    push(UNKNOWN);
                }
                case Opcodes.PUTSTATIC -> {
                    if (owner.equals(out.name) && STRING.equals(descriptor)) {
                        Object value = stack.isEmpty() ? UNKNOWN : stack.get(stack.size() - 1);
                        out.fieldValue(fieldName, value instanceof String v ? v : null);
                    }
                    pop(1);
                }
                case Opcodes.PUTFIELD -> pop(2);
                default -> reset();
            }
        }

        @Override
        public void visitLdcInsn(Object value) {
            push(value instanceof String || value instanceof Type ? value : UNKNOWN);
        }

        @Override
        public void visitMethodInsn(int opcode, String owner, String methodName, String descriptor,
                boolean isInterface) {
            Type[] args = Type.getArgumentTypes(descriptor);
            sink(owner, methodName, args);
            Object result = value(owner, methodName, descriptor, args, opcode);
            pop(args.length + (opcode == Opcodes.INVOKESTATIC ? 0 : 1));
            if (Type.getReturnType(descriptor).getSort() != Type.VOID) {
                push(result);
            }
        }

        /**
         * The value a call returns when the model knows it: a property's default, a path with a constant file name;
         * a {@code File} constructor sets the path of its object. Else UNKNOWN.
         */
        private Object value(String owner, String methodName, String descriptor, Type[] args, int opcode) {
            int n = args.length;
            Object receiver = opcode == Opcodes.INVOKESTATIC ? null : argument(n + 1, 0);
            switch (owner) {
                case "java/lang/System" -> {
                    if (methodName.equals("getProperty") && n == 2 && argument(2, 1) instanceof String dflt) {
                        return dflt;
                    }
                }
                case "java/nio/file/Path", "java/nio/file/Paths" -> {
                    if ((methodName.equals("of") || methodName.equals("get")) && n == 2
                            && argument(2, 1) instanceof StringArray more && more.known) {
                        Object first = argument(2, 0);
                        if (!more.items.isEmpty()) {
                            String last = more.items.get(more.items.size() - 1);
                            String directory = first instanceof String f && more.items.size() == 1 ? f : null;
                            return PathName.of(directory, last);
                        }
                        return first instanceof String f ? new PathName(f) : UNKNOWN;
                    }
                    if (methodName.equals("resolve") && n == 1 && argument(1, 0) instanceof String child) {
                        return PathName.of(receiver instanceof PathName p && !p.text().startsWith("...") ? p.text() : null,
                                child);
                    }
                    if (receiver instanceof PathName p && (methodName.equals("toAbsolutePath")
                            || methodName.equals("normalize") || methodName.equals("toRealPath")
                            || methodName.equals("toString") || methodName.equals("toFile"))) {
                        return p;
                    }
                }
                case "java/io/File" -> {
                    if (methodName.equals("<init>") && opcode == Opcodes.INVOKESPECIAL && receiver instanceof NewFile f) {
                        Object last = n == 0 ? UNKNOWN : argument(n + 1, n);
                        Object parent = n == 2 ? argument(3, 1) : null;
                        if (last instanceof String child && (n == 1 || n == 2) && args[n - 1].getDescriptor().equals(STRING)) {
                            f.path = n == 1 ? new PathName(child)
                                    : PathName.of(parent instanceof String d ? d
                                            : parent instanceof NewFile pf && pf.path != null
                                                    && !pf.path.text().startsWith("...") ? pf.path.text() : null, child);
                        }
                        return UNKNOWN;
                    }
                    PathName path = receiver instanceof NewFile f ? f.path : receiver instanceof PathName p ? p : null;
                    if (path != null && (methodName.equals("getAbsolutePath") || methodName.equals("getPath")
                            || methodName.equals("getCanonicalPath") || methodName.equals("toString")
                            || methodName.equals("toPath") || methodName.equals("getAbsoluteFile")
                            || methodName.equals("getCanonicalFile"))) {
                        return path;
                    }
                }
                default -> { }
            }
            return UNKNOWN;
        }

        @Override
        public void visitInvokeDynamicInsn(String methodName, String descriptor, Handle bootstrap,
                Object... bootstrapArguments) {
            pop(Type.getArgumentTypes(descriptor).length);
            if (Type.getReturnType(descriptor).getSort() != Type.VOID) {
                push(UNKNOWN);
            }
        }

        private void sink(String owner, String methodName, Type[] args) {
            switch (owner) {
                case "java/lang/System", "java/lang/Runtime" -> {
                    if (methodName.equals("loadLibrary") || methodName.equals("load")) {
                        take(args, 0, Sink.LIBRARY, methodName.equals("loadLibrary"));
                    }
                }
                case "com/sun/jna/Native" -> {
                    if (methodName.equals("load") || methodName.equals("loadLibrary")) {
                        take(args, 0, Sink.LIBRARY);
                    } else if (methodName.equals("register")) {
                        jnaRegister(args);
                    }
                }
                case "com/sun/jna/NativeLibrary" -> {
                    if (methodName.equals("getInstance")) {
                        take(args, 0, Sink.LIBRARY);
                    }
                }
                case "java/lang/foreign/SymbolLookup", "jdk/incubator/foreign/SymbolLookup" -> {
                    if (methodName.equals("libraryLookup")) {
                        take(args, 0, Sink.LIBRARY);
                    } else if (methodName.equals("find") || methodName.equals("lookup")) {
                        take(args, 0, Sink.SYMBOL);
                    }
                }
                default -> { }
            }
        }

        /** Native.register(String), register(NativeLibrary), register(Class, String), register(Class, NativeLibrary). */
        private void jnaRegister(Type[] args) {
            if (args.length == 1) {
                out.add(out.registered, out.name);
                take(args, 0, Sink.LIBRARY);
            } else if (args.length == 2) {
                Object target = argument(2, 0);
                if (target instanceof Type type && type.getSort() == Type.OBJECT) {
                    out.add(out.registered, type.getInternalName());
                }
                take(args, 1, Sink.LIBRARY);
            }
        }

        private void take(Type[] args, int index, Sink sink) {
            take(args, index, sink, false);
        }

        /** {@code loadLibrary}: a System/Runtime.loadLibrary name (a JNI library on java.library.path). */
        private void take(Type[] args, int index, Sink sink, boolean loadLibrary) {
            if (index >= args.length || !(args[index].getDescriptor().equals(STRING)
                    || sink != Sink.SYMBOL && args[index].getDescriptor().equals("Ljava/nio/file/Path;"))) {
                return;
            }
            Object value = argument(args.length, index);
            if (value instanceof NewFile f) {
                value = f.path;
            }
            if (value instanceof PathName p) {
                value = p.text();
            }
            if (value instanceof String name) {
                out.add(sink == Sink.SYMBOL ? out.symbols : out.libraries, name);
                if (loadLibrary) {
                    out.add(out.loadLibraryNames, name);
                }
            } else if (sink != Sink.SYMBOL && value instanceof OwnField field) {
                out.pendingFields.merge(field.name(), loadLibrary, Boolean::logicalOr);
            } else if (sink != Sink.SYMBOL) {
                out.unresolvedLoads++;
            }
        }

        @Override
        public void visitJumpInsn(int opcode, Label label) {
            reset();
        }

        @Override
        public void visitLabel(Label label) {
            reset(); // with SKIP_DEBUG, labels are branch targets and handler ranges: join points
        }

        @Override
        public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
            reset();
        }

        @Override
        public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
            reset();
        }

        @Override
        public void visitMultiANewArrayInsn(String descriptor, int numDimensions) {
            reset();
        }
    }
}
