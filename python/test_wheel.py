#!/usr/bin/env python3
"""Tests of the built wheel, run by Maven in the python module's integration-test phase (standard library only):
abilint scans its own wheel (RECORD, tags: it must be clean), the wheel installs into a fresh virtual environment
with `pip install --no-index`, and its console script and `python -m abilint` scan fixture wheels; with no Java
17+ it says in one line what to install.

    test_wheel.py --wheel python/target (or the .whl) --jar analyzer/target/abilint.jar --work python/target/test
"""
import argparse
import json
import os
import pathlib
import shutil
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "fixtures" / "realworld"))
from repack import write_wheel  # noqa: E402  (the repository's one wheel writer for fixtures)

results = {"passed": 0, "failed": 0}


def check(name, condition, detail=""):
    if condition:
        results["passed"] += 1
        print(f"ok      {name}")
    else:
        results["failed"] += 1
        print(f"FAILED  {name}\n{detail}")


def run(cmd, env=None, **kw):
    return subprocess.run([str(c) for c in cmd], capture_output=True, text=True, env=env, timeout=600, **kw)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--wheel", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--work", required=True)
    a = p.parse_args()
    wheel = pathlib.Path(a.wheel).resolve()
    if wheel.is_dir():  # the build's output directory: its one abilint wheel
        found = sorted(wheel.glob("abilint-*-py3-none-any.whl"))
        if len(found) != 1:
            raise SystemExit(f"test_wheel.py: expected one abilint wheel in {wheel}, found {found}")
        wheel = found[0]
    work = pathlib.Path(a.work).resolve()
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    java = shutil.which("java")

    # 1. abilint scans its own wheel: RECORD hashes, tags, Root-Is-Purelib; nothing to report at all.
    r = run([java, "-jar", a.jar, "scan", "--format", "json", "--fail-on", "note", wheel])
    report = json.loads(r.stdout) if r.stdout.startswith("{") else {}
    check("abilint's own wheel is clean", r.returncode == 0 and report.get("findings") == [],
          r.stdout[:4000] + r.stderr)
    kinds = [x.get("kind") for x in report.get("artifacts", [])]
    check("abilint's own wheel is read as a wheel with its jar inside", kinds[:1] == ["wheel"] and "jar" in kinds,
          str(kinds))
    check("the wheel is named abilint-<version>-py3-none-any.whl",
          wheel.name.startswith("abilint-") and wheel.name.endswith("-py3-none-any.whl"), wheel.name)

    # 2. A fresh virtual environment, no index: the wheel alone installs.
    venv = work / "venv"
    r = run([sys.executable, "-m", "venv", venv])
    check("python3 -m venv works", r.returncode == 0,
          r.stderr + "\npython3 -m venv failed: on Debian and Ubuntu, install python3-venv (.ci/run does)")
    if r.returncode != 0:
        return
    bindir = venv / ("Scripts" if os.name == "nt" else "bin")
    env = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1")
    r = run([bindir / "python", "-m", "pip", "install", "--no-index", "--no-deps", wheel], env=env)
    check("pip install --no-index abilint-*.whl", r.returncode == 0, r.stdout + r.stderr)
    console = bindir / "abilint"
    check("the abilint console script is installed", console.is_file(), str(list(bindir.iterdir())))

    # 3. The console script scans fixture wheels built from the repository's fixtures.
    fixtures = work / "fixtures"
    fixtures.mkdir()
    clean = write_wheel(fixtures / "clean3-1.0-cp39-abi3-manylinux_2_17_x86_64.whl",
                        [("clean3/_clean3.abi3.so", (ROOT / "fixtures/python/_clean3.abi3.so").read_bytes())],
                        "clean3", "1.0", "cp39-abi3-manylinux_2_17_x86_64", "abilint test_wheel.py")
    bad = write_wheel(fixtures / "bad-1.0-cp39-abi3-manylinux_2_17_x86_64.whl",
                      [("bad/libexecstack.so", (ROOT / "fixtures/elf/x86_64/libexecstack.so").read_bytes())],
                      "bad", "1.0", "cp39-abi3-manylinux_2_17_x86_64", "abilint test_wheel.py")
    r = run([console, "scan", "--format", "json", clean], env=env)
    report = json.loads(r.stdout) if r.stdout.startswith("{") else {}
    check("abilint scan (console script) on a clean fixture wheel exits 0 and reads its extension",
          r.returncode == 0 and [b["path"] for b in report.get("binaries", [])]
          == [f"{clean}!/clean3/_clean3.abi3.so"], r.stdout[:2000] + r.stderr)
    r = run([console, "scan", bad], env=env)
    check("abilint scan (console script) on a defective fixture wheel exits 1 naming linux-exec-stack",
            r.returncode == 1 and "linux-exec-stack" in r.stdout, r.stdout[:2000] + r.stderr)
    r = run([bindir / "python", "-m", "abilint", "--version"], env=env)
    check("python -m abilint --version", r.returncode == 0 and r.stdout.startswith("abilint "), r.stdout + r.stderr)

    # 4. No Java 17+: one line that says what to install, exit 3.
    bare = {k: v for k, v in env.items() if k not in ("JAVA_HOME", "ABILINT_JAVA")}
    bare["PATH"] = str(bindir)
    r = run([console, "--version"], env=bare)
    lines = r.stderr.strip().splitlines()
    check("without Java: exit 3 and one line saying what to install",
          r.returncode == 3 and len(lines) == 1 and lines[0].startswith("abilint: needs Java 17 or newer")
          and "install" in lines[0], f"exit {r.returncode}: {r.stderr}")
    old = work / "jdk11"
    (old / "bin").mkdir(parents=True)
    (old / "release").write_text('JAVA_VERSION="11.0.2"\n')
    fake = old / "bin" / "java"
    fake.write_text("#!/bin/sh\necho 'openjdk version \"11.0.2\"' >&2\n")
    fake.chmod(0o755)
    r = run([console, "--version"], env=dict(bare, JAVA_HOME=str(old)))
    check("an old Java in JAVA_HOME is named in the message",
          r.returncode == 3 and "is Java 11" in r.stderr and len(r.stderr.strip().splitlines()) == 1, r.stderr)
    r = run([console, "--version"], env=dict(bare, ABILINT_JAVA=java))
    check("ABILINT_JAVA picks the java binary", r.returncode == 0 and r.stdout.startswith("abilint "),
          r.stdout + r.stderr)


if __name__ == "__main__":
    main()
    print(f"{results['passed']} passed, {results['failed']} failed")
    sys.exit(1 if results["failed"] else 0)
