#!/usr/bin/env bash
# The Community First Aid Certificate 2026 of the (fictional) Riverside Volunteer Centre, end to end.
# An English-language course: every document comes out in English because course.json says
# "language": "en". Builds coursekit if needed and writes everything into examples/first-aid-2026/out/.
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
"$ck" course show fa-2026 > "$out/course.txt"

echo "== import the participant list (UTF-8, comma-separated, English headers)" >&2
"$ck" participant import "$here/participants.csv" --course=fa-2026

echo "== attendance of the information evening and modules 1-3 (sessions 1-4) from a CSV file" >&2
"$ck" attend import "$here/attendance.csv" --course=fa-2026

echo "== the forecast after module 3 (Saturday 21 March 2026)" >&2
"$ck" certify check fa-2026 --as-of=2026-03-21 > "$out/forecast-2026-03-21.txt"

echo "== the sign-in sheet for the practical assessment (session 6), printed before the day" >&2
"$ck" -q attend sheet fa-2026 --session=6 --output="$out/sign-in-assessment.pdf"

echo "== Saturday 28 March: module 4 and the practical assessment, recorded on the day" >&2
"$ck" attend record fa-2026 --session=5 --all-present --late=xiaoming.chen@web.example
"$ck" attend record fa-2026 --session=6 --all-present --absent=pawel.kowalczyk@web.example

echo "== who qualifies (100% attendance and the assessment are required)" >&2
"$ck" attend report fa-2026 > "$out/attendance-report.txt"
"$ck" certify check fa-2026 | tee "$out/certify-check.txt"

echo "== certificates for everyone eligible, and one print file" >&2
mkdir -p "$out/certificates"
"$ck" certify issue fa-2026 --output="$out/certificates" --merged="$out/certificates-print.pdf" \
  --date=2026-03-28 --place=Riverside > /dev/null
"$ck" certify list fa-2026 --csv > "$out/register.csv"

echo "== anyone can verify a certificate by the code printed on it" >&2
code=$("$ck" certify list fa-2026 --csv | sed -n 2p | cut -d, -f2)
"$ck" certify verify "$code"

echo "== exports: participants (CSV), attendance (JSON), the calendar" >&2
"$ck" export participants fa-2026 --output="$out/participants.csv"
"$ck" export attendance fa-2026 --format=json --output="$out/attendance.json"
"$ck" export calendar fa-2026 --output="$out/fa-2026.ics"

echo "== what alumni went on to do, and the programme report (English, the course's language)" >&2
"$ck" participant project add emily.clarke@mail.example --title="First-aid corner at the community centre" --since=2026-05-02 --course=fa-2026 >/dev/null
"$ck" participant project add emeka.okonkwo@mail.example --title="First-aid corner at the community centre" --since=2026-05-02 --course=fa-2026 >/dev/null
"$ck" participant project add pawel.kowalczyk@web.example --title="Defibrillator map of Riverside" --since=2026-06-15 --course=fa-2026 >/dev/null
"$ck" export report --course=fa-2026 --format=pdf --output="$out/programme-report.pdf"
"$ck" export report --course=fa-2026 --format=json --output="$out/programme-report.json"

echo "== the nightly reminder job, as it ran on Monday 14 September 2026 (the refresher is on the 19th)" >&2
mkdir -p "$out/reminders"
"$ck" export reminders --course=fa-2026 --as-of="2026-09-14 08:00" --days=7 --format=eml --output="$out/reminders" --once

sessions=$("$ck" course session list fa-2026 --csv | tail -n +2 | wc -l)
people=$("$ck" participant list --course=fa-2026 --csv | tail -n +2 | wc -l)
issued=$("$ck" certify list fa-2026 --csv | tail -n +2 | wc -l)
mails=$(find "$out/reminders" -name '*.eml' | wc -l)
echo
echo "Community First Aid Certificate 2026: $sessions sessions, $people participants, $issued certificates issued, $mails reminder e-mails for the refresher."
echo "Written to $out:"
(cd "$out" && ls -1)
