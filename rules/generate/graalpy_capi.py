#!/usr/bin/env python3
"""Derives rules/data/graalpy-c-api.tsv: the C API each GraalPy release provides, from GraalPy's own files.

    python3 rules/generate/graalpy_capi.py python-resources-VERSION.jar [...]

Each jar is GraalPy's org.graalvm.python:python-resources from Maven Central, fetched with the ordinary
Maven client, e.g.

    mvn dependency:copy -Dartifact=org.graalvm.python:python-resources:24.2.1 -DoutputDirectory=/tmp/graalpy

What is read (nothing is executed): the dynamic symbol table of
META-INF/resources/linux/amd64/lib/graalpyXY.Z/libpython-native.so (GraalPy's C API library: it exports the
C API in CPython's spelling) and the macros and static inline functions of META-INF/resources/include/*.h
and include/cpython/*.h. Same table format as pypy-c-api.tsv (rules/generate/pypy_capi.py): one row per
name, one column per release, keyed by the digits GraalPy puts in module names (graalpy242-311-native: 242);
cell: the exported name, 'header', or '-'. Standard library only.
"""
import datetime
import pathlib
import re
import sys
import tempfile
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from pypy_capi import API_NAME, elf_dynamic_exports, header_names  # noqa: E402

OUT = HERE.parent / "data" / "graalpy-c-api.tsv"
LIB = re.compile(r"^META-INF/resources/linux/amd64/lib/graalpy(\d+)\.(\d+)/libpython-native\.so$")


def read_release(jar_path, work):
    jar_path = pathlib.Path(jar_path)
    version = re.search(r"python-resources-([\w.]+)\.jar$", jar_path.name).group(1)
    with zipfile.ZipFile(jar_path) as z:
        libs = [n for n in z.namelist() if LIB.match(n)]
        if len(libs) != 1:
            raise SystemExit(f"{jar_path}: expected one linux/amd64 libpython-native.so, found {libs}")
        m = LIB.match(libs[0])
        key = m.group(1) + m.group(2)
        exports = {e for e in elf_dynamic_exports(z.read(libs[0])) if API_NAME.match(e)}
        include = pathlib.Path(work) / key
        for n in z.namelist():
            if n.startswith("META-INF/resources/include/") and n.endswith(".h"):
                rel = n[len("META-INF/resources/include/"):]
                if "/" in rel and not rel.startswith("cpython/"):
                    continue
                target = include / rel.replace("/", "_")
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(z.read(n))
    return {"key": key, "graalpy": version, "jar": jar_path.name, "library": libs[0], "exports": exports,
            "headers": header_names(include)}


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as work:
        releases = sorted((read_release(j, work) for j in sys.argv[1:]), key=lambda r: int(r["key"]))
    names = set()
    for r in releases:
        names.update(r["exports"])
        names.update(r["headers"])
    rows = []
    for name in sorted(names):
        cells = []
        for r in releases:
            if name in r["exports"]:
                cells.append(name)
            elif name in r["headers"]:
                cells.append("header")
            else:
                cells.append("-")
        rows.append([name] + cells)
    today = datetime.date.today().isoformat()
    header = [
        "# The C API each GraalPy release provides, one row per name as CPython spells it.",
        f"# Derived by rules/generate/graalpy_capi.py on {today} from GraalPy's own files on Maven Central:",
    ]
    for r in releases:
        header.append(f"#   {r['key']}: GraalPy {r['graalpy']} (org.graalvm.python:python-resources:{r['graalpy']}): "
                      f".dynsym of {r['library']} ({len(r['exports'])} C API exports), include/*.h")
    header += [
        "# Cell: the exported name a module built for that GraalPy imports; 'header': only a macro or static",
        "# inline function in the headers; '-': that release has neither.",
        "name\t" + "\t".join(r["key"] for r in releases),
    ]
    OUT.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n")
    for r in releases:
        print(f"GraalPy {r['graalpy']} ({r['key']}): {len(r['exports'])} exports, {len(r['headers'])} header names")
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
