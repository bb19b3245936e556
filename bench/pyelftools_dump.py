#!/usr/bin/env python3
"""What bench/run.sh times as the pyelftools baseline: for every ELF file given (or found under a
directory given), read the needed libraries and the dynamic symbols with their GNU versions, as
`abilint inspect` does, and print one summary line per file. A zip, jar or wheel given is first
extracted to a temporary directory with zipfile, as abi3audit does with a wheel, so that the
baseline can start from the same input as abilint."""
import os
import sys
import tempfile
import zipfile

from elftools.elf.dynamic import DynamicSection
from elftools.elf.elffile import ELFFile
from elftools.elf.gnuversions import GNUVerNeedSection, GNUVerDefSection, GNUVerSymSection


def files(args):
    for arg in args:
        if os.path.isdir(arg):
            for root, _, names in os.walk(arg):
                for name in sorted(names):
                    yield os.path.join(root, name)
        else:
            yield arg


def dump(path):
    with open(path, "rb") as f:
        if f.read(4) != b"\x7fELF":
            return None
        f.seek(0)
        elf = ELFFile(f)
        needed = []
        versions = {}
        versym = dynsym = None
        for section in elf.iter_sections():
            if isinstance(section, DynamicSection):
                needed = [tag.needed for tag in section.iter_tags() if tag.entry.d_tag == "DT_NEEDED"]
            elif isinstance(section, GNUVerNeedSection):
                for _, auxes in section.iter_versions():
                    for aux in auxes:
                        versions[aux.entry.vna_other] = aux.name
            elif isinstance(section, GNUVerDefSection):
                for verdef, auxes in section.iter_versions():
                    for aux in auxes:
                        versions.setdefault(verdef.entry.vd_ndx, aux.name)
                        break
            elif isinstance(section, GNUVerSymSection):
                versym = section
            elif section.name == ".dynsym":
                dynsym = section
        imports = exports = 0
        if dynsym is not None:
            for i, sym in enumerate(dynsym.iter_symbols()):
                if i == 0:
                    continue
                version = None
                if versym is not None:
                    index = versym.get_symbol(i).entry["ndx"]
                    if isinstance(index, int):
                        version = versions.get(index & 0x7fff)
                _ = (sym.name, version)
                if sym.entry.st_shndx == "SHN_UNDEF":
                    imports += 1
                else:
                    exports += 1
        return len(needed), imports, exports


def dump_all(paths):
    total = 0
    for path in files(paths):
        result = dump(path)
        if result is not None:
            total += 1
            print("%s needed=%d imports=%d exports=%d" % ((path,) + result))
    return total


def main():
    total = 0
    for arg in sys.argv[1:]:
        if os.path.isfile(arg) and zipfile.is_zipfile(arg):
            with tempfile.TemporaryDirectory() as tmp:
                with zipfile.ZipFile(arg) as archive:
                    archive.extractall(tmp)
                total += dump_all([tmp])
        else:
            total += dump_all([arg])
    print("%d ELF files" % total, file=sys.stderr)


if __name__ == "__main__":
    main()
