#!/usr/bin/env bash
# Bounded memory: scans a directory of about 1 GiB (hard links to real jars with many natives, a jar
# bundling a Python installation with wheels inside (read ahead on the inflater threads), plus
# the fixture wheels' binaries and jars) with a 256 MiB heap, and checks that the scan succeeds and
# prints a JSON report. Reports the wall time and peak RSS (/usr/bin/time -v). Not part of CI: it
# takes about a minute or more on 2 cores.
#
#   bench/memory.sh            # ~1 GiB
#   SIZE_MB=4096 bench/memory.sh
#
# The directory is made at run time under bench/work/memory (git ignores bench/work) and removed at
# the end; the jars are downloaded with Maven as in bench/run.sh.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work"
size_mb="${SIZE_MB:-1024}"
mkdir -p "$work/jars"
cd "$root"
./abilint --version > /dev/null   # builds the jar when it is missing or stale

fetch() {
  if [ ! -f "$work/jars/$2" ]; then
    mvn -B -ntp -q dependency:copy -Dartifact="$1" -DoutputDirectory="$work/jars" >&2
  fi
  echo "$work/jars/$2"
}
sources=(
  "$(fetch org.bytedeco:opencv:4.9.0-1.5.10:jar:linux-x86_64 opencv-4.9.0-1.5.10-linux-x86_64.jar)"
  "$(fetch org.xerial:sqlite-jdbc:3.46.1.0 sqlite-jdbc-3.46.1.0.jar)"
  "$(fetch org.bytedeco:cpython:3.13.0-1.5.11:jar:linux-x86_64 cpython-3.13.0-1.5.11-linux-x86_64.jar)"
)
dir="$work/memory"
rm -rf "$dir"
mkdir -p "$dir/fixtures"
trap 'rm -rf "$dir"' EXIT
# The fixture binaries once (ELF, Mach-O, PE, class files: many small members).
for sub in elf macho pe python java; do
  [ -d "fixtures/$sub" ] && cp -r "fixtures/$sub" "$dir/fixtures/"
done
# Then hard links to the jars until the directory holds size_mb.
total=$(du -sbL "$dir" | cut -f1)
i=0
while [ "$total" -lt $((size_mb * 1024 * 1024)) ]; do
  src="${sources[$((i % ${#sources[@]}))]}"
  ln "$src" "$dir/copy$i-$(basename "$src")"
  total=$((total + $(stat -c %s "$src")))
  i=$((i + 1))
done
files=$(find "$dir" -type f | wc -l)
echo "scanning $dir: $((total / 1024 / 1024)) MiB in $files files ($i jars)" >&2

set +e
# Through the launcher, with its JVM options (huge pages, CDS archive), and the heap capped on top.
/usr/bin/time -v env JAVA_TOOL_OPTIONS=-Xmx256m ./abilint scan --format json "$dir" \
  > "$work/memory-report.json" 2> "$work/memory-time.txt"
code=$?
set -e
wall=$(grep 'Elapsed (wall clock)' "$work/memory-time.txt" | sed 's/.*: //')
rss=$(grep 'Maximum resident set size' "$work/memory-time.txt" | sed 's/.*: //')
if [ "$code" -ne 0 ] && [ "$code" -ne 1 ]; then
  grep -v '^\s' "$work/memory-time.txt" | tail -20 >&2
  echo "memory: FAILED, exit code $code (wall $wall, peak RSS $((rss / 1024)) MiB)" >&2
  exit 1
fi
/usr/bin/python3 - "$work/memory-report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
s = report["summary"]
print("report: %d artifacts, %d binaries, %d findings" % (s["artifacts"], s["binaries"], s["findings"]))
limits = [f for f in report["findings"] if f["ruleId"] == "archive-limit-exceeded"]
print("archive-limit-exceeded findings: %d" % len(limits))
EOF
echo "memory: OK with -Xmx256m, exit code $code, $((total / 1024 / 1024)) MiB scanned, wall $wall, peak RSS $((rss / 1024)) MiB"
