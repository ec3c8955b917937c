#!/bin/bash
# `cmake --install` of the build tree into a DESTDIR (prefix /usr, as the package) installs
# exactly the expected files: the binary (whose --version is the project's version), the example
# content tree (every file of content/), the man page, the bash completion, the systemd units,
# /etc/default/xasite, the documentation and the nginx example; and nothing else.
# Usage: install_test.sh BUILD_DIR SOURCE_DIR VERSION
set -euo pipefail
build=$1 source=$2 version=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
DESTDIR="$tmp/root" cmake --install "$build" --prefix /usr >"$tmp/log"
cd "$tmp/root"

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
for f in usr/bin/xasite \
         usr/share/man/man1/xasite.1 \
         usr/share/bash-completion/completions/xasite \
         usr/lib/systemd/system/xasite-serve.service \
         usr/lib/systemd/system/xasite-admin.service \
         usr/lib/systemd/system/xasite-build.service \
         usr/lib/systemd/system/xasite-build.timer \
         usr/lib/systemd/system/xasite-archive-verify.service \
         usr/lib/systemd/system/xasite-archive-verify.timer \
         etc/default/xasite \
         usr/share/doc/xasite/README.md \
         usr/share/doc/xasite/ARCHITECTURE.md \
         usr/share/doc/xasite/CONTENT.md \
         usr/share/doc/xasite/examples/xasite.conf.example \
         usr/share/doc/xasite/examples/xasite-listen.conf.example \
         usr/share/xasite/content/site.json; do
    [ -f "$f" ] || fail "not installed: /$f"
done
[ -x usr/bin/xasite ] || fail "/usr/bin/xasite is not executable"
got=$(usr/bin/xasite --version)
[ "$got" = "xasite $version" ] || fail "xasite --version says '$got', the project is $version"

# Every file of content/ (the example tree) is installed, byte for byte.
(cd "$source/content" && find . -type f | sort) >"$tmp/content.src"
(cd usr/share/xasite/content && find . -type f | sort) >"$tmp/content.inst"
diff -q "$tmp/content.src" "$tmp/content.inst" >/dev/null || fail "share/xasite/content differs from content/"
diff -rq "$source/content" usr/share/xasite/content >/dev/null || fail "content files differ"
# Every docs/*.md.
for d in "$source"/docs/*.md; do
    [ -f "usr/share/doc/xasite/$(basename "$d")" ] || fail "not installed: $(basename "$d")"
done
# Nothing outside the expected places.
unexpected=$(find . -type f | sed 's|^\./||' | grep -v -E \
    '^(usr/bin/xasite|usr/share/man/man1/xasite\.1|usr/share/bash-completion/completions/xasite|usr/lib/systemd/system/xasite-[a-z-]+\.(service|timer)|etc/default/xasite|usr/share/doc/xasite/.*|usr/share/xasite/content/.*)$' || true)
[ -z "$unexpected" ] || fail "unexpected files installed: $unexpected"
[ "$failures" -eq 0 ] || exit 1
echo "installed $(find . -type f | wc -l) files as expected"
