package dev.abilint.format.pe;

import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Binary;
import dev.abilint.model.Problem;
import dev.abilint.model.Symbol;
import java.util.Arrays;

/**
 * The export directory: address table, name pointer table and ordinal table. One symbol per
 * exported name, in address-table order (several names may share an ordinal), then
 * {@code #N} for an address-table entry that no name points to (an export by ordinal only).
 * Empty slots (address 0, no name) are gaps in the ordinal range, not exports. An address inside
 * the export directory's own range is a forwarder: kind {@code forwarder}, and {@code library}
 * holds the target as stored ({@code NTDLL.RtlAllocateHeap} or {@code api-ms-win-...#12}).
 * Other exports are {@code function} when their section is executable, else {@code object}.
 */
final class PeExports {
    static final int MAX_FUNCTIONS = 1 << 20;
    private static final int DIRECTORY_SIZE = 40;

    private final PeImage image;
    private final Binary binary;
    private long dirRva;
    private long dirSize;
    private long base;
    private long functionTable;
    private long nameTable;
    /** Names chained per address-table index, in name-table order: first name, then next of each. */
    private int[] firstName;
    private int[] nextName;

    private PeExports(PeImage image, Binary binary) {
        this.image = image;
        this.binary = binary;
    }

    static void read(PeImage image, Binary binary) throws MalformedBinaryException {
        new PeExports(image, binary).read();
    }

    private void read() throws MalformedBinaryException {
        dirRva = image.headers.directoryRva(PeHeaders.DIR_EXPORT);
        dirSize = image.headers.directorySize(PeHeaders.DIR_EXPORT);
        long dir = image.offset(dirRva, DIRECTORY_SIZE, "export directory");
        long nameRva = image.data.u32(dir + 12);
        base = image.data.u32(dir + 16);
        long functionCount = image.data.u32(dir + 20);
        long nameCount = image.data.u32(dir + 24);
        long functionsRva = image.data.u32(dir + 28);
        long namesRva = image.data.u32(dir + 32);
        long ordinalsRva = image.data.u32(dir + 36);
        if (functionCount > MAX_FUNCTIONS || nameCount > MAX_FUNCTIONS) {
            throw new MalformedBinaryException("export directory claims " + functionCount + " functions and "
                    + nameCount + " names", dir + 20);
        }
        if (base + functionCount > Integer.MAX_VALUE) {
            throw new MalformedBinaryException("export ordinal base " + base + " is not plausible", dir + 16);
        }
        if (nameRva != 0) {
            try {
                binary.soname(image.string(nameRva, "export directory DLL name"));
            } catch (MalformedBinaryException e) {
                binary.getProblems().add(new Problem(e.reason(), e.offset()));
            }
        }
        int functions = (int) functionCount;
        int names = (int) nameCount;
        // Checked against the file before anything is sized by these counts.
        functionTable = functions == 0 ? 0 : image.offset(functionsRva, 4L * functions, "export address table");
        nameTable = names == 0 ? 0 : image.offset(namesRva, 4L * names, "export name table");
        long ordinalTable = names == 0 ? 0 : image.offset(ordinalsRva, 2L * names, "export ordinal table");
        chainNames(functions, names, ordinalTable);
        int index = 0;
        try {
            for (; index < functions; index++) {
                readEntry(index);
            }
        } catch (MalformedBinaryException e) {
            throw new MalformedBinaryException("export ordinal " + (base + index) + ": " + e.reason(), e.offset());
        }
    }

    private void chainNames(int functions, int names, long ordinalTable) throws MalformedBinaryException {
        firstName = new int[functions];
        nextName = new int[names];
        int[] lastName = new int[functions];
        Arrays.fill(firstName, -1);
        Arrays.fill(nextName, -1);
        int badIndexes = 0;
        for (int j = 0; j < names; j++) {
            int index = image.data.u16(ordinalTable + 2L * j);
            if (index >= functions) {
                badIndexes++;
                continue;
            }
            if (firstName[index] < 0) {
                firstName[index] = j;
            } else {
                nextName[lastName[index]] = j;
            }
            lastName[index] = j;
        }
        if (badIndexes > 0) {
            binary.getProblems().add(new Problem(badIndexes + " export names point past the address table of "
                    + functions + " entries", ordinalTable));
        }
    }

    private void readEntry(int index) throws MalformedBinaryException {
        long address = image.data.u32(functionTable + 4L * index);
        if (address == 0 && firstName[index] < 0) {
            return;
        }
        int ordinal = (int) (base + index);
        String forward = null;
        String kind;
        if (address >= dirRva && address - dirRva < dirSize) {
            kind = "forwarder";
            forward = image.string(address, "forwarder");
        } else {
            PeSection section = image.sectionAt(address);
            kind = section != null && section.executable() ? "function" : "object";
        }
        if (firstName[index] < 0) {
            binary.getExports().add(new Symbol("#" + ordinal, null, null, forward, kind, false, false, ordinal));
        }
        for (int j = firstName[index]; j >= 0; j = nextName[j]) {
            String name = image.string(image.data.u32(nameTable + 4L * j), "export name");
            binary.getExports().add(new Symbol(name, null, null, forward, kind, false, false, ordinal));
        }
    }
}
