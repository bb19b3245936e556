#!/usr/bin/env python3
"""Repacks extension modules from Debian packages as wheels with chosen tags, to try abilint on
real binaries as a wheel publisher would (nothing is committed; run it by hand):

    apt-get download python3-markupsafe python3-msgpack python3-cryptography
    for f in *.deb; do dpkg-deb -x "$f" ext/; done
    python3 bench/repack-debian-wheels.py ext/usr/lib/python3/dist-packages/markupsafe \\
        MarkupSafe 2.1.2 cp311-cp311-manylinux_2_17_x86_64 out/

Writes out/<name>-<version>-<tag>.whl with WHEEL, METADATA and a correct RECORD. The code is
fixtures/realworld/repack.py's (which also takes a single module file).
"""
import pathlib
import runpy

if __name__ == "__main__":
    runpy.run_path(str(pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "realworld" / "repack.py"),
                   run_name="__main__")
