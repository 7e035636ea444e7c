#!/usr/bin/env bash
# Whole-process throughput: a receiving JVM and a sending JVM move one file over HTTP (or, with
# --transport ws, over one WebSocket) on loopback, N rounds, each round with fresh JVMs. Prints a
# Markdown table per round (MB/s, CPU seconds and peak RSS of each side) and min/median/max, and
# keeps it in bench/results/.
#
# Builds nothing: run `mvn -B -o -pl bench -am package -DskipTests` first (bench/target/benchmarks.jar).
#
#   bench/run-transfer.sh [--size BYTES] [--rounds N] [--lanes N] [--chunk-size BYTES]
#                         [--discard] [--transport http|ws] [--jvm-opts "OPTS"]
#
# MB/s is 10^6 bytes per second over the sender's engine duration (stream-init sent until the
# receiver verified the stream; JVM start and node set-up excluded). "data MB/s" divides by the
# receiver's duration instead (accept until verified: no handshake), "wall MB/s" by the sender
# JVM's whole wall time. CPU is user + system seconds of each JVM and peak RSS its
# maximum resident set, both from /usr/bin/time -v (falling back to the JSON the process prints).
#
# --discard: the receiver verifies and drops the bytes (no file). An in-order output suits
# round-robin streams only, so the sender then sends the file as a stream of unknown size
# (--partition round-robin); the header says so.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar="$here/target/benchmarks.jar"
size=$((1 << 30))
rounds=5
lanes=4
chunk_size=$((1 << 20))
discard=0
transport=http
# The engine holds lanes × window chunks, not the file: a 64 MiB heap is plenty, and the serial
# collector suits a heap that small. MALLOC_ARENA_MAX keeps glibc from growing an arena per thread.
jvm_opts="-Xmx64m -XX:+UseSerialGC"
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --size) size="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --lanes) lanes="$2"; shift 2 ;;
    --chunk-size) chunk_size="$2"; shift 2 ;;
    --discard) discard=1; shift ;;
    --transport) transport="$2"; shift 2 ;;
    --jvm-opts) jvm_opts="$2"; shift 2 ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done

[[ -f "$jar" ]] || { echo "missing $jar: build it first (mvn -B -o -pl bench -am package -DskipTests)" >&2; exit 2; }
have_time=0
[[ -x /usr/bin/time ]] && have_time=1

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
results="$here/results"
mkdir -p "$results"
work="$(mktemp -d "${TMPDIR:-/tmp}/shade-bench.XXXXXX")"
receiver_pid=""
cleanup() {
  if [[ -n "$receiver_pid" ]] && kill -0 "$receiver_pid" 2>/dev/null; then
    # the JVM is a child of /usr/bin/time: end it first, then time itself
    kill $(pgrep -P "$receiver_pid") "$receiver_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

java_cmd=(java $jvm_opts -cp "$jar" dev.shade.bench.TransferProcess)
timed() { # timed OUT_TIME_FILE CMD...: runs CMD under /usr/bin/time -v when there is one
  local out="$1"; shift
  if [[ $have_time -eq 1 ]]; then /usr/bin/time -v -o "$out" "$@"; else "$@"; fi
}
json_field() { # json_field FILE EVENT FIELD: FIELD of the last line of FILE whose event is EVENT
  grep "\"event\":\"$2\"" "$1" | tail -1 | sed -n "s/.*\"$3\":\"\{0,1\}\([^,\"}]*\).*/\1/p"
}
time_field() { # time_field FILE LABEL: the value /usr/bin/time -v printed after "LABEL: "
  sed -n "s/^[[:space:]]*$2: //p" "$1" 2>/dev/null | head -1
}
cpu_of() { # cpu_of TIME_FILE JSON_FILE EVENT: user + system seconds
  local u s
  u="$(time_field "$1" "User time (seconds)")"; s="$(time_field "$1" "System time (seconds)")"
  if [[ -n "$u" && -n "$s" ]]; then awk -v u="$u" -v s="$s" 'BEGIN { printf "%.1f", u + s }'
  else awk -v c="$(json_field "$2" "$3" cpuSeconds)" 'BEGIN { printf "%.1f", c }'; fi
}
rss_mib_of() { # rss_mib_of TIME_FILE JSON_FILE EVENT: peak RSS in MiB
  local kib
  kib="$(time_field "$1" "Maximum resident set size (kbytes)")"
  if [[ -n "$kib" ]]; then awk -v k="$kib" 'BEGIN { printf "%.0f", k / 1024 }'
  else awk -v b="$(json_field "$2" "$3" peakRssBytes)" 'BEGIN { printf "%.0f", b / 1048576 }'; fi
}

echo "scratch: writing and deleting 1 GiB (the host takes idle memory back; this warms it)" >&2
dd if=/dev/zero of="$work/scratch" bs=1M count=1024 status=none
rm -f "$work/scratch"

source="$work/source.bin"
echo "source: $size random bytes" >&2
head -c "$size" /dev/urandom > "$source"
source_sha="$(sha256sum "$source" | cut -c1-64)"

receive_out=(--out "$work/received.bin")
send_extra=()
if [[ $discard -eq 1 ]]; then
  receive_out=(--discard)
  send_extra=(--partition round-robin)
fi

rows=()
for ((round = 1; round <= rounds; round++)); do
  rm -f "$work/received.bin" "$work"/received\ *.bin
  r_json="$work/receiver.$round.json"; r_time="$work/receiver.$round.time"
  s_json="$work/sender.$round.json"; s_time="$work/sender.$round.time"
  timed "$r_time" "${java_cmd[@]}" receive --port 0 --address bob.1 --count 1 "${receive_out[@]}" \
    > "$r_json" 2> "$work/receiver.$round.log" &
  receiver_pid=$!
  for ((i = 0; i < 300; i++)); do
    grep -q '"event":"listening"' "$r_json" 2>/dev/null && break
    kill -0 "$receiver_pid" 2>/dev/null || break
    sleep 0.1
  done
  base_url="$(json_field "$r_json" listening baseUrl)"
  [[ -n "$base_url" ]] || { echo "round $round: the receiver did not start" >&2; cat "$work/receiver.$round.log" >&2; exit 1; }
  start_ns="$(date +%s%N)"
  if ! timed "$s_time" "${java_cmd[@]}" send --to "$base_url" --address-of-peer bob.1 \
      --lanes "$lanes" --chunk-size "$chunk_size" --transport "$transport" "${send_extra[@]}" "$source" \
      > "$s_json" 2> "$work/sender.$round.log"; then
    echo "round $round: the sender failed" >&2; cat "$s_json" >&2; tail -20 "$work/sender.$round.log" >&2; exit 1
  fi
  wall_ns=$(( $(date +%s%N) - start_ns ))
  wait "$receiver_pid" || { echo "round $round: the receiver failed" >&2; cat "$r_json" >&2; exit 1; }
  receiver_pid=""
  sent_sha="$(json_field "$s_json" result sha256)"
  got_sha="$(json_field "$r_json" received sha256)"
  if [[ "$sent_sha" != "$source_sha" || "$got_sha" != "$source_sha" ]]; then
    echo "round $round: sha256 mismatch (source $source_sha, sent $sent_sha, received $got_sha)" >&2; exit 1
  fi
  duration_ms="$(json_field "$s_json" result durationMs)"
  received_ms="$(json_field "$r_json" received durationMs)"
  rows+=("$(awk -v b="$size" -v d="$duration_ms" -v r="$received_ms" -v w="$wall_ns" \
    -v sc="$(cpu_of "$s_time" "$s_json" result)" -v rc="$(cpu_of "$r_time" "$r_json" received)" \
    -v sr="$(rss_mib_of "$s_time" "$s_json" result)" -v rr="$(rss_mib_of "$r_time" "$r_json" received)" \
    'BEGIN { printf "%.1f %.1f %.1f %s %s %s %s", b / 1e6 / (d / 1e3), b / 1e6 / (r / 1e3),
             b / 1e6 / (w / 1e9), sc, rc, sr, rr }')")
  echo "round $round: ${rows[-1]}" >&2
done

mode="file (RANGE, written to disk, verified)"
[[ $discard -eq 1 ]] && mode="discard (ROUND_ROBIN, verified in order, not written)"
report="$results/transfer-$stamp.md"
{
  echo "## Shade whole-process transfer, $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "$(awk -v b="$size" 'BEGIN { printf "%.0f MiB", b / 1048576 }') over $transport, $lanes lanes, $chunk_size-byte chunks," \
    "$rounds rounds, receiver: $mode; JVM options: $jvm_opts; $(nproc) CPUs, $(java -version 2>&1 | head -1)"
  echo
  echo "| round | MB/s | data MB/s | wall MB/s | sender CPU s | receiver CPU s | sender peak RSS MiB | receiver peak RSS MiB |"
  echo "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  for i in "${!rows[@]}"; do
    echo "| $((i + 1)) | $(echo "${rows[$i]}" | tr ' ' '\n' | paste -sd'|' | sed 's/|/ | /g') |"
  done
  for stat in min median max; do
    printf '| %s |' "$stat"
    for col in 1 2 3 4 5 6 7; do
      printf ' %s |' "$(printf '%s\n' "${rows[@]}" | awk -v c="$col" '{ print $c }' | sort -g | awk -v s="$stat" '
        { v[NR] = $1 }
        END { if (s == "min") print v[1]; else if (s == "max") print v[NR];
              else if (NR % 2) print v[(NR + 1) / 2]; else printf "%g\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
    done
    echo
  done
} | tee "$report"
echo "kept in $report" >&2
