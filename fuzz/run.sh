#!/usr/bin/env bash
# Seeds every fuzz target from the test fixtures and runs it for SECONDS (default 600).
# Needs cargo-fuzz (`cargo install cargo-fuzz`). The toolchain here is stable: cargo-fuzz's
# sanitizer flags are unlocked with RUSTC_BOOTSTRAP=1.
# Usage: fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")"
seconds="${1:-600}"; shift || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(liveperson_parse liveperson_parse_slice genesys_parse genesys_batch tracker differential walkers)
examples=../tests/webhooks_examples
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  case "$t" in
    liveperson_*) find "$examples/liveperson" -name '*.json' -exec cp {} "corpus/$t/" \; ;;
    genesys_batch) for f in "$examples"/genesys/*.json; do printf '[%s]' "$(cat "$f")" > "corpus/$t/$(basename "$f")"; done ;;
    genesys_*) find "$examples/genesys" -name '*.json' -exec cp {} "corpus/$t/" \; ;;
    differential|walkers) find "$examples/liveperson" "$examples/genesys" -name '*.json' | while read -r f; do cp "$f" "corpus/$t/$(echo "${f#"$examples"/}" | tr / _)"; done ;;
    tracker) cp "$examples"/conversations/*.jsonl "corpus/$t/" ;;
  esac
  RUSTC_BOOTSTRAP=1 cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 2>&1 | tee "fuzz-$t.log" | grep -E '^#[0-9]+ +(DONE|pulse)|SUMMARY|panicked|ERROR' || true
done
