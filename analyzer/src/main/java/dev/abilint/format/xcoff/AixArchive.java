package dev.abilint.format.xcoff;

import dev.abilint.format.Bytes;
import dev.abilint.format.MalformedBinaryException;
import dev.abilint.model.Problem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An AIX archive: big format ({@code <bigaf>\n}, AIX 4.3 and later, 20-digit offsets) or small format
 * ({@code <aiaff>\n}, 12-digit offsets). Numbers are decimal ASCII, blank-padded. Members form a linked list
 * from the fixed header's first-member offset to its last-member offset, each member header giving the next
 * one's offset; the walk stops at the last member, at a 0 link, at an offset seen before or outside the file,
 * or after {@link #MAX_MEMBERS} members. Only the members are read, not the symbol tables.
 */
final class AixArchive {
    static final byte[] BIG_MAGIC = "<bigaf>\n".getBytes(StandardCharsets.US_ASCII);
    static final byte[] SMALL_MAGIC = "<aiaff>\n".getBytes(StandardCharsets.US_ASCII);
    /** Members walked at most; real archives of shared libraries have one to a few. */
    static final int MAX_MEMBERS = 65536;
    /** XCOFF members read at most (a static library of thousands of objects gives no more binaries than this). */
    static final int MAX_READ_MEMBERS = 256;

    /** One member: its name, where its header and its bytes are, and its size. */
    record Member(String name, long headerOffset, long dataOffset, long size) {}

    private final boolean big;
    private final List<Member> members;
    private final List<Problem> problems;

    private AixArchive(boolean big, List<Member> members, List<Problem> problems) {
        this.big = big;
        this.members = members;
        this.problems = problems;
    }

    boolean big() {
        return big;
    }

    List<Member> members() {
        return members;
    }

    /** Damage found after the first member (a broken link): the members before it stay. */
    List<Problem> problems() {
        return problems;
    }

    static boolean matches(Bytes data) {
        return data.startsWith(0, BIG_MAGIC) || data.startsWith(0, SMALL_MAGIC);
    }

    static AixArchive read(Bytes data) throws MalformedBinaryException {
        boolean big = data.startsWith(0, BIG_MAGIC);
        if (!big && !data.startsWith(0, SMALL_MAGIC)) {
            throw new MalformedBinaryException("not an AIX archive (no <bigaf> or <aiaff> magic)", 0);
        }
        int width = big ? 20 : 12;
        // fixed header: magic, member table, global symbol table(s), first member, last member, free list
        long first = number(data, big ? 8 + 3 * 20 : 8 + 2 * 12, width, "first member offset");
        long last = number(data, big ? 8 + 4 * 20 : 8 + 3 * 12, width, "last member offset");
        int headerSize = big ? 8 + 6 * 20 : 8 + 5 * 12;
        List<Member> members = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        if (first == 0) {
            return new AixArchive(big, members, problems); // an empty archive
        }
        Set<Long> seen = new HashSet<>();
        long at = first;
        while (true) {
            if (at < headerSize || !seen.add(at)) {
                fail(members, problems, "archive member link " + at + (at < headerSize ? " points into the"
                        + " archive header" : " loops back to a member already read"), at);
                break;
            }
            if (members.size() >= MAX_MEMBERS) {
                fail(members, problems, "archive has more than " + MAX_MEMBERS + " members; the rest were not read",
                        at);
                break;
            }
            Member member;
            long next;
            try {
                // member header: size, next, previous, date, uid, gid, mode, name length, name, pad, "`\n"
                long size = number(data, at, width, "member size");
                next = number(data, at + width, width, "next member offset");
                int fixed = big ? 3 * 20 + 4 * 12 + 4 : 7 * 12 + 4;
                long namlen = number(data, at + fixed - 4, 4, "member name length");
                long nameAt = at + fixed;
                data.check(nameAt, namlen, "member name");
                String name = printable(data.fixedString(nameAt, (int) namlen));
                long terminator = nameAt + namlen + (namlen & 1);
                if (!data.startsWith(terminator, new byte[] {'`', '\n'})) {
                    throw new MalformedBinaryException("archive member " + name + " header does not end with `\\n",
                            terminator);
                }
                long dataOffset = terminator + 2;
                data.check(dataOffset, size, "archive member " + name);
                member = new Member(name, at, dataOffset, size);
            } catch (MalformedBinaryException e) {
                fail(members, problems, e.reason(), e.offset());
                break;
            }
            members.add(member);
            if (at == last || next == 0) {
                break;
            }
            at = next;
        }
        return new AixArchive(big, members, problems);
    }

    /** A broken first member makes the archive unreadable; a later one is a problem, and what came before stays. */
    private static void fail(List<Member> members, List<Problem> problems, String reason, long offset)
            throws MalformedBinaryException {
        if (members.isEmpty()) {
            throw new MalformedBinaryException(reason, offset);
        }
        problems.add(new Problem(reason, offset));
    }

    /** A blank-padded decimal ASCII field; blank means 0. */
    static long number(Bytes data, long offset, int width, String what) throws MalformedBinaryException {
        data.check(offset, width, what);
        long value = 0;
        boolean digits = false;
        boolean ended = false;
        for (int i = 0; i < width; i++) {
            int c = data.u8(offset + i);
            if (c >= '0' && c <= '9' && !ended) {
                if (value > (Long.MAX_VALUE - 9) / 10) {
                    throw new MalformedBinaryException(what + " is too large", offset);
                }
                value = value * 10 + (c - '0');
                digits = true;
            } else if (c == ' ' || c == 0) {
                ended = digits || ended;
            } else {
                throw new MalformedBinaryException(what + " is not a decimal number", offset);
            }
        }
        return value;
    }

    private static String printable(String name) {
        StringBuilder out = new StringBuilder(name.length());
        name.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append('?');
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
