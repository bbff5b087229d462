#!/bin/sh
# deps.sh: installs what zhifa needs on a fresh Debian machine (as root), and
# nothing when it is all there. Called by `make test`, `make demo` and `make bench`.
set -eu

PKGS="build-essential pkg-config clang libclang-rt-14-dev clang-tidy cppcheck
libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libssl-dev libcsv-dev libxlsxwriter-dev
libcairo2-dev libpango1.0-dev poppler-utils
libmagic-dev libzip-dev libgdk-pixbuf-2.0-dev
postgresql postgresql-contrib sqlite3 nodejs npm chromium fonts-noto-cjk
wrk nginx-light curl ca-certificates procps unzip"

missing=""
for p in $PKGS; do
	# nodejs/npm may already come from elsewhere (e.g. NodeSource): keep those
	case $p in nodejs | npm) command -v node >/dev/null && command -v npm >/dev/null && continue ;; esac
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
if [ -n "$missing" ]; then
	echo "deps: installing$missing"
	if [ "$(id -u)" != 0 ]; then
		echo "deps: missing Debian packages:$missing (run as root to install)" >&2
		exit 1
	fi
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -qq
	# shellcheck disable=SC2086
	apt-get install -y -qq --no-install-recommends $missing
fi

npm_ci() { # dir: install the locked npm packages when node_modules is missing, emptied or older than the lock
	if [ -f "$1/package-lock.json" ] &&
		{ [ ! -f "$1/node_modules/.package-lock.json" ] ||
			[ "$1/package-lock.json" -nt "$1/node_modules/.package-lock.json" ]; }; then
		echo "deps: npm ci in $1"
		(cd "$1" && npm ci --no-audit --no-fund --loglevel=error)
	fi
}
npm_ci .
npm_ci web
