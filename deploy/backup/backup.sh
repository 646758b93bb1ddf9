#!/usr/bin/env bash
# Dump the Mentornet PostgreSQL database, encrypted, to a dated file (the data is special-category
# personal data: never store a plain dump). Usage: backup.sh DATABASE OUTPUT_DIR AGE_RECIPIENT
set -euo pipefail
database=${1:?database name}
output=${2:?output folder}
recipient=${3:?age recipient (public key)}
stamp=$(date -u +%Y%m%dT%H%M%SZ)
pg_dump --format=custom --no-owner "$database" | age --recipient "$recipient" > "$output/mentornet-$stamp.dump.age"
echo "$output/mentornet-$stamp.dump.age"
