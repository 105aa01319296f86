#!/usr/bin/env bash
# The shared register's figures: the same commands on PostgreSQL and on SQLite, side by side in one
# run (alternating, several rounds, medians), printed as a table with ratios and targets.
#
#   src/bench/register.sh [ROUNDS]     (default 5; builds target/coursekit if missing)
#
# Starts its own PostgreSQL server for the run (a new cluster in a temporary folder on 127.0.0.1,
# as the user nobody when run as root): the binaries in PG_BIN, else those the tests unpacked
# (/tmp/coursekit-postgres-*/bin, after one `mvn verify`), else Debian's (/usr/lib/postgresql/*/bin).
# Needs psql (Debian's postgresql-client; installed with apt-get when missing and running as root)
# and python3 for the generated participant list. Not part of the tests.
set -euo pipefail

rounds=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
ck="$root/target/coursekit"
work=$(mktemp -d "${TMPDIR:-/tmp}/coursekit-register-bench.XXXXXX")
chmod 755 "$work"
[ -x "$ck" ] || (cd "$root" && mvn -q package -DskipTests)

bin=${PG_BIN:-}
if [ -z "$bin" ]; then
  for d in /tmp/coursekit-postgres-*/bin /usr/lib/postgresql/*/bin; do
    [ -x "$d/pg_ctl" ] && bin=$d
  done
fi
[ -n "$bin" ] && [ -x "$bin/pg_ctl" ] || { echo "no PostgreSQL binaries: set PG_BIN, or run mvn verify once" >&2; exit 1; }
as=()
if [ "$(id -u)" = 0 ]; then as=(setpriv --reuid=65534 --regid=65534 --clear-groups --); fi
pgdata=$work/pgdata
mkdir -p "$pgdata" && [ ${#as[@]} -eq 0 ] || chown 65534:65534 "$pgdata" "$work"
port=$(( 20000 + RANDOM % 20000 ))
"${as[@]}" "$bin/initdb" -D "$pgdata" -U bench -A trust -E UTF8 --no-locale >/dev/null
"${as[@]}" "$bin/pg_ctl" -D "$pgdata" -l "$work/pg.log" -w -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c fsync=on" start >/dev/null
trap '"${as[@]}" "$bin/pg_ctl" -D "$pgdata" -m fast stop >/dev/null 2>&1; rm -rf "$work"' EXIT
client=$bin/psql
if [ ! -x "$client" ]; then
  if ! command -v psql >/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get update -qq >/dev/null && apt-get install -y -qq postgresql-client >/dev/null
  fi
  client=$(command -v psql) || { echo "please install psql (postgresql-client)" >&2; exit 1; }
fi
psql() { "$client" -h 127.0.0.1 -p "$port" -U bench -d postgres -q -c "$1" >/dev/null; }
pgurl() { echo "postgresql://bench@127.0.0.1:$port/$1"; }

. "$(dirname "$0")/common.sh"     # now, time_ms, median
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
rows=()
row() { rows+=("$1|$2|$3|$4|$5"); }

cat > "$work/course.json" <<'JSON'
{"id": "bench", "title": "Bürgermentorenkurs Gerlingen 2019", "organiser": "Stadt Gerlingen", "capacity": 100000,
 "location": "Rathaus, 70839 Gerlingen", "language": "de",
 "certificate": {"title": "Mentorenzertifikat", "minAttendance": "80%",
   "roleTitle": {"f": "Bürgermentorin", "m": "Bürgermentor", "x": "Bürgermentor*in"},
   "signatories": [{"name": "Kursleitung", "role": "Mentorentrainerin"}],
   "verifyUrl": "https://gerlingen.example/zertifikat/#{code}"},
 "sessions": [{"date": "2019-03-05", "start": "19:00", "end": "21:00", "title": "Projektmanagement"}]}
JSON
python3 - "$work/people.csv" <<'PY'
import sys
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("first_name,last_name,email\n")
    for i in range(1000):
        f.write(f"Käthe,Köhler{i},p{i}@bench.example\n")
PY
# setup DB: a course whose 1,000 participants all attended its one session (DB a file or a URL)
setup() {
  COURSEKIT_DB="$1" "$ck" -q init >/dev/null
  COURSEKIT_DB="$1" "$ck" -q course create --from="$work/course.json" >/dev/null
  COURSEKIT_DB="$1" "$ck" -q participant import "$work/people.csv" --course=bench
  COURSEKIT_DB="$1" "$ck" -q attend record bench --session=1 --all-present
}

echo "== 1. course list (one course): PostgreSQL vs SQLite, $((rounds * 2)) rounds" >&2
psql "CREATE DATABASE small"
for db in "$work/small.db" "$(pgurl small)"; do
  COURSEKIT_DB="$db" "$ck" -q init >/dev/null
  COURSEKIT_DB="$db" "$ck" -q course create --from="$work/course.json" >/dev/null
  COURSEKIT_DB="$db" "$ck" course list >/dev/null
done
a=(); b=()
for _ in $(seq $((rounds * 2))); do
  a+=("$(COURSEKIT_DB="$work/small.db" time_ms "$ck" course list)")
  b+=("$(COURSEKIT_DB="$(pgurl small)" time_ms "$ck" course list)")
done
s=$(printf '%s\n' "${a[@]}" | median); p=$(printf '%s\n' "${b[@]}" | median)
row "course list: PostgreSQL ÷ SQLite" "${p} ms" "${s} ms" "$(ratio "$p" "$s")" "≤ 1.3"

echo "== 2. 1,000 certificates (certify issue): PostgreSQL vs SQLite, $rounds rounds" >&2
a=(); b=()
for r in $(seq "$rounds"); do
  rm -rf "$work/s$r.db"* "$work/out-s" "$work/out-p"; mkdir "$work/out-s" "$work/out-p"
  setup "$work/s$r.db"
  psql "CREATE DATABASE c$r"; setup "$(pgurl "c$r")"
  a+=("$(COURSEKIT_DB="$work/s$r.db" time_ms "$ck" certify issue bench --output="$work/out-s")")
  b+=("$(COURSEKIT_DB="$(pgurl "c$r")" time_ms "$ck" certify issue bench --output="$work/out-p")")
  [ "$(ls "$work/out-p" | wc -l)" = 1000 ] || { echo "certify issue on PostgreSQL did not write 1000 files" >&2; exit 1; }
done
s=$(printf '%s\n' "${a[@]}" | median); p=$(printf '%s\n' "${b[@]}" | median)
row "1,000 certificates: PostgreSQL ÷ SQLite" "${p} ms" "${s} ms" "$(ratio "$p" "$s")" "≤ 1.3"

echo "== 3. db copy of the town's file (1,000 people, certified) into an empty register, $rounds rounds" >&2
a=()
for r in $(seq "$rounds"); do
  psql "CREATE DATABASE r$r"; COURSEKIT_DB="$(pgurl "r$r")" "$ck" -q init >/dev/null
  a+=("$(COURSEKIT_DB="$work/s1.db" time_ms "$ck" db copy --to="$(pgurl "r$r")")")
done
c=$(printf '%s\n' "${a[@]}" | median)
row "db copy into PostgreSQL" "${c} ms" "" "" "< 5,000 ms"

echo
echo "| figure | coursekit | reference | ratio | target |"
echo "|---|---|---|---|---|"
for r in "${rows[@]}"; do IFS='|' read -r f x y z t <<< "$r"; echo "| $f | $x | $y | $z | $t |"; done
