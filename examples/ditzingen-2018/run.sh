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

echo "== attendance of sessions 2-6 from a CSV file" >&2
"$ck" attend import "$here/attendance.csv" --course=bm-2018

echo "== a withdrawal after session 4, a late enrolment from session 7 on" >&2
"$ck" participant withdraw thilan.nguyen@post.example --course=bm-2018 --reason="Umzug nach Stuttgart"
eike=$("$ck" participant add --first=Eike --last=Bär --email=eike.baer@mail.example --form=x)
"$ck" participant enrol "$eike" --course=bm-2018 --since=27.03.2018

echo "== the nightly reminder job, as it ran on Monday 12 March 2018 (twice: the second run finds nothing new)" >&2
mkdir -p "$out/erinnerungen"
"$ck" export reminders --course=bm-2018 --as-of="2018-03-12 08:00" --days=7 --format=csv --output="$out/erinnerungen.csv"
"$ck" export reminders --course=bm-2018 --as-of="2018-03-12 08:00" --days=7 --format=eml --output="$out/erinnerungen" --once
"$ck" export reminders --course=bm-2018 --as-of="2018-03-12 08:00" --days=7 --format=eml --output="$out/erinnerungen" --once  # cron again: nothing new

echo "== sign-in sheets for every session" >&2
for n in $("$ck" course session list bm-2018 --csv | tail -n +2 | cut -d, -f1); do
  "$ck" -q attend sheet bm-2018 --session="$n" --output="$out/anwesenheit-$(printf %02d "$n").pdf"
done

echo "== sessions 7-11 recorded by hand, as on the evening itself" >&2
"$ck" attend record bm-2018 --session=27.03.2018 --all-present --absent=ayse.yilmaz@mail.example
"$ck" attend record bm-2018 --session=2018-04-10 --all-present --excused=ayse.yilmaz@mail.example,olga.iwanowa@post.example
"$ck" attend record bm-2018 --session=14.04.2018 --all-present --absent=d.georgiou@mail.example
"$ck" attend record bm-2018 --session=10 --all-present --absent=bohdan.schewtschenko@web.example --late=eike.baer@mail.example
"$ck" attend record bm-2018 --session=11 --all-present

echo "== the forecast in the middle of the course (20 March 2018) and at the end" >&2
"$ck" certify check bm-2018 --as-of=2018-03-20 > "$out/forecast-2018-03-20.txt"
"$ck" attend report bm-2018 --csv > "$out/attendance-report.csv"
"$ck" attend report bm-2018 > "$out/attendance-report.txt"
"$ck" certify check bm-2018 | tee "$out/certify-check.txt"

echo "== certificates for everyone eligible, and one print file" >&2
mkdir -p "$out/zertifikate"
"$ck" certify issue bm-2018 --output="$out/zertifikate" --merged="$out/zertifikate-druck.pdf" --date=24.04.2018 > /dev/null
"$ck" certify issue bm-2018 --output="$out/zertifikate"        # again: nothing new, nothing doubled
"$ck" certify list bm-2018 --csv > "$out/register.csv"
first=$(ls "$out/zertifikate" | head -n 1)
echo "== anyone can verify a certificate: by its file, or by the code printed on it" >&2
"$ck" certify verify "$out/zertifikate/$first"
code=$("$ck" certify list bm-2018 --csv | sed -n 2p | cut -d, -f2)
"$ck" certify verify "$code"

echo "== the public verification site: the certificates' QR codes open https://www.ditzingen.example/zertifikat/#CODE" >&2
# copy out/zertifikat/ to that address (any web space); running it again updates it (revocations, reissues)
"$ck" certify publish bm-2018 --output="$out/zertifikat"

echo "== exports: lists for the spreadsheet, the calendar" >&2
"$ck" export participants bm-2018 --excel --output="$out/teilnehmende.csv"
"$ck" export attendance bm-2018 --excel --output="$out/anwesenheit.csv"
"$ck" export certificates bm-2018 --output="$out/zertifikatsregister.csv"
"$ck" export calendar bm-2018 --output="$out/bm-2018.ics"

echo "== the follow-up meeting in June, and what alumni went on to do" >&2
"$ck" attend record bm-2018 --session=12 --all-present --absent=d.georgiou@mail.example,olga.iwanowa@post.example
"$ck" participant project add kaethe.koehler@post.example --title="Repaircafé Ditzingen" --since=15.09.2018 --course=bm-2018 >/dev/null
"$ck" participant project add hp.grosse@mail.example --title="Repaircafé Ditzingen" --since=15.09.2018 --course=bm-2018 >/dev/null
"$ck" participant project add juergen.weiss@mail.example --title="Repaircafé Ditzingen" --since=13.10.2018 --course=bm-2018 >/dev/null
"$ck" participant project add rosemarie.baeuerle@post.example --title="Bürgerstiftung Ditzingen" --since=01.12.2018 --course=bm-2018 >/dev/null
"$ck" participant project add ingrid.soerensen@web.example --title="Bürgerstiftung Ditzingen" --since=01.12.2018 --course=bm-2018 >/dev/null
"$ck" participant project add mehmet.oeztuerk@mail.example --title="Computergruppe im Seniorentreff" --since=07.11.2018 --course=bm-2018 >/dev/null
"$ck" participant project add francoise.lefevre@mail.example --title="Internationaler Garten" --since=20.04.2019 --course=bm-2018 >/dev/null
"$ck" participant project add jose.munoz@web.example --title="Internationaler Garten" --since=20.04.2019 --course=bm-2018 >/dev/null
"$ck" participant project add malgorzata.nowak@web.example --title="Internationaler Garten" --since=20.04.2019 --course=bm-2018 >/dev/null
"$ck" participant project list --course=bm-2018 --csv > "$out/projekte.csv"

echo "== the programme report for the funder (PDF with charts), the spreadsheet and JSON" >&2
"$ck" export report --course=bm-2018 --format=pdf --output="$out/programmbericht.pdf"
"$ck" export report --course=bm-2018 --format=csv --excel --output="$out/programmbericht.csv"
"$ck" export report --course=bm-2018 --format=json --output="$out/programmbericht.json"

echo "== more lists into out/" >&2
"$ck" course show bm-2018 > "$out/course.txt"
"$ck" course session list bm-2018 --csv > "$out/sessions.csv"
"$ck" participant list --course=bm-2018 > "$out/participants.txt"
"$ck" participant list --course=bm-2018 --csv > "$out/participants.csv"
"$ck" course export bm-2018 --output="$out/course-export.json"

echo "== back up and check the database" >&2
"$ck" db backup "$out/coursekit-backup.db"
"$ck" db check

sessions=$("$ck" course session list bm-2018 --csv | tail -n +2 | wc -l)
people=$("$ck" participant list --course=bm-2018 --csv | tail -n +2 | grep -vc ',withdrawn$' || true)
issued=$("$ck" certify list bm-2018 --csv | tail -n +2 | wc -l)
echo
projects=$("$ck" participant project list --course=bm-2018 --csv | tail -n +2 | cut -d, -f4 | sort -u | wc -l)
echo "Bürgermentorenkurs Ditzingen 2018: $sessions sessions, $people participants enrolled, $issued certificates issued, $projects alumni projects."
echo "Written to $out:"
(cd "$out" && ls -1)
