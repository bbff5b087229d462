#!/bin/sh
# demo.sh: `make demo`. Makes (or refreshes) var/zhifa.db with the demo county
# 浙江省衢州市柯城区, prints how to sign in, then serves it on http://127.0.0.1:8080.
#
# The admin password comes from ZHIFA_ADMIN_PASSWORD; without it one is generated on
# the first run and kept in var/admin-password (mode 600), so that every later run
# signs in the same way. DEMO_LISTEN overrides the listen address (HOST:PORT).
set -eu
cd "$(dirname "$0")/.."

DB=sqlite:var/zhifa.db
LISTEN=${DEMO_LISTEN:-127.0.0.1:8080}
mkdir -p var

if [ -n "${ZHIFA_ADMIN_PASSWORD:-}" ]; then
	PW=$ZHIFA_ADMIN_PASSWORD
else
	if [ ! -s var/admin-password ]; then
		# 18 random bytes as 24 url-safe base64 characters, with a letter and a digit
		# guaranteed so that the password rule (auth_password_ok) always holds
		(
			umask 077
			printf 'zf%s7\n' "$(head -c 18 /dev/urandom | base64 | tr '+/' '-_')" >var/admin-password.tmp
			mv var/admin-password.tmp var/admin-password
		)
	fi
	chmod 600 var/admin-password
	PW=$(cat var/admin-password)
fi

bin/zhifa init --db "$DB" --admin-password "$PW" --data-dir var --quiet
bin/zhifa demo --db "$DB" --data-dir var

cat <<EOF

zhifa demo is starting on http://$LISTEN
  sign in as admin with password: $PW
  (kept in var/admin-password unless ZHIFA_ADMIN_PASSWORD is set)
  the demo accounts above use the password they show
Stop it with Ctrl-C.

EOF
exec bin/zhifa serve --db "$DB" --listen "$LISTEN" --data-dir var --web-dir web/dist
