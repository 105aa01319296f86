#!/usr/bin/env bash
# The performance figures of coursekit, each measured side by side with its reference in the same
# run (alternating, several rounds, medians), printed as a table with ratios and targets.
#
#   src/bench/bench.sh [ROUNDS] [SECTIONS]   (default 5 rounds, all sections; builds target/coursekit
#                                            if missing; SECTIONS e.g. 1 or 1,3: only these)
#
# Needs: Java 17 and Maven; sqlite3, Debian's python3 with reportlab, and the Liberation fonts for
# the references (installed with apt-get when missing and running as root). Not part of the tests.
set -euo pipefail

rounds=${1:-5}
only=${2:-}
# want N: whether section N runs (5 reads the database of 4, 6 the file of 2: asked for, they run too)
want() {
  [ -z "$only" ] && return 0
  case ",$only," in *",$1,"*) return 0 ;; esac
  case "$1,$only" in 4,*5*|2,*6*) return 0 ;; esac
  return 1
}
root=$(cd "$(dirname "$0")/../.." && pwd)
ck="$root/target/coursekit"
shared="$root/src/bench"     # Hello.java and certs_reportlab.py: the references, as given to us
work=$(mktemp -d "${TMPDIR:-/tmp}/coursekit-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need sqlite3 || ! /usr/bin/python3 -c 'import reportlab' 2>/dev/null || [ ! -d /usr/share/fonts/truetype/liberation ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "installing sqlite3, python3-reportlab, fonts-liberation ..." >&2
    apt-get update -qq >/dev/null && apt-get install -y -qq sqlite3 python3-reportlab fonts-liberation >/dev/null
  else
    echo "please install: sqlite3 python3-reportlab fonts-liberation" >&2; exit 1
  fi
fi
[ -x "$ck" ] || (cd "$root" && mvn -q package -DskipTests)

. "$(dirname "$0")/common.sh"     # now, time_ms, median
rows=()
row() { rows+=("$1|$2|$3|$4|$5"); }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

course_json() { # $1 = file
  cat > "$1" <<'JSON'
{"id": "bench", "title": "Bürgermentorenkurs Gerlingen 2019", "organiser": "Stadt Gerlingen",
 "location": "Rathaus, 70839 Gerlingen", "language": "de",
 "certificate": {"title": "Mentorenzertifikat", "minAttendance": "80%",
   "roleTitle": {"f": "Bürgermentorin", "m": "Bürgermentor", "x": "Bürgermentor*in"},
   "signatories": [{"name": "Kursleitung", "role": "Mentorentrainerin"}, {"name": "Bürgermeister", "role": "Bürgermeister"}],
   "footer": "Ein Projekt des Ministeriums für Soziales und Integration Baden-Württemberg",
   "verifyUrl": "https://gerlingen.example/zertifikat?code={code}"},
 "sessions": [{"date": "2019-03-05", "start": "19:00", "end": "21:00", "title": "Projektmanagement"}]}
JSON
}
people_csv() { # $1 = rows, $2 = file
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys, random
n, path = int(sys.argv[1]), sys.argv[2]
first = ["Käthe", "Jürgen", "Ayşe", "Łukasz", "Νίκος", "Олена", "José", "Françoise", "Thi Lan", "Hans-Peter"]
last = ["Köhler", "Weiß", "Yılmaz", "Wiśniewski", "Παπαδόπουλος", "Коваленко", "Muñoz", "Lefèvre", "Nguyễn", "Große"]
with open(path, "w", encoding="utf-8") as f:
    f.write("first_name,last_name,email,phone\n")
    for i in range(n):
        f.write(f"{first[i % 10]},{last[(i // 10) % 10]}{i},p{i}@bench.example,0711 {100000 + i}\n")
PY
}
setup_course() { # $1 = db, $2 = participants csv: a course where everyone attended its one session
  rm -f "$1"*
  COURSEKIT_DB="$1" "$ck" -q init >/dev/null
  COURSEKIT_DB="$1" "$ck" -q course create --from="$work/course.json" >/dev/null
  COURSEKIT_DB="$1" "$ck" -q participant import "$2" --course=bench
  COURSEKIT_DB="$1" "$ck" -q attend record bench --session=1 --all-present
}
course_json "$work/course.json"
sed -i 's/"id": "bench", /"id": "bench", "capacity": 100000, /' "$work/course.json"

if want 1; then
# The ratio per JDK: the hello world runs on the same JDK as coursekit (JAVA_HOME picks it for both).
jdks=()   # "label|JDK folder": Java 17, and the newest JDK >= 25 (coursekit then starts from an AOT cache)
j17=; j25=; best=0
for d in /usr/lib/jvm/*/; do
  d=${d%/}; [ -x "$d/bin/java" ] && [ -f "$d/release" ] || continue
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$d/release")
  [ "$v" = 17 ] && [ -z "$j17" ] && j17=$d
  if [ -n "$v" ] && [ "$v" -ge 25 ] && [ "$v" -gt "$best" ]; then best=$v; j25=$d; fi
done
[ -n "$j17" ] && jdks+=("JDK 17|$j17|≤ 3.0")
[ -n "$j25" ] && jdks+=("JDK $best, AOT cache|$j25|≤ 2.0")
[ ${#jdks[@]} -gt 0 ] || { echo "no JDK 17 or >= 25 under /usr/lib/jvm" >&2; exit 1; }
echo "== 1. start-up: 'course list' (one small course) vs a Java hello world on the same JDK, $((rounds * 2)) rounds per JDK" >&2
javac --release 17 -d "$work" "$shared/Hello.java"
export COURSEKIT_DB="$work/small.db"
"$ck" -q init >/dev/null && "$ck" -q course create --from="$work/course.json" >/dev/null
for j in "${jdks[@]}"; do
  IFS='|' read -r label home target <<< "$j"
  # warm the file cache, and let the launcher make its class-data archive for this JDK
  JAVA_HOME=$home "$ck" course list >/dev/null; "$home/bin/java" -cp "$work" Hello >/dev/null
  a=(); b=()
  for _ in $(seq $((rounds * 2))); do
    a+=("$(time_ms "$home/bin/java" -cp "$work" Hello)")
    b+=("$(JAVA_HOME=$home time_ms "$ck" course list)")
  done
  hello=$(printf '%s\n' "${a[@]}" | median); list=$(printf '%s\n' "${b[@]}" | median)
  row "course list ÷ Java hello world ($label)" "${list} ms" "${hello} ms" "$(ratio "$list" "$hello")" "$target"
done
fi

if want 2; then
echo "== 2. 1,000 certificates: certify issue vs reportlab, $rounds rounds" >&2
people_csv 1000 "$work/people1k.csv"
a=(); b=()
for _ in $(seq "$rounds"); do
  rm -rf "$work/rl" && mkdir "$work/rl"
  a+=("$(time_ms /usr/bin/python3 "$shared/certs_reportlab.py" "$work/people1k.csv" "$work/rl")")
  setup_course "$work/c1k.db" "$work/people1k.csv"
  rm -rf "$work/ck" && mkdir "$work/ck"
  b+=("$(COURSEKIT_DB="$work/c1k.db" time_ms "$ck" certify issue bench --output="$work/ck")")
done
[ "$(ls "$work/ck" | wc -l)" = 1000 ] || { echo "certify issue did not write 1000 files" >&2; exit 1; }
rl=$(printf '%s\n' "${a[@]}" | median); certs=$(printf '%s\n' "${b[@]}" | median)
row "1,000 certificates ÷ reportlab" "${certs} ms" "${rl} ms" "$(ratio "$certs" "$rl")" "≤ 0.15"
fi

if want 3; then
echo "== 3. import of 100,000 and 1,000,000 rows vs sqlite3 .import, $rounds rounds; peak memory" >&2
# The reference: sqlite3's own CSV import into a table with a unique index on the normalised
# address, as coursekit's participant table has one (UNIQUE (email_key, organisation), email_key
# being the address stripped and in lower case).
s3_import() { # $1 = db, $2 = csv
  rm -f "$1"
  sqlite3 "$1" "CREATE TABLE people (first_name TEXT, last_name TEXT, email TEXT, phone TEXT)" \
    "CREATE UNIQUE INDEX people_by_email ON people (lower(trim(email)))" ".import --csv --skip 1 $2 people"
}
for n in 100000 400000 1000000; do people_csv "$n" "$work/people$n.csv"; done
for n in 100000 1000000; do
  a=(); b=()
  for _ in $(seq "$rounds"); do
    a+=("$(time_ms s3_import "$work/s3.db" "$work/people$n.csv")")
    rm -f "$work/imp.db"*; COURSEKIT_DB="$work/imp.db" "$ck" -q init >/dev/null
    b+=("$(COURSEKIT_DB="$work/imp.db" time_ms "$ck" participant import "$work/people$n.csv")")
  done
  [ "$(sqlite3 "$work/imp.db" "SELECT COUNT(*) FROM participant")" = "$n" ] || { echo "the import did not import $n rows" >&2; exit 1; }
  s3=$(printf '%s\n' "${a[@]}" | median); imp=$(printf '%s\n' "${b[@]}" | median)
  if [ "$n" = 100000 ]; then
    row "import 100,000 rows ÷ sqlite3 .import" "${imp} ms" "${s3} ms" "$(ratio "$imp" "$s3")" "≤ 3.0"
  else
    row "import 1,000,000 rows ÷ sqlite3 .import" "${imp} ms" "${s3} ms" "$(ratio "$imp" "$s3")" "≤ 2.5"
  fi
done
for n in 400,000 1,000,000; do
  rm -f "$work/imp.db"*; COURSEKIT_DB="$work/imp.db" "$ck" -q init >/dev/null
  kb=$(COURSEKIT_DB="$work/imp.db" /usr/bin/time -f %M "$ck" -q participant import "$work/people${n//,/}.csv" 2>&1 >/dev/null | tail -n 1)
  row "peak RSS, import of $n rows" "$((kb / 1024)) MiB" "" "" "≤ 160 MiB"
done
rm -f "$work"/people400000.csv "$work"/people1000000.csv "$work/imp.db"* "$work/s3.db"
fi

if want 4; then
echo "== 4. peak memory issuing 10,000 certificates in one run" >&2
people_csv 10000 "$work/people10k.csv"
setup_course "$work/c10k.db" "$work/people10k.csv"
rm -rf "$work/ck10k" && mkdir "$work/ck10k"
kb=$(COURSEKIT_DB="$work/c10k.db" /usr/bin/time -f %M "$ck" certify issue bench --output="$work/ck10k" 2>&1 >/dev/null | tail -n 1)
row "peak RSS, 10,000 certificates" "$((kb / 1024)) MiB" "" "" "≤ 160 MiB"
fi

if want 5; then
echo "== 5. participant list --json vs table, 10,000 participants, $((rounds * 2)) rounds" >&2
a=(); b=()
for _ in $(seq $((rounds * 2))); do
  a+=("$(COURSEKIT_DB="$work/c10k.db" time_ms "$ck" participant list)")
  b+=("$(COURSEKIT_DB="$work/c10k.db" time_ms "$ck" participant list --json)")
done
table=$(printf '%s\n' "${a[@]}" | median); json=$(printf '%s\n' "${b[@]}" | median)
row "list --json ÷ table, 10,000 people" "${json} ms" "${table} ms" "$(ratio "$json" "$table")" "≤ 1.2"
fi

if want 6; then
echo "== 6. db copy of a town (1,000 people in 5 courses of 10 sessions, all certified) into a register" >&2
town="$work/town.db"; rm -f "$town"*
COURSEKIT_DB="$town" "$ck" -q init >/dev/null
COURSEKIT_DB="$town" "$ck" -q db org add gerlingen --name="Stadt Gerlingen"
for c in 1 2 3 4 5; do
  /usr/bin/python3 - "$c" "$work" <<'PY'
import sys, json
c, work = sys.argv[1], sys.argv[2]
sessions = [{"date": "2019-03-%02d" % (d + 1), "start": "19:00", "end": "21:00", "title": "Abend %d" % (d + 1)} for d in range(10)]
json.dump({"id": "town-%s" % c, "title": "Kurs %s" % c, "organisation": "gerlingen",
           "certificate": {"serialPrefix": "GE-%s" % c}, "sessions": sessions}, open("%s/town%s.json" % (work, c), "w"))
with open("%s/town%s.csv" % (work, c), "w", encoding="utf-8") as f:
    f.write("first_name,last_name,email\n")
    for i in range(200):
        f.write("Käthe%s,Köhler%d,k%s.%d@town.example\n" % (c, i, c, i))
PY
  COURSEKIT_DB="$town" "$ck" -q course create --from="$work/town$c.json" >/dev/null
  COURSEKIT_DB="$town" "$ck" -q participant import "$work/town$c.csv" --course="town-$c"
  for s in $(seq 10); do COURSEKIT_DB="$town" "$ck" -q attend record "town-$c" --session="$s" --all-present; done
  mkdir -p "$work/town-pdf" && COURSEKIT_DB="$town" "$ck" -q certify issue "town-$c" --output="$work/town-pdf" >/dev/null
done
setup_course "$work/register0.db" "$work/people1k.csv"     # the register holds another town's 1,000 people already
a=(); b=()
for _ in $(seq "$rounds"); do
  rm -f "$work/backup.db" "$work/register.db"*; cp "$work/register0.db" "$work/register.db"
  a+=("$(COURSEKIT_DB="$town" time_ms "$ck" db backup "$work/backup.db")")
  b+=("$(COURSEKIT_DB="$town" time_ms "$ck" db copy --to="$work/register.db")")
done
COURSEKIT_DB="$work/register.db" "$ck" certify list town-5 --csv | grep -q GE-5-200 || { echo "db copy did not copy" >&2; exit 1; }
bak=$(printf '%s\n' "${a[@]}" | median); cp_ms=$(printf '%s\n' "${b[@]}" | median)
row "db copy of a town ÷ db backup of it" "${cp_ms} ms" "${bak} ms" "$(ratio "$cp_ms" "$bak")" "< 5,000 ms"
fi

echo
echo "coursekit benchmarks, $(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -n 1)"
printf '%-52s %12s %12s %7s %10s\n' "figure" "coursekit" "reference" "ratio" "target"
for r in "${rows[@]}"; do
  IFS='|' read -r name mine ref rat target <<< "$r"
  printf '%-52s %12s %12s %7s %10s\n' "$name" "$mine" "$ref" "$rat" "$target"
done
