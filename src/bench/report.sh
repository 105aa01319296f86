#!/usr/bin/env bash
# The programme report at the scale of the whole programme: 100 courses (towns) with 2,600
# participants, their attendance, withdrawals, certificates and alumni projects; times
# 'export report' as JSON, CSV and PDF (median of ROUNDS runs each; target: under 3 s).
#
#   src/bench/report.sh [ROUNDS]      (default 5; builds target/coursekit if missing;
#                                      BENCH_KEEP=DIR keeps the database and the reports in DIR)
#
# Courses and people are made with coursekit itself (course create --from, participant import);
# enrolments, attendance, certificates and projects are then written with sqlite3 in one go, which
# takes seconds instead of the minutes 10,000 'attend record' runs would. Needs Java 17, Maven,
# python3 and sqlite3. Not part of the tests.
set -euo pipefail

rounds=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
ck="$root/target/coursekit"
if [ -n "${BENCH_KEEP:-}" ]; then     # BENCH_KEEP=DIR: work in DIR and keep the database and reports there
  work=$BENCH_KEEP; rm -rf "$work"; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/coursekit-report-bench.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
command -v sqlite3 >/dev/null && [ -x /usr/bin/time ] || { echo "please install sqlite3 and time" >&2; exit 1; }
[ -x "$ck" ] || (cd "$root" && mvn -q package -DskipTests)
export COURSEKIT_DB="$work/programme.db"

echo "== 100 course files and 2,600 participants" >&2
python3 - "$work" <<'PY'
import sys, json, random, datetime
work = sys.argv[1]
random.seed(2018)
towns = ["Ditzingen", "Gerlingen", "Leonberg", "Korntal", "Weil der Stadt", "Renningen", "Rutesheim", "Weissach",
         "Heimsheim", "Mönsheim"]
kinds = ["module"] * 9 + ["workshop"]
for c in range(100):
    town = towns[c % 10] + ("" if c < 10 else f" {c // 10}")
    year = 2018 + c % 2
    start = datetime.date(year, 2, 20) + datetime.timedelta(days=c % 28)
    sessions = [{"date": str(start), "start": "19:30", "end": "21:00", "title": "Informationsveranstaltung", "kind": "info"}]
    for i in range(10):
        d = start + datetime.timedelta(days=7 * (i + 1))
        sessions.append({"date": str(d), "start": "18:00", "end": "21:00", "title": f"Modul {i + 1}", "kind": kinds[i]})
    sessions.append({"date": str(start + datetime.timedelta(days=120)), "start": "19:00", "end": "21:00",
                     "title": "Nachtreffen", "kind": "followup"})
    course = {"id": f"bm-{c:03d}", "title": f"Bürgermentorenkurs {town} {year}", "organiser": f"Stadt {town}",
              "language": "de", "capacity": 40,
              "certificate": {"title": "Mentorenzertifikat", "minAttendance": "80%", "serialPrefix": f"BM-{c:03d}"},
              "sessions": sessions}
    with open(f"{work}/course-{c:03d}.json", "w", encoding="utf-8") as f:
        json.dump(course, f, ensure_ascii=False)
first = ["Käthe", "Jürgen", "Ayşe", "Łukasz", "Olena", "José", "Françoise", "Thi Lan", "Hans-Peter", "Ingrid"]
last = ["Köhler", "Weiß", "Yılmaz", "Wiśniewski", "Kowalenko", "Muñoz", "Lefèvre", "Nguyễn", "Große", "Sørensen"]
forms = ["Frau", "Herr", "divers", "", "Frau", "Herr", "Frau", "Herr"]
with open(f"{work}/people.csv", "w", encoding="utf-8") as f:
    f.write("Anrede,Vorname,Nachname,E-Mail,Geburtsdatum\n")
    for i in range(2600):
        born = "" if i % 17 == 0 else str(datetime.date(1940 + i % 60, 1 + i % 12, 1 + i % 28))
        f.write(f"{forms[i % 8]},{first[i % 10]},{last[(i // 10) % 10]}{i},p{i}@bench.example,{born}\n")
PY

echo "== coursekit: init, 100 x course create, one participant import" >&2
"$ck" -q init >/dev/null
for f in "$work"/course-*.json; do "$ck" -q course create --from="$f" >/dev/null; done
"$ck" -q participant import "$work/people.csv"

echo "== sqlite3: 26 enrolments per course, attendance, withdrawals, late enrolments, certificates, projects" >&2
now=$(date -u +%FT%TZ)
sqlite3 "$COURSEKIT_DB" <<SQL
PRAGMA foreign_keys = ON;
BEGIN;
-- participant p (1..2600) goes to course (p-1)/26
INSERT INTO enrolment (course_id, participant_id, status, since, enrolled_at, updated_at)
  SELECT printf('bm-%03d', (p.id - 1) / 26), p.id,
         CASE WHEN p.id % 26 = 5 THEN 'withdrawn' ELSE 'enrolled' END,
         CASE WHEN p.id % 26 = 7 THEN (SELECT date FROM session s WHERE s.course_id = printf('bm-%03d', (p.id - 1) / 26) AND s.number = 4) END,
         '$now', '$now'
  FROM participant p;
UPDATE session SET cancelled = 1 WHERE number = 6 AND CAST(substr(course_id, 4) AS INTEGER) % 3 = 0;
-- attended about 9 in 10; late now and then; excused and absent otherwise
INSERT INTO attendance (session_id, participant_id, status, recorded_at)
  SELECT s.id, e.participant_id,
         CASE WHEN (e.participant_id * 7 + s.number * 3) % 10 = 0 THEN 'absent'
              WHEN (e.participant_id * 7 + s.number * 3) % 10 = 1 AND s.number % 2 = 0 THEN 'excused'
              WHEN (e.participant_id + s.number) % 9 = 0 THEN 'late' ELSE 'present' END, '$now'
  FROM session s JOIN enrolment e ON e.course_id = s.course_id
  WHERE s.cancelled = 0 AND s.kind <> 'info' AND (e.since IS NULL OR s.date >= e.since);
-- a valid certificate for everyone enrolled with 8 or more counted sessions attended
INSERT INTO certificate (course_id, participant_id, seq, serial, code, full_name, first_name, last_name, form, texts, issued_on)
  SELECT e.course_id, e.participant_id, ROW_NUMBER() OVER (PARTITION BY e.course_id ORDER BY e.participant_id),
         'S-' || e.participant_id, 'CODE' || e.participant_id, p.first_name || ' ' || p.last_name, p.first_name,
         p.last_name, p.form, '{}', '2019-06-30'
  FROM enrolment e JOIN participant p ON p.id = e.participant_id
  WHERE e.status = 'enrolled' AND (SELECT COUNT(*) FROM attendance a JOIN session s ON s.id = a.session_id
         WHERE a.participant_id = e.participant_id AND s.counts = 1 AND a.status IN ('present', 'late')) >= 8;
UPDATE enrolment SET status = 'completed' WHERE (course_id, participant_id) IN (SELECT course_id, participant_id FROM certificate);
-- two alumni projects per course, one with three people and one with two
INSERT INTO project (participant_id, course_id, title, since, created_at)
  SELECT participant_id, course_id,
         CASE WHEN participant_id % 26 < 4 THEN 'Repaircafé ' || course_id ELSE 'Internationaler Garten ' || course_id END,
         '2019-09-15', '$now'
  FROM certificate WHERE participant_id % 26 IN (1, 2, 3, 10, 11);
COMMIT;
SQL
"$ck" db check >/dev/null

. "$(dirname "$0")/common.sh"     # now, time_ms, median
# run CMD...: "WALL CPU" of one run in milliseconds (CPU: user + system, what the wall time would be on
# an idle machine for this single-threaded work; output discarded)
run() { /usr/bin/time -f '%e %U %S' -o "$work/time" "$@" >/dev/null 2>&1; awk '{printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000}' "$work/time"; }

"$ck" export report --format=json > "$work/report.json"      # warm the file cache
courses=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(len(d["courses"]), "courses,", d["totals"]["enrolled"], "enrolled")' "$work/report.json")
echo "== export report ($courses), $rounds rounds per format" >&2
results=()
for format in json csv pdf; do
  wall=(); cpu=()
  for _ in $(seq "$rounds"); do
    read -r w c <<< "$(run "$ck" export report --format=$format --output="$work/report.$format")"
    wall+=("$w"); cpu+=("$c")
  done
  results+=("$format $(printf '%s\n' "${wall[@]}" | median) $(printf '%s\n' "${cpu[@]}" | median)")
done
pages=$(python3 -c 'import re,sys; print(len(re.findall(rb"/Type\s*/Page[^s]", open(sys.argv[1],"rb").read())))' "$work/report.pdf")

echo
echo "coursekit programme report, $(date -u +%F), $(nproc) cores, $(java -version 2>&1 | head -n 1), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$courses; median of $rounds runs of the whole process"
printf '%-24s %10s %10s %12s\n' "export report" "wall" "cpu" "target"
for r in "${results[@]}"; do
  read -r format w c <<< "$r"
  printf '%-24s %7s ms %7s ms %12s\n' "--format=$format" "$w" "$c" "< 3000 ms"
done
echo "the PDF has $pages pages"
