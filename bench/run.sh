#!/bin/sh
# make bench: the figures the issues ask for, printed as plain lines.
# Usage: bench/run.sh BUILD_DIR   (run from the repository's root: it reads content/ and bench/)
# Environment:
#   BENCH_ONLY=archive      only the archive part (ingest, verify, view builds); default: everything
#   BENCH_ONLY=serve        only xasite serve vs nginx (bench/serve_bench.sh: wrk -c256, slow
#                           clients, 4 x 200 MB downloads)
#   BENCH_ONLY=search       only the search index and query latency (local and two remote shards)
#   BENCH_ONLY=build        only the full-province builds: cold, --clean, no change, one news item,
#                           one procedure record (incremental builds, issue 12)
#   ARCHIVE_BENCH_BIG_MB=N  size of the big synthetic WARC, in MB (default 1024)
#   ARCHIVE_BENCH_WARC=FILE use this WARC as the big one instead of generating it (kept; e.g. the
#                           same file for two builds of xasite); its size is then what it is
set -eu
build=${1:-build/bench}
xasite="$build/generator/cli/xasite"
work=$(mktemp -d "${TMPDIR:-/tmp}/xasite-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

echo "== xasite bench on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(date -u +%Y-%m-%d)"
only=${BENCH_ONLY:-}
case "$only" in ""|archive|build|serve|search) ;; *) echo "BENCH_ONLY: unknown part \"$only\" (archive, build, serve, search)" >&2; exit 2 ;; esac
# BENCH_ONLY=serve: xasite serve vs nginx (issue 14), bench/serve_bench.sh
if [ "$only" = serve ]; then sh bench/serve_bench.sh "$build"; exit $?; fi
# BENCH_ONLY=search: the search index and query latency only, on one local database and on the
# same documents in two xapian-tcpsrv shards on loopback (issue 14).
if [ "$only" = search ]; then
  echo "== search (issue 4; issue 14: two remote shards)"
  "$build/bench/xasite_search_bench" content "$work" --remote
  exit 0
fi

# Wall seconds and peak RSS (KiB) from a `/usr/bin/time -v` report.
time_v_wall() {
  awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$1"
}
time_v_rss_kb() {
  awk -F': ' '/Maximum resident set size/ {print $2}' "$1"
}
time_v_cpu() {  # user + system seconds
  awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {s+=$2} END {printf "%.2f", s}' "$1"
}

run_build() {  # label [build options]
  /usr/bin/time -f "%e %M" -o "$work/time" "$xasite" build "$@" --content "$work/content" --out "$work/site" >"$work/out" 2>"$work/err" || {
    cat "$work/err"; exit 1; }
  summary=$(grep '^built' "$work/out")
  set -- $(cat "$work/time")
  wall=$1; rss_kb=$2
  units=$(echo "$summary" | sed -E 's/^built ([0-9]+) units.*/\1/')
  pages=$(echo "$summary" | sed -E 's/.* units, ([0-9,]+) pages.*/\1/' | tr -d ,)
  echo "$label: units=$units html_pages=$pages wall_s=$wall pages_per_s=$(awk "BEGIN {printf \"%.0f\", $pages/$wall}") peak_rss_mib=$(awk "BEGIN {printf \"%.1f\", $rss_kb/1024}")"
}

# An incremental build of the full province into the existing site (issue 12): wall seconds, peak
# RSS, files written and removed, from its summary lines.
run_incremental() {  # label
  sync
  /usr/bin/time -f "%e %M" -o "$work/time" "$xasite" build --content "$work/content" --out "$work/site" >"$work/out" 2>"$work/err" || {
    cat "$work/err"; exit 1; }
  set -- $(cat "$work/time")
  wall=$1; rss_kb=$2
  if grep -q '^nothing changed' "$work/out"; then
    written=0; removed=0; rendered=0
  else
    written=$(sed -nE 's/.*; written ([0-9,]+) files, removed ([0-9,]+).*/\1/p' "$work/out" | tr -d ,)
    removed=$(sed -nE 's/.*; written ([0-9,]+) files, removed ([0-9,]+).*/\2/p' "$work/out" | tr -d ,)
    rendered=$(sed -nE 's/.* units, ([0-9,]+) pages.*/\1/p' "$work/out" | tr -d ,)
  fi
  total=$(find "$work/site" -type f | wc -l)
  echo "$label: wall_s=$wall share_of_cold=$(awk "BEGIN {printf \"%.1f%%\", 100*$wall/$cold_wall}") files_written=$written files_removed=$removed pages_rendered=$rendered site_files=$total peak_rss_mib=$(awk "BEGIN {printf \"%.1f\", $rss_kb/1024}")"
}

if [ -z "$only" ] || [ "$only" = build ]; then
cp -r content "$work/content"
sync
label="full province, fresh output (cold)"; run_build
cold_wall=$wall
label="full province, --clean (cold, replacing the previous site)"; run_build --clean
cold_wall=$(awk "BEGIN {print ($wall < $cold_wall ? $wall : $cold_wall)}")
# let the background removal of the replaced site finish before measuring anything else
while ls -d "$work"/site.old-* >/dev/null 2>&1; do sleep 1; done
label="full province, no change (incremental)"; run_incremental
label="full province, no change again (incremental)"; run_incremental
mkdir -p "$work/content/units/24373"
printf -- '---\ntitle: Họp dân thôn 3 về làm đường\nsection: tin-tuc\ndate: 2025-08-02\n---\nThôn 3 họp bàn làm đường.\n' >"$work/content/units/24373/hop-dan-thon-3.md"
label="full province, one commune news item added (incremental)"; run_incremental
sed -i 's/họp bàn làm đường/họp bàn làm đường liên thôn/' "$work/content/units/24373/hop-dan-thon-3.md"
label="full province, that news item edited (incremental)"; run_incremental
rec=$(ls "$work/content/procedures" | grep -m1 '\.json$')
sed -i '0,/"name": "/s//"name": "(sửa) /' "$work/content/procedures/$rec"
label="full province, one procedure record edited (incremental, every site rendered)"; run_incremental
sed -i '0,/"name": "(sửa) /s//"name": "/' "$work/content/procedures/$rec"
run_incremental >/dev/null
[ "$only" = build ] && exit 0

/usr/bin/time -f "%e" -o "$work/time" "$xasite" check --site "$work/site" -j "$cores" >"$work/check" 2>&1 || true
echo "check: $(tail -1 "$work/check") wall_s=$(cat "$work/time")"

echo "== micro-benchmarks (Google Benchmark)"
"$build/bench/xasite_bench" --benchmark_min_time=0.5
echo "== directive extraction (documents/s = items_per_second)"
"$build/bench/xasite_directive_bench" --benchmark_min_time=0.5
echo "== search (issue 4; issue 14: the same documents in two xapian-tcpsrv shards)"
"$build/bench/xasite_search_bench" content "$work" --remote
du_index=$(du -sbL "$work/site.xapian" | cut -f1)
echo "search index written by the full build: $work/site.xapian bytes=$du_index"
port=$(( 20000 + $$ % 20000 ))
"$xasite" serve --site "$work/site" --port "$port" --quiet >"$work/serve.log" 2>&1 &
serve_pid=$!
for i in $(seq 50); do wget -q -O /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.2; done
wrk -t 2 -c 16 -d 10s -s bench/search_queries.lua "http://127.0.0.1:$port" | grep '^wrk:' | sed 's/^wrk:/api\/search under wrk (16 connections, 2 threads, 10 s, loopback):/'
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
fi

echo "== archive ingest (synthetic district-portal WARC, one gzip member per record)"
# ARCHIVE_BENCH_BIG_MB (default 1024): the size of the WARC whose peak RSS is measured.
big_mb=${ARCHIVE_BENCH_BIG_MB:-1024}
mkdir -p "$work/acontent/units"
cp content/units/daklak-units.json "$work/acontent/units/"
cp content/site.json "$work/acontent/"
archive_ingest() {  # label file
  label=$1; file=$2
  rm -rf "$work/acontent/archives"
  /usr/bin/time -v -o "$work/atime" "$xasite" archive ingest --unit 651 --content "$work/acontent" \
    "$file" >"$work/aout" 2>"$work/aerr" || { cat "$work/aerr"; exit 1; }
  wall=$(time_v_wall "$work/atime")
  rss_kb=$(time_v_rss_kb "$work/atime")
  pages=$(sed -nE 's/.* captures; ([0-9]+) pages.*/\1/p' "$work/aout")
  bytes=$(stat -c %s "$file")
  payload=$(sed -nE 's/.* payload files, ([0-9]+) bytes.*/\1/p' "$work/aout")
  echo "$label: warc_mb=$(awk "BEGIN {printf \"%.1f\", $bytes/1048576}") pages=$pages wall_s=$wall" \
    "pages_per_s=$(awk "BEGIN {printf \"%.0f\", $pages/$wall}")" \
    "warc_mb_per_s=$(awk "BEGIN {printf \"%.1f\", $bytes/1048576/$wall}")" \
    "payload_mb_per_s=$(awk "BEGIN {printf \"%.1f\", $payload/1048576/$wall}")" \
    "peak_rss_mib=$(awk "BEGIN {printf \"%.1f\", $rss_kb/1024}")"
}
"$build/bench/archive_warc_gen" "$work/a25.warc.gz" 25 >/dev/null
archive_ingest "archive ingest, 25 MB WARC" "$work/a25.warc.gz"
/usr/bin/time -f "%e" -o "$work/atime2" "$xasite" archive verify "$work/acontent/archives/651" >/dev/null
echo "archive verify, same package: wall_s=$(cat "$work/atime2")"
# Render + index: one commune and the province, built without and with the 25 MB package; the
# difference is the archive view (decode, rewrite, write) and its pages in the search index.
cp -r content "$work/bcontent"; rm -rf "$work/bcontent/archives"
/usr/bin/time -f "%e" -o "$work/btime0" "$xasite" build --content "$work/bcontent" --out "$work/b0" --unit 24373 >/dev/null 2>&1
cp -r "$work/acontent/archives" "$work/bcontent/archives"
/usr/bin/time -f "%e" -o "$work/btime1" "$xasite" build --content "$work/bcontent" --out "$work/b1" --unit 24373 >"$work/bout" 2>/dev/null
items=$(sed -nE 's/.* ([0-9,]+) archived pages and files.*/\1/p' "$work/bout" | tr -d ,)
t0=$(cat "$work/btime0"); t1=$(cat "$work/btime1")
echo "archive render + index, 25 MB WARC: archived_items=$items build_without_s=$t0 build_with_s=$t1" \
  "items_per_s=$(awk "BEGIN {d=$t1-$t0; printf \"%.0f\", (d>0 ? $items/d : 0)}")" \
  "warc_mb_per_s=$(awk "BEGIN {d=$t1-$t0; printf \"%.1f\", (d>0 ? 25/d : 0)}")"
rm -rf "$work/b0" "$work/b0.xapian" "$work/b1" "$work/b1.xapian" "$work/b1.archive-fixity"
rm -rf "$work/bcontent/archives" "$work/acontent/archives"
rm -f "$work/a25.warc.gz"
if [ -n "${ARCHIVE_BENCH_WARC:-}" ]; then
  big=$ARCHIVE_BENCH_WARC
  big_mb=$(awk "BEGIN {printf \"%.0f\", $(stat -c %s "$big")/1048576}")
else
  big="$work/abig.warc.gz"
  "$build/bench/archive_warc_gen" "$big" "$big_mb" >/dev/null
fi
archive_ingest "archive ingest, ${big_mb} MB WARC" "$big"
[ -n "${ARCHIVE_BENCH_WARC:-}" ] || rm -f "$big"
# The view of the big package in a one-commune build (as for 25 MB above, but --no-index: indexing
# the archived pages costs about 30 ms each here, 15-20 min for the 1 GB package, and is measured
# by the 25 MB line), twice: cold (no fixity cache beside the output: the build hashes every payload
# file before rendering) and warm (the cache <out>.archive-fixity/ of the first build: unchanged
# files are not hashed again). The view hashes each payload it reads in both. items_per_s: archived
# items over the archive's share of the wall time (build with the package minus build_without_s,
# the same build without it); xasite build prints no fixity timing, so fixity_cache_files is the
# number of files the cache holds after the build (0: no cache). cpu_s (user + system) next to
# wall_s: on a shared machine the wall time is mostly waiting for a core.
/usr/bin/time -f "%e" -o "$work/vtime0" "$xasite" build --content "$work/bcontent" --out "$work/v0" \
  --unit 24373 --no-index >/dev/null 2>&1
t0=$(cat "$work/vtime0")
rm -rf "$work/v0" "$work/v0.archive-fixity"
mv "$work/acontent/archives" "$work/bcontent/archives"
sync
archive_view() {  # label
  /usr/bin/time -v -o "$work/vtime" "$xasite" build --clean --content "$work/bcontent" --out "$work/v" \
    --unit 24373 --no-index >"$work/vout" 2>"$work/verr" || { cat "$work/verr"; exit 1; }
  wall=$(time_v_wall "$work/vtime")
  rss_kb=$(time_v_rss_kb "$work/vtime")
  items=$(sed -nE 's/.* ([0-9,]+) archived pages and files.*/\1/p' "$work/vout" | tr -d ,)
  cached=$(cat "$work"/v.archive-fixity/*.tsv 2>/dev/null | tail -n +2 | wc -l)
  warned=$(grep -c '^warning: .*archives/' "$work/verr" || true)
  echo "$label: archived_items=${items:-0} wall_s=$wall cpu_s=$(time_v_cpu "$work/vtime") build_without_s=$t0" \
    "items_per_s=$(awk "BEGIN {d=$wall-$t0; printf \"%.0f\", (d>0 ? ${items:-0}/d : 0)}")" \
    "warc_mb_per_s=$(awk "BEGIN {d=$wall-$t0; printf \"%.1f\", (d>0 ? $big_mb/d : 0)}")" \
    "peak_rss_mib=$(awk "BEGIN {printf \"%.1f\", $rss_kb/1024}")" \
    "fixity_cache_files=$cached archive_warnings=$warned"
}
label="archive view build (no search index), ${big_mb} MB WARC, cold (no fixity cache)"; archive_view
while ls -d "$work"/v.old-* >/dev/null 2>&1; do sleep 1; done
label="archive view build (no search index), ${big_mb} MB WARC, fixity cache warm"; archive_view
rm -rf "$work/bcontent" "$work/v" "$work/v.xapian" "$work/v.archive-fixity" "$work"/v.old-*

# xasite serve against nginx on the same files (issue 14): wrk -c64/-c256, slow connections,
# 4 parallel 200 MB downloads. Also alone: BENCH_ONLY=serve.
if [ -z "$only" ]; then
  echo "== serve (issue 14)"
  sh bench/serve_bench.sh "$build"
fi
