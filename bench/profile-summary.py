#!/usr/bin/env python3
"""Summarizes an async-profiler CPU profile in collapsed form (made with `threads` or without):

    profile-summary.py FILE.collapsed [TOP]

Prints, in samples (1 ms each with interval=1ms) and in % of all: CPU by thread (group: thread name
without its id), by cost category (first match in CATEGORIES, tested against the whole stack), the top
frames by self time, and the top abilint methods by inclusive time where the stack leaves abilint's code
(the deepest dev/abilint frame: which of our callers pays for the JDK/JVM work below it).
"""
import collections
import re
import sys

# (name, regex over the stack) -- first match wins; order matters (most specific first)
CATEGORIES = [
    ("JIT compiler thread (C1)", r"CompileBroker::|C1 CompilerThre|C2 CompilerThre"),
    ("GC", r"VM Thread|GCTaskThread|SerialHeap|DefNewGeneration|TenuredGeneration|GenCollectedHeap|CollectedHeap::"),
    ("SHA-256 (RECORD hashes)", r"sun/security/provider/SHA2|sun/security/provider/DigestBase|MessageDigest"),
    ("inflating (zlib)", r"java/util/zip/Inflater\.inflate|inflate_fast|libz\.so|Inflater\.inflateBytes|inflate\b"),
    ("regex", r"java/util/regex/"),
    ("charset decoding / String building", r"sun/nio/cs/|java/lang/StringCoding|java/lang/String\.<init>|StringLatin1|StringUTF16"),
    ("class loading / linking / CDS", r"ClassLoader|SystemDictionary|ClassFileParser|Verifier|LinkResolver|InstanceKlass::link|Rewriter|java/lang/invoke/|MethodHandleNatives|Unsafe_DefineClass"),
    ("interpreter", r"Interpreter|interpreter"),
    ("JSON writing", r"dev/abilint/report/"),
    ("rules", r"dev/abilint/rule/|dev/abilint/rules/"),
    ("ELF/Mach-O/PE parsing", r"dev/abilint/format/"),
    ("page faults / memory zeroing (kernel)", r"asm_exc_page_fault|clear_page|do_anonymous_page|handle_mm_fault"),
    ("zip central directory / file reading", r"java/util/zip/ZipFile|ZipFile\$Source|RandomAccessFile|FileChannel|java/io/FileInputStream"),
]


def main():
    path = sys.argv[1]
    top = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    stacks = []
    for line in open(path):
        stack, _, count = line.rstrip("\n").rpartition(" ")
        stacks.append((stack.split(";"), int(count)))
    total = sum(c for _, c in stacks)

    def pct(n):
        return "%6d  %5.1f%%" % (n, 100.0 * n / total)

    print("%s: %d samples" % (path, total))
    threads = collections.Counter()
    for frames, c in stacks:
        t = frames[0]
        threads[re.sub(r" tid=\d+\]$", "]", t) if t.startswith("[") else "(no thread names)"] += c
    print("\nby thread")
    for t, c in threads.most_common(top):
        print("  %s  %s" % (pct(c), t))

    cats = collections.Counter()
    compiled = [(name, re.compile(rx)) for name, rx in CATEGORIES]
    for frames, c in stacks:
        s = ";".join(frames)
        for name, rx in compiled:
            if rx.search(s):
                cats[name] += c
                break
        else:
            cats["other"] += c
    print("\nby category (first match, whole stack)")
    for name, c in cats.most_common():
        print("  %s  %s" % (pct(c), name))

    selfs = collections.Counter()
    for frames, c in stacks:
        selfs[frames[-1]] += c
    print("\ntop frames by self time")
    for f, c in selfs.most_common(top):
        print("  %s  %s" % (pct(c), f[:140]))

    callers = collections.Counter()
    for frames, c in stacks:
        ours = [f for f in frames if f.startswith("dev/abilint/") and "$$Lambda" not in f]
        callers[ours[-1] if ours else "(no abilint frame: JVM threads, start-up)"] += c
    print("\nby deepest abilint frame (inclusive of the JDK/JVM work it calls)")
    for f, c in callers.most_common(top):
        print("  %s  %s" % (pct(c), f[:140]))


if __name__ == "__main__":
    main()
