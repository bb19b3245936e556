package dev.abilint.format.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.JavaClass;
import dev.abilint.model.JavaClass.NativeMethod;
import dev.abilint.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

class ClassFileReaderTest {
    private final ClassFileReader reader = new ClassFileReader();

    private JavaClass fixture(String internalName) throws Exception {
        Path path = Fixtures.file("java/classes/" + internalName + ".class");
        return reader.read(path.getFileName().toString(), Bytes.of(Fixtures.bytes(path)));
    }

    private List<JavaClass> allFixtures() throws Exception {
        List<JavaClass> out = new ArrayList<>();
        for (Path p : Fixtures.list("java/classes", ".class")) {
            out.add(reader.read(p.toString(), Bytes.of(Fixtures.bytes(p))));
        }
        return out;
    }

    @Test
    void readsNativeMethodsOfTheJniFixture() throws Exception {
        JavaClass c = fixture("dev/abilint/fixture/jni/Natives");
        assertEquals("dev/abilint/fixture/jni/Natives", c.name());
        assertEquals(61, c.majorVersion());
        Set<String> natives = c.nativeMethods().stream()
                .map(m -> (m.isStatic() ? "static " : "") + m.name() + m.descriptor())
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(List.of("static add(II)I", "static add(JJ)J", "add([DLjava/lang/String;)D",
                "add([Ljava/util/List;[[I)V", "once(I)V", "static isReady()Z", "peek()Ljava/lang/Object;",
                "do_it_now(Ljava/lang/String;)V", "größe()I", "static ünïcödé_名前(C)V")), natives);
        assertTrue(c.nativeMethods().stream().allMatch(m -> m.owner().equals(c.name())));
        assertEquals(List.of("natives", "/opt/natives/libextra.so"), c.loadedLibraries());
        assertFalse(c.jnaLibrary());
    }

    @Test
    void followsOnlyStraightLineConstants() throws Exception {
        JavaClass c = fixture("dev/abilint/fixture/under_score/My_Lib");
        // "left"/"right" (conditional), "arch_" (concatenation) and "from_local" (local variable) are
        // documented limits: they must not be reported, and nothing else may be invented.
        assertEquals(Set.of("my_lib", "/abs/libz.so"), Set.copyOf(c.loadedLibraries()));
        assertEquals(2, c.loadedLibraries().size());
    }

    @Test
    void readsJnaInterfacesAndDirectMapping() throws Exception {
        JavaClass lib = fixture("dev/abilint/fixture/jna/CLibrary");
        assertTrue(lib.jnaLibrary());
        assertEquals(List.of("getpid", "puts"), lib.jnaMethods()); // not the default or static method
        assertEquals(Set.of("c", "m"), Set.copyOf(lib.loadedLibraries()));
        assertEquals(List.of("com/sun/jna/Library"), lib.superInterfaces());

        JavaClass posix = fixture("dev/abilint/fixture/jna/Posix");
        assertFalse(posix.jnaLibrary());
        assertEquals(List.of("dev/abilint/fixture/jna/CLibrary"), posix.superInterfaces());
        assertEquals(List.of("getppid"), posix.jnaMethods());

        List<JavaClass> all = allFixtures();
        assertEquals(Set.of("dev/abilint/fixture/jna/CLibrary", "dev/abilint/fixture/jna/Posix",
                "dev/abilint/fixture/jna/Demo", "dev/abilint/fixture/idioms/DemoByProperty",
                "dev/abilint/fixture/idioms/DemoByConstant"), JnaLibraries.resolve(all));
        assertEquals(Set.of("getppid", "getpid", "puts"),
                Set.copyOf(JnaLibraries.methods("dev/abilint/fixture/jna/Posix", all)));

        JavaClass direct = fixture("dev/abilint/fixture/jna/Direct");
        assertEquals(List.of("direct", "helper", "instance"), direct.loadedLibraries());
        assertEquals(List.of("dev/abilint/fixture/jna/Direct", "dev/abilint/fixture/jna/Direct$Helper"),
                direct.jnaRegisteredClasses());
    }

    @Test
    void readsIncubatorForeignLookups() throws Exception {
        JavaClass c = fixture("dev/abilint/fixture/ffm/Lookup17");
        assertEquals(List.of("strlen", "my_fn"), c.ffmSymbols());
    }

    /** Every JNIEXPORT name that javac -h wrote is exactly the name our mangling gives, and no more. */
    @Test
    void manglingAgreesWithJavacHeaders() throws Exception {
        Pattern export = Pattern.compile("JNIEXPORT\\s+\\w+\\s+JNICALL\\s+(Java_\\w+)");
        Set<String> fromHeaders = new TreeSet<>();
        for (Path h : Fixtures.list("java/headers", ".h")) {
            Matcher m = export.matcher(Files.readString(h, StandardCharsets.UTF_8));
            while (m.find()) {
                fromHeaders.add(m.group(1));
            }
        }
        assertTrue(fromHeaders.size() >= 18, "headers: " + fromHeaders);
        Set<String> ours = new TreeSet<>();
        for (JavaClass c : allFixtures()) {
            for (NativeMethod m : c.nativeMethods()) {
                String name = JniNames.javacName(m, c.nativeMethods());
                ours.add(name);
                assertTrue(JniNames.matches(m, name));
                JniNames.Demangled d = JniNames.demangle(name);
                assertNotNull(d, name);
                assertEquals(m.owner(), d.className(), name);
                assertEquals(m.name(), d.methodName(), name);
            }
        }
        assertEquals(fromHeaders, ours);
    }

    /** Versions and native flags agree with the committed javap -p -v listings. */
    @Test
    void agreesWithJavap() throws Exception {
        Pattern major = Pattern.compile("major version: (\\d+)");
        Pattern thisClass = Pattern.compile("this_class: #\\d+\\s+// (\\S+)");
        int checked = 0;
        for (Path listing : Fixtures.list("java/javap", ".txt")) {
            String text = Files.readString(listing, StandardCharsets.UTF_8);
            Matcher mm = major.matcher(text);
            Matcher tc = thisClass.matcher(text);
            assertTrue(mm.find() && tc.find(), listing.toString());
            JavaClass c = fixture(tc.group(1));
            assertEquals(Integer.parseInt(mm.group(1)), c.majorVersion(), listing.toString());
            Set<String> javapNatives = new TreeSet<>();
            String[] lines = text.split("\n");
            for (int i = 0; i + 2 < lines.length; i++) {
                if (lines[i + 2].contains("ACC_NATIVE") && lines[i + 1].trim().startsWith("descriptor: ")) {
                    String decl = lines[i].trim();
                    String head = decl.substring(0, decl.indexOf('('));
                    String name = head.substring(head.lastIndexOf(' ') + 1);
                    boolean isStatic = lines[i + 2].contains("ACC_STATIC");
                    javapNatives.add(name + lines[i + 1].trim().substring("descriptor: ".length()) + isStatic);
                }
            }
            Set<String> ours = c.nativeMethods().stream().map(m -> m.name() + m.descriptor() + m.isStatic())
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(javapNatives, ours, listing.toString());
            checked++;
        }
        assertEquals(17, checked);
    }

    // ---- generated class files: the Java 22 FFM API and sink shapes javac 17 cannot produce ----

    private static byte[] generate(int version, String name, java.util.function.Consumer<MethodVisitor> body) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_MAXS);
        w.visit(version, Opcodes.ACC_PUBLIC, name, null, "java/lang/Object", null);
        MethodVisitor mv = w.visitMethod(Opcodes.ACC_STATIC, "run", "()V", null, null);
        mv.visitCode();
        body.accept(mv);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(0, 0);
        mv.visitEnd();
        w.visitMethod(Opcodes.ACC_PUBLIC | Opcodes.ACC_NATIVE, "n", "()V", null, null).visitEnd();
        w.visitEnd();
        return w.toByteArray();
    }

    @Test
    void readsJava22ForeignFunctionCalls() throws Exception {
        byte[] bytes = generate(66, "t/Ffm", mv -> {
            // SymbolLookup.libraryLookup("libfoo.so", Arena.global()).find("foo_init")
            mv.visitLdcInsn("libfoo.so");
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/foreign/Arena", "global",
                    "()Ljava/lang/foreign/Arena;", true);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/foreign/SymbolLookup", "libraryLookup",
                    "(Ljava/lang/String;Ljava/lang/foreign/Arena;)Ljava/lang/foreign/SymbolLookup;", true);
            mv.visitLdcInsn("foo_init");
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/lang/foreign/SymbolLookup", "find",
                    "(Ljava/lang/String;)Ljava/util/Optional;", true);
            mv.visitInsn(Opcodes.POP);
            // Linker.nativeLinker().defaultLookup().find("strlen")
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/foreign/Linker", "nativeLinker",
                    "()Ljava/lang/foreign/Linker;", true);
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/lang/foreign/Linker", "defaultLookup",
                    "()Ljava/lang/foreign/SymbolLookup;", true);
            mv.visitLdcInsn("strlen");
            mv.visitMethodInsn(Opcodes.INVOKEINTERFACE, "java/lang/foreign/SymbolLookup", "find",
                    "(Ljava/lang/String;)Ljava/util/Optional;", true);
            mv.visitInsn(Opcodes.POP);
            // a string pushed below an unrelated call's result is not the sink's argument
            mv.visitLdcInsn("unrelated");
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "loadLibrary", "(Ljava/lang/String;)V", false);
            mv.visitInsn(Opcodes.POP);
        });
        JavaClass c = reader.read("Ffm.class", Bytes.of(bytes));
        assertEquals(66, c.majorVersion());
        assertEquals(List.of("libfoo.so"), c.loadedLibraries());
        assertEquals(List.of("foo_init", "strlen"), c.ffmSymbols());
        assertEquals(List.of(new NativeMethod("t/Ffm", "n", "()V", false)), c.nativeMethods());
    }

    @Test
    void readsClassFilesNewerThanAsm() throws Exception {
        byte[] bytes = generate(61, "t/Future", mv -> { });
        bytes[6] = 0;
        bytes[7] = (byte) 99;
        JavaClass c = reader.read("Future.class", Bytes.of(bytes));
        assertEquals(99, c.majorVersion());
        assertEquals(1, c.nativeMethods().size());
    }

    // ---- hostile input ----

    private void readOrMalformed(byte[] bytes, String what) {
        try {
            assertNotNull(reader.read("x.class", Bytes.of(bytes)));
        } catch (MalformedBinaryException expected) {
            // fine
        } catch (RuntimeException | Error e) {
            fail(what + ": " + e, e);
        }
    }

    @Test
    void truncatedAtEveryLengthNeverThrowsAnythingElse() throws Exception {
        byte[] full = Fixtures.bytes(Fixtures.file("java/classes/dev/abilint/fixture/jni/Natives.class"));
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            for (int length = 0; length < full.length; length++) {
                byte[] cut = java.util.Arrays.copyOf(full, length);
                int n = length;
                assertThrows(MalformedBinaryException.class, () -> reader.read("x.class", Bytes.of(cut)),
                        "truncated at " + n);
            }
        });
    }

    @Test
    void corruptedBytesGiveAResultOrMalformed() throws Exception {
        List<byte[]> inputs = new ArrayList<>();
        for (String name : List.of("jni/Natives", "jna/CLibrary", "under_score/My_Lib")) {
            inputs.add(Fixtures.bytes(Fixtures.file("java/classes/dev/abilint/fixture/" + name + ".class")));
        }
        java.util.Random random = new java.util.Random(42);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (byte[] original : inputs) {
                // every single byte of the header and constant pool set to values that break lengths and tags
                int poolEnd = Math.min(original.length, 600);
                for (int i = 8; i < poolEnd; i++) {
                    for (int value : new int[] {0x00, 0x07, 0xff}) {
                        byte[] copy = original.clone();
                        copy[i] = (byte) value;
                        readOrMalformed(copy, "byte " + i + " = " + value);
                    }
                }
                for (int round = 0; round < 1000; round++) {
                    byte[] copy = original.clone();
                    int flips = 1 + random.nextInt(8);
                    for (int f = 0; f < flips; f++) {
                        copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
                    }
                    readOrMalformed(copy, "random round " + round);
                }
            }
        });
    }

    @Test
    void hugeCodeLengthIsRejectedBeforeAsmAllocates() throws Exception {
        byte[] bytes = generate(61, "t/Big", mv -> mv.visitInsn(Opcodes.NOP));
        // find the Code attribute: its name is in the constant pool; patch code_length to 0x7ffffff0
        int at = indexOf(bytes, "Code".getBytes(StandardCharsets.US_ASCII));
        assertTrue(at > 0);
        int codeIndex = -1;
        // the Code name's constant pool index: scan for u2 references followed by a plausible length
        for (int i = at + 4; i + 14 < bytes.length; i++) {
            int length = ((bytes[i + 2] & 0xff) << 24) | ((bytes[i + 3] & 0xff) << 16) | ((bytes[i + 4] & 0xff) << 8)
                    | (bytes[i + 5] & 0xff);
            int codeLength = ((bytes[i + 10] & 0xff) << 24) | ((bytes[i + 11] & 0xff) << 16)
                    | ((bytes[i + 12] & 0xff) << 8) | (bytes[i + 13] & 0xff);
            if (length > 12 && length < 64 && codeLength == 2) { // NOP; RETURN
                codeIndex = i;
                break;
            }
        }
        assertTrue(codeIndex > 0, "Code attribute not found");
        bytes[codeIndex + 10] = 0x7f;
        bytes[codeIndex + 11] = (byte) 0xff;
        bytes[codeIndex + 12] = (byte) 0xff;
        bytes[codeIndex + 13] = (byte) 0xf0;
        MalformedBinaryException e = assertThrows(MalformedBinaryException.class,
                () -> reader.read("Big.class", Bytes.of(bytes)));
        assertTrue(e.getMessage().contains("code_length"), e.getMessage());
    }

    @Test
    void notAClassFile() {
        assertThrows(MalformedBinaryException.class, () -> reader.read("x", Bytes.of(new byte[] {1, 2, 3})));
        assertThrows(MalformedBinaryException.class, () -> reader.read("x", Bytes.of(new byte[0])));
        byte[] onlyMagic = {(byte) 0xca, (byte) 0xfe, (byte) 0xba, (byte) 0xbe, 0, 0, 0, 61, 0, 0};
        assertThrows(MalformedBinaryException.class, () -> reader.read("x", Bytes.of(onlyMagic)));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
