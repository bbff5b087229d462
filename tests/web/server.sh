#!/bin/sh
# server.sh: runs the browser tests against the real binary serving the built web app
# on a fresh SQLite database that holds the demo county.
set -eu
cd "$(dirname "$0")/../.."
dir=$(mktemp -d /tmp/zhifa-web.XXXXXX)
pw="Web-test-$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')"
port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
bin/zhifa init --db "sqlite:$dir/zhifa.db" --admin-password "$pw" --data-dir "$dir" --quiet 2>/dev/null
bin/zhifa demo --db "sqlite:$dir/zhifa.db" --data-dir "$dir" --quiet >/dev/null
ZHIFA_ACCESS_LOG=0 bin/zhifa serve --db "sqlite:$dir/zhifa.db" --listen "127.0.0.1:$port" \
	--data-dir "$dir" --web-dir web/dist 2>"$dir/server.log" &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$dir"' EXIT INT TERM
i=0
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do
	i=$((i + 1))
	[ $i -lt 100 ] || { echo "server did not start"; cat "$dir/server.log"; exit 1; }
	sleep 0.1
done
ZHIFA_URL="http://127.0.0.1:$port" ZHIFA_ADMIN_PASSWORD="$pw" node --test --test-reporter=tap tests/web/
