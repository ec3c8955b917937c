#!/bin/bash
# systemd-analyze verify on the units of packaging/systemd/, with /usr/bin/xasite replaced by the
# built binary (verify checks that ExecStart's binary exists and is executable) and MANPATH set to
# the man page (verify runs `man` for each Documentation=man:…). Any message fails: verify exits
# 0 on an unknown or misspelt key, so stderr must be empty too.
# Usage: systemd_verify_test.sh XASITE_BINARY PACKAGING_DIR
set -euo pipefail
binary=$1 packaging=$2
command -v systemd-analyze >/dev/null || { echo "systemd-analyze not installed"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/units" "$tmp/man/man1"
cp "$packaging"/systemd/*.service "$packaging"/systemd/*.timer "$tmp/units/"
cp "$packaging/man/xasite.1" "$tmp/man/man1/"
grep -q '^ExecStart=/usr/bin/xasite ' "$tmp"/units/xasite-serve.service
sed -i "s|/usr/bin/xasite |$binary |" "$tmp"/units/*.service
# Each service runs the binary, as the package's user, with the settings file.
for unit in xasite-serve xasite-admin xasite-build; do
    grep -qx "ExecStart=$binary ${unit#xasite-} .*" "$tmp/units/$unit.service" || {
        echo "$unit.service: ExecStart does not run '${unit#xasite-}'"; exit 1; }
    grep -qx 'User=xasite' "$tmp/units/$unit.service"
    grep -qx 'EnvironmentFile=/etc/default/xasite' "$tmp/units/$unit.service"
    grep -qx 'ProtectSystem=strict' "$tmp/units/$unit.service"
    grep -qx 'CapabilityBoundingSet=' "$tmp/units/$unit.service"
    grep -qx 'NoNewPrivileges=yes' "$tmp/units/$unit.service"
    grep -qx 'SystemCallFilter=@system-service' "$tmp/units/$unit.service"
done
# The fixity check runs `xasite archive verify` on every package, read-only.
grep -q "$binary archive verify \"\$p\"" "$tmp/units/xasite-archive-verify.service" ||
    { echo "xasite-archive-verify.service does not run 'archive verify'"; exit 1; }
grep -qx 'ReadOnlyPaths=/var/lib/xasite' "$tmp/units/xasite-archive-verify.service"
# Every variable the units read is set in /etc/default/xasite.
for var in $(grep -oh '\${\?XASITE_[A-Z_]*' "$tmp"/units/*.service | tr -d '${' | sort -u); do
    grep -q "^$var=" "$packaging/default/xasite" || { echo "/etc/default/xasite lacks $var"; exit 1; }
done

cd "$tmp/units"
status=0
out=$(MANPATH="$tmp/man" SYSTEMD_LOG_COLOR=0 systemd-analyze verify ./*.service ./*.timer 2>&1) || status=$?
if [ "$status" -ne 0 ] || [ -n "$out" ]; then
    echo "systemd-analyze verify (exit $status):"
    echo "$out"
    exit 1
fi
echo "verified: $(ls)"
