#!/bin/sh
# The official postgres image's start, as far as the stand-in needs it: a new data directory is
# initialised with POSTGRES_USER, POSTGRES_PASSWORD and POSTGRES_DB, listens on every address and asks
# clients over TCP for the password (scram-sha-256); the server runs as the postgres user.
set -eu
mkdir -p "$PGDATA"
chown postgres:postgres "$PGDATA"
chmod 0700 "$PGDATA"
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  user="${POSTGRES_USER:-postgres}"
  printf '%s\n' "$POSTGRES_PASSWORD" >/tmp/pwfile
  chown postgres /tmp/pwfile
  runuser -u postgres -- initdb --username="$user" --pwfile=/tmp/pwfile --auth-local=trust \
    --auth-host=scram-sha-256 >/dev/null
  rm /tmp/pwfile
  echo "host all all all scram-sha-256" >>"$PGDATA/pg_hba.conf"
  database="${POSTGRES_DB:-$user}"
  if [ "$database" != postgres ]; then
    runuser -u postgres -- postgres --single -D "$PGDATA" postgres <<SQL >/dev/null
CREATE DATABASE "$database" OWNER "$user";
SQL
  fi
fi
mkdir -p /var/run/postgresql
chown postgres:postgres /var/run/postgresql
exec runuser -u postgres -- "$@" -c listen_addresses='*'
