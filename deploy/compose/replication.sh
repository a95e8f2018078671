#!/bin/bash
# Run once by the postgres image when it creates the cluster: a replication login for the BI
# standby (docker-compose --profile bi), when REPLICATION_PASSWORD is set.
set -euo pipefail
if [[ -z "${REPLICATION_PASSWORD:-}" ]]; then exit 0; fi
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v password="$REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator REPLICATION LOGIN PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
