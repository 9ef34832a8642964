#!/usr/bin/env bash
# Median and 90th percentile of the frames in a PulseBenchmark log: the pulse after each STEP line.
# Usage: scripts/pulse-stats.sh pulses.log
set -euo pipefail
for part in pan edit; do
    awk -v p="$part" '
        /MARK / { cur = $0; sub(/.*MARK /, "", cur) }
        /STEP/ { want = (cur == p) }
        /^PULSE:/ && want { t = $0; sub(/.*:/, "", t); sub(/ms\]/, "", t); print t; want = 0 }
    ' "$1" | sort -n | awk -v p="$part" '{ a[NR] = $1 }
        END { printf "%s frames: %d, median %d ms, p90 %d ms\n", p, NR, a[int((NR + 1) / 2)], a[int(NR * 0.9)] }'
done
