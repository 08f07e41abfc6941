#!/usr/bin/env bash
# Installs (if missing) and starts Debian's PostgreSQL, sets the postgres user's password and creates the
# test database, so that the PostgreSQL half of the store contract suite runs. Idempotent: safe to run again.
#
# Usage: bash scripts/ci-postgres.sh
#   PG_PASSWORD (default postgres) and PG_TEST_DB (default quorum_test) may be overridden; the tests read
#   TEST_DATABASE_URL (default postgres://postgres:postgres@127.0.0.1:5432/quorum_test).
set -euo pipefail

PG_PASSWORD="${PG_PASSWORD:-postgres}"
PG_TEST_DB="${PG_TEST_DB:-quorum_test}"

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -c "$1"; else sudo -u postgres bash -c "$1"; fi; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  as_root apt-get update
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y postgresql
fi

version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  as_root pg_createcluster "$version" main
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  as_root pg_ctlcluster "$version" main start
fi

# Wait (bounded) until the server accepts connections.
for _ in $(seq 1 30); do
  if as_postgres "psql -qAtc 'SELECT 1'" >/dev/null 2>&1; then break; fi
  sleep 1
done

as_postgres "psql -qc \"ALTER USER postgres PASSWORD '${PG_PASSWORD}'\""
if ! as_postgres "psql -qAtc \"SELECT 1 FROM pg_database WHERE datname = '${PG_TEST_DB}'\"" | grep -q 1; then
  as_postgres "createdb ${PG_TEST_DB}"
fi
echo "PostgreSQL ${version} ready: postgres://postgres:***@127.0.0.1:5432/${PG_TEST_DB}"
