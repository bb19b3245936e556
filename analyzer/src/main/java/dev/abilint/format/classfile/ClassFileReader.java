package dev.abilint.format.classfile;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.JavaClass;
import java.util.List;

/** Reads a class file with ASM, never loading it. (Placeholder: version only, until the ASM reader lands.) */
public final class ClassFileReader {

    public JavaClass read(String location, Bytes data) throws MalformedBinaryException {
        Bytes be = data.order(java.nio.ByteOrder.BIG_ENDIAN);
        if (be.u32(0) != 0xcafebabeL) {
            throw new MalformedBinaryException("not a class file (bad magic)", 0);
        }
        return new JavaClass(location, null, be.u16(6), List.of(), List.of(), false, List.of(), List.of());
    }
}
