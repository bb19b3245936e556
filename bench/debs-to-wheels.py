#!/usr/bin/env python3
"""Repacks Debian python3-* packages (.deb files, any architecture) as wheels, one wheel per package,
for the benchmark's wheelhouse (bench/python.sh):

    debs-to-wheels.py OUT_DIR PACKAGE.deb ...

Each wheel holds what the package installs under usr/lib/python3/dist-packages (its modules, their
Python sources and extension modules; Debian's *.egg-info / *.dist-info are left out, __pycache__ too),
plus WHEEL, METADATA and a RECORD with every member's SHA-256, as a wheel built for that platform
would. Tag: cp311-cp311-manylinux_2_17_<arch>.manylinux2014_<arch> (Debian bookworm builds for
CPython 3.11; the manylinux tag is plausible, not true: these binaries need a newer glibc, which is
what abilint and auditwheel then say). Name and version come from the package (epoch and Debian
revision dropped). Prints the wheels' paths.
"""
import importlib.util
import pathlib
import re
import subprocess
import sys
import tempfile

ARCH = {"amd64": "x86_64", "arm64": "aarch64", "i386": "i686", "armhf": "armv7l", "ppc64el": "ppc64le",
        "s390x": "s390x"}


def _repack_module():
    path = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "realworld" / "repack.py"
    spec = importlib.util.spec_from_file_location("realworld_repack", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


write_wheel = _repack_module().write_wheel


def field(deb, name):
    return subprocess.run(["dpkg-deb", "-f", str(deb), name], check=True, capture_output=True,
                          text=True).stdout.strip()


def repack(deb, out):
    package = field(deb, "Package")
    version = field(deb, "Version").split(":", 1)[-1]
    version = re.sub(r"[-+~].*$", "", version.rsplit("-", 1)[0]) or "0"
    arch = ARCH[field(deb, "Architecture")]
    name = re.sub(r"[^A-Za-z0-9]+", "_", package.removeprefix("python3-"))
    tag = f"cp311-cp311-manylinux_2_17_{arch}.manylinux2014_{arch}"
    wheel = out / f"{name}-{version}-{tag}.whl"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        site = pathlib.Path(tmp, "usr/lib/python3/dist-packages")
        members = []
        for path in sorted(site.rglob("*")):
            rel = path.relative_to(site)
            if (not path.is_file() or "__pycache__" in rel.parts
                    or rel.parts[0].endswith((".egg-info", ".dist-info"))):
                continue
            members.append((rel.as_posix(), path.read_bytes()))
        return write_wheel(wheel, members, name, version, tag, "debs-to-wheels")


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for deb in sys.argv[2:]:
        print(repack(pathlib.Path(deb), out))


if __name__ == "__main__":
    main()
