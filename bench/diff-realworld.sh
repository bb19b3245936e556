#!/usr/bin/env bash
# abilint diff on real consecutive releases, each held to the independent LLVM/javap diff of
# bench/diff-oracle.py (every removed export and dropped platform it finds must be reported, and no
# abilint error may be something it does not explain). Nothing is committed; downloads go to $work.
#
#   bench/diff-realworld.sh [WORK-DIR]       (default /tmp/abilint-diff-realworld)
#
# Jars from Maven Central (mvn dependency:copy); Python modules from Debian bullseye and bookworm
# (apt-get download through a private apt configuration for bullseye), repacked as linux_x86_64 wheels
# with fixtures/realworld/repack.py's write_wheel. Needs: mvn, apt-get, dpkg-deb, llvm-nm, llvm-readobj, javap.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-/tmp/abilint-diff-realworld}"
mkdir -p "$work"
get() { # G:A:V[:jar:CLASSIFIER] into directory $2, unless that jar is there already
  local a v c f; a="$(echo "$1" | cut -d: -f2)"; v="$(echo "$1" | cut -d: -f3)"; c="$(echo "$1" | cut -d: -f5)"
  f="$2/$a-$v${c:+-$c}.jar"; [ -f "$f" ] && return 0
  mkdir -p "$2"; mvn -q -B -ntp dependency:copy -Dartifact="$1" -DoutputDirectory="$2" >/dev/null 2>&1 || echo "download failed: $1" >&2; }
pair() { get "$2" "$work/$1/old"; get "$3" "$work/$1/new"; }
pair sqlite-jdbc org.xerial:sqlite-jdbc:3.45.3.0 org.xerial:sqlite-jdbc:3.46.0.0
pair zstd-jni com.github.luben:zstd-jni:1.5.5-11 com.github.luben:zstd-jni:1.5.6-1
pair snappy-java org.xerial.snappy:snappy-java:1.1.10.5 org.xerial.snappy:snappy-java:1.1.10.6
pair jna net.java.dev.jna:jna:5.13.0 net.java.dev.jna:jna:5.14.0
pair lz4-java org.lz4:lz4-java:1.7.1 org.lz4:lz4-java:1.8.0
for c in linux-x86_64 linux-aarch_64 osx-x86_64 osx-aarch_64 windows-x86_64; do
  pair tcnative io.netty:netty-tcnative-boringssl-static:2.0.65.Final:jar:$c io.netty:netty-tcnative-boringssl-static:2.0.66.Final:jar:$c
done
pair rocksdbjni org.rocksdb:rocksdbjni:9.0.0 org.rocksdb:rocksdbjni:9.0.1

# Debian: bullseye (Python 3.9) -> bookworm (Python 3.11)
debs=(python3-markupsafe python3-msgpack python3-yaml python3-simplejson python3-psutil python3-ujson python3-lz4)
apt="$work/apt-bullseye"
if [ ! -d "$work/deb/old" ]; then
  mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$apt/etc/none" "$work/deb/old" "$work/deb/new"
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian bullseye main" \
    > "$apt/etc/sources.list"
  touch "$apt/status"
  printf 'Dir::Etc::SourceList "%s/etc/sources.list";\nDir::Etc::SourceParts "%s/etc/none";\nDir::State::Lists "%s/lists";\nDir::Cache "%s/cache";\nDir::State::status "%s/status";\n' \
    "$apt" "$apt" "$apt" "$apt" "$apt" > "$apt/apt.conf"
  APT_CONFIG="$apt/apt.conf" apt-get update -qq
  (cd "$work/deb/old" && APT_CONFIG="$apt/apt.conf" apt-get download -qq "${debs[@]}")
  (cd "$work/deb/new" && apt-get download -qq "${debs[@]}")
fi
for side in old new; do
  for deb in "$work/deb/$side"/*.deb; do
    name="$(basename "$deb" | cut -d_ -f1)"; version="$(basename "$deb" | cut -d_ -f2 | sed 's/[^0-9.].*//')"
    x="$work/deb/x/$side/$name"; rm -rf "$x"; mkdir -p "$x"; dpkg-deb -x "$deb" "$x"
    tag=cp311-cp311-linux_x86_64; [ "$side" = old ] && tag=cp39-cp39-linux_x86_64
    mkdir -p "$work/${name#python3-}-deb/$side"
    python3 - "$root" "$x/usr/lib/python3/dist-packages" "${name#python3-}" "$version" "$tag" "$work/${name#python3-}-deb/$side" <<'PY'
import pathlib, sys
root, site, name, version, tag, out = sys.argv[1:7]
sys.path.insert(0, str(pathlib.Path(root) / "fixtures" / "realworld"))
from repack import write_wheel
site = pathlib.Path(site)
members = [(p.relative_to(site).as_posix(), p.read_bytes()) for p in sorted(site.rglob("*"))
           if p.is_file() and "__pycache__" not in p.parts and not any(x.endswith((".dist-info", ".egg-info")) for x in p.parts)]
dist = name.replace("-", "_")
for old in pathlib.Path(out).glob("*.whl"):
    old.unlink()
write_wheel(pathlib.Path(out) / f"{dist}-{version}-{tag}.whl", members, dist, version, tag, "abilint-diff-realworld")
PY
  done
done

status=0
printf '%-16s %9s %9s %7s %8s %8s %9s %s\n' pair oracle-rm abilint dropped errors warnings notes verdict
for d in "$work"/*/; do
  d="${d%/}"; n="$(basename "$d")"
  [ -d "$d/old" ] && [ -d "$d/new" ] && [ "$n" != deb ] || continue
  "$root/abilint" diff --format json --fail-on never "$d/old" "$d/new" > "$d/report.json" 2> "$d/stderr.txt"
  python3 "$root/bench/diff-oracle.py" "$d/old" "$d/new" --abilint "$d/report.json" > "$d/oracle.txt" 2>&1
  rc=$?
  [ $rc -ne 0 ] && status=1
  python3 - "$d" "$n" "$rc" <<'PY'
import json, re, sys
d, n, rc = sys.argv[1:4]
r = json.load(open(f"{d}/report.json"))
o = open(f"{d}/oracle.txt").read()
m = re.search(r"oracle: .*? (\d+) removed exports", o)
abil = sum(f.get("evidence", {}).get("count", len(f.get("evidence", {}).get("symbols", []))) for f in r["findings"]
           if f["ruleId"] in ("diff-export-removed", "diff-jni-export-removed"))
drop = re.search(r"dropped platforms: (.*?), new unbound", o).group(1)
s = r["summary"]
print(f"{n:16} {m.group(1) if m else '?':>9} {abil:>9} {('yes' if drop != 'none' else 'no'):>7} {s['errors']:>8} {s['warnings']:>8} "
      f"{s['notes']:>9} {'agree' if rc == '0' else 'DISAGREE (see ' + d + '/oracle.txt)'}")
PY
done
exit $status
