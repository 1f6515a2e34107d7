#!/usr/bin/env bash
# Counts the system calls a server makes per durable append, and samples where its CPU goes, during
# one held cell of the streams scenario (1,000 streams, 64 writers unless STREAMS and WRITERS say
# otherwise). Needs Linux `perf` with access to the syscall tracepoints (root, or
# kernel.perf_event_paranoid <= -1).
#
#   [STREAMS=100000] [WRITERS=256] [GATEWAY_JAR=jar] bench/scripts/append-syscalls.sh [server] [results dir]
#
# server: dsk (default) or dsk-memory. Writes <dir>/append-syscalls-<server>.txt: appends in the
# window, system calls per append by kind, and the top symbols per thread group from `perf record`;
# also what a null system call and a wake-up round trip cost on this machine (`perf bench`), since
# on a virtual machine they can cost ten times more than on bare metal.
set -euo pipefail
server=${1:-dsk}
out=${2:-bench/results/profiles}
streams=${STREAMS:-1000}
writers=${WRITERS:-64}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
. "$(dirname "$0")/bench-gateway.sh"
start_bench "$work/bench.log" --scenario streams \
  --rounds 1 --seconds 60 --set streams.counts=$streams --set streams.ladder=$writers --set "streams.servers=$server" \
  --set streams.warmup-seconds=15 --set streams.profile=off --set streams.fill=off --set streams.reopen=off \
  ${GATEWAY_JAR:+--gateway-jar "$GATEWAY_JAR"} --results "$work/results"
port=
for _ in $(seq 1 60); do
  port=$(ss -ltnpH | grep "pid=$gateway," | head -1 | awk '{print $4}' | sed 's/.*://' || true)
  [ -n "$port" ] && break
  sleep 1
done
appends() { curl -s "localhost:$port/metrics" | awk '/^dsk_appends_total/ {print $2}'; }
# creation (about 6,000 streams/s), warm-up and ladder
sleep $((35 + streams / 5000))
before=$(appends)
perf stat -x, -o "$work/stat" -p "$gateway" -e raw_syscalls:sys_enter \
  -e syscalls:sys_enter_read,syscalls:sys_enter_write,syscalls:sys_enter_epoll_ctl,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_futex,syscalls:sys_enter_fdatasync \
  -- sleep 10
after=$(appends)
jcmd "$gateway" Compiler.perfmap > /dev/null
perf record -q -F 999 -g -p "$gateway" -o "$work/perf.data" -- sleep 8 2> /dev/null
jcmd "$gateway" Compiler.perfmap > /dev/null
wait "$bench" || true
{
  echo "server: $server, $streams streams, $writers writers, 256-byte appends; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  n=$(awk -v a="$before" -v b="$after" 'BEGIN {printf "%d", b - a}')
  echo "appends in the 10 s window: $n"
  echo "this machine: $(perf bench syscall basic -l 1000000 2> /dev/null | awk '/usecs\/op/ {print $1}') µs per null system call," \
    "$(perf bench sched pipe -l 20000 2> /dev/null | awk '/usecs\/op/ {print $1}') µs per pipe round trip between two tasks"
  echo "system calls per append:"
  awk -F, -v n="$n" '$1 ~ /^[0-9]+$/ {printf "  %-32s %8.2f\n", $3, $1 / n}' "$work/stat"
  for group in 'XNIO-1 I/O-1,XNIO-1 I/O-2' dsk-append-comm; do
    echo
    echo "top symbols of $group (share of the group's samples):"
    perf report -i "$work/perf.data" --no-children --comm "$group" --percentage relative --sort sym --stdio -g none \
      2> /dev/null | grep -v '^#' | grep -v '^$' | head -15 | cut -c1-160 || true
  done
  echo
  grep -h 'Server CPU per append by thread group' "$work/results"/*.md \
    | sed 's/.*streams: /CPU per append by thread group (bench report): /' || true
} > "$out/append-syscalls-$server-$streams.txt"
cat "$out/append-syscalls-$server-$streams.txt"
