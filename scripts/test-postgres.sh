#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server on 127.0.0.1 for the test suite and prints its URL.
# Usage: eval "$(scripts/test-postgres.sh)"   (exports TEST_DATABASE_URL)
# Needs Debian's postgresql package. Runs the server as the `postgres` user when invoked as root.
set -euo pipefail
port="${FLINT_TEST_PG_PORT:-54329}"
dir="${FLINT_TEST_PG_DIR:-/tmp/flint-test-pg}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ]; then
  echo "PostgreSQL is not installed (apt-get install -y postgresql)" >&2
  exit 1
fi
as_pg() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi; }

if ! pg_isready -h 127.0.0.1 -p "$port" >/dev/null 2>&1; then
  rm -rf "$dir"
  mkdir -p "$dir"
  [ "$(id -u)" = 0 ] && chown postgres "$dir"
  as_pg "$bin/initdb -D '$dir/data' -U postgres --auth=trust >/dev/null"
  as_pg "$bin/pg_ctl -D '$dir/data' -l '$dir/server.log' -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300\" start >/dev/null"
fi
echo "export TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:$port/postgres"
