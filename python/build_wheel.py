#!/usr/bin/env python3
"""Builds abilint-<version>-py3-none-any.whl from the shaded jar and the Python entry point in src/abilint/,
with the standard library only (a wheel is a zip with a RECORD of SHA-256 hashes; no pip or build needed).
Run by Maven in the python module's package phase; reproducible: entries sorted, timestamps fixed.

    build_wheel.py --jar analyzer/target/abilint.jar --version 0.1.0-SNAPSHOT --out python/target
"""
import argparse
import base64
import hashlib
import pathlib
import re
import sys
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
DATE = (1980, 1, 1, 0, 0, 0)


def pep440(maven_version):
    """0.1.0-SNAPSHOT -> 0.1.0.dev0; 1.2.3 stays; anything else after '-' becomes a local-free .dev0/post form."""
    v = maven_version.strip()
    if v.endswith("-SNAPSHOT"):
        return v[: -len("-SNAPSHOT")] + ".dev0"
    if not re.fullmatch(r"\d+(\.\d+)*((a|b|rc)\d+)?(\.post\d+)?(\.dev\d+)?", v):
        raise SystemExit(f"build_wheel.py: cannot turn the Maven version {v!r} into a PEP 440 version")
    return v


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def write(path, members):
    """A zip of (arcname, bytes, mode) members, in this order, with fixed dates, and RECORD last."""
    rows = []
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for arcname, data, mode in members:
            info = zipfile.ZipInfo(arcname, DATE)
            info.external_attr = (0o100000 | mode) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
            rows.append(f"{arcname},{record_hash(data)},{len(data)}")
        dist_info = members[-1][0].split("/")[0]
        rows.append(f"{dist_info}/RECORD,,")
        info = zipfile.ZipInfo(f"{dist_info}/RECORD", DATE)
        info.external_attr = (0o100644) << 16
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, "\n".join(rows) + "\n")


def build(jar, version, out):
    version = pep440(version)
    dist_info = f"abilint-{version}.dist-info"
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    init = (HERE / "src/abilint/__init__.py").read_text(encoding="utf-8").replace("@VERSION@", version)
    members = [
        ("abilint/__init__.py", init.encode(), 0o644),
        ("abilint/__main__.py", (HERE / "src/abilint/__main__.py").read_bytes(), 0o644),
        ("abilint/abilint.jar", pathlib.Path(jar).read_bytes(), 0o644),
        (f"{dist_info}/METADATA", (
            "Metadata-Version: 2.1\n"
            "Name: abilint\n"
            f"Version: {version}\n"
            "Summary: Compatibility checker and ABI linter for native code in wheels and jars\n"
            "Requires-Python: >=3.8\n"
            "Classifier: Programming Language :: Java\n"
            "Classifier: Topic :: Software Development :: Quality Assurance\n"
            "Description-Content-Type: text/markdown\n"
            "\n" + readme).encode(), 0o644),
        (f"{dist_info}/WHEEL", (
            "Wheel-Version: 1.0\n"
            "Generator: abilint build_wheel.py\n"
            "Root-Is-Purelib: true\n"
            "Tag: py3-none-any\n").encode(), 0o644),
        (f"{dist_info}/entry_points.txt", b"[console_scripts]\nabilint = abilint:console\n", 0o644),
    ]
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    wheel = out / f"abilint-{version}-py3-none-any.whl"
    tmp = wheel.with_suffix(".whl.tmp")
    write(tmp, members)
    tmp.replace(wheel)
    return wheel


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--jar", required=True)
    p.add_argument("--version", required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    print(build(a.jar, a.version, a.out))


if __name__ == "__main__":
    sys.exit(main())
