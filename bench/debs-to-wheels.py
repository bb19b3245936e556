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
import base64
import hashlib
import pathlib
import re
import subprocess
import sys
import tempfile
import zipfile

ARCH = {"amd64": "x86_64", "arm64": "aarch64", "i386": "i686", "armhf": "armv7l", "ppc64el": "ppc64le",
        "s390x": "s390x"}


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


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
    dist_info = f"{name}-{version}.dist-info"
    wheel = out / f"{name}-{version}-{tag}.whl"
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["dpkg-deb", "-x", str(deb), tmp], check=True)
        site = pathlib.Path(tmp, "usr/lib/python3/dist-packages")
        rows = []
        with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
            for path in sorted(site.rglob("*")):
                rel = path.relative_to(site)
                if (not path.is_file() or "__pycache__" in rel.parts
                        or rel.parts[0].endswith((".egg-info", ".dist-info"))):
                    continue
                data = path.read_bytes()
                z.writestr(rel.as_posix(), data)
                rows.append(f"{rel.as_posix()},{record_hash(data)},{len(data)}")
            meta = {
                "WHEEL": f"Wheel-Version: 1.0\nGenerator: debs-to-wheels\nRoot-Is-Purelib: false\nTag: {tag}\n",
                "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
            }
            for file, text in meta.items():
                data = text.encode()
                z.writestr(f"{dist_info}/{file}", data)
                rows.append(f"{dist_info}/{file},{record_hash(data)},{len(data)}")
            rows.append(f"{dist_info}/RECORD,,")
            z.writestr(f"{dist_info}/RECORD", "\n".join(rows) + "\n")
    return wheel


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for deb in sys.argv[2:]:
        print(repack(pathlib.Path(deb), out))


if __name__ == "__main__":
    main()
