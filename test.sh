#!/usr/bin/env bash
# The one test command. It sets up what the suite needs, then runs every test:
#   - PostgreSQL (Debian's `postgresql`) started on 127.0.0.1:5432, user/password postgres/postgres,
#     unless TALENTLINK_TEST_POSTGRES already names a server;
#   - Node.js and the npm tools in tools/ (the MongoDB wire-compatible test server, Azurite).
# As root on Debian it installs what is missing with apt-get; otherwise it stops at once and names
# the command that installs it. Safe to re-run. Extra arguments go to `dotnet test`
# (e.g. ./test.sh --filter Category=unit).
set -euo pipefail
cd "$(dirname "$0")"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log() { printf '\n== %s\n' "$*"; }
missing() { printf '\ntest.sh: %s is missing. Install it with:\n  sudo apt-get install -y %s\n' "$1" "$2" >&2; exit 1; }
as_root() { [ "$(id -u)" -eq 0 ]; }
apt_install() {
  as_root && command -v apt-get >/dev/null 2>&1 || missing "$1" "$2"
  log "Installing $1"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $2 >/dev/null
}
as_postgres() { if as_root; then su postgres -c "$1"; else sudo -u postgres sh -c "$1"; fi; }

command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET 10 SDK is missing: https://dot.net/download" >&2; exit 1; }

# --- PostgreSQL --------------------------------------------------------------------------------
if [ -z "${TALENTLINK_TEST_POSTGRES:-}" ]; then
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || apt_install PostgreSQL postgresql
  pg_version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "$pg_version main"; then
    as_root || missing "a PostgreSQL $pg_version cluster" "postgresql  # then: sudo pg_createcluster $pg_version main --start"
    pg_createcluster "$pg_version" main >/dev/null
  fi
  # The server settings the platform relies on (docs/postgresql.md; every service checks them at start).
  settings=TalentLink.Services/TalentLink.Data/Postgres/PostgresServerSettings.conf
  pg_conf_d="/etc/postgresql/$pg_version/main/conf.d"
  if ! cmp -s "$settings" "$pg_conf_d/talentlink.conf"; then
    if as_root; then
      mkdir -p "$pg_conf_d"
      install -m 644 -o postgres -g postgres "$settings" "$pg_conf_d/talentlink.conf"
      pg_settings_changed=1
    else
      printf 'test.sh: the PostgreSQL server lacks TalentLink'"'"'s settings (the services will warn). Install them with:\n  sudo install -m 644 %s %s/talentlink.conf && sudo pg_ctlcluster %s main restart\n' "$settings" "$pg_conf_d" "$pg_version" >&2
    fi
  fi
  if ! pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $4}' | grep -qx online; then
    log "Starting PostgreSQL $pg_version"
    if as_root; then pg_ctlcluster "$pg_version" main start; else sudo pg_ctlcluster "$pg_version" main start; fi
  elif [ -n "${pg_settings_changed:-}" ]; then
    log "Restarting PostgreSQL $pg_version with TalentLink's settings"
    pg_ctlcluster "$pg_version" main restart
  fi
  for _ in $(seq 1 30); do
    as_postgres "psql -qAtc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  as_postgres "psql -qc \"ALTER USER postgres PASSWORD 'postgres'\"" >/dev/null
  export TALENTLINK_TEST_POSTGRES="Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres"
fi

# --- Node.js and the npm tools the tests start themselves ---------------------------------------
for tool in tools/mongo-test-server tools/azurite; do
  [ -f "$tool/package.json" ] || continue
  command -v npm >/dev/null 2>&1 || apt_install Node.js "nodejs npm"
  if [ ! -d "$tool/node_modules" ] || [ "$tool/package-lock.json" -nt "$tool/node_modules" ]; then
    log "Installing $tool"
    (cd "$tool" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done

# --- The tests -----------------------------------------------------------------------------------
log "Running the tests"
dotnet test TalentLink.sln "$@"
