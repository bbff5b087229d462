#!/bin/sh
# pg.sh: a throwaway PostgreSQL cluster for tests.
#
#   scripts/pg.sh start DIR          initdb into DIR/data, start a server that listens only
#                                    on a unix socket in DIR and on 127.0.0.1:PORT (a free
#                                    port), create database zhifa_test and print its URL:
#                                    postgres://postgres@127.0.0.1:PORT/zhifa_test
#   scripts/pg.sh createdb DIR NAME  create another empty database and print its URL
#   scripts/pg.sh url DIR [NAME]     print the URL of database NAME (default zhifa_test)
#   scripts/pg.sh stop DIR           stop the server and remove DIR
#
# Only the URL goes to stdout; diagnostics go to stderr and the exit status is non-zero
# on failure (a failed start leaves no server running, and DIR with its logs: run stop). Runs the server binaries as the
# `postgres` user when started by root (the server refuses root). Never touches any other
# cluster (the Debian package's main cluster on 5432 included). The cluster is for tests
# only: trust authentication, fsync off.
# PG_BINDIR overrides where initdb/pg_ctl/postgres are looked for.
set -eu

die() {
	echo "pg.sh: $*" >&2
	exit 1
}

bindir() {
	if [ -n "${PG_BINDIR:-}" ]; then
		echo "$PG_BINDIR"
		return
	fi
	# the newest installed major version first, then pg_config, then PATH
	for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
		if [ -x "$d/initdb" ]; then
			echo "$d"
			return
		fi
	done
	if command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ]; then
		pg_config --bindir
		return
	fi
	if command -v initdb >/dev/null 2>&1; then
		dirname "$(command -v initdb)"
		return
	fi
	die "no PostgreSQL server binaries (initdb) found; install the postgresql package or set PG_BINDIR"
}

# as_pg CMD...: runs CMD as the postgres user when we are root, as ourselves otherwise.
as_pg() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# used_ports: TCP ports something listens on (IPv4 and IPv6), one per line, decimal.
used_ports() {
	for f in /proc/net/tcp /proc/net/tcp6; do
		[ -r "$f" ] || continue
		awk 'NR > 1 && $4 == "0A" { split($2, a, ":"); print a[2] }' "$f"
	done | while read -r hex; do
		printf '%d\n' "0x$hex"
	done
}

# pick_port: a port in 20000..59999 that nothing listens on right now. The caller still
# retries on a bind failure, since another process may take it before the server does.
pick_port() {
	used=$(used_ports 2>/dev/null || true)
	i=0
	while [ $i -lt 50 ]; do
		p=$(( ( $(od -An -N2 -tu2 /dev/urandom | tr -d ' ') % 40000 ) + 20000 ))
		if ! printf '%s\n' "$used" | grep -qx "$p"; then
			echo "$p"
			return
		fi
		i=$((i + 1))
	done
	die "no free port found"
}

absdir() {
	(cd "$1" && pwd -P)
}

url() {
	echo "postgres://postgres@127.0.0.1:$2/$3"
}

port_of() {
	[ -f "$1/port" ] || die "$1 holds no cluster started by pg.sh"
	cat "$1/port"
}

# psql_in DIR PORT SQL: runs SQL in database postgres over the cluster's socket.
psql_in() {
	as_pg "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$1" -p "$2" -U postgres -d postgres -c "$3" >&2
}

createdb_in() {
	case $3 in
	*[!a-z0-9_]* | "" | [0-9]*) die "database name must match [a-z_][a-z0-9_]*: $3" ;;
	esac
	psql_in "$1" "$2" "CREATE DATABASE $3 OWNER postgres TEMPLATE template0 ENCODING 'UTF8'"
}

start() {
	mkdir -p "$1"
	dir=$(absdir "$1")
	[ ! -e "$dir/data" ] || die "$dir already holds a cluster"
	# the socket path must fit in sun_path (107 bytes): DIR/.s.PGSQL.NNNNN
	[ ${#dir} -le 90 ] || die "$dir is too long a path for a unix socket"
	if [ "$(id -u)" = 0 ]; then
		id postgres >/dev/null 2>&1 || die "no postgres user; install the postgresql package"
		chown postgres: "$dir"
		chmod 700 "$dir"
		runuser -u postgres -- test -w "$dir" ||
			die "the postgres user cannot reach $dir (is a parent directory private?)"
	fi
	: >"$dir/.zhifa-pg"

	locale=--no-locale
	if locale -a 2>/dev/null | grep -qix 'c\.utf-\{0,1\}8'; then
		locale=--locale=C.UTF-8
	fi
	as_pg "$BIN/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 $locale --no-sync \
		>"$dir/initdb.log" 2>&1 || {
		cat "$dir/initdb.log" >&2
		die "initdb failed"
	}

	tries=0
	while :; do
		port=$(pick_port)
		opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='$dir'"
		opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
		opts="$opts -c max_connections=200 -c logging_collector=off -c TimeZone=UTC"
		[ ! -f "$dir/server.log" ] || : >"$dir/server.log"
		if as_pg "$BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 -s \
			-o "$opts" start >"$dir/pg_ctl.log" 2>&1; then
			break
		fi
		tries=$((tries + 1))
		# someone took the port between the check and the bind: try another one
		if [ $tries -lt 5 ] && grep -q 'could not bind\|could not create any TCP/IP sockets\|already in use' \
			"$dir/server.log" 2>/dev/null; then
			as_pg "$BIN/pg_ctl" -D "$dir/data" -m immediate -s stop >/dev/null 2>&1 || true
			continue
		fi
		cat "$dir/pg_ctl.log" >&2
		tail -n 20 "$dir/server.log" >&2 2>/dev/null || true
		die "the server did not start (log: $dir/server.log)"
	done
	echo "$port" >"$dir/port"
	if ! createdb_in "$dir" "$port" zhifa_test; then
		# leave no server behind; DIR stays for its logs
		as_pg "$BIN/pg_ctl" -D "$dir/data" -m immediate -s stop >/dev/null 2>&1 || true
		die "could not create database zhifa_test (log: $dir/server.log)"
	fi
	url "$dir" "$port" zhifa_test
}

stop() {
	[ -d "$1" ] || die "no such directory: $1"
	dir=$(absdir "$1")
	[ -f "$dir/.zhifa-pg" ] || die "$dir was not made by pg.sh start; not removing it"
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_pg "$BIN/pg_ctl" -D "$dir/data" -m immediate -w -s stop >&2 || true
	fi
	rm -rf "$dir"
}

[ $# -ge 2 ] || die "usage: pg.sh start DIR | createdb DIR NAME | url DIR [NAME] | stop DIR"
cmd=$1
BIN=$(bindir)
case $cmd in
start)
	start "$2"
	;;
createdb)
	[ $# -eq 3 ] || die "usage: pg.sh createdb DIR NAME"
	dir=$(absdir "$2")
	port=$(port_of "$dir")
	createdb_in "$dir" "$port" "$3"
	url "$dir" "$port" "$3"
	;;
url)
	dir=$(absdir "$2")
	url "$dir" "$(port_of "$dir")" "${3:-zhifa_test}"
	;;
stop)
	stop "$2"
	;;
*)
	die "unknown command: $cmd"
	;;
esac
