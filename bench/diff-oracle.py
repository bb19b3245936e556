#!/usr/bin/env python3
"""An independent diff of two releases with the LLVM tools, to hold `abilint diff` to (nothing of
abilint's code is used): which exports each native library lost, and which platforms went away.

    python3 bench/diff-oracle.py OLD NEW [--abilint REPORT.json]

OLD and NEW are each a jar, a wheel or a directory of them. Natives are found by their magic bytes;
a library pairs with the one at the same path in the other release once digit runs and repaired-wheel
hashes are taken out, and for fat Mach-O files by slice. Exports come from
`llvm-nm -D --defined-only --extern-only` (ELF, versioned names, absolute version-node symbols left out),
`llvm-nm -g --defined-only --arch=...` (Mach-O, leading underscore removed) and
`llvm-readobj --coff-exports` (PE). Platforms: wheel tags' platform part; for jars and loose files, each
native's format and arch from `llvm-readobj --file-headers`, with its OS from its path where the header
does not say (ELF OSABI 0).

With --abilint, checks abilint's JSON report of the same two releases: every removed export the oracle
finds must be listed by diff-export-removed, diff-jni-export-removed or diff-symbol-version-changed on
that library, every dropped platform by diff-platform-removed, and every error abilint reports must be
one of those removals. Prints one line per pair and exits 1 on a disagreement.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

MAGIC = (b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xce\xfa\xed\xfe", b"\xca\xfe\xba\xbe", b"MZ")


def artifacts(path):
    if os.path.isdir(path):
        for root, _, files in os.walk(path):
            for f in sorted(files):
                if f.endswith((".jar", ".whl", ".zip")):
                    yield os.path.join(root, f)
    else:
        yield path


def natives(artifact, tmp):
    """(member path, extracted file) for every native in the artifact."""
    with zipfile.ZipFile(artifact) as z:
        for info in z.infolist():
            if info.is_dir():
                continue
            with z.open(info) as f:
                head = f.read(4)
            if head.startswith(b"MZ") and not info.filename.lower().endswith((".dll", ".pyd", ".exe")):
                continue
            if head == b"\xca\xfe\xba\xbe" and info.filename.endswith(".class"):
                continue  # class files share the fat Mach-O magic
            if any(head.startswith(m) for m in MAGIC):
                out = os.path.join(tmp, str(abs(hash((artifact, info.filename)))))
                with z.open(info) as f, open(out, "wb") as o:
                    o.write(f.read())
                yield info.filename, out


def run(*cmd):
    return subprocess.run(cmd, capture_output=True, text=True, errors="replace").stdout


def headers(path):
    """[(slice arch or None, format text, arch text)] from llvm-readobj."""
    text = run("llvm-readobj", "--file-headers", path)
    fmts = re.findall(r"^Format: (.+)$", text, re.M)
    arches = re.findall(r"^Arch: (.+)$", text, re.M)
    return list(zip(fmts, arches))


def exports(path, fmt, arch=None):
    out = set()
    if fmt.startswith("elf"):
        for line in run("llvm-nm", "-D", "--defined-only", "--extern-only", path).splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[1] not in ("A",):
                out.add(parts[2].replace("@@", "@"))
    elif fmt.startswith("Mach-O"):
        cmd = ["llvm-nm", "-g", "--defined-only", path] + (["--arch=" + arch] if arch else [])
        for line in run(*cmd).splitlines():
            parts = line.split()
            if len(parts) >= 3 and parts[1] not in ("A",):
                name = parts[2]
                out.add(name[1:] if name.startswith("_") else name)
    elif fmt.startswith("COFF"):
        for name in re.findall(r"^\s*Name: (\S+)$", run("llvm-readobj", "--coff-exports", path), re.M):
            out.add(name)
    return out


def mangle(text):
    out = []
    for ch in text:
        if ch == "/" or ch == ".":
            out.append("_")
        elif ch == "_":
            out.append("_1")
        elif ch == ";":
            out.append("_2")
        elif ch == "[":
            out.append("_3")
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        else:
            out.append("_0%04x" % ord(ch))
    return "".join(out)


def native_methods(release):
    """{long JNI name: (short JNI name, label)} of the native methods of a release's classes, from javap -p -s."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        classes = []
        for a in artifacts(release):
            if not a.endswith(".jar"):
                continue
            with zipfile.ZipFile(a) as z:
                for info in z.infolist():
                    n = info.filename
                    if n.endswith(".class") and not n.startswith("META-INF/") and "module-info" not in n:
                        data = z.read(info)
                        os.makedirs(os.path.join(tmp, os.path.dirname(n)), exist_ok=True)
                        with open(os.path.join(tmp, n), "wb") as f:
                            f.write(data)
                        classes.append(n[:-6])
        for i in range(0, len(classes), 400):
            text = run("javap", "-p", "-s", "-cp", tmp, *[c.replace("/", ".") for c in classes[i:i + 400]])
            owner = None
            lines = text.splitlines()
            for j, line in enumerate(lines):
                m = re.match(r"^(?:public |final |abstract |sealed |non-sealed |private |protected |static |strictfp )*"
                             r"(?:class|interface|enum|record) ([\w.$]+)", line)
                if m:
                    owner = m.group(1)
                    continue
                if " native " in f" {line.strip()} " and "(" in line and owner and j + 1 < len(lines):
                    name = re.search(r"([\w$]+)\(", line).group(1)
                    desc = lines[j + 1].strip().removeprefix("descriptor: ")
                    args = desc[1:desc.index(")")]
                    short = "Java_" + mangle(owner.replace(".", "/")) + "_" + mangle(name)
                    out[short + "__" + mangle(args)] = (short, owner + "." + name + desc)
    return out


def python_names(release):
    """Extension modules (dotted names, interpreter tags off) and Python sources of a release's wheels."""
    modules, sources = set(), set()
    for a in artifacts(release):
        if not a.endswith(".whl"):
            continue
        with zipfile.ZipFile(a) as z:
            for n in z.namelist():
                n = re.sub(r"^[^/]*\.data/(purelib|platlib)/", "", n)
                m = re.match(r"^(.+?)\.(cpython-\d+[a-z]*(-[^.]+)?|abi3|cp\d+[a-z]*-[^.]+|pypy[^.]+)\.(so|pyd)$", n)
                if m:
                    modules.add(m.group(1).replace("/", "."))
                elif n.endswith("/__init__.py"):
                    sources.add(n[:-len("/__init__.py")].replace("/", "."))
                elif n.endswith(".py"):
                    sources.add(n[:-3].replace("/", "."))
    return modules, sources


def key(member):
    name = re.sub(r"-[0-9a-f]{8}(?=\.(so|dylib|dll))", "", member)
    name = re.sub(r"-[0-9a-f]{32}(?=\.dll)", "", name)
    name = re.sub(r"\.(cpython|cp|pypy)[^/]*\.(so|pyd)$", ".EXT", name)
    name = re.sub(r"\.abi3\.so$", ".EXT", name)
    return re.sub(r"\d+", "#", name)


OS_WORDS = [("windows", "windows"), ("win", "windows"), ("darwin", "macos"), ("mac", "macos"), ("osx", "macos"),
            ("freebsd", "freebsd"), ("linux", "linux"), ("android", "android"), ("aix", "aix"), ("sunos", "sunos")]


def wheel_platforms(tag):
    """A platform tag as os/arch(-libc): manylinux2014_x86_64 and manylinux_2_17_x86_64 are one platform."""
    m = re.match(r"^(manylinux|musllinux)(?:_\d+_\d+|1|2010|2014)_(.+)$", tag)
    if m:
        return {f"linux/{m.group(2)}-{'musl' if m.group(1) == 'musllinux' else 'glibc'}"}
    m = re.match(r"^macosx_\d+_\d+_(.+)$", tag)
    if m:
        return {"macos/x86_64", "macos/arm64"} if m.group(1) == "universal2" else {"macos/" + m.group(1)}
    return {{"win_amd64": "windows/x86_64", "win32": "windows/i686", "win_arm64": "windows/arm64"}.get(tag, tag)}


def read(release):
    """{pair key: {slice: exports}}, platforms, {pair key: member location}"""
    libs, platforms, where = {}, set(), {}
    with tempfile.TemporaryDirectory() as tmp:
        for a in artifacts(release):
            wheel = a.endswith(".whl")
            if wheel:
                for tag in os.path.basename(a)[:-4].split("-")[-1].split("."):
                    platforms.update(wheel_platforms(tag))
            for member, file in natives(a, tmp):
                for fmt, arch in headers(file):
                    slice_ = fmt + " " + arch  # fat Mach-O slices, and the same path in wheels of two platforms
                    k = (key(os.path.basename(a).split("-")[0]) if os.path.isdir(release) else "") + "|" + key(member)
                    libs.setdefault(k, {})[slice_] = exports(file, fmt, arch if fmt.startswith("Mach-O") else None)
                    where[k] = member
                    if not wheel:
                        os_name = "macos" if fmt.startswith("Mach-O") else "windows" if fmt.startswith("COFF") else None
                        if os_name is None:
                            low = member.lower()
                            os_name = next((o for w, o in OS_WORDS if w in low), "linux")
                        platforms.add(os_name + "/" + arch)
                os.unlink(file)
    return libs, platforms, where


def main():
    args = sys.argv[1:]
    report = None
    if "--abilint" in args:
        i = args.index("--abilint")
        report = json.load(open(args[i + 1]))
        del args[i:i + 2]
    old, new = args
    o_libs, o_plat, _ = read(old)
    n_libs, n_plat, where = read(new)
    removed = {}
    for k, slices in o_libs.items():
        if k not in n_libs:
            continue
        for s, names in slices.items():
            if s in n_libs[k]:
                gone = names - n_libs[k][s]
                if gone:
                    removed[(where[k], s)] = gone
    dropped = o_plat - n_plat
    o_mods, _ = python_names(old)
    n_mods, n_sources = python_names(new)
    gone_modules = (o_mods - n_mods - n_sources) if n_mods or n_sources else set()
    # new native methods (by long JNI name) with no export on a platform whose JNI libraries lack JNI_OnLoad
    o_methods, n_methods = native_methods(old), native_methods(new)
    jni_slices = {}
    for k, slices in n_libs.items():
        for s, names in slices.items():
            if any(n.startswith("Java_") for n in names) or "JNI_OnLoad" in names:
                jni_slices.setdefault(s, set()).update(names)
    unbound = set()
    for long_name, (short, label) in n_methods.items():
        if long_name in o_methods:
            continue
        for s, names in jni_slices.items():
            if short not in names and long_name not in names and "JNI_OnLoad" not in names:
                unbound.add((label, s))
    total = sum(len(v) for v in removed.values())
    print(f"oracle: {len(o_libs)}/{len(n_libs)} libraries, {total} removed exports in {len(removed)} libraries, "
          f"dropped platforms: {sorted(dropped) or 'none'}, new unbound native methods: {len(unbound)}, "
          f"removed extension modules: {sorted(gone_modules) or 'none'}")
    if report is None:
        for (member, s), names in sorted(removed.items()):
            print(f"  {member} {s}: {len(names)} removed: {', '.join(sorted(names)[:8])}")
        return 0
    listed = {}
    errors = []
    for f in report["findings"]:
        if f["severity"] == "error":
            errors.append(f)
        if f["ruleId"] in ("diff-export-removed", "diff-jni-export-removed", "diff-symbol-version-changed"):
            loc = f["location"].split("!/")[-1]
            names = set()
            for item in f.get("evidence", {}).get("symbols", []):
                names.add(item.split(" -> ")[0])
            listed.setdefault(loc, []).append((names, f.get("evidence", {}).get("count", len(names)), f))
    missed = 0
    for (member, s), names in sorted(removed.items()):
        got = listed.get(member, [])
        found = set().union(*[n for n, _, _ in got]) if got else set()
        counted = sum(c for _, c, _ in got)
        # abilint lists at most 50 names per finding; beyond that the count must cover the rest
        ok = names <= found or (counted >= len(names) and len(found & names) >= 50)
        status = "ok" if ok else "MISSED"
        missed += 0 if ok else 1
        print(f"  {status:6} {member} {s}: oracle {len(names)} removed, abilint {counted}")
    reported_platforms = set()
    for f in report["findings"]:
        if f["ruleId"] == "diff-platform-removed":
            reported_platforms.update(f["evidence"]["name"])
    print(f"  platforms: oracle dropped {sorted(dropped) or 'none'}; abilint diff-platform-removed "
          f"{sorted(reported_platforms) or 'none'}")
    if len(reported_platforms) < len(dropped):
        missed += len(dropped) - len(reported_platforms)
    if not dropped and reported_platforms:
        print("  NOTE   abilint reports a dropped platform the oracle does not see")
    false_errors = 0
    for f in errors:
        loc = f["location"].split("!/")[-1]
        explained = f["ruleId"] in ("diff-export-removed", "diff-jni-export-removed", "diff-symbol-version-changed") and \
            any(m == loc for (m, _s) in removed)
        if f["ruleId"] == "diff-extension-module-removed":
            explained = set(m for m in f["evidence"]["modules"] if not m.startswith("...")) <= gone_modules
        if f["ruleId"] == "diff-native-method-unbound":
            explained = all(any(label.startswith(m.split("(")[0]) and label.endswith(m[m.index("("):])
                                for label, _s in unbound) for m in f["evidence"]["methods"] if not m.startswith("..."))
        if not explained:
            false_errors += 1
            print(f"  EXTRA  error {f['ruleId']} {f['location']}: {f['message'][:160]}")
    print(f"result: {missed} missed, {false_errors} errors the oracle does not explain, "
          f"{len(errors)} abilint errors")
    return 1 if missed or false_errors else 0


if __name__ == "__main__":
    sys.exit(main())
