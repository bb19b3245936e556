package dev.abilint.format.pe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the golden listings say: {@code llvm-readobj --file-headers --coff-imports --coff-exports
 * --coff-debug-directory} and, for forwarder targets (which llvm-readobj 14 does not print),
 * {@code llvm-objdump -p}. Only the parts the tests compare are read.
 */
final class LlvmListing {
    /** One import: its DLL and either a name or (name empty) an ordinal. */
    record Import(String dll, String name, int number, boolean delay) {}

    record Export(int ordinal, String name, long rva) {}

    final List<String> importDlls = new ArrayList<>();
    final List<String> delayDlls = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<String> fileCharacteristics = new ArrayList<>();
    final List<String> dllCharacteristics = new ArrayList<>();
    final Map<String, String> fields = new HashMap<>();
    final Map<Integer, String> forwarders = new HashMap<>();
    String pdb;

    private static final Pattern SYMBOL = Pattern.compile("^\\s*Symbol: (.*) \\((\\d+)\\)$");
    private static final Pattern FIELD = Pattern.compile("^\\s*(\\w+): (.*)$");
    private static final Pattern FLAG = Pattern.compile("^\\s*(IMAGE_\\w+) \\(0x[0-9A-Fa-f]+\\)$");
    private static final Pattern FORWARDER =
            Pattern.compile("^\\s*(\\d+)\\s+(\\S+) \\(forwarded to (.*)\\)$");

    static LlvmListing parse(String readobj, String objdump) {
        LlvmListing out = new LlvmListing();
        String block = null; // top-level block: ImageFileHeader, ImageOptionalHeader, Import, DelayImport, Export...
        String dll = null;
        Integer ordinal = null;
        String exportName = null;
        for (String line : readobj.split("\n")) {
            if (!line.startsWith(" ") && line.endsWith("{")) {
                block = line.substring(0, line.length() - 1).trim();
                dll = null;
                ordinal = null;
                exportName = null;
                continue;
            }
            if (!line.startsWith(" ") && line.endsWith("[")) {
                block = line.substring(0, line.length() - 1).trim();
                continue;
            }
            if (block == null) {
                continue;
            }
            Matcher flag = FLAG.matcher(line);
            if (flag.matches()) {
                if (block.equals("ImageFileHeader")) {
                    out.fileCharacteristics.add(flag.group(1));
                } else if (block.equals("ImageOptionalHeader")) {
                    out.dllCharacteristics.add(flag.group(1));
                }
                continue;
            }
            Matcher symbol = SYMBOL.matcher(line);
            if (symbol.matches() && (block.equals("Import") || block.equals("DelayImport"))) {
                out.imports.add(new Import(dll, symbol.group(1), Integer.parseInt(symbol.group(2)),
                        block.equals("DelayImport")));
                continue;
            }
            Matcher field = FIELD.matcher(line);
            if (!field.matches() && !line.trim().endsWith(":")) {
                continue;
            }
            String key = field.matches() ? field.group(1) : line.trim().replace(":", "");
            String value = field.matches() ? field.group(2) : "";
            switch (block) {
                case "Import", "DelayImport" -> {
                    if (key.equals("Name") && dll == null) {
                        dll = value;
                        (block.equals("Import") ? out.importDlls : out.delayDlls).add(dll);
                    }
                }
                case "Export" -> {
                    if (key.equals("Ordinal")) {
                        ordinal = Integer.parseInt(value);
                    } else if (key.equals("Name")) {
                        exportName = value;
                    } else if (key.equals("RVA")) {
                        out.exports.add(new Export(ordinal, exportName, Long.decode(value)));
                    }
                }
                case "DebugDirectory" -> {
                    if (key.equals("PDBFileName")) {
                        out.pdb = value;
                    }
                }
                default -> out.fields.putIfAbsent(key, value);
            }
        }
        for (String line : objdump.split("\n")) {
            Matcher m = FORWARDER.matcher(line);
            if (m.matches()) {
                out.forwarders.put(Integer.parseInt(m.group(1)), m.group(3));
            }
        }
        return out;
    }

    long number(String field) {
        String value = fields.get(field);
        if (value == null) {
            throw new IllegalArgumentException("listing has no " + field);
        }
        return Long.decode(value.split(" ")[0]);
    }
}
