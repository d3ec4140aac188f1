#!/bin/sh
# The venue's standby: PostgreSQL's own streaming replication from the main laptop to a second one,
# synchronous, so a write a hub acknowledged is on both laptops; and a one-command promotion.
# docs/SCALING.md «Two laptops» walks through it. Run as the `postgres` user (as root, the
# PostgreSQL commands are run through `runuser -u postgres`).
#
# Settings (environment): PGDATA (this laptop's cluster folder), PGPORT (its port, default 5432),
# PGUSER (a role with REPLICATION, default ceremony), PG_OPTIONS (extra server options for pg_ctl
# start, e.g. "-k /tmp -c listen_addresses=*"), PGBIN (default: the newest /usr/lib/postgresql/*/bin).
# Over TLS (a primary with ssl = on): libpq's own PGSSLMODE=verify-full, PGSSLROOTCERT=<CA file> (and
# PGPASSWORD) reach psql and pg_basebackup; `clone -R` writes them into the standby's primary_conninfo.
#
#   standby.sh primary STANDBY_ADDRESS     on the main laptop: lets the standby stream (pg_hba), reloads
#   standby.sh clone PRIMARY_HOST PRIMARY_PORT
#                                          on the second laptop: pg_basebackup -R into an empty PGDATA, start
#   standby.sh sync                        on the main laptop, once the standby streams: every commit
#                                          now waits for the standby (synchronous_standby_names)
#   standby.sh status                      who streams, and whether synchronously
#   standby.sh promote                     on the second laptop when the main one is gone: it takes writes
#   standby.sh solo                        on the main laptop when the standby is gone: stop waiting for it
set -eu

NAME=ceremony_standby
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-ceremony}
PG_OPTIONS=${PG_OPTIONS:-}
if [ -z "${PGBIN:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -n 1)
  [ -n "$PGBIN" ] || PGBIN=$(dirname "$(command -v pg_ctl)")
fi
export PGPORT PGUSER

die() { echo "standby.sh: $*" >&2; exit 1; }
# The server and its files belong to `postgres`; psql may run as anyone.
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
sql() { "$PGBIN/psql" -h "${PGHOST:-127.0.0.1}" -d postgres -v ON_ERROR_STOP=1 -qAtc "$1"; }
need_data() { [ -n "${PGDATA:-}" ] || die "set PGDATA to this laptop's cluster folder"; }

case "${1:-}" in
  primary)
    [ $# -eq 2 ] || die "usage: standby.sh primary STANDBY_ADDRESS"
    hba=$(sql "SHOW hba_file")
    # A primary that takes TLS lets the standby stream only over it, as its hubs connect.
    type=host
    [ "$(sql "SHOW ssl")" = on ] && type=hostssl
    line="$type replication $PGUSER $2/32 scram-sha-256"
    grep -qxF "$line" "$hba" || echo "$line" | as_pg tee -a "$hba" >/dev/null
    sql "SELECT pg_reload_conf()" >/dev/null
    echo "The standby at $2 may now stream as $PGUSER. Next, on it: standby.sh clone <this address> $PGPORT"
    ;;
  clone)
    [ $# -eq 3 ] || die "usage: standby.sh clone PRIMARY_HOST PRIMARY_PORT"
    need_data
    [ ! -e "$PGDATA" ] || [ -z "$(ls -A "$PGDATA")" ] || die "$PGDATA is not empty: the standby starts from a fresh copy"
    # -R writes standby.signal and primary_conninfo; the application_name is what `sync` waits for.
    as_pg "$PGBIN/pg_basebackup" -d "host=$2 port=$3 user=$PGUSER application_name=$NAME" \
      -D "$PGDATA" -R -X stream -c fast
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -o "-p $PGPORT $PG_OPTIONS" -l "$PGDATA/standby.log" -w start
    echo "Standby streaming from $2:$3. Next, on the main laptop: standby.sh sync"
    ;;
  sync)
    # Only once the standby streams: before that, every commit would wait for it forever.
    i=0
    until [ "$(sql "SELECT count(*) FROM pg_stat_replication WHERE application_name = '$NAME' AND state = 'streaming'")" = 1 ]; do
      i=$((i + 1)); [ $i -le 30 ] || die "no standby named $NAME streams here"; sleep 1
    done
    sql "ALTER SYSTEM SET synchronous_standby_names = '$NAME'"
    sql "SELECT pg_reload_conf()" >/dev/null
    i=0
    until [ "$(sql "SELECT sync_state FROM pg_stat_replication WHERE application_name = '$NAME'")" = sync ]; do
      i=$((i + 1)); [ $i -le 30 ] || die "the standby streams but is not synchronous"; sleep 1
    done
    echo "Synchronous: every acknowledged write is on the standby too."
    ;;
  status)
    sql "SELECT application_name, state, sync_state FROM pg_stat_replication" | sed 's/|/ /g'
    sql "SELECT CASE WHEN pg_is_in_recovery() THEN 'this server: standby' ELSE 'this server: primary' END"
    ;;
  promote)
    need_data
    as_pg "$PGBIN/pg_ctl" -D "$PGDATA" -w promote
    echo "Promoted: this laptop's PostgreSQL takes writes. Point DATABASE_URL here and start the hubs."
    ;;
  solo)
    # The standby is gone: without this, every commit (every GO, every scan) waits for it.
    sql "ALTER SYSTEM SET synchronous_standby_names = ''"
    sql "SELECT pg_reload_conf()" >/dev/null
    echo "No standby: commits no longer wait. Set up a new one with primary/clone/sync."
    ;;
  *)
    sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
