#!/bin/sh
# BENCH_ONLY=serve (called by bench/run.sh): `xasite serve` against nginx on the same files of a
# built site (issue 14): wrk -c256 latency on a few static files, 1,000 slow connections, and the
# resident memory of 4 parallel downloads of a 200 MB file.
# Usage: bench/serve_bench.sh BUILD_DIR   (from the repository's root)
set -eu
build=${1:-build/bench}
xasite="$build/generator/cli/xasite"
probe="$build/bench/serve_probe"
work=$(mktemp -d "${TMPDIR:-/tmp}/xasite-serve-bench.XXXXXX")
pids=""
cleanup() { for p in $pids; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
duration=${SERVE_BENCH_SECONDS:-10}

echo "== serve: xasite serve vs nginx $(/usr/sbin/nginx -v 2>&1 | sed 's/.*\///') on $(nproc) cores, loopback"
cp -r content "$work/content"
"$xasite" build --content "$work/content" --out "$work/site" --unit 24373 --no-index >/dev/null 2>"$work/build.err" || {
  cat "$work/build.err"; exit 1; }
truncate -s 200M "$work/site/big.bin"
# nginx started by root runs its workers as nobody: they must be able to read the site
chmod 755 "$work"
chmod -R a+rX "$work/site"
# a few static files: the province's home page, a commune's, a stylesheet, a script
home=/index.html
commune=$(cd "$work/site" && find . -mindepth 2 -maxdepth 2 -name index.html | sort | head -1 | sed 's/^\.//')
css=$(cd "$work/site" && find . -name '*.css' | sort | head -1 | sed 's/^\.//')
js=$(cd "$work/site" && find . -name '*.js' | sort | head -1 | sed 's/^\.//')
paths="$home $commune $css $js"
echo "files: $paths ($(for p in $paths; do stat -c %s "$work/site$p"; done | tr '\n' ' ')bytes)"

base=$(( 20000 + $$ % 20000 ))
xport=$base
nport=$(( base + 1 ))
"$xasite" serve --site "$work/site" --port "$xport" >"$work/xasite.log" 2>&1 &
xpid=$!
pids="$pids $xpid"

mkdir -p "$work/nginx/tmp"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  access_log $work/nginx/access.log;
  client_body_temp_path $work/nginx/tmp/body;
  proxy_temp_path $work/nginx/tmp/proxy;
  fastcgi_temp_path $work/nginx/tmp/fastcgi;
  uwsgi_temp_path $work/nginx/tmp/uwsgi;
  scgi_temp_path $work/nginx/tmp/scgi;
  sendfile on;
  server { listen 127.0.0.1:$nport; root $work/site; }
}
CONF
/usr/sbin/nginx -p "$work/nginx" -e "$work/nginx/error.log" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2>"$work/nginx/stderr" &
npid=$!
pids="$pids $npid"
for port in $xport $nport; do
  for i in $(seq 100); do wget -q -O /dev/null "http://127.0.0.1:$port/" 2>/dev/null && break; sleep 0.1; done
done

for c in 64 256; do
  for server in xasite nginx; do
    port=$xport; [ $server = nginx ] && port=$nport
    WRK_PATHS="$paths" wrk -t 2 -c $c -d "${duration}s" -s bench/serve_static.lua "http://127.0.0.1:$port" |
      grep '^wrk:' | sed "s/^wrk:/$server static files, wrk -t2 -c$c ${duration}s:/"
  done
done
for server in xasite nginx; do
  port=$xport; [ $server = nginx ] && port=$nport
  echo "$server $("$probe" slow $port /index.html 1000)"
done
grep -q '" 200 ' "$work/nginx/access.log" || { echo "nginx answered no 200: $(tail -2 "$work/nginx/error.log")"; }
# the memory of the downloads: xasite's process; nginx's worker processes summed is not measured
echo "xasite $("$probe" download $xport /big.bin 4 $xpid)"
echo "xasite serve: $(grep -c '" 200 ' "$work/xasite.log" || true) answers 200 logged"
