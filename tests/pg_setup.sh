#!/usr/bin/env bash
# Prepare a real PostgreSQL for the test suite: start (or, in CI as root, install) a server, then
# create a non-superuser owner role, a separate non-owner app role (row-level security applies to it)
# and two empty databases. Prints the environment the suite reads.
set -euo pipefail

host=${PGHOST:-127.0.0.1}
port=${PGPORT:-5432}

log() { printf 'pg_setup: %s\n' "$*" >&2; }

ensure_server() {
  if pg_isready -q -h "$host" -p "$port" 2>/dev/null; then
    return
  fi
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    if [ "$(id -u)" != 0 ]; then
      log "no PostgreSQL server on $host:$port and not root to install one"; exit 1
    fi
    log "installing PostgreSQL from the Debian packages"
    apt-get update -q >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2
  fi
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  log "starting PostgreSQL $version"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  for _ in $(seq 1 30); do
    pg_isready -q -h "$host" -p "$port" && return
    sleep 1
  done
  log "PostgreSQL did not start on $host:$port"; exit 1
}

superuser_psql() {
  if psql -h "$host" -p "$port" -U postgres -d postgres -Atqc 'select 1' >/dev/null 2>&1; then
    psql -h "$host" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 -q "$@"
  else
    runuser -u postgres -- psql -p "$port" -d postgres -v ON_ERROR_STOP=1 -q "$@"
  fi
}

ensure_server
superuser_psql >&2 <<'SQL'
DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mentornet_owner') THEN
    CREATE ROLE mentornet_owner LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD 'mentornet';
  END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mentornet_app') THEN
    CREATE ROLE mentornet_app LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD 'mentornet';
  END IF;
END $$;
DROP DATABASE IF EXISTS mentornet_test WITH (FORCE);
DROP DATABASE IF EXISTS mentornet_migrations_test WITH (FORCE);
CREATE DATABASE mentornet_test OWNER mentornet_owner;
CREATE DATABASE mentornet_migrations_test OWNER mentornet_owner;
SQL

base="postgresql+psycopg://%s:mentornet@$host:$port/%s"
printf 'export MNTEST_DATABASE_URL=%s\n' "$(printf "$base" mentornet_app mentornet_test)"
printf 'export MNTEST_MIGRATION_URL=%s\n' "$(printf "$base" mentornet_owner mentornet_test)"
printf 'export MNTEST_SCRATCH_URL=%s\n' "$(printf "$base" mentornet_owner mentornet_migrations_test)"
printf 'export MNTEST_APP_ROLE=mentornet_app\n'
