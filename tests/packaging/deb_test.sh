#!/bin/bash
# cpack -G DEB with the project's rules (cmake/Install.cmake) and a small stand-in for the xasite
# binary (the real one of `make test` is a 300 MB ASan build: packaging it would cost minutes;
# packaging/test-in-chroot.sh installs the real Release package). Checks the control fields
# (Depends from dpkg-shlibdeps plus adduser, Recommends, Section, Maintainer, the description),
# the conffile, the maintainer scripts, the file list, and that apt accepts the package here
# (apt-get install --simulate).
# Usage: deb_test.sh SOURCE_DIR VERSION
set -euo pipefail
source=$1 version=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
# The stand-in links the C++ runtime and libm, so dpkg-shlibdeps has libraries to name.
cat >"$tmp/src/stand_in.cpp" <<'CPP'
#include <cmath>
#include <iostream>
int main(int argc, char**) { std::cout << "xasite stand-in " << std::sqrt(double(argc)) << "\n"; }
CPP
cat >"$tmp/src/CMakeLists.txt" <<CMAKE
cmake_minimum_required(VERSION 3.25)
project(xasite VERSION $version LANGUAGES CXX)
add_executable(xasite stand_in.cpp)
include($source/cmake/Install.cmake)
CMAKE
cmake -S "$tmp/src" -B "$tmp/build" -DCMAKE_BUILD_TYPE=Release >"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
cmake --build "$tmp/build" >>"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
(cd "$tmp/build" && cpack -G DEB) >>"$tmp/log" 2>&1 || { cat "$tmp/log"; exit 1; }
arch=$(dpkg --print-architecture)
deb="$tmp/build/xasite_${version}_${arch}.deb"
[ -f "$deb" ] || { echo "no $(basename "$deb")"; ls "$tmp/build"; exit 1; }

failures=0
fail() { echo "FAIL: $*"; failures=$((failures + 1)); }
field() { dpkg-deb --field "$deb" "$1"; }
[ "$(field Package)" = xasite ] || fail "Package: $(field Package)"
[ "$(field Version)" = "$version" ] || fail "Version: $(field Version)"
[ "$(field Architecture)" = "$arch" ] || fail "Architecture: $(field Architecture)"
[ "$(field Section)" = web ] || fail "Section: $(field Section)"
[[ "$(field Maintainer)" == *"<"*"@"*">" ]] || fail "Maintainer: $(field Maintainer)"
[ "$(field Recommends)" = "nginx, xapian-tools" ] || fail "Recommends: $(field Recommends)"
depends=$(field Depends)
for d in adduser libc6 libstdc++6; do
    [[ ", $depends," == *", $d"[\ ,]* ]] || fail "Depends lacks $d (from dpkg-shlibdeps): $depends"
done
[ "$(field Description | wc -l)" -ge 3 ] || fail "no long description"
dpkg-deb --ctrl-tarfile "$deb" | tar -t | sed 's|^\./||' | sort >"$tmp/control"
for f in control conffiles postinst prerm postrm md5sums; do
    grep -qx "$f" "$tmp/control" || fail "control archive lacks $f"
done
mkdir "$tmp/ctrl"
dpkg-deb --control "$deb" "$tmp/ctrl"
[ "$(cat "$tmp/ctrl/conffiles")" = /etc/default/xasite ] || fail "conffiles: $(cat "$tmp/ctrl/conffiles")"
for s in postinst prerm postrm; do
    [ -x "$tmp/ctrl/$s" ] || fail "$s is not executable"
    sh -n "$tmp/ctrl/$s" || fail "$s: syntax"
done
grep -q 'adduser --system --group --home /var/lib/xasite' "$tmp/ctrl/postinst" || fail "postinst makes no system user"
grep -q 'purge)' "$tmp/ctrl/postrm" || fail "postrm does nothing on purge"
dpkg-deb --contents "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$tmp/files"
for f in /usr/bin/xasite /etc/default/xasite /usr/lib/systemd/system/xasite-serve.service \
         /usr/lib/systemd/system/xasite-build.timer /usr/share/man/man1/xasite.1 \
         /usr/share/bash-completion/completions/xasite /usr/share/xasite/content/site.json \
         /usr/share/doc/xasite/README.md /usr/share/doc/xasite/examples/xasite.conf.example; do
    grep -qx "$f" "$tmp/files" || fail "the package lacks $f"
done
if command -v apt-get >/dev/null; then
    apt-get install --simulate -o Debug::NoLocking=1 "$deb" >"$tmp/apt" 2>&1 ||
        { cat "$tmp/apt"; fail "apt-get install --simulate refused the package"; }
    grep -q '^Inst xasite' "$tmp/apt" || { cat "$tmp/apt"; fail "apt would not install xasite"; }
fi
[ "$failures" -eq 0 ] || exit 1
echo "$(basename "$deb"): Depends: $depends"
