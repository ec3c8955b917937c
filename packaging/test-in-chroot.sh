#!/bin/bash
# Proves that the Debian package installs and works on a clean Debian 12 (bookworm): not part of
# `make test` (it needs root, network access to a Debian mirror and a few minutes).
#
#   make package                        # build/release/xasite_<version>_amd64.deb
#   apt-get install debootstrap         # once
#   sudo packaging/test-in-chroot.sh [DEB]
#
# 1. A minimal bookworm (debootstrap --variant=minbase) is made once in $BASE (/tmp/chroot) and
#    left pristine; each run copies it to $WORK, so a run always starts from a clean system.
# 2. In $WORK: apt-get install ./xasite_….deb (dependencies from the Debian mirror, Recommends
#    included), then: xasite --version; the system user and its folders; a full build of the
#    installed content tree into /tmp/site; a search; a build as the xasite user into
#    /var/lib/xasite/site, as xasite-build.service runs it; xasite serve answering over HTTP;
#    systemd-analyze verify on the installed units (systemd installed into the chroot for it);
#    a reinstall that keeps the operator's files; apt-get purge removing the data and the user.
# Services are not started (a chroot has no systemd running); policy-rc.d keeps nginx's postinst
# from starting nginx. Set KEEP=1 to keep $WORK afterwards.
set -euo pipefail

BASE=${BASE:-/tmp/chroot}
WORK=${WORK:-/tmp/chroot-xasite-test}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
here=$(cd "$(dirname "$0")/.." && pwd)
deb=${1:-$(ls -t "$here"/build/release/xasite_*.deb 2>/dev/null | head -n 1 || true)}
[ -n "$deb" ] && [ -f "$deb" ] || { echo "no .deb: run 'make package' or name it" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "run as root (debootstrap, chroot)" >&2; exit 2; }
command -v debootstrap >/dev/null || [ -x "$BASE/usr/bin/apt-get" ] ||
    { echo "debootstrap is missing: apt-get install debootstrap" >&2; exit 2; }

step() { printf '\n==> %s\n' "$*"; }
in_chroot() { chroot "$WORK" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
    LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive "$@"; }

cleanup() {
    umount "$WORK/proc" 2>/dev/null || true
    umount "$WORK/dev/pts" 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

if [ ! -x "$BASE/usr/bin/apt-get" ]; then
    step "debootstrap --variant=minbase bookworm $BASE $MIRROR"
    debootstrap --variant=minbase bookworm "$BASE" "$MIRROR"
fi
step "fresh copy of $BASE in $WORK"
rm -rf "$WORK"
cp -a "$BASE" "$WORK"
mount -t proc proc "$WORK/proc"
mount -t devpts devpts "$WORK/dev/pts" 2>/dev/null || true
cp /etc/resolv.conf "$WORK/etc/resolv.conf"
printf '#!/bin/sh\nexit 101\n' >"$WORK/usr/sbin/policy-rc.d"
chmod 755 "$WORK/usr/sbin/policy-rc.d"
cp "$deb" "$WORK/tmp/"
name=$(basename "$deb")

step "dpkg-deb --info $name"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'

step "apt-get install ./$name (in the chroot)"
in_chroot apt-get update -qq
in_chroot sh -c "cd /tmp && apt-get install -y --no-install-suggests ./$name" | tail -n 25

step "xasite --version"
in_chroot xasite --version
want=$(dpkg-deb --field "$deb" Version)
[ "$(in_chroot xasite --version)" = "xasite $want" ] || { echo "version differs from the package's $want"; exit 1; }

step "the system user and its folders"
in_chroot getent passwd xasite
in_chroot stat -c '%U:%G %a %n' /var/lib/xasite /var/lib/xasite/accounts /var/lib/xasite/content /var/log/xasite
in_chroot test -f /var/lib/xasite/content/site.json
in_chroot dpkg-query -W -f='${Conffiles}\n' xasite

step "xasite build --content /usr/share/xasite/content --out /tmp/site"
in_chroot bash -c 'cd /tmp && time xasite build --content /usr/share/xasite/content --out /tmp/site'
in_chroot test -f /tmp/site/index.html
echo "HTML files: $(in_chroot find /tmp/site -name '*.html' | wc -l), top-level folders with an index.html: $(in_chroot find /tmp/site -mindepth 2 -maxdepth 2 -name index.html | wc -l)"
in_chroot xasite search --site /tmp/site --limit 3 khai sinh | sed -n 1,8p

step "as xasite-build.service runs it: the xasite user builds /var/lib/xasite/site"
in_chroot sh -c '. /etc/default/xasite && cd /var/lib/xasite && runuser -u xasite -- xasite build --quiet --content "$XASITE_CONTENT" --out "$XASITE_SITE" && ls -ld "$XASITE_SITE" "$XASITE_SITE.xapian"'

step "xasite serve answers over HTTP"
port=$((20000 + RANDOM % 20000))
in_chroot sh -c "runuser -u xasite -- xasite serve --quiet --site /var/lib/xasite/site --packages /var/lib/xasite/content/archives --port $port >/tmp/serve.log 2>&1 & echo \$! >/tmp/serve.pid"
status=""
for _ in $(seq 50); do
    status=$(in_chroot bash -c "exec 3<>/dev/tcp/127.0.0.1/$port && printf 'GET / HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && head -n 1 <&3" 2>/dev/null || true)
    [ -n "$status" ] && break
    sleep 0.2
done
in_chroot sh -c 'kill "$(cat /tmp/serve.pid)"'
echo "GET / -> $status"
[[ "$status" == "HTTP/1.1 200"* ]] || { cat "$WORK/tmp/serve.log"; exit 1; }

step "systemd-analyze verify on the installed units (systemd installed into the chroot)"
in_chroot apt-get install -y -qq --no-install-recommends systemd >/dev/null
in_chroot systemd-analyze verify --man=no /usr/lib/systemd/system/xasite-serve.service \
    /usr/lib/systemd/system/xasite-admin.service /usr/lib/systemd/system/xasite-build.service \
    /usr/lib/systemd/system/xasite-build.timer
echo "verify: ok"

step "reinstall (as an upgrade): the operator's files stay"
echo "XASITE_SERVE_OPTS=\"--quiet\"  # local change" >>"$WORK/etc/default/xasite"
touch "$WORK/var/lib/xasite/content/LOCAL-EDIT"
in_chroot sh -c "cd /tmp && apt-get install -y --reinstall ./$name" | tail -n 3
in_chroot grep -q 'local change' /etc/default/xasite
in_chroot test -e /var/lib/xasite/content/LOCAL-EDIT
echo "kept: /etc/default/xasite and /var/lib/xasite/content"

step "apt-get purge xasite: data, logs and user removed"
in_chroot apt-get purge -y -qq xasite | tail -n 3
for p in /var/lib/xasite /var/log/xasite /etc/default/xasite /usr/bin/xasite; do
    if in_chroot test -e "$p"; then echo "still there after purge: $p"; exit 1; fi
done
if in_chroot getent passwd xasite; then echo "user xasite still there after purge"; exit 1; fi
echo "purged"

step "all checks passed"
