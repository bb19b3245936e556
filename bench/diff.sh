#!/usr/bin/env bash
# abilint diff of two large jars against scanning both: the diff reads each release once and compares
# their models, so it should cost about what a scan of both costs (the promise: at most 2x).
#
#   bench/diff.sh              # RUNS=5 rounds, interleaved (bench/interleave.py), medians
#
# Inputs (Maven Central, into bench/work/jars, which git ignores): org.rocksdb:rocksdbjni 9.0.0 and 9.0.1
# (each about 70 MB: 8 native libraries of 20-40 MB, tens of thousands of exports each).
# Commands:
#   diff        ./abilint diff --format json OLD NEW
#   scan-both   ./abilint scan --format json OLD NEW        (one run reads both, as the diff does)
#   scan-each   ./abilint scan OLD; ./abilint scan NEW      (two runs: two JVM start-ups)
# Prints the medians and diff / scan-both; exits 1 when that ratio is above 2.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
work="$root/bench/work/jars"
runs="${RUNS:-5}"
mkdir -p "$work" "$root/bench/work/results"
cd "$root"
./abilint --version > /dev/null
for v in 9.0.0 9.0.1; do
  [ -f "$work/rocksdbjni-$v.jar" ] || mvn -q -B -ntp dependency:copy -Dartifact=org.rocksdb:rocksdbjni:$v \
    -DoutputDirectory="$work" >/dev/null
done
old="$work/rocksdbjni-9.0.0.jar"; new="$work/rocksdbjni-9.0.1.jar"
out="$root/bench/work/results"
python3 bench/interleave.py --cpu "$runs" \
  "diff=./abilint diff --format json --fail-on never $old $new > $out/diff.json" \
  "scan-both=./abilint scan --format json --fail-on never $old $new > $out/scan.json" \
  "scan-each=./abilint scan --format json --fail-on never $old > $out/a.json; ./abilint scan --format json --fail-on never $new > $out/b.json" \
  | tee "$out/diff-bench.tsv"
python3 - "$out/diff-bench.tsv" <<'PY'
import sys
rows = {l.split("\t")[0]: [float(x) for x in l.split("\t")[1:]] for l in open(sys.argv[1]) if l.strip()}
ratio = rows["diff"][0] / rows["scan-both"][0]
ratio_each = rows["diff"][0] / rows["scan-each"][0]
print(f"diff / scan-both = {ratio:.2f} (wall, medians); diff / scan-each = {ratio_each:.2f}; "
      f"cpu: diff / scan-both = {rows['diff'][4] / rows['scan-both'][4]:.2f}")
sys.exit(0 if ratio <= 2.0 else 1)
PY
