#!/usr/bin/env bash
# certify publish of 10,000 certificates: the first run into a new folder (every record's keys
# derived, kept in the database; every record encrypted, written), a second run with nothing changed
# (no key derived; every record decrypted, compared, left), and a run after one revocation. Prints
# the wall and CPU time of each (CPU time is the figure to compare on a busy machine).
#
#   src/bench/publish.sh [CERTIFICATES [WORKDIR]]   (default 10000; builds target/coursekit if missing)
#
# With WORKDIR, the register set up there (taking a few minutes) is kept and reused by the next run.
# Needs Java 17, Maven and python3 (for the participant list). Not part of the tests.
set -euo pipefail

n=${1:-10000}
root=$(cd "$(dirname "$0")/../.." && pwd)
ck="$root/target/coursekit"
if [ -n "${2:-}" ]; then
  work=$2; mkdir -p "$work"
else
  work=$(mktemp -d "${TMPDIR:-/tmp}/coursekit-publish.XXXXXX")
  trap 'rm -rf "$work"' EXIT
fi
[ -x "$ck" ] || (cd "$root" && mvn -q package -DskipTests)

export COURSEKIT_DB="$work/bench.db"
if [ ! -f "$work/bench.db" ] || [ "$("$ck" certify list bench --csv 2>/dev/null | tail -n +2 | wc -l)" != "$n" ]; then
rm -f "$work"/bench.db*
python3 - "$n" "$work/people.csv" <<'PY'
import sys
n, path = int(sys.argv[1]), sys.argv[2]
first = ["Käthe", "Jürgen", "Ayşe", "Łukasz", "Νίκος", "Олена", "José", "Françoise", "Thi Lan", "Hans-Peter"]
last = ["Köhler", "Weiß", "Yılmaz", "Wiśniewski", "Παπαδόπουλος", "Коваленко", "Muñoz", "Lefèvre", "Nguyễn", "Große"]
with open(path, "w", encoding="utf-8") as f:
    f.write("first_name,last_name,email\n")
    for i in range(n):
        f.write(f"{first[i % 10]},{last[(i // 10) % 10]}{i},p{i}@bench.example\n")
PY
cat > "$work/course.json" <<'JSON'
{"id": "bench", "title": "Bürgermentorenkurs Gerlingen 2019", "organiser": "Stadt Gerlingen", "capacity": 100000,
 "location": "Rathaus, 70839 Gerlingen", "language": "de",
 "certificate": {"title": "Mentorenzertifikat", "verifyUrl": "https://gerlingen.example/zertifikat/#{code}"},
 "sessions": [{"date": "2019-03-05", "start": "19:00", "end": "21:00", "title": "Projektmanagement"}]}
JSON
echo "== setting up $n certificates (certify issue; takes a while)" >&2
"$ck" -q init >/dev/null
"$ck" -q course create --from="$work/course.json" >/dev/null
"$ck" -q participant import "$work/people.csv" --course=bench
"$ck" -q attend record bench --session=1 --all-present
"$ck" -q certify issue bench --output="$work/pdf" >/dev/null
rm -rf "$work/pdf"
fi
# The previous run's folder is removed only after this run's timings: on ext4, files created within
# minutes of deleting thousands of others nearby cost several times the system time (the allocator
# passes over recently freed inodes), which made a first run's system time a figure of this script.
if [ -d "$work/site" ]; then mv "$work/site" "$work/site.old.$$"; fi
"$ck" -q certify unrevoke BENCH-001 --reason="benchmark" 2>/dev/null || true

. "$(dirname "$0")/common.sh"     # now, time_ms, median
run() { # $1 = label
  local s e
  s=$(now); /usr/bin/time -f '%U s user, %S s system CPU time' -o "$work/cpu" "$ck" certify publish --output="$work/site" 2> "$work/err"; e=$(now)
  printf '%-40s %6d ms wall, %s   %s\n' "$1" $(( (e - s) / 1000000 )) "$(cat "$work/cpu")" "$(cat "$work/err")"
}
echo "cores: $(nproc), load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -n 1)"
run "publish $n (first run)"
run "publish $n (again, nothing changed)"
"$ck" -q certify revoke BENCH-001 --reason="benchmark"
run "publish $n (after one revocation)"
echo "folder: $(du -sh "$work/site" | cut -f1), $(ls "$work/site/records" | wc -l) records; load average $(cut -d' ' -f1-3 /proc/loadavg)"
rm -rf "$work/site.old.$$"
