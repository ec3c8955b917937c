#!/bin/sh
# make bench: the figures the issues ask for, printed as plain lines.
# Usage: bench/run.sh BUILD_DIR
set -eu
build=${1:-build/bench}
xasite="$build/generator/cli/xasite"
work=$(mktemp -d "${TMPDIR:-/tmp}/xasite-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
cores=$(nproc)

echo "== xasite bench on $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(date -u +%Y-%m-%d)"

run_build() {  # label
  /usr/bin/time -f "%e %M" -o "$work/time" "$xasite" build --content content --out "$work/site" >"$work/out" 2>"$work/err" || {
    cat "$work/err"; exit 1; }
  summary=$(grep '^built' "$work/out")
  set -- $(cat "$work/time")
  wall=$1; rss_kb=$2
  units=$(echo "$summary" | sed -E 's/^built ([0-9]+) units.*/\1/')
  pages=$(echo "$summary" | sed -E 's/.* units, ([0-9,]+) pages.*/\1/' | tr -d ,)
  echo "$label: units=$units html_pages=$pages wall_s=$wall pages_per_s=$(awk "BEGIN {printf \"%.0f\", $pages/$wall}") peak_rss_mib=$(awk "BEGIN {printf \"%.1f\", $rss_kb/1024}")"
}

sync
label="full province, fresh output"; run_build
label="full province, replacing the previous site"; run_build
# let the background removal of the replaced site finish before measuring anything else
while ls -d "$work"/site.old-* >/dev/null 2>&1; do sleep 1; done

/usr/bin/time -f "%e" -o "$work/time" "$xasite" check --site "$work/site" -j "$cores" >"$work/check" 2>&1 || true
echo "check: $(tail -1 "$work/check") wall_s=$(cat "$work/time")"

echo "== micro-benchmarks (Google Benchmark)"
"$build/bench/xasite_bench" --benchmark_min_time=0.5
echo "== directive extraction (documents/s = items_per_second)"
"$build/bench/xasite_directive_bench" --benchmark_min_time=0.5
echo "== search (issue 4)"
"$build/bench/xasite_search_bench" content "$work"
du_index=$(du -sb "$work/site.xapian" | cut -f1)
echo "search index written by the full build: $work/site.xapian bytes=$du_index"
port=$(( 20000 + $$ % 20000 ))
"$xasite" serve --site "$work/site" --port "$port" --quiet >"$work/serve.log" 2>&1 &
serve_pid=$!
for i in $(seq 50); do wget -q -O /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.2; done
wrk -t 2 -c 16 -d 10s -s bench/search_queries.lua "http://127.0.0.1:$port" | grep '^wrk:' | sed 's/^wrk:/api\/search under wrk (16 connections, 2 threads, 10 s, loopback):/'
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null || true
