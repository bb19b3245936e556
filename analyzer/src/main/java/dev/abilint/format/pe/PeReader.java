package dev.abilint.format.pe;

import dev.abilint.format.OptionalPart;
import dev.abilint.format.BinaryReader;
import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Platform;
import dev.abilint.model.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads PE/COFF images (.dll, .exe, .pyd), PE32 and PE32+. The headers and the section table
 * must be sound, or the file is malformed; the import, delay-load, bound import, export and debug
 * directories are each optional parts whose damage becomes a {@link Problem} on the binary.
 *
 * <p>What lands in the model: {@code needed} holds the DLLs of the import directory, then of the
 * delay-load directory, as stored, without case-insensitive repeats; imports carry their DLL in
 * {@code library}; a symbol imported or exported by ordinal only is named {@code #N} with
 * {@code ordinal} N; {@code soname} is the DLL name stored in the export directory. Header facts
 * are flags (see {@link #headerFlags}).
 */
public final class PeReader implements BinaryReader {
    private static final int IMAGE_FILE_DLL = 0x2000;
    private static final int DLL_HIGH_ENTROPY_VA = 0x20;
    private static final int DLL_DYNAMIC_BASE = 0x40;
    private static final int DLL_NX_COMPAT = 0x100;
    private static final int DLL_GUARD_CF = 0x4000;

    @Override
    public List<Binary> read(String location, Bytes data) throws MalformedBinaryException {
        PeHeaders headers = PeHeaders.read(data);
        PeImage image = PeImage.read(data, headers);
        String arch = PeNames.archName(headers.machine);
        Binary binary = new Binary(location, "pe")
                .arch(arch)
                .bits(headers.wide ? 64 : 32)
                .endian("little")
                .type((headers.characteristics & IMAGE_FILE_DLL) != 0 ? "dll" : "executable")
                .platform(new Platform("windows", arch, null))
                // The loader refuses an image whose subsystem version is above the running
                // Windows version (6.0 = Vista, 6.1 = 7, 10.0 = 10); OperatingSystemVersion it ignores.
                .minOs(headers.subsystemMajor + "." + headers.subsystemMinor);
        headerFlags(headers, binary.getFlags());
        if (headers.declaredDirectories > 16) {
            binary.getProblems().add(new Problem("NumberOfRvaAndSizes is " + headers.declaredDirectories
                    + "; only 16 data directories exist", headers.optionalOffset));
        }

        PeImports imports = new PeImports(image, binary);
        List<String> importDlls = new ArrayList<>();
        List<String> delayDlls = new ArrayList<>();
        List<String> boundDlls = new ArrayList<>();
        if (headers.hasDirectory(PeHeaders.DIR_IMPORT)) {
            OptionalPart.run(binary, () -> imports.readImportDirectory(importDlls));
        }
        if (headers.hasDirectory(PeHeaders.DIR_DELAY_IMPORT)) {
            OptionalPart.run(binary, () -> imports.readDelayDirectory(delayDlls));
        }
        if (headers.hasDirectory(PeHeaders.DIR_BOUND_IMPORT)) {
            OptionalPart.run(binary, () -> imports.readBoundDirectory(boundDlls));
        }
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String dll : importDlls) {
            if (seen.add(dll)) {
                binary.getNeeded().add(dll);
            }
        }
        for (String dll : delayDlls) {
            if (seen.add(dll)) {
                binary.getNeeded().add(dll);
            }
        }
        if (!delayDlls.isEmpty()) {
            binary.getFlags().put("delayImports", delayDlls);
        }
        if (!boundDlls.isEmpty()) {
            binary.getFlags().put("boundImports", boundDlls);
        }
        if (headers.hasDirectory(PeHeaders.DIR_EXPORT)) {
            OptionalPart.run(binary, () -> PeExports.read(image, binary));
        }
        binary.getFlags().put("debugDirectory", false);
        if (headers.hasDirectory(PeHeaders.DIR_DEBUG)) {
            OptionalPart.run(binary, () -> PeDebugDirectory.read(image, binary));
        }
        if (headers.hasDirectory(PeHeaders.DIR_CLR)) {
            binary.getFlags().put("managed", true);
        }
        if (dev.abilint.format.python.ModuleDefFinder.moduleName(binary) != null) {
            dev.abilint.format.python.ModuleDefFinder.attach(binary, new PeLoadedImage(image));
        }
        return List.of(binary);
    }

    /**
     * {@code characteristics} and {@code dllCharacteristics} (lists of the IMAGE_* names that are
     * set), {@code aslr}, {@code highEntropyVa}, {@code nx}, {@code cfg}, {@code subsystem},
     * {@code linkerVersion}, {@code osVersion}, {@code subsystemVersion}.
     */
    static void headerFlags(PeHeaders headers, Map<String, Object> flags) {
        int dll = headers.dllCharacteristics;
        flags.put("characteristics", PeNames.fileCharacteristics(headers.characteristics));
        flags.put("dllCharacteristics", PeNames.dllCharacteristics(dll));
        flags.put("aslr", (dll & DLL_DYNAMIC_BASE) != 0);
        flags.put("highEntropyVa", (dll & DLL_HIGH_ENTROPY_VA) != 0);
        flags.put("nx", (dll & DLL_NX_COMPAT) != 0);
        flags.put("cfg", (dll & DLL_GUARD_CF) != 0);
        flags.put("subsystem", PeNames.subsystem(headers.subsystem));
        flags.put("linkerVersion", headers.linkerMajor + "." + headers.linkerMinor);
        flags.put("osVersion", headers.osMajor + "." + headers.osMinor);
        flags.put("subsystemVersion", headers.subsystemMajor + "." + headers.subsystemMinor);
    }
}
