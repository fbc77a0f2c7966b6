#!/bin/sh
# Builds the two libFuzzer targets with AddressSanitizer (Swift's exclusivity checks stay on) and
# runs each for FUZZ_SECONDS:
#   fuzz-map     the normalizer under every combination of map's options (Fuzz/FuzzMap.swift),
#                seeded with the golden inputs;
#   fuzz-inputs  the parsers of times, durations, account ids, feed names and base URLs
#                (Fuzz/FuzzInputs.swift), seeded with examples of each.
# Crashes are kept under .build/fuzz/crashes/; the script fails if there is any.
set -eu
# A crash is reported by libFuzzer itself; Swift's backtracer would hold the process.
export SWIFT_BACKTRACE=enable=no
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
out=.build/fuzz
flags="-O -sanitize=fuzzer,address -parse-as-library -package-name cfaccess"
mkdir -p "$out/crashes" fuzz-corpus/map fuzz-corpus/inputs

# Normalizer, then Inputs (which uses it and libcurl's URL parser), as static libraries.
swiftc $flags -module-name Normalizer -emit-module-path "$out/Normalizer.swiftmodule" \
  -emit-library -static -o "$out/libNormalizer.a" Sources/Normalizer/*.swift
swiftc $flags -module-name Inputs -I "$out" -I Sources/CCurl -emit-module-path "$out/Inputs.swiftmodule" \
  -emit-library -static -o "$out/libInputs.a" Sources/Inputs/*.swift
swiftc $flags -I "$out" Fuzz/FuzzMap.swift "$out/libNormalizer.a" -o "$out/fuzz-map" 2>&1 | grep -v "Cannot export local symbol" || true
swiftc $flags -I "$out" -I Sources/CCurl Fuzz/FuzzInputs.swift "$out/libInputs.a" "$out/libNormalizer.a" -lcurl \
  -o "$out/fuzz-inputs" 2>&1 | grep -v "Cannot export local symbol" || true

# Seeds: map inputs get a first byte that picks the options; input seeds are plain strings.
for input in Tests/NormalizerTests/Goldens/*.input.*; do
  name=$(basename "$input")
  for selector in A B C; do { printf '%s' "$selector"; cat "$input"; } > "fuzz-corpus/map/$selector-$name"; done
done
i=0
for seed in "https://api.cloudflare.com" "http://127.0.0.1:8080/client/v4" "http://[::1]/x" "http://localhost:1@evil.example/" \
            "2025-07-01T00:00:00Z" "0000-01-01T00:00:00+01:00" "2025-07-01" "24h" "1.5h" "now" "10m" "99999999999999d" \
            "023e105f4ecef8ad9ca31a8372d0c353" "prod-eu.1" "bad/name"; do
  printf '%s' "$seed" > "fuzz-corpus/inputs/seed-$i"; i=$((i + 1))
done

status=0
for target in map inputs; do
  echo "fuzzing $target for ${seconds}s (corpus: fuzz-corpus/$target, crashes: $out/crashes)"
  "$out/fuzz-$target" "fuzz-corpus/$target" -dict="Fuzz/$target.dict" -max_len=8192 -max_total_time="$seconds" \
    -artifact_prefix="$out/crashes/$target-" -print_final_stats=1 2>&1 \
    | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==.*ERROR|SUMMARY)|Fatal error|crash-" || true
done
crashes=$(find "$out/crashes" -type f | wc -l)
echo "crashes: $crashes"
[ "$crashes" -eq 0 ]
