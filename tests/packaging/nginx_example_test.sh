#!/bin/bash
# The nginx example (read inside http { }) includes <site>/nginx.conf, the file `xasite build`
# writes at the top of the site, whose servers include the listen example; nginx -t accepts the
# three together, with a stand-in site file shaped like the generated one (a server that includes
# the listen file). Paths are moved into a temporary folder so that the test writes nothing
# outside it.
# Usage: nginx_example_test.sh EXAMPLE LISTEN_EXAMPLE
set -euo pipefail
example=$1
listen_example=$2
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx not installed"; exit 1; }
grep -qE '^\s*include /var/lib/xasite/site/nginx\.conf;' "$example" ||
    { echo "the example does not include /var/lib/xasite/site/nginx.conf"; exit 1; }
grep -qE '^\s*listen ' "$listen_example" || { echo "the listen example has no listen line"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/site" "$tmp/log"
port=$(( 30000 + $$ % 20000 ))
sed -e "s|/var/lib/xasite/site|$tmp/site|g" -e "s|/var/log/nginx|$tmp/log|g" "$example" >"$tmp/xasite.conf"
sed -e "s|listen 80;|listen 127.0.0.1:$port;|" -e "s|^listen \[::\]:80;||" "$listen_example" >"$tmp/listen.conf"
cat >"$tmp/site/nginx.conf" <<CONF
server {
    include $tmp/listen.conf;
    server_name example.test;
    location = /xasite-included { return 204; }
}
CONF
cat >"$tmp/nginx.conf" <<CONF
pid $tmp/nginx.pid;
error_log $tmp/log/error.log;
events {}
http {
    client_body_temp_path $tmp/body;
    proxy_temp_path $tmp/proxy;
    fastcgi_temp_path $tmp/fastcgi;
    uwsgi_temp_path $tmp/uwsgi;
    scgi_temp_path $tmp/scgi;
    access_log off;
    include $tmp/xasite.conf;
}
CONF
"$nginx" -t -q -p "$tmp" -c "$tmp/nginx.conf"
# The include is really read: a broken site file makes the test fail.
echo 'this is not nginx syntax' >"$tmp/site/nginx.conf"
if "$nginx" -t -q -p "$tmp" -c "$tmp/nginx.conf" 2>/dev/null; then
    echo "nginx -t accepted a broken included nginx.conf: the include is not read"; exit 1
fi
echo "nginx -t accepts the example"
