#!/bin/bash
# The nginx example is a valid server block (nginx -t) that includes <site>/nginx.conf, the file
# `xasite build` writes at the top of the site (a stand-in here). Paths are moved into a
# temporary folder so that the test writes nothing outside it.
# Usage: nginx_example_test.sh EXAMPLE
set -euo pipefail
example=$1
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "nginx not installed"; exit 1; }
grep -qE '^\s*include /var/lib/xasite/site/nginx\.conf;' "$example" ||
    { echo "the example does not include /var/lib/xasite/site/nginx.conf"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/site" "$tmp/log"
sed -e "s|/var/lib/xasite/site|$tmp/site|g" -e "s|/var/log/nginx|$tmp/log|g" "$example" >"$tmp/xasite.conf"
echo 'location = /xasite-included { return 204; }' >"$tmp/site/nginx.conf"
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
