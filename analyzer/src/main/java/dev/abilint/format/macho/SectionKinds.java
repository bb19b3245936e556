package dev.abilint.format.macho;

import java.util.ArrayList;
import java.util.List;

/** Tells a defined symbol's kind from the section its address falls in: code, data or thread-local. */
final class SectionKinds {
    private static final long S_ATTR_PURE_INSTRUCTIONS = 0x80000000L;
    private static final long S_ATTR_SOME_INSTRUCTIONS = 0x400L;
    private static final int S_THREAD_LOCAL_REGULAR = 0x11;
    private static final int S_THREAD_LOCAL_ZEROFILL = 0x12;
    private static final int S_THREAD_LOCAL_VARIABLES = 0x13;

    private final List<LoadCommands.Section> sorted;
    private final List<LoadCommands.Section> inOrder;
    private final long imageBase;

    SectionKinds(List<LoadCommands.Section> sections, long imageBase) {
        this.inOrder = sections;
        this.sorted = new ArrayList<>(sections);
        this.sorted.sort((a, b) -> Long.compareUnsigned(a.address(), b.address()));
        this.imageBase = Math.max(0, imageBase);
    }

    /** For an export trie address, which is an offset from the image's mach header. */
    String kindAtOffset(long offset) {
        return kindAt(imageBase + offset);
    }

    String kindAt(long address) {
        int low = 0;
        int high = sorted.size() - 1;
        LoadCommands.Section found = null;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            LoadCommands.Section s = sorted.get(mid);
            if (Long.compareUnsigned(s.address(), address) <= 0) {
                found = s;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        if (found == null || Long.compareUnsigned(address - found.address(), Math.max(found.size(), 1)) >= 0) {
            return "other";
        }
        return kind(found);
    }

    /** For a symbol table entry's n_sect (1-based, in load-command order). */
    String kindOfSection(int nsect, long address) {
        if (nsect >= 1 && nsect <= inOrder.size()) {
            return kind(inOrder.get(nsect - 1));
        }
        return kindAt(address);
    }

    private static String kind(LoadCommands.Section s) {
        int type = (int) (s.flags() & 0xff);
        if (type == S_THREAD_LOCAL_REGULAR || type == S_THREAD_LOCAL_ZEROFILL || type == S_THREAD_LOCAL_VARIABLES) {
            return "tls";
        }
        return (s.flags() & (S_ATTR_PURE_INSTRUCTIONS | S_ATTR_SOME_INSTRUCTIONS)) != 0 ? "function" : "object";
    }
}
