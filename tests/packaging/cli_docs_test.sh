#!/bin/bash
# The man page and the bash completion are written by hand; this keeps them true to the CLI:
# every command path `xasite … --help` lists has its section in the man page and its options in
# the completion's table, and every option that --help lists for it appears in both (in the
# man page, inside that command's section), and the completion offers no option --help lacks.
# Usage: cli_docs_test.sh XASITE_BINARY MAN_PAGE COMPLETION_FILE
set -euo pipefail
xasite=$1 page=$2 completion=$3
source "$completion"
failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }

# The subcommands a help text lists.
subcommands() { sed -n '/^Subcommands:/,$p' | sed -n 's/^  \([a-z][a-z-]*\) .*/\1/p'; }
# The options a help text lists (long and short), without -h/--help.
options() {
    sed -n '/^Options:/,/^Subcommands:/p' | grep -E '^  -' | awk '{print $1}' | tr ',' '\n' |
        { grep -v -x -e '-h' -e '--help' || true; } | sort -u
}
# The man page's section of a command path: from its .SS heading to the next heading. A heading
# names a command path, then perhaps its arguments (`archive verify \fIPACKAGE\fP`); its last
# word may list alternatives (`admin user add|list|remove|passwd`).
man_section() {
    awk -v path="$1" '
        /^\.S[SH] / { inside = 0 }
        /^\.SS "/ {
            h = substr($0, 6); sub(/".*/, "", h)
            n = split(h, w, " "); cmd = ""
            for (i = 1; i <= n && w[i] ~ /^[a-z|-]+$/; i++) {
                if (i > 1 && w[i] ~ /[|]/) {
                    m = split(w[i], alt, "|")
                    for (j = 1; j <= m; j++) if (cmd " " alt[j] == path) inside = 1
                }
                cmd = cmd (i > 1 ? " " : "") w[i]
            }
            if (cmd == path) inside = 1
        }
        inside' "$page"
}

paths=("")
checked=0
while [ ${#paths[@]} -gt 0 ]; do
    path=${paths[0]}
    paths=("${paths[@]:1}")
    # shellcheck disable=SC2086
    help=$("$xasite" $path --help)
    subs=$(subcommands <<<"$help" | sort | paste -sd ' ')
    completed_subs=$(_xasite_subcommands "$path" | tr ' ' '\n' | sed '/^$/d' | sort | paste -sd ' ')
    [ "$subs" = "$completed_subs" ] ||
        fail "'xasite $path': subcommands '$subs', the completion offers '$completed_subs'"
    for s in $subs; do paths+=("${path:+$path }$s"); done

    opts=$(options <<<"$help")
    completed=" $(_xasite_options "$path") "
    section=""
    [ -n "$path" ] && section=$(man_section "$path")
    if [ -n "$path" ] && [ -z "$subs" ] && [ -z "$section" ]; then
        fail "man page: no section for 'xasite $path'"
    fi
    for o in $opts; do
        [[ "$completed" == *" $o "* ]] || fail "completion: 'xasite $path' lacks $o"
        if [ -n "$path" ] && [ -n "$section" ]; then
            # roff spells - as \-; --no must not match inside --no-index
            grep -qP -- "\\Q${o//-/\\-}\\E(?![a-z]|\\\\-)" <<<"$section" ||
                fail "man page: section '$path' lacks $o"
        fi
    done
    for o in $completed; do
        [ "$o" = --help ] && continue
        grep -qx -- "$o" <<<"$opts" || fail "completion offers $o, which 'xasite $path --help' lacks"
    done
    # Options that take a value (a type after one space in --help: "--out TEXT") are those the
    # completion skips the value of, so that a value is never taken for a subcommand.
    while read -r names; do
        for o in ${names//,/ }; do
            _xasite_takes_value "$path" "$o" || fail "completion: $o of 'xasite $path' takes a value"
        done
    done < <(sed -n 's/^  \(-[-a-zA-Z,]*\) [A-Z][A-Z:]*.*/\1/p' <<<"$help")
    while read -r names; do
        for o in ${names//,/ }; do
            [ "$o" = -h ] || [ "$o" = --help ] || ! _xasite_takes_value "$path" "$o" ||
                fail "completion: $o of 'xasite $path' is a flag, but its value is skipped"
        done
    done < <(sed -n 's/^  \(-[-a-zA-Z,]*\)  .*/\1/p' <<<"$help")
    checked=$((checked + 1))
done
# The man page's header names the binary's version.
version=$("$xasite" --version)
grep -q "^\.TH XASITE 1 \"[^\"]*\" \"$version\"" "$page" || fail "man page: .TH does not say '$version'"
[ "$checked" -ge 20 ] || fail "only $checked command paths found in --help"
[ "$failures" -eq 0 ] || exit 1
echo "man page and completion match the --help of $checked command paths"
