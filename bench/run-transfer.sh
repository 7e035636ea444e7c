#!/usr/bin/env bash
# Whole-process throughput of one configuration: a receiving JVM and a sending JVM move one file
# over HTTP (or, with --transport ws, over one WebSocket) on loopback, N rounds, each round with
# fresh JVMs; MB/s, CPU seconds and peak RSS of each side, min/median/max, kept in bench/results/.
# It is scenario 1 of bench/run for one transport and lane count (docs/BENCHMARKS.md):
#
#   bench/run-transfer.sh [--size BYTES] [--rounds N] [--lanes N] [--chunk-size BYTES]
#                         [--discard] [--transport http|ws] [--jvm-opts "OPTS"]
#
# --discard: the receiver verifies and drops the bytes (no file), and the sender sends the file as
# a stream of unknown size (ROUND_ROBIN), the partition an in-order output suits.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
scenario=throughput
args=(--transports http --lanes 4)
while [[ $# -gt 0 ]]; do
  case "$1" in
    --size|--rounds|--lanes|--chunk-size|--jvm-opts) args+=("$1" "$2"); shift 2 ;;
    --transport) args+=(--transports "$2"); shift 2 ;;
    --discard) scenario=discard; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
exec "$here/run" --scenarios "$scenario" "${args[@]}"
