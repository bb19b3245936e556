package dev.abilint.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the parts of an {@code llvm-readobj --needed-libs --dyn-syms --version-info} listing
 * that the ELF golden tests compare: needed libraries (in DT_NEEDED order, from the dynamic
 * table: the NeededLibraries block is sorted), and each dynamic symbol with its version,
 * binding, section, visibility and (for undefined symbols) the library its version requirement
 * names.
 */
public final class ReadobjListing {
    public record Sym(String name, String version, boolean defaultVersion, String binding, boolean undefined,
            boolean hiddenVisibility, String library) {}

    private static final Pattern NAME = Pattern.compile("^\\s*Name: (.*) \\(\\d+\\)$");
    private static final Pattern NEEDED = Pattern.compile("^0x[0-9A-Fa-f]+ NEEDED\\s+Shared library: \\[(.*)\\]$");
    private static final Pattern VALUE = Pattern.compile("^\\s*(\\w+): (.*)$");

    public final List<String> needed = new ArrayList<>();
    public final List<Sym> symbols = new ArrayList<>();
    public String soname;

    public static ReadobjListing parse(Path file) {
        try {
            return parse(Files.readAllLines(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ReadobjListing parse(List<String> lines) {
        ReadobjListing out = new ReadobjListing();
        Map<Integer, String> versionIndexToFile = new HashMap<>();
        List<Integer> versionIndexBySymbol = new ArrayList<>();
        List<String[]> rawSymbols = new ArrayList<>();
        String section = "";
        String currentFile = null;
        Integer pendingIndex = null;
        String[] sym = null;
        boolean inOther = false;
        for (String line : lines) {
            String trimmed = line.trim();
            if (!line.startsWith(" ") && trimmed.contains(" [")) {
                section = trimmed.substring(0, trimmed.indexOf(" [")).trim();
                continue;
            }
            if (!line.startsWith(" ")) {
                Matcher v = VALUE.matcher(line);
                if (v.matches() && v.group(1).equals("LoadName") && !v.group(2).trim().equals("<Not found>")) {
                    out.soname = v.group(2).trim();
                }
                continue;
            }
            switch (section) {
                case "DynamicSection" -> {
                    Matcher needed = NEEDED.matcher(trimmed);
                    if (needed.matches()) {
                        out.needed.add(needed.group(1));
                    }
                }
                case "DynamicSymbols" -> {
                    if (trimmed.equals("Symbol {")) {
                        sym = new String[] {null, null, null, "0"};
                        inOther = false;
                    } else if (sym != null && trimmed.equals("}")) {
                        rawSymbols.add(sym);
                        sym = null;
                    } else if (sym != null) {
                        Matcher n = NAME.matcher(line);
                        if (sym[0] == null && (n.matches() || trimmed.startsWith("Name:"))) {
                            sym[0] = n.matches() ? n.group(1) : "";
                        } else if (trimmed.startsWith("Binding:")) {
                            sym[1] = trimmed.substring(8).trim();
                        } else if (trimmed.startsWith("Section:")) {
                            sym[2] = trimmed.substring(8).trim();
                        } else if (trimmed.startsWith("Other [")) {
                            inOther = true;
                        } else if (inOther && trimmed.startsWith("STV_")) {
                            sym[3] = trimmed;
                        } else if (inOther && trimmed.equals("]")) {
                            inOther = false;
                        }
                    }
                }
                case "VersionSymbols" -> {
                    if (trimmed.startsWith("Version:")) {
                        versionIndexBySymbol.add(Integer.parseInt(trimmed.substring(8).trim()));
                    }
                }
                case "VersionRequirements" -> {
                    if (trimmed.startsWith("FileName:")) {
                        currentFile = trimmed.substring(9).trim();
                    } else if (trimmed.startsWith("Index:")) {
                        pendingIndex = Integer.parseInt(trimmed.substring(6).trim());
                        versionIndexToFile.put(pendingIndex & 0x7fff, currentFile);
                    }
                }
                default -> { }
            }
        }
        for (int i = 0; i < rawSymbols.size(); i++) {
            String[] s = rawSymbols.get(i);
            String full = s[0];
            String name = full;
            String version = null;
            boolean isDefault = false;
            int at = full.indexOf('@');
            if (at > 0) {
                name = full.substring(0, at);
                isDefault = full.startsWith("@@", at);
                version = full.substring(at + (isDefault ? 2 : 1));
            }
            boolean undefined = s[2] != null && s[2].startsWith("Undefined");
            String library = null;
            if (undefined && i < versionIndexBySymbol.size()) {
                library = versionIndexToFile.get(versionIndexBySymbol.get(i) & 0x7fff);
            }
            out.symbols.add(new Sym(name, version, isDefault, s[1], undefined,
                    s[3].equals("STV_HIDDEN") || s[3].equals("STV_INTERNAL"), library));
        }
        return out;
    }
}
