package dev.abilint.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.format.classfile.ClassFileReader;
import dev.abilint.format.elf.ElfReader;
import dev.abilint.format.macho.MachOReader;
import dev.abilint.format.pe.PeReader;
import dev.abilint.model.Binary;
import java.util.List;

/**
 * Jazzer fuzz targets for the binary readers. The contract under test: on any bytes a reader returns
 * a result or throws {@link MalformedBinaryException}; any other exception or error (including an
 * {@link OutOfMemoryError} from an allocation sized by the input) is a crash that Jazzer reports.
 *
 * <p>In a plain {@code mvn test} these run in regression mode: each seed under
 * {@code src/test/resources/dev/abilint/fuzz/ReaderFuzzTestInputs/<method>/} once. To fuzz, run one
 * target at a time (see the README's "Fuzzing" section):
 * {@code JAZZER_FUZZ=1 mvn -pl analyzer test -Dtest=ReaderFuzzTest#elf -DargLine=-Xmx512m}; the heap
 * limit turns an allocation sized by the input into an OutOfMemoryError, which Jazzer reports.
 */
class ReaderFuzzTest {

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void elf(byte[] data) {
        read("elf", () -> new ElfReader().read("fuzz.so", Bytes.of(data)));
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void macho(byte[] data) {
        read("macho", () -> new MachOReader().read("fuzz.dylib", Bytes.of(data)));
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void pe(byte[] data) {
        read("pe", () -> new PeReader().read("fuzz.dll", Bytes.of(data)));
    }

    @FuzzTest(maxDuration = FuzzSettings.MAX_DURATION)
    void classFile(byte[] data) {
        read("classFile", () -> List.of(new ClassFileReader().read("Fuzz.class", Bytes.of(data))));
    }

    interface Read {
        List<?> run() throws MalformedBinaryException;
    }

    /** Reads, touches every string of the result (so lazily built values are built), accepts parse errors. */
    static void read(String target, Read read) {
        FuzzSettings.bounded(target, () -> readOnce(read));
    }

    private static void readOnce(Read read) {
        List<?> result;
        try {
            result = read.run();
        } catch (MalformedBinaryException e) {
            if (e.getMessage() == null || e.getMessage().isBlank()) {
                throw new AssertionError("parse error without a message", e);
            }
            return;
        }
        for (Object item : result) {
            if (item instanceof Binary binary) {
                binary.getImports().forEach(s -> s.toString().length());
                binary.getExports().forEach(s -> s.toString().length());
                binary.getNeeded().forEach(String::length);
            }
            String.valueOf(item).length();
        }
    }
}
