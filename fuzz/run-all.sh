#!/bin/sh
# Runs every libFuzzer binary in BUILD_DIR/fuzz for SECONDS each, starting from its corpus.
# Usage: fuzz/run-all.sh BUILD_DIR SECONDS
set -eu
build=$1; seconds=$2
here=$(cd "$(dirname "$0")" && pwd)
status=0
for bin in "$build"/fuzz/*_fuzz; do
  [ -x "$bin" ] || continue
  name=$(basename "$bin" _fuzz)
  work=$(mktemp -d)
  cp -r "$here/corpus/$name/." "$work/" 2>/dev/null || true
  echo "fuzzing $name for ${seconds}s"
  if ! "$bin" -max_total_time="$seconds" -max_len=65536 -print_final_stats=0 -artifact_prefix="$work.crash-" "$work" >"$work.log" 2>&1; then
    echo "FUZZ FAILURE in $name:"; tail -40 "$work.log"; status=1
    for crash in "$work".crash-*; do [ -f "$crash" ] && cp "$crash" "$here/corpus/$name/" && echo "kept $crash in fuzz/corpus/$name/"; done
  else
    grep -E '^#[0-9]+.*DONE' "$work.log" | tail -1 || true
  fi
  rm -rf "$work" "$work.log" "$work".crash-*
done
exit $status
