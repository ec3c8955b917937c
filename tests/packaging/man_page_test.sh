#!/bin/bash
# The man page renders without a warning (groff -ww, and man's own checks), and says what the
# package installs.
# Usage: man_page_test.sh MAN_PAGE
set -euo pipefail
page=$1
out=$(groff -man -ww -z "$page" 2>&1)
[ -z "$out" ] || { echo "groff warnings:"; echo "$out"; exit 1; }
if command -v man >/dev/null; then
    out=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -l "$page" 2>&1 >/dev/null)
    [ -z "$out" ] || { echo "man --warnings:"; echo "$out"; exit 1; }
    text=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -l "$page" 2>/dev/null | col -b)
    for heading in NAME SYNOPSIS DESCRIPTION COMMANDS "EXIT STATUS" ENVIRONMENT FILES EXAMPLES; do
        grep -q "^$heading\$" <<<"$text" || { echo "no section $heading"; exit 1; }
    done
    grep -q '/etc/default/xasite' <<<"$text"
fi
echo "renders cleanly: $page"
