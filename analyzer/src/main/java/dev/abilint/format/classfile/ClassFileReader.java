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
 * points. Limits: a name built at run time ({@code "foo" + arch}, {@code Path.of(...)}), read from a
 * non-constant field or a local variable, chosen by a conditional ({@code a ? "x" : "y"}), or passed
 * through a helper method is not found; a sink reached through a subclass or a method handle is not
 * recognised. Nothing found is never guessed.
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
            boolean jnaDirect = isInterface && interfaces.stream().anyMatch(JNA_LIBRARY_INTERFACES::contains);
            List<String> jnaMethods = isInterface && !interfaces.isEmpty() ? List.copyOf(abstractMethods) : List.of();
            return new JavaClass(location, name, major, List.copyOf(natives), List.copyOf(libraries), jnaDirect,
                    jnaMethods, List.copyOf(symbols), isInterface ? interfaces : List.of(), List.copyOf(registered));
        }
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
                case Opcodes.NEW -> push(UNKNOWN);
                case Opcodes.CHECKCAST -> { }
                case Opcodes.ANEWARRAY, Opcodes.INSTANCEOF -> {
                    pop(1);
                    push(UNKNOWN);
                }
                default -> reset();
            }
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String fieldName, String descriptor) {
            switch (opcode) {
                case Opcodes.GETSTATIC -> push(UNKNOWN);
                case Opcodes.GETFIELD -> {
                    pop(1);
                    push(UNKNOWN);
                }
                case Opcodes.PUTSTATIC -> pop(1);
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
            pop(args.length + (opcode == Opcodes.INVOKESTATIC ? 0 : 1));
            if (Type.getReturnType(descriptor).getSort() != Type.VOID) {
                push(UNKNOWN);
            }
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
                        take(args, 0, Sink.LIBRARY);
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
            if (index >= args.length || !args[index].getDescriptor().equals(STRING)) {
                return;
            }
            if (argument(args.length, index) instanceof String value) {
                out.add(sink == Sink.SYMBOL ? out.symbols : out.libraries, value);
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
