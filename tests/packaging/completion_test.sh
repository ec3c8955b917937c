#!/bin/bash
# The bash completion, sourced by bash, completes what a user types (COMP_WORDS/COMP_CWORD as
# bash sets them, then the function `complete` registered for xasite).
# Usage: completion_test.sh COMPLETION_FILE
set -euo pipefail
source "$1"
fn=$(complete -p xasite | sed -n 's/.*-F \([^ ]*\) .*/\1/p')
[ -n "$fn" ] || { echo "no completion function registered for xasite"; exit 1; }

failures=0
# expect "WORDS…" "EXPECTED REPLY": the last word is the one being completed.
expect() {
    local line=$1 want=$2 got
    read -r -a COMP_WORDS <<<"$line"
    [[ "$line" == *" " ]] && COMP_WORDS+=("")
    COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
    COMP_LINE=$line COMP_POINT=${#line}
    COMPREPLY=()
    "$fn" xasite "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
    got=$(printf '%s\n' "${COMPREPLY[@]}" | sort | paste -sd ' ')
    if [ "$got" != "$want" ]; then
        echo "FAIL: '$line' completes to '$got', expected '$want'"
        failures=$((failures + 1))
    fi
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
mkdir build  # a folder named like a subcommand must not turn 'build' into 'build/'
expect "xasite bu" "build"
expect "xasite " "admin archive build check directive import new preview search serve units"
expect "xasite s" "search serve"
expect "xasite --v" "--version"
expect "xasite build --cl" "--clean"
expect "xasite build --lang " "en vi"
expect "xasite build --out site --no" "--no-index"
expect "xasite admin u" "user"
expect "xasite admin user " "add list passwd remove"
expect "xasite admin user add --role a" "approver"
expect "xasite admin user add --" "--content --help --role --site --unit --users"
expect "xasite --help admin --port 8081 user l" "list"
expect "xasite archive " "export ingest verify"
expect "xasite archive export --format " "wacz"
expect "xasite units lookup --j" "--json"
expect "xasite new " "lich-cong-tac tin-tuc trang van-ban"
expect "xasite new --unit 24373 t" "tin-tuc trang"
expect "xasite serve --w" "--watch"
expect "xasite search --type p" "page procedure"
expect "xasite build --unit " ""
expect "xasite preview --index --u" "--unit"
expect "xasite search --index idx --j" "--json"
expect "xasite search --index " "build"
[ "$failures" -eq 0 ] || exit 1
echo "completion: all cases pass"
