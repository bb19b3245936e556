#!/usr/bin/env bash
# Times abilint on Python-heavy artifacts (issue #15) side by side with `unzip -p` and `auditwheel show`
# on the same inputs, in one run, and prints a table of medians with the ratios the targets are set on.
#
#   bench/python.sh                 # 5 rounds (RUNS=3 for a quicker run), after one warm-up round
#   AUDITWHEEL_REPO=/path/to/a/clone/of/auditwheel bench/python.sh   # where github.com is not reachable
#   ASYNC_PROFILER=/path/to/libasyncProfiler.so bench/python.sh      # also one CPU profile per input
#
# Inputs, made into bench/work/ (git ignores it) on the first run:
#   wheel       numpy 1.24.2 from Debian bookworm's python3-numpy (amd64), repacked as a wheel with a
#               RECORD by bench/repack-debian-wheels.py: 870 members (482 .py, 19 .so), 5.7 MB, 21.6 MB inflated
#   jar         org.bytedeco:cpython:3.13.0-1.5.11:jar:linux-x86_64, a Python 3.13 installation with its
#               standard library: 25 MB, 3,355 entries (2,137 .py; 5 nested .whl), 82 MB inflated
#   wheelhouse  25 Debian python3-* packages with extension modules (numpy, lxml, cryptography, PIL, ...),
#               for amd64 and for every foreign architecture among arm64 and i386 that dpkg has
#               (dpkg --add-architecture arm64 && dpkg --add-architecture i386 && apt-get update),
#               each repacked as one cp311 manylinux_2_17 wheel by bench/debs-to-wheels.py: 75 wheels
#               with all three (32 MB, 4,467 members, 112 MB inflated)
# Commands (each input's commands run in turn, round after round: bench/interleave.py):
#   abilint     ./abilint scan --format json INPUT > /dev/null (the launcher, as users run it; the
#               wheelhouse is given as its directory: one process for all of it)
#   unzip       unzip -p INPUT > /dev/null (the wheelhouse: unzip -p 'DIR/*.whl', one process)
#   auditwheel  python3 -m auditwheel show WHEEL, auditwheel from its source at a pinned commit (Debian's
#               python3-pyelftools and python3-packaging are all it needs); the wheelhouse: one
#               auditwheel show per wheel, one after another (auditwheel takes one wheel at a time)
# Besides wall time it prints each command's CPU time (user + sys, children included), which other
# load on a shared machine disturbs less.
# Needs: java 17, mvn, unzip, apt-get, dpkg-deb, Debian's python3 with python3-pyelftools and
# python3-packaging, git.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work"
runs="${RUNS:-5}"
python=/usr/bin/python3   # Debian's python3-pyelftools and python3-packaging live in the system Python
auditwheel_repo="${AUDITWHEEL_REPO:-https://github.com/pypa/auditwheel.git}"
auditwheel_commit=86154d15d6a53a85aab6187032e86348a3a15df1
mkdir -p "$work/jars" "$work/debs" "$work/wheels" "$work/results"
cd "$root"

"$python" -c 'import elftools, packaging' 2>/dev/null ||
  { echo "bench: needs python3-pyelftools and python3-packaging (apt-get install -y python3-pyelftools python3-packaging)" >&2; exit 2; }
./abilint --version > /dev/null   # builds the jar when it is missing or stale

# auditwheel from its source, with a dist-info so that its --version (importlib.metadata) works
aw="$work/auditwheel"
if [ ! -f "$aw/.commit" ] || [ "$(cat "$aw/.commit")" != "$auditwheel_commit" ]; then
  rm -rf "$aw" "$aw.git"
  git clone -q --bare "$auditwheel_repo" "$aw.git" ||
    { echo "bench: cannot clone $auditwheel_repo (set AUDITWHEEL_REPO to a local clone of pypa/auditwheel)" >&2; exit 2; }
  mkdir -p "$aw"
  git --git-dir="$aw.git" archive "$auditwheel_commit" src | tar -x -C "$aw"
  mkdir -p "$aw/src/auditwheel-0+g${auditwheel_commit:0:7}.dist-info"
  printf 'Metadata-Version: 2.1\nName: auditwheel\nVersion: 0+g%s\n' "${auditwheel_commit:0:7}" \
    > "$aw/src/auditwheel-0+g${auditwheel_commit:0:7}.dist-info/METADATA"
  echo "$auditwheel_commit" > "$aw/.commit"
  rm -rf "$aw.git"
fi
auditwheel="PYTHONPATH=$aw/src $python -m auditwheel"

# the jar
jar="$work/jars/cpython-3.13.0-1.5.11-linux-x86_64.jar"
[ -f "$jar" ] || mvn -B -ntp -q dependency:copy -Dartifact=org.bytedeco:cpython:3.13.0-1.5.11:jar:linux-x86_64 \
  -DoutputDirectory="$work/jars" >&2

# the wheelhouse (and the numpy wheel, from the same python3-numpy for amd64)
projects="numpy markupsafe msgpack psutil yaml lxml ujson zstandard simplejson regex cryptography nacl
  cffi-backend brotli lz4 xxhash greenlet multidict yarl frozenlist pil bcrypt netifaces kiwisolver bitarray"
archs="amd64"
for a in arm64 i386; do
  if dpkg --print-foreign-architectures | grep -qx "$a"; then archs="$archs $a"; else
    echo "bench: no $a packages (dpkg --add-architecture $a && apt-get update adds them to the wheelhouse)" >&2; fi
done
wheelhouse="$work/wheelhouse-${archs// /-}"
if [ ! -f "$wheelhouse/.done" ]; then
  debs=()
  for a in $archs; do for p in $projects; do debs+=("python3-$p:$a"); done; done
  (cd "$work/debs" && apt-get download -q "${debs[@]}" >&2)
  rm -rf "$wheelhouse"
  files=()
  for a in $archs; do for p in $projects; do files+=("$(ls "$work"/debs/python3-"${p}"_*_"$a".deb | tail -n 1)"); done; done
  "$python" "$root/bench/debs-to-wheels.py" "$wheelhouse" "${files[@]}" > /dev/null
  touch "$wheelhouse/.done"
fi
wheel="$work/wheels/numpy-1.24.2-cp311-cp311-linux_x86_64.whl"
if [ ! -f "$wheel" ]; then
  tmp=$(mktemp -d)
  dpkg-deb -x "$(ls "$work"/debs/python3-numpy_*_amd64.deb | tail -n 1)" "$tmp"
  "$python" "$root/bench/repack-debian-wheels.py" "$tmp/usr/lib/python3/dist-packages/numpy" numpy 1.24.2 \
    cp311-cp311-linux_x86_64 "$work/wheels" > /dev/null
  rm -rf "$tmp"
fi
wheels=("$wheelhouse"/*.whl)
# a 4-member pure wheel: what any scan costs before its input (JVM start, class loading, C1, the report)
tiny="$work/wheels/tiny-1.0-py3-none-any.whl"
[ -f "$tiny" ] || "$python" - "$tiny" <<'PY'
import base64, hashlib, sys, zipfile
files = {"tiny/__init__.py": b"x = 1\n", "tiny-1.0.dist-info/METADATA": b"Metadata-Version: 2.1\nName: tiny\nVersion: 1.0\n",
         "tiny-1.0.dist-info/WHEEL": b"Wheel-Version: 1.0\nGenerator: bench\nRoot-Is-Purelib: true\nTag: py3-none-any\n"}
record = "".join("%s,sha256=%s,%d\n" % (n, base64.urlsafe_b64encode(hashlib.sha256(d).digest()).rstrip(b"=").decode(), len(d))
                 for n, d in files.items()) + "tiny-1.0.dist-info/RECORD,,\n"
with zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:
    for n, d in list(files.items()) + [("tiny-1.0.dist-info/RECORD", record.encode())]:
        z.writestr(n, d)
PY
members() { unzip -Z1 "$1" | wc -l; }
echo "inputs: wheel $(basename "$wheel") ($(du -k "$wheel" | cut -f1) KiB, $(members "$wheel") members);" \
  "jar $(basename "$jar") ($(du -k "$jar" | cut -f1) KiB, $(members "$jar") members);" \
  "wheelhouse ${#wheels[@]} wheels ($(du -ck "${wheels[@]}" | tail -n 1 | cut -f1) KiB) for $archs" >&2

# one CPU profile per input (async-profiler, collapsed stacks by thread), through the launcher with its JVM
# options (and its CDS archive), summarized by bench/profile-summary.py
if [ -n "${ASYNC_PROFILER:-}" ]; then
  thp=""
  grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null && thp="-XX:+UseTransparentHugePages"
  for pair in "wheel:$wheel" "jar:$jar" "wheelhouse:$wheelhouse"; do
    out="$work/results/profile-${pair%%:*}.collapsed"
    ABILINT_JAVA_OPTS="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 $thp -agentpath:$ASYNC_PROFILER=start,event=cpu,interval=1ms,threads,file=$out,collapsed" \
      "$root/abilint" scan --format json "${pair#*:}" > /dev/null || true
    "$python" "$root/bench/profile-summary.py" "$out" 15 > "${out%.collapsed}.txt"
    echo "profile: $out, summary: ${out%.collapsed}.txt" >&2
  done
fi

results="$work/results/python.tsv"
: > "$results"
scan="$root/abilint scan --format json"
"$python" "$root/bench/interleave.py" --cpu "$runs" \
  "wheel/abilint=$scan $wheel" "wheel/unzip=unzip -p $wheel" "wheel/auditwheel=$auditwheel show $wheel" \
  "tiny/abilint=$scan $tiny" >> "$results"
"$python" "$root/bench/interleave.py" --cpu "$runs" \
  "jar/abilint=$scan $jar" "jar/unzip=unzip -p $jar" >> "$results"
"$python" "$root/bench/interleave.py" --cpu "$runs" \
  "wheelhouse/abilint=$scan $wheelhouse" "wheelhouse/unzip=unzip -p '$wheelhouse/*.whl'" \
  "wheelhouse/auditwheel=for w in $wheelhouse/*.whl; do $auditwheel show \$w; done" >> "$results"

"$python" - "$results" "$runs" "$(nproc)" "${#wheels[@]}" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, median, mean, lo, hi, cpu = line.rstrip("\n").split("\t")
    rows[name] = [float(x) for x in (median, mean, lo, hi, cpu)]
print()
print("abilint on Python-heavy artifacts: median of %s interleaved rounds after 1 warm-up, %s cores, seconds"
      % (sys.argv[2], sys.argv[3]))
print("%-24s %8s %8s %8s %8s %9s" % ("command", "median", "mean", "min", "max", "cpu(u+s)"))
for name, (median, mean, lo, hi, cpu) in rows.items():
    print("%-24s %8.3f %8.3f %8.3f %8.3f %9.3f" % (name, median, mean, lo, hi, cpu))
print()
def ratio(a, b, target):
    wall = rows[a][0] / rows[b][0]
    cpu = rows[a][4] / rows[b][4]
    verdict = "met" if wall <= target else "missed"
    print("%-44s %6.2fx wall (target <= %gx: %s), %6.2fx cpu" % (a + " / " + b, wall, target, verdict, cpu))
ratio("wheel/abilint", "wheel/unzip", 1.5)
ratio("wheel/abilint", "wheel/auditwheel", 0.5)
ratio("jar/abilint", "jar/unzip", 1.5)
ratio("wheelhouse/abilint", "wheelhouse/auditwheel", 0.1)
ratio("wheelhouse/abilint", "wheelhouse/unzip", 1.5)
fixed = rows["tiny/abilint"][0]
print()
print("a scan's fixed cost (tiny/abilint: a 4-member wheel) %.3f s; what each input adds to it, against unzip -p:" % fixed)
for name in ("wheel", "jar", "wheelhouse"):
    added = rows[name + "/abilint"][0] - fixed
    print("%-44s %6.2fx wall (target <= 1.5x: %s)" % (name + "/abilint - fixed / " + name + "/unzip",
          added / rows[name + "/unzip"][0], "met" if added <= 1.5 * rows[name + "/unzip"][0] else "missed"))
print("(wheelhouse/auditwheel is the sum of auditwheel show over the %s wheels, one process each)" % sys.argv[4])
EOF
