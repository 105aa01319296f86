# Sourced by the benchmark scripts: timing and medians, the same for all of them.
now() { date +%s%N; }
# time_ms CMD...: wall time of one run in milliseconds (output discarded)
time_ms() { local s e; s=$(now); "$@" >/dev/null 2>&1; e=$(now); echo $(( (e - s) / 1000000 )); }
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2] + a[NR/2+1]) / 2)}'; }
