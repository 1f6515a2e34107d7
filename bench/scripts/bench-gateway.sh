# Sourced by the scripts beside it: runs one bench scenario in the background and finds the gateway
# process it starts, for `perf` to attach to.
#
#   start_bench <log file> <BenchRunner arguments...>
#
# Sets $bench (the bench's pid) and $gateway (the gateway's pid); exits if no gateway starts within
# 120 s.
start_bench() {
  local log=$1
  shift
  java -cp 'bench/target/dsk-bench.jar:bench/target/lib/*' io.dsk.bench.run.BenchRunner "$@" > "$log" 2>&1 &
  bench=$!
  gateway=
  for _ in $(seq 1 120); do
    gateway=$(pgrep -P "$bench" -f 'gateway' | head -1 || true)
    [ -n "$gateway" ] && break
    sleep 1
  done
  [ -n "$gateway" ] || { echo "the gateway did not start; see $log" >&2; exit 1; }
}
