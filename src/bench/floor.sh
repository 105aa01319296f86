#!/usr/bin/env bash
# The start-up floor: what a JVM started as the launcher starts coursekit (its flags, its class
# path, its everyday class cache) costs before coursekit does anything, next to a hello world and
# to `course list` on the same JDK, in alternating runs (medians). Not part of the tests.
#
#   src/bench/floor.sh [ROUNDS]   (default 15; builds target/coursekit if missing)
#
# The floor's main (Floor.java) goes into a copy of coursekit.jar, with a copy of the launcher
# beside it: the JVM accepts a class cache only for the class path it was made for.
set -euo pipefail
rounds=${1:-15}
root=$(cd "$(dirname "$0")/../.." && pwd)
[ -x "$root/target/coursekit" ] || (cd "$root" && mvn -q package -DskipTests)
work=$(mktemp -d "${TMPDIR:-/tmp}/coursekit-floor.XXXXXX")
trap 'rm -rf "$work"' EXIT
app=$work/app
mkdir "$app"
cp "$root/target/coursekit" "$root/target/coursekit.jar" "$app/"
cp -r "$root/target/lib" "$root/target/native" "$app/"
javac --release 17 -d "$work/classes" "$root/src/bench/Floor.java"
jar uf "$app/coursekit.jar" -C "$work/classes" Floor.class
javac --release 17 -d "$work" "$root/src/bench/Hello.java"
export COURSEKIT_DB=$work/floor.db
"$app/coursekit" -q init >/dev/null

. "$(dirname "$0")/common.sh"     # now, time_ms, median

printf '| JDK | hello | floor | course list | floor ÷ hello | list ÷ hello |\n|---|---|---|---|---|---|\n'
seen=
for home in /usr/lib/jvm/*/; do
  home=$(readlink -f "${home%/}")
  case " $seen " in *" $home "*) continue ;; esac     # Debian's aliases of one JDK
  seen="$seen $home"
  [ -x "$home/bin/java" ] && [ -f "$home/release" ] || continue
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$home/release")
  [ "$v" = 17 ] || { [ -n "$v" ] && [ "$v" -ge 25 ]; } || continue
  JAVA_HOME=$home "$app/coursekit" course list >/dev/null     # makes the copy's class caches for this JDK
  # the launcher's own java command for `course list`, with Floor as the main class
  line=$(JAVA_HOME=$home sh -x "$app/coursekit" course list 2>&1 >/dev/null | sed -n 's/^+ exec //p')
  read -r -a cmd <<< "${line% org.coursekit.Main course list} Floor"
  [ "$("${cmd[@]}")" = floor ] || { echo "the floor did not run on $home" >&2; exit 1; }
  a=(); b=(); c=()
  for _ in $(seq "$rounds"); do
    a+=("$(time_ms "$home/bin/java" -cp "$work" Hello)")
    b+=("$(time_ms "${cmd[@]}")")
    c+=("$(JAVA_HOME=$home time_ms "$app/coursekit" course list)")
  done
  h=$(printf '%s\n' "${a[@]}" | median); f=$(printf '%s\n' "${b[@]}" | median); l=$(printf '%s\n' "${c[@]}" | median)
  printf '| %s | %s ms | %s ms | %s ms | %s | %s |\n' "$v" "$h" "$f" "$l" \
    "$(awk -v a="$f" -v b="$h" 'BEGIN { printf "%.2f", a / b }')" "$(awk -v a="$l" -v b="$h" 'BEGIN { printf "%.2f", a / b }')"
done
