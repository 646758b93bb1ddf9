#!/usr/bin/env bash
# Restore a dump made by backup.sh into an empty database. Usage: restore.sh FILE DATABASE AGE_IDENTITY
set -euo pipefail
file=${1:?backup file}
database=${2:?target database (empty)}
identity=${3:?age identity file}
age --decrypt --identity "$identity" "$file" | pg_restore --no-owner --dbname "$database"
