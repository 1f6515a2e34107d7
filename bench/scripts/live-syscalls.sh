#!/usr/bin/env bash
# Counts the system calls of each gateway thread, and samples where its CPU goes, during one cell of
# the connections scenario (2,048 subscribers over 100 streams, 100 appends/s). Needs Linux `perf`
# with access to the syscall tracepoints (root, or kernel.perf_event_paranoid <= -1).
#
#   bench/scripts/live-syscalls.sh [mode] [server] [output file]
#
# mode: sse (default) or long-poll; server: dsk-memory (default) or dsk. The window has about
# 2,048 deliveries a second, so 10 s hold about 20,480: a thread's count divided by that is its
# system calls per delivery.
set -uo pipefail
mode=${1:-sse}
server=${2:-dsk-memory}
out=${3:-bench/results/profiles/live-syscalls-$mode-$server.txt}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$(dirname "$out")"
. "$(dirname "$0")/bench-gateway.sh"
start_bench "$work/bench.log" --scenario connections \
  --rounds 1 --seconds 30 --set "connections.servers=$server" --set "connections.modes=$mode" \
  --set connections.profile=false --results "$work/results"
sleep 35 # subscribers connect, warm-up
perf stat --per-thread -x, -o "$work/stat" -p "$gateway" -e raw_syscalls:sys_enter \
  -e syscalls:sys_enter_write,syscalls:sys_enter_writev,syscalls:sys_enter_futex,syscalls:sys_enter_epoll_wait,syscalls:sys_enter_read \
  -- sleep 10
jcmd "$gateway" Compiler.perfmap > /dev/null
perf record -q -F 999 -g -p "$gateway" -o "$work/perf.data" -- sleep 8 2> /dev/null
jcmd "$gateway" Compiler.perfmap > /dev/null
wait "$bench"
{
  echo "server: $server, mode: $mode; load average $(cut -d' ' -f1-3 /proc/loadavg)"
  grep round "$work/bench.log"
  echo "system calls per thread in 10 s (about 20,480 deliveries), threads above 200:"
  awk -F, '$2 ~ /^[0-9]+$/ && $2 > 200 {printf "  %-40s %-36s %8d\n", $1, $4, $2}' "$work/stat" | sort -k1,1 -k3,3nr
  echo "top symbols (perf record, 8 s):"
  perf report -i "$work/perf.data" --no-children --sort comm,sym --stdio 2> /dev/null | grep -v '^#' | grep '%' | head -60
} > "$out"
echo "wrote $out"
