#!/usr/bin/env python3
"""Repacks extension modules from Debian packages as wheels with chosen tags, to try abilint on
real binaries as a wheel publisher would (nothing is committed; run it by hand):

    apt-get download python3-markupsafe python3-msgpack python3-cryptography
    for f in *.deb; do dpkg-deb -x "$f" ext/; done
    python3 bench/repack-debian-wheels.py ext/usr/lib/python3/dist-packages/markupsafe \
        MarkupSafe 2.1.2 cp311-cp311-manylinux_2_17_x86_64 out/

Writes out/<name>-<version>-<tag>.whl with WHEEL, METADATA and a correct RECORD.
"""
import base64
import hashlib
import pathlib
import sys
import zipfile


def record_hash(data):
    return "sha256=" + base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()


def main():
    package_dir, name, version, tag, out = sys.argv[1:6]
    package_dir = pathlib.Path(package_dir)
    out = pathlib.Path(out)
    out.mkdir(parents=True, exist_ok=True)
    pure = tag.endswith("-none-any")
    dist_info = f"{name}-{version}.dist-info"
    wheel = out / f"{name}-{version}-{tag}.whl"
    rows = []
    with zipfile.ZipFile(wheel, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted(package_dir.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                arcname = f"{package_dir.name}/{path.relative_to(package_dir).as_posix()}"
                data = path.read_bytes()
                z.writestr(arcname, data)
                rows.append(f"{arcname},{record_hash(data)},{len(data)}")
        meta = {
            "WHEEL": f"Wheel-Version: 1.0\nGenerator: repack-debian-wheels\nRoot-Is-Purelib: {'true' if pure else 'false'}\nTag: {tag}\n",
            "METADATA": f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n",
        }
        for file, text in meta.items():
            data = text.encode()
            z.writestr(f"{dist_info}/{file}", data)
            rows.append(f"{dist_info}/{file},{record_hash(data)},{len(data)}")
        rows.append(f"{dist_info}/RECORD,,")
        z.writestr(f"{dist_info}/RECORD", "\n".join(rows) + "\n")
    print(wheel)


if __name__ == "__main__":
    main()
