#!/usr/bin/env bash
# The Bürgermentorenkurs Ditzingen 2018, end to end, as far as coursekit goes today.
# Builds coursekit if needed and writes everything into examples/ditzingen-2018/out/.
# Safe to run again: every run starts from a fresh database in out/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
ck="$root/target/coursekit"

if [ ! -x "$ck" ]; then
  echo "== building coursekit (mvn -q package -DskipTests)" >&2
  (cd "$root" && mvn -q package -DskipTests)
fi

out="$here/out"
rm -rf "$out"
mkdir -p "$out"
export COURSEKIT_DB="$out/coursekit.db"

echo "== create the database and the course" >&2
"$ck" init >/dev/null
"$ck" course create --from="$here/course.json" >/dev/null

echo "== import the participant lists (a German Excel export and a UTF-8 file)" >&2
"$ck" participant import "$here/participants.csv" --course=bm-2018
"$ck" participant import "$here/participants-unicode.csv" --course=bm-2018

echo "== write lists into out/" >&2
"$ck" course show bm-2018 > "$out/course.txt"
"$ck" course session list bm-2018 --csv > "$out/sessions.csv"
"$ck" participant list --course=bm-2018 > "$out/participants.txt"
"$ck" participant list --course=bm-2018 --csv > "$out/participants.csv"
"$ck" course export bm-2018 --output="$out/course-export.json"

echo "== back up and check the database" >&2
"$ck" db backup "$out/coursekit-backup.db"
"$ck" db check

sessions=$("$ck" course session list bm-2018 --csv | tail -n +2 | wc -l)
people=$("$ck" participant list --course=bm-2018 --csv | tail -n +2 | wc -l)
echo
echo "Bürgermentorenkurs Ditzingen 2018: $sessions sessions, $people participants enrolled."
echo "Written to $out:"
(cd "$out" && ls -1)
