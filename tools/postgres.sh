#!/usr/bin/env bash
# Installs (Debian) and starts a local PostgreSQL for the tests: user postgres, trust on loopback.
set -euo pipefail
if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "== installing Debian's postgresql"
  apt-get install -y -q postgresql >/dev/null 2>&1 || { apt-get update -q >/dev/null && apt-get install -y -q postgresql >/dev/null; }
fi
version=$(ls /etc/postgresql | sort -n | tail -n 1)
hba=/etc/postgresql/$version/main/pg_hba.conf
if ! grep -q "retorno-tests" "$hba"; then
  # Loopback only: the test suite connects as postgres without a password.
  sed -i '1i host all all 127.0.0.1/32 trust # retorno-tests\nhost all all ::1/128 trust # retorno-tests' "$hba"
fi
pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || pg_ctlcluster --skip-systemctl-redirect "$version" main reload
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432
# Memory for the catalog's tables and indexes, as docs/deploy.md advises for production: a quarter
# of the machine's memory (at most 4 GB) rather than PostgreSQL's default 128 MB, which holds a
# tenth of a 150,000-piece catalog; random reads cost little more than sequential ones on SSDs.
want=$(( $(awk '/MemTotal/ {print $2}' /proc/meminfo) / 4096 ))
[ "$want" -gt 4096 ] && want=4096
have=$(psql -h 127.0.0.1 -U postgres -tAc "SELECT setting::bigint * 8 / 1024 FROM pg_settings WHERE name = 'shared_buffers'")
if [ "$have" -lt "$want" ]; then
  psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET shared_buffers = '${want}MB'"
  psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET effective_cache_size = '$(( want * 2 ))MB'"
  psql -h 127.0.0.1 -U postgres -qc "ALTER SYSTEM SET random_page_cost = 1.1"
  pg_ctlcluster --skip-systemctl-redirect "$version" main restart
  for _ in $(seq 1 30); do
    pg_isready -q -h 127.0.0.1 -p 5432 && break
    sleep 1
  done
fi
psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'retorno'" | grep -q 1 \
  || createdb -h 127.0.0.1 -U postgres retorno
