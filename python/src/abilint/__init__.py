"""abilint: compatibility checker and ABI linter for native code in wheels and jars.

This package holds abilint's jar and starts it with a Java 17+ found in ABILINT_JAVA, JAVA_HOME or PATH.
`abilint scan dist/` runs it as the console script; `python -m abilint scan dist/` does the same.
"""
import os
import re
import shutil
import subprocess
import sys

__version__ = "@VERSION@"

JAR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "abilint.jar")
MINIMUM = 17
# The launcher's JVM options: a scan is short; serial GC and C1 alone start fastest (see the repository's ./abilint).
DEFAULT_OPTS = ["-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1"]
INSTALL_HINT = ("install Java 17 or newer (apt-get install openjdk-17-jre-headless, dnf install java-17-openjdk-headless, "
                "brew install openjdk@17, winget install EclipseAdoptium.Temurin.17.JRE, or https://adoptium.net) "
                "or set ABILINT_JAVA to a java binary")


class NoJava(Exception):
    pass


def _release_of(java):
    """The feature release of a java binary: from the `release` file of its home, else from `java -version`."""
    real = os.path.realpath(java)
    home = os.path.dirname(os.path.dirname(real))
    try:
        with open(os.path.join(home, "release"), encoding="utf-8", errors="replace") as f:
            for line in f:
                if line.startswith("JAVA_VERSION="):
                    m = re.match(r'JAVA_VERSION="(1\.)?(\d+)', line)
                    if m:
                        return int(m.group(2))
    except OSError:
        pass
    try:
        out = subprocess.run([java, "-version"], capture_output=True, text=True, timeout=60).stderr
    except (OSError, subprocess.SubprocessError):
        return None
    m = re.search(r'version "(1\.)?(\d+)', out)
    return int(m.group(2)) if m else None


def find_java(environ=None):
    """The java binary to run: ABILINT_JAVA, else JAVA_HOME's, else java on PATH; it must be Java 17+."""
    env = os.environ if environ is None else environ
    exe = "java.exe" if os.name == "nt" else "java"
    tried = []
    if env.get("ABILINT_JAVA"):
        candidates = [("ABILINT_JAVA", env["ABILINT_JAVA"])]
    else:
        candidates = []
        if env.get("JAVA_HOME"):
            candidates.append(("JAVA_HOME", os.path.join(env["JAVA_HOME"], "bin", exe)))
        on_path = shutil.which("java", path=env.get("PATH", os.defpath))
        if on_path:
            candidates.append(("PATH", on_path))
    for source, java in candidates:
        if not (os.path.isfile(java) and os.access(java, os.X_OK)):
            tried.append(f"{source} names {java}, which is not an executable file")
            continue
        release = _release_of(java)
        if release is not None and release < MINIMUM:
            tried.append(f"{java} ({source}) is Java {release}")
            continue
        return java
    found = "; ".join(tried) if tried else "no java in ABILINT_JAVA, JAVA_HOME or PATH"
    raise NoJava(f"needs Java {MINIMUM} or newer ({found}): {INSTALL_HINT}")


def main(argv=None):
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        java = find_java()
    except NoJava as e:
        print(f"abilint: {e}", file=sys.stderr)
        return 3
    opts = os.environ.get("ABILINT_JAVA_OPTS")
    command = [java] + (opts.split() if opts else DEFAULT_OPTS) + ["-jar", JAR] + args
    sys.stdout.flush()
    sys.stderr.flush()
    if os.name != "nt":
        try:
            os.execv(java, command)
        except OSError as e:
            print(f"abilint: cannot run {java}: {e}", file=sys.stderr)
            return 3
    try:
        return subprocess.call(command)
    except KeyboardInterrupt:
        return 130


def console():
    """The `abilint` console script."""
    sys.exit(main())
