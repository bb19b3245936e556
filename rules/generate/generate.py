#!/usr/bin/env python3
"""Derives abilint's compact rule tables from the upstream reference data in ../shared/data.

    python3 rules/generate/generate.py [SHARED_DATA_DIR]

Re-runnable: writes rules/data/stable-abi.tsv, rules/data/linux-policies.json and
rules/data/borrowed-references.tsv, each with the source it was derived from in its header.
Standard library only (tomllib needs Python 3.11+).
"""
import datetime
import json
import pathlib
import sys
import tomllib

HERE = pathlib.Path(__file__).resolve().parent
RULES = HERE.parent
OUT = RULES / "data"


def source_line(data_dir, folder, name):
    for line in (data_dir / folder / "SOURCE.txt").read_text().splitlines():
        if line.startswith(name) or name in line.split(":")[0]:
            return line.strip()
    return f"{folder}/{name}"


def stable_abi(data_dir, today):
    toml = tomllib.loads((data_dir / "cpython" / "stable_abi.toml").read_text())
    rows = []
    for kind in ("function", "data"):
        for name, item in sorted(toml.get(kind, {}).items()):
            rows.append((name, kind, item.get("added", ""), "yes" if item.get("abi_only") else "no",
                         item.get("ifdef", "")))
    header = [
        "# Symbols of CPython's Stable ABI (functions and data) with the version that added each.",
        f"# Derived by rules/generate/generate.py on {today} from {source_line(data_dir, 'cpython', 'stable_abi.toml')}",
        "# abi_only: in the stable ABI but not the Limited API (still allowed in abi3 binaries).",
        "# ifdef: only present when the feature macro is defined (e.g. MS_WINDOWS, HAVE_FORK).",
        "name\tkind\tadded\tabi_only\tifdef",
    ]
    body = ["\t".join(r) for r in rows]
    (OUT / "stable-abi.tsv").write_text("\n".join(header + body) + "\n")
    return len(rows)


def policies(data_dir, today):
    out = {
        "source": [source_line(data_dir, "auditwheel", "manylinux-policy.json")],
        "derived": f"rules/generate/generate.py on {today}",
        "policies": [],
    }
    for libc, file in (("glibc", "manylinux-policy.json"), ("musl", "musllinux-policy.json")):
        for p in json.loads((data_dir / "auditwheel" / file).read_text()):
            if p["name"] == "linux":
                continue
            out["policies"].append({
                "name": p["name"],
                "aliases": p.get("aliases", []),
                "libc": libc,
                "priority": p["priority"],
                "symbolVersions": {arch: {fam: vers for fam, vers in sorted(fams.items())}
                                   for arch, fams in sorted(p["symbol_versions"].items())},
                "libraries": sorted(p["lib_whitelist"]),
                "blacklist": {lib: sorted(syms) for lib, syms in sorted(p.get("blacklist", {}).items())},
            })
    out["policies"].sort(key=lambda p: (p["libc"], -p["priority"]))
    (OUT / "linux-policies.json").write_text(json.dumps(out, indent=1) + "\n")
    return len(out["policies"])


def borrowed(data_dir, today):
    returns_borrowed = set()
    known = set()
    for line in (data_dir / "cpython" / "refcounts.dat").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) < 4:
            continue
        func, ctype, param, effect = parts[0], parts[1], parts[2], parts[3]
        known.add(func)
        if param == "" and ctype.strip() == "PyObject*" and effect.strip() == "0":
            returns_borrowed.add(func)
    rows = []
    for line in (HERE / "strong-replacements.tsv").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        func, replacement, since, why = line.split("\t")
        if func in returns_borrowed:
            kind = "borrowed"
        elif func.startswith("PyErr_") and func in known:
            kind = "deprecated"
        elif func in known:
            raise SystemExit(f"{func} is listed as borrowed but refcounts.dat says otherwise")
        else:
            kind = "borrowed-macro"
        rows.append((func, kind, replacement, since, why))
    header = [
        "# C API functions with a strong-reference (or non-deprecated) replacement.",
        f"# Derived by rules/generate/generate.py on {today} from {source_line(data_dir, 'cpython', 'refcounts.dat')}",
        "# and rules/generate/strong-replacements.tsv; kind 'borrowed' = refcounts.dat gives the return refcount 0.",
        "function\tkind\treplacement\tsince\twhy",
    ]
    (OUT / "borrowed-references.tsv").write_text("\n".join(header + ["\t".join(r) for r in rows]) + "\n")
    return len(rows), len(returns_borrowed)


def main():
    data_dir = pathlib.Path(sys.argv[1]) if len(sys.argv) > 1 else RULES.parent.parent / "shared" / "data"
    if not (data_dir / "cpython").is_dir():
        raise SystemExit(f"no upstream data at {data_dir}; pass the shared/data directory")
    OUT.mkdir(exist_ok=True)
    today = datetime.date.today().isoformat()
    print("stable-abi.tsv:", stable_abi(data_dir, today), "symbols")
    print("linux-policies.json:", policies(data_dir, today), "policies")
    print("borrowed-references.tsv: %d replacements (%d borrowed-returning functions upstream)" % borrowed(data_dir, today))


if __name__ == "__main__":
    main()
