#!/usr/bin/env bash
# Times abilint side by side with other tools on the same inputs, in one run, and prints a table.
#
#   bench/run.sh            # 5 timed runs per command (median), after one warm-up run; the commands
#                           # compared with each other run in turn, round after round (bench/interleave.py)
#   RUNS=10 bench/run.sh
#
# Inputs (downloaded with Maven into bench/work/, which git ignores):
#   small: org.xerial:sqlite-jdbc:3.46.1.0                  (14 MB, 24 native libraries)
#   big:   org.bytedeco:opencv:4.9.0-1.5.10:jar:linux-x86_64 (30 MB, 85 ELF files, 100 MB inflated)
# Commands, per jar:
#   abilint       ./abilint scan --format json JAR > /dev/null   (the launcher, as users run it)
#   abilint-dir   the same on the jar extracted beforehand (no inflating)
#   unzip         unzip -p JAR > /dev/null                       (inflating every entry, nothing else)
#   llvm-readobj  llvm-readobj --dyn-syms --needed-libs --version-info over the extracted ELF files
#   pyelftools    bench/pyelftools_dump.py over the extracted ELF files (needed libs, dynamic
#                 symbols and their versions: what abilint reads), Debian's python3-pyelftools
#   pyelftools-jar  the same script given the jar: it extracts it to a temporary directory with
#                 zipfile first, as abi3audit does with a wheel (the same input as abilint's)
# and once: abilint --version; the big jar with 1 and 2 cores (taskset); JVM start-up options; and,
# when a Java 25 is installed (Temurin's, under /usr/lib/jvm), the launcher on it (AOT cache).
# Needs: java 17, mvn, unzip, llvm-readobj, python3-pyelftools; hyperfine when installed
# (apt-get install -y hyperfine) for the commands timed alone, else bench/interleave.py with one command.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work"
runs="${RUNS:-5}"
mkdir -p "$work/jars" "$work/results"
cd "$root"

python=/usr/bin/python3   # Debian's python3-pyelftools lives in the system Python
"$python" -c 'import elftools' 2>/dev/null || { echo "bench: needs python3-pyelftools (apt-get install -y python3-pyelftools)" >&2; exit 2; }
command -v llvm-readobj >/dev/null || { echo "bench: needs llvm-readobj (apt-get install -y llvm)" >&2; exit 2; }

jar="$root/analyzer/target/abilint.jar"
./abilint --version > /dev/null   # builds the jar when it is missing or stale

fetch() { # groupId:artifactId:version[:packaging:classifier] -> file name
  local coords="$1" file="$2"
  if [ ! -f "$work/jars/$file" ]; then
    mvn -B -ntp -q dependency:copy -Dartifact="$coords" -DoutputDirectory="$work/jars" >&2
  fi
  echo "$work/jars/$file"
}
small=$(fetch org.xerial:sqlite-jdbc:3.46.1.0 sqlite-jdbc-3.46.1.0.jar)
big=$(fetch org.bytedeco:opencv:4.9.0-1.5.10:jar:linux-x86_64 opencv-4.9.0-1.5.10-linux-x86_64.jar)

extract() { # jar -> directory with the jar's contents, and a list of its ELF files
  local name dir
  name=$(basename "$1" .jar)
  dir="$work/extract/$name"
  if [ ! -f "$dir.elf-files" ]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    unzip -q -o "$1" -d "$dir"
    find "$dir" -type f -print0 | sort -z | while IFS= read -r -d '' f; do
      if [ "$(head -c 4 "$f" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]; then printf '%s\n' "$f"; fi
    done > "$dir.elf-files"
  fi
  echo "$dir"
}

# time_cmd NAME COMMAND: median, mean, min and max of $runs runs (after one warm-up) in seconds,
# appended to $results as "NAME<TAB>median<TAB>mean<TAB>min<TAB>max". Exit codes are ignored
# (abilint exits 1 when it has findings).
results="$work/results/times.tsv"
: > "$results"
time_cmd() {
  local name="$1" cmd="$2"
  echo "timing $name: $cmd" >&2
  if command -v hyperfine >/dev/null; then
    local out="$work/results/${name//\//_}.json"
    hyperfine --style none --warmup 1 --runs "$runs" -i --export-json "$out" "$cmd" > /dev/null 2>&1
    "$python" - "$out" "$name" >> "$results" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))["results"][0]
print("%s\t%.3f\t%.3f\t%.3f\t%.3f" % (sys.argv[2], r["median"], r["mean"], r["min"], r["max"]))
EOF
  else
    "$python" "$root/bench/interleave.py" "$runs" "$name=$cmd" 2> /dev/null >> "$results"
  fi
}

# The launcher on Java 25+ when one is installed (it uses an AOT cache instead of a CDS archive), timed
# with the others.
java25=$(ls -d /usr/lib/jvm/*-25-*/bin/java /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -n 1 || true)
[ -n "$java25" ] && ABILINT_JAVA="$java25" "$root/abilint" --version > /dev/null   # makes the AOT cache

for pair in "small:$small" "big:$big"; do
  label="${pair%%:*}"
  file="${pair#*:}"
  dir=$(extract "$file")
  elfs="$dir.elf-files"
  commands=(
    "$label/abilint=$root/abilint scan --format json $file"
    "$label/abilint-dir=$root/abilint scan --format json $dir"
    "$label/unzip=unzip -p $file"
    "$label/llvm-readobj=xargs -d '\\n' llvm-readobj --dyn-syms --needed-libs --version-info < $elfs"
    "$label/pyelftools=xargs -d '\\n' $python $root/bench/pyelftools_dump.py < $elfs"
    "$label/pyelftools-jar=$python $root/bench/pyelftools_dump.py $file"
  )
  [ -n "$java25" ] && commands+=("$label/abilint-java25=ABILINT_JAVA=$java25 $root/abilint scan --format json $file")
  # the commands whose ratios are the targets, in turn round after round (bench/interleave.py)
  "$python" "$root/bench/interleave.py" "$runs" "${commands[@]}" >> "$results"
done
time_cmd "version" "$root/abilint --version"

# Cores: the big jar on one core and on two.
"$python" "$root/bench/interleave.py" "$runs" \
  "big/abilint-1core=taskset -c 0 $root/abilint scan --format json $big" \
  "big/abilint-2cores=taskset -c 0,1 $root/abilint scan --format json $big" >> "$results"

# JVM start-up and JIT options, with java directly (the launcher's defaults are the first line).
# The launcher's own options (it adds transparent huge pages where the kernel offers them, and its CDS
# archive, made by its training scan).
opts_default="-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1"
cds=$(ls "$root"/analyzer/target/abilint-*java.jsa 2>/dev/null | head -n 1 || true)
appcds="-XX:SharedArchiveFile=$cds -Xlog:cds=off -Xlog:cds+dynamic=off"
thp=""
if grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then thp="-XX:+UseTransparentHugePages"; fi
for variant in "launcher|$opts_default $thp $appcds" \
               "no-appcds|$opts_default $thp" \
               "no-hugepages|$opts_default $appcds" \
               "two-compilers|-XX:+UseSerialGC -XX:TieredStopAtLevel=1 $thp $appcds" \
               "c2-g1|-Xshare:auto" \
               "c1-g1|-XX:TieredStopAtLevel=1" \
               "c2-serial|-XX:+UseSerialGC" \
               "no-cds|-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:off"; do
  name="${variant%%|*}"
  opts="${variant#*|}"
  time_cmd "jvm/$name/version" "java $opts -jar $jar --version"
  time_cmd "jvm/$name/big" "java $opts -jar $jar scan --format json $big"
done

"$python" - "$results" "$runs" "$(nproc)" <<'EOF'
import sys
rows = {}
for line in open(sys.argv[1]):
    name, median, mean, lo, hi = line.rstrip("\n").split("\t")
    rows[name] = (float(median), float(mean), float(lo), float(hi))
print()
print("abilint benchmark: median of %s runs after 1 warm-up, %s cores, seconds" % (sys.argv[2], sys.argv[3]))
print("%-32s %8s %8s %8s %8s" % ("command", "median", "mean", "min", "max"))
for name, (median, mean, lo, hi) in rows.items():
    print("%-32s %8.3f %8.3f %8.3f %8.3f" % (name, median, mean, lo, hi))
print()
def ratio(a, b):
    return rows[a][0] / rows[b][0]
for label in ("small", "big"):
    print("%s jar:" % label)
    r = ratio(label + "/abilint", label + "/unzip")
    print("  abilint/unzip        %5.2fx  (target <= 1.5x: %s)" % (r, "met" if r <= 1.5 else "MISSED"))
    r = ratio(label + "/abilint", label + "/pyelftools")
    print("  abilint/pyelftools   %5.2fx  (target <= 0.5x: %s; pyelftools given the extracted ELF files)" % (
        r, "met" if r <= 0.5 else "MISSED"))
    r = ratio(label + "/abilint", label + "/pyelftools-jar")
    print("  abilint/pyelftools-jar %3.2fx  (target <= 0.5x: %s; both given the jar)" % (
        r, "met" if r <= 0.5 else "MISSED"))
    if label + "/abilint-java25" in rows:
        print("  on Java 25 (AOT cache): abilint/unzip %.2fx, abilint/pyelftools-jar %.2fx" % (
            ratio(label + "/abilint-java25", label + "/unzip"), ratio(label + "/abilint-java25", label + "/pyelftools-jar")))
    r = ratio(label + "/abilint-dir", label + "/pyelftools")
    print("  abilint-dir/pyelftools %3.2fx  (same extracted files, no inflating)" % r)
    print("  abilint/llvm-readobj %5.2fx" % ratio(label + "/abilint", label + "/llvm-readobj"))
v = rows["version"][0]
print("abilint --version      %5.3f s (target < 0.3 s: %s)" % (v, "met" if v < 0.3 else "MISSED"))
print("big jar, 1 core vs 2 cores: %.3f s vs %.3f s (speed-up %.2fx)" % (
    rows["big/abilint-1core"][0], rows["big/abilint-2cores"][0],
    rows["big/abilint-1core"][0] / rows["big/abilint-2cores"][0]))
EOF
