package dev.abilint.format.classfile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.abilint.format.Bytes;
import dev.abilint.model.JavaClass;
import dev.abilint.testing.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** Library names passed through constants, property defaults and paths (fixtures/src/java/.../idioms, java22). */
class LibraryIdiomsReaderTest {
    private final ClassFileReader reader = new ClassFileReader();

    private JavaClass fixture(String internalName) throws Exception {
        Path path = Fixtures.file("java/classes/dev/abilint/fixture/" + internalName + ".class");
        return reader.read(path.getFileName().toString(), Bytes.of(Fixtures.bytes(path)));
    }

    @Test
    void jnaNameFromAPropertyDefaultInAConstantOfTheInterface() throws Exception {
        JavaClass c = fixture("idioms/DemoByProperty");
        assertEquals(List.of("demo"), c.loadedLibraries());
        assertEquals(0, c.unresolvedLoads());
        assertEquals(List.of(), c.loadLibraryNames());
    }

    @Test
    void jnaNameFromAnotherClassesConstant() throws Exception {
        assertEquals(List.of("demo"), fixture("idioms/DemoByConstant").loadedLibraries());
    }

    @Test
    void loadLibraryAndLoadByPath() throws Exception {
        JavaClass c = fixture("idioms/Loader");
        assertEquals(List.of(".../libdemo.so", "notshipped", "awt", "natives"), c.loadedLibraries());
        assertEquals(List.of("notshipped", "awt", "natives"), c.loadLibraryNames());
        assertEquals(0, c.unresolvedLoads());
    }

    @Test
    void aLoadOfAParameterIsCounted() throws Exception {
        JavaClass c = fixture("idioms/AnyLoader");
        assertEquals(List.of(), c.loadedLibraries());
        assertEquals(1, c.unresolvedLoads());
    }

    @Test
    void ffmLibraryLookupByPathAndByName() throws Exception {
        JavaClass c = fixture("idioms22/Lookup22");
        assertEquals(66, c.majorVersion());
        assertEquals(List.of("natives/libdemo.so", "demo"), c.loadedLibraries());
        assertEquals(List.of("demo_add", "demo_missing_ffm", "demo_mul"), c.ffmSymbols());
    }

    /** A field assigned a known name in one place and something unknown in another is not a name. */
    @Test
    void aFieldAlsoAssignedSomethingUnknownIsNotResolved() throws Exception {
        ClassWriter w = new ClassWriter(0);
        w.visit(Opcodes.V17, Opcodes.ACC_PUBLIC, "t/Twice", null, "java/lang/Object", null);
        w.visitField(Opcodes.ACC_STATIC, "LIB", "Ljava/lang/String;", null, null).visitEnd();
        MethodVisitor mv = w.visitMethod(Opcodes.ACC_STATIC, "<clinit>", "()V", null, null);
        mv.visitCode();
        mv.visitLdcInsn("known");
        mv.visitFieldInsn(Opcodes.PUTSTATIC, "t/Twice", "LIB", "Ljava/lang/String;");
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.PUTSTATIC, "t/Twice", "LIB", "Ljava/lang/String;");
        mv.visitFieldInsn(Opcodes.GETSTATIC, "t/Twice", "LIB", "Ljava/lang/String;");
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, "java/lang/System", "loadLibrary", "(Ljava/lang/String;)V", false);
        mv.visitInsn(Opcodes.RETURN);
        mv.visitMaxs(2, 1);
        mv.visitEnd();
        w.visitEnd();
        JavaClass c = reader.read("Twice.class", Bytes.of(w.toByteArray()));
        assertEquals(List.of(), c.loadedLibraries());
        assertEquals(1, c.unresolvedLoads());
    }
}
