#!/usr/bin/env python3
"""Derives rules/data/pypy-c-api.tsv: the C API each PyPy release provides, from PyPy's own files.

    python3 rules/generate/pypy_capi.py DEBS_DIR [DEBS_DIR ...]

Each DEBS_DIR holds one PyPy release's Debian packages pypy3_*.deb and pypy3-lib_*.deb (pypy3-dev_*.deb
optional). Get them with the ordinary apt client, e.g. for Debian 12 (bookworm: PyPy 7.3.11, Python 3.9):

    mkdir -p /tmp/pypy/bookworm && cd /tmp/pypy/bookworm && apt-get download pypy3 pypy3-lib pypy3-dev

and for Debian 13 (trixie: PyPy 7.3.19, Python 3.11) from a machine on bookworm, with a private apt state:

    mkdir -p /tmp/pypy/apt/lists/partial /tmp/pypy/apt/cache/archives/partial /tmp/pypy/trixie
    echo 'deb http://deb.debian.org/debian trixie main' > /tmp/pypy/apt/sources.list
    A='-o Dir::Etc::sourcelist=/tmp/pypy/apt/sources.list -o Dir::Etc::sourceparts=/nonexistent
       -o Dir::State::Lists=/tmp/pypy/apt/lists -o Dir::Cache=/tmp/pypy/apt/cache'
    apt-get $A update && cd /tmp/pypy/trixie && apt-get $A download pypy3 pypy3-lib pypy3-dev

What is read, per release (dpkg-deb -x into a temporary directory; nothing is executed):
- the dynamic symbol table of libpypy3.X-c.so (defined symbols, read by this script's own ELF reader): the
  names a module built for this PyPy can import. cpyext renames the C API (PyList_Append is exported as
  PyPyList_Append, _Py_NoneStruct as _PyPy_NoneStruct); a few functions keep CPython's spelling;
- include/pypy3.X/*.h: '#define PyX ...' and 'static inline ... PyX(' name C API that exists in the headers
  only (PyList_GET_ITEM, Py_INCREF, ...): a module builds against it and imports nothing for it.

One row per CPython-spelled name; one column per PyPy release line (its Python version): the exported
spelling(s) a module built for that PyPy imports ('a,b' when both are exported), 'header' when only the
headers define it, '-' when that release has neither.
Standard library only; dpkg-deb must be on the PATH.
"""
import datetime
import gzip
import pathlib
import re
import struct
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE.parent / "data" / "pypy-c-api.tsv"

API_NAME = re.compile(r"^_?Py[A-Za-z0-9_]*$")
DEFINE = re.compile(r"^\s*#\s*define\s+(_?Py[A-Za-z0-9_]*)(\(?)\s*(.*)$")
INLINE = re.compile(r"\bstatic\s+(?:inline\s+|Py_ALWAYS_INLINE\s+|__inline\s+)*[A-Za-z_][^;(){}=]*?\b(_?Py[A-Za-z0-9_]+)\s*\(")


def elf_dynamic_exports(data):
    """Defined, global or weak, names in .dynsym of a little-endian ELF64 (what the loader resolves against)."""
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise ValueError("not a little-endian ELF64 file")
    shoff, = struct.unpack_from("<Q", data, 0x28)
    shentsize, shnum = struct.unpack_from("<HH", data, 0x3A)
    sections = [struct.unpack_from("<IIQQQQIIQQ", data, shoff + i * shentsize) for i in range(shnum)]
    names = set()
    for sh in sections:
        if sh[1] != 11:  # SHT_DYNSYM
            continue
        strtab = sections[sh[6]]
        str_off, str_size = strtab[4], strtab[5]
        off, size, entsize = sh[4], sh[5], sh[9] or 24
        for i in range(1, size // entsize):
            st_name, st_info, _other, st_shndx = struct.unpack_from("<IBBH", data, off + i * entsize)
            bind = st_info >> 4
            if st_shndx == 0 or bind not in (1, 2):  # undefined, or local
                continue
            if st_name >= str_size:
                raise ValueError("symbol name outside the string table")
            end = data.index(b"\0", str_off + st_name)
            names.add(data[str_off + st_name:end].decode("ascii", "replace"))
    return names


def cpython_spelling(export):
    """The name CPython uses for a symbol cpyext exports (inverse of api.py's mangle_name with prefix PyPy)."""
    if export.startswith("PyPy"):
        return "Py" + export[4:]
    if export.startswith("_PyPy"):
        return "_Py" + export[5:]
    return export


def header_names(include):
    """C API names the headers define as macros or static inline functions: name -> renamed-to (or None)."""
    out = {}
    for h in sorted(include.glob("*.h")):
        text = h.read_text(errors="replace")
        text = re.sub(r"\\\n", " ", text)
        for line in text.splitlines():
            m = DEFINE.match(line)
            if m:
                target = m.group(3).strip()
                plain_rename = m.group(2) == "" and re.fullmatch(r"_?PyPy[A-Za-z0-9_]*", target)
                out.setdefault(m.group(1), target if plain_rename else None)
        for m in INLINE.finditer(text):
            out.setdefault(m.group(1), None)
    return out


def provided_by_headers(name, release, depth=0):
    """A header name a module can use without importing it: a macro or inline function, or a plain rename
    ('#define PyX PyPyX') to something exported or itself provided by the headers (PyPy 7.3.11 renames
    PyImport_ImportModuleLevel to PyPyImport_ImportModuleLevel, which it does not export)."""
    target = release["headers"].get(name)
    if target is None:
        return True
    if target in release["exports"]:
        return True
    return depth < 8 and target in release["headers"] and provided_by_headers(target, release, depth + 1)


def read_release(debs_dir, work):
    debs = sorted(pathlib.Path(debs_dir).glob("pypy3*.deb"))
    if not any(d.name.startswith("pypy3-lib_") for d in debs):
        raise SystemExit(f"{debs_dir}: no pypy3-lib_*.deb")
    root = pathlib.Path(work) / pathlib.Path(debs_dir).name
    versions = {}
    for d in debs:
        subprocess.run(["dpkg-deb", "-x", str(d), str(root)], check=True)
        package = subprocess.run(["dpkg-deb", "-f", str(d), "Package"], check=True, capture_output=True,
                                 text=True).stdout.strip()
        versions[package] = subprocess.run(["dpkg-deb", "-f", str(d), "Version"], check=True,
                                           capture_output=True, text=True).stdout.strip()
    libs = sorted(root.glob("usr/lib/*/libpypy3*-c.so*"))
    if len(libs) != 1:
        raise SystemExit(f"{debs_dir}: expected one libpypy3*-c.so, found {libs}")
    python = re.search(r"libpypy(3\.\d+)-c", libs[0].name).group(1)
    include = root / "usr" / "include" / f"pypy{python}"
    patchlevel = (include / "patchlevel.h").read_text()
    pypy_version = re.search(r'#define PYPY_VERSION "([^"]+)"', patchlevel).group(1)
    exports = {e for e in elf_dynamic_exports(libs[0].read_bytes()) if API_NAME.match(cpython_spelling(e))}
    return {
        "python": python,
        "pypy": pypy_version,
        "debian": versions,
        "library": libs[0].relative_to(root).as_posix(),
        "exports": exports,
        "headers": header_names(include),
    }


def main():
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    with tempfile.TemporaryDirectory() as work:
        releases = sorted((read_release(d, work) for d in sys.argv[1:]),
                          key=lambda r: tuple(int(x) for x in r["python"].split(".")))
    names = set()
    for r in releases:
        names.update(cpython_spelling(e) for e in r["exports"])
        names.update(r["headers"])
    rows = []
    for name in sorted(names):
        cells = []
        for r in releases:
            spellings = sorted({e for e in r["exports"] if cpython_spelling(e) == name})
            if spellings:
                cells.append(",".join(spellings))
            elif name in r["headers"] and provided_by_headers(name, r):
                cells.append("header")
            else:
                cells.append("-")
        rows.append([name] + cells)
    today = datetime.date.today().isoformat()
    header = [
        "# The C API each PyPy release provides (cpyext), one row per name as CPython spells it.",
        f"# Derived by rules/generate/pypy_capi.py on {today} from PyPy's own files in Debian's packages:",
    ]
    for r in releases:
        debian = ", ".join(f"{p} {v}" for p, v in sorted(r["debian"].items()))
        header.append(f"#   {r['python']}: PyPy {r['pypy']} ({debian}): .dynsym of {r['library']} "
                      f"({len(r['exports'])} C API exports), include/pypy{r['python']}/*.h")
    header += [
        "# Cell: the exported spelling(s) a module built for that PyPy imports; 'header': only a macro or static",
        "# inline function in the headers (nothing to import); '-': that release has neither.",
        "# Wheel tags name the Python version (pp39, pypy39_pp73), not the PyPy release: a column stands for the",
        "# release it was read from; later releases of the same line may have added names.",
        "name\t" + "\t".join(r["python"] for r in releases),
    ]
    OUT.write_text("\n".join(header + ["\t".join(row) for row in rows]) + "\n")
    for r in releases:
        print(f"PyPy {r['pypy']} (Python {r['python']}): {len(r['exports'])} exports, "
              f"{len(r['headers'])} header names")
    print(f"{len(rows)} rows -> {OUT}")


if __name__ == "__main__":
    main()
