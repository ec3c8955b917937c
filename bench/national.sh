#!/usr/bin/env bash
# The national dry run (docs/OPERATIONS.md): N synthetic provinces made from content/ by
# national_content_gen (p01 = the real Đắk Lắk; p02… = copies with renamed unit codes and hosts),
# each built by its own `xasite build --content pNN --out …` (one process per province, as the
# deployment runs them), then their search indexes queried as one national index: N local shards
# through one stub file ("one node"), and the same shards behind two xapian-tcpsrv on loopback
# ("two shards").
# Usage: bench/national.sh [BUILD_DIR] [N]   (run from the repository's root; default build/bench 34)
# Environment:
#   NATIONAL_WORK=DIR   where to work (default: a temporary folder, removed at the end); needs
#                       about 2 GB for one built province plus 5 MB of index per province
#   NATIONAL_PARALLEL=P provinces built at once (default 1: the figures per province are then
#                       those of a machine doing one province at a time)
#   NATIONAL_SITES=DIR  where the sites are built (default WORK/sites; a tmpfs such as /dev/shm/x
#                       keeps removing 136,000 files per province from costing minutes of I/O)
#   NATIONAL_SKIP_BUILD=1  only the queries, on the indexes and p01 site of an earlier run in
#                       NATIONAL_WORK
# Each built site is measured (files, bytes) and removed before the next province, except p01's,
# which serves the queries; the indexes are kept.
set -eu
build=${1:-build/bench}
n=${2:-34}
xasite="$build/generator/cli/xasite"
gen="$build/bench/national_content_gen"
for tool in "$xasite" "$gen"; do
  [ -x "$tool" ] || { echo "national.sh: $tool is missing (cmake --build $build --target xasite national_content_gen)" >&2; exit 2; }
done
if [ -n "${NATIONAL_WORK:-}" ]; then
  work=$NATIONAL_WORK; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/xasite-national.XXXXXX")
  trap 'kill $(jobs -p) 2>/dev/null; rm -rf "$work"' EXIT
fi
parallel=${NATIONAL_PARALLEL:-1}

echo "== national dry run: $n provinces on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(date -u +%Y-%m-%d)"
sites=${NATIONAL_SITES:-$work/sites}
if [ -z "${NATIONAL_SKIP_BUILD:-}" ]; then
rm -rf "$work/content" "$sites" "$work/indexes" "$work/logs"
"$gen" content "$work/content" "$n"
mkdir -p "$sites" "$work/indexes" "$work/logs"

# One province: build, measure, keep the index, drop the site (but p01's).
build_one() {  # pNN
  p=$1
  /usr/bin/time -f "%e %M %U %S" -o "$work/logs/$p.time" "$xasite" build --content "$work/content/$p" \
    --out "$sites/$p" >"$work/logs/$p.out" 2>"$work/logs/$p.err" || { cat "$work/logs/$p.err" >&2; return 1; }
  files=$(find "$sites/$p" -type f | wc -l)
  bytes=$(du -sb "$sites/$p" | cut -f1)
  index=$(sed -nE 's/^index: (.*)$/\1/p' "$sites/$p/.xasite-site" 2>/dev/null || true)
  [ -n "$index" ] || index=$(readlink -f "$sites/$p.xapian")
  case "$index" in /*) ;; *) index="$sites/$index" ;; esac
  mv "$index" "$work/indexes/$p"
  ibytes=$(du -sb "$work/indexes/$p" | cut -f1)
  docs=$(sed -nE 's/.*search index: ([0-9,]+) documents.*/\1/p' "$work/logs/$p.out" | tr -d ,)
  set -- $(cat "$work/logs/$p.time")
  echo "$p wall_s=$1 cpu_s=$(awk "BEGIN {print $3 + $4}") peak_rss_kib=$2 files=$files bytes=$bytes index_docs=$docs index_bytes=$ibytes" | tee "$work/logs/$p.line"
  [ "$p" = p01 ] || rm -rf "$sites/$p" "$sites/$p.xapian"*
}

start=$(date +%s.%N)
ls "$work/content" | (
  running=0
  while read -r p; do
    build_one "$p" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then wait -n 2>/dev/null || wait; running=$((running - 1)); fi
  done
  wait
)
end=$(date +%s.%N)
median=$(sed -nE 's/.* wall_s=([0-9.]+) .*/\1/p' "$work"/logs/p*.line | sort -n | awk '{w[NR] = $1} END {print w[int((NR + 1) / 2)]}')
cat "$work"/logs/p*.line | awk -v n="$n" -v median="$median" -v total="$(awk "BEGIN {print $end - $start}")" '
  { for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] += kv[2]; if (kv[1] == "peak_rss_kib" && kv[2] > rss) rss = kv[2] } }
  END {
    printf "national build: provinces=%d wall_s_total=%.1f build_s_sum=%.1f cpu_s_sum=%.1f build_s_median=%.1f peak_rss_mib_max=%.1f files=%d bytes=%.0f gib=%.2f index_docs=%d index_mib=%.1f\n",
      n, total, v["wall_s"], v["cpu_s"], median, rss / 1024, v["files"], v["bytes"], v["bytes"] / 1073741824, v["index_docs"], v["index_bytes"] / 1048576
  }'
fi
mkdir -p "$work/logs"

# The national index: every province index as a shard.
stub="$work/national.stub"
: >"$stub"
for d in "$work"/indexes/p*; do echo "auto $d" >>"$stub"; done
port=$(( 20000 + $$ % 20000 ))
query() {  # label index
  "$xasite" serve --site "$sites/p01" --index "$2" --port "$port" --quiet >"$work/logs/serve.log" 2>&1 &
  serve_pid=$!
  for i in $(seq 100); do wget -q -O /dev/null "http://127.0.0.1:$port/api/search?q=khai+sinh" 2>/dev/null && break; sleep 0.2; done
  wrk -t 2 -c 16 -d 10s -s bench/search_queries.lua "http://127.0.0.1:$port" | grep '^wrk:' | sed "s/^wrk:/$1:/"
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
}
query "national search, one node ($n local shards, stub file; wrk 16 connections, 10 s)" "$stub"

# Two shards: the provinces split between two xapian-tcpsrv on loopback.
half=$(( (n + 1) / 2 ))
first=$(ls -d "$work"/indexes/p* | head -n "$half")
second=$(ls -d "$work"/indexes/p* | tail -n +"$((half + 1))")
p1=$((port + 1)); p2=$((port + 2))
xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p1" $first >"$work/logs/tcpsrv1.log" 2>&1 &
t1=$!
if [ -n "$second" ]; then
  xapian-tcpsrv --quiet --interface 127.0.0.1 --port "$p2" $second >"$work/logs/tcpsrv2.log" 2>&1 &
  t2=$!
fi
sleep 1
printf 'remote :127.0.0.1:%s\n' "$p1" >"$work/two-shards.stub"
[ -n "$second" ] && printf 'remote :127.0.0.1:%s\n' "$p2" >>"$work/two-shards.stub"
query "national search, two shards (xapian-tcpsrv on loopback; wrk 16 connections, 10 s)" "$work/two-shards.stub"
kill "$t1" ${t2:-} 2>/dev/null; wait 2>/dev/null || true
