#!/usr/bin/env bash
# Replays the committed corpus of every fuzz target, then fuzzes each target
# for a bounded time (seconds per target; default 60).
#
#   fuzz/run.sh            # 60 s per target
#   fuzz/run.sh 600        # 10 minutes per target
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz`).
# New inputs found while fuzzing go to a scratch directory, so the committed
# corpus stays small; crashes are written to fuzz/artifacts/<target>/.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-60}"
targets=(compile_tree literals edges)
# `fuzz run` builds each target (with its own profile settings) on first use.
for t in "${targets[@]}"; do
    echo "== $t: replaying corpus/$t"
    cargo +nightly fuzz run "$t" "corpus/$t" -- -runs=0
done
for t in "${targets[@]}"; do
    scratch="$(mktemp -d)"
    echo "== $t: fuzzing for ${secs}s"
    cargo +nightly fuzz run "$t" "$scratch" "corpus/$t" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
    rm -rf "$scratch"
done
