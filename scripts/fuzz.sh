#!/bin/sh
# Builds the libFuzzer target over the Normalizer sources (with AddressSanitizer and Swift's
# exclusivity checks on) and runs it for FUZZ_SECONDS, seeded with the golden inputs.
set -eu
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-60}"
out=.build/fuzz
corpus=fuzz-corpus
mkdir -p "$out" "$corpus" "$out/crashes"
swiftc -O -sanitize=fuzzer,address -parse-as-library -package-name cfaccess -module-name Normalizer \
  -emit-module-path "$out/Normalizer.swiftmodule" -emit-library -static -o "$out/libNormalizer.a" Sources/Normalizer/*.swift
swiftc -O -sanitize=fuzzer,address -parse-as-library -package-name cfaccess -I "$out" \
  Fuzz/FuzzMap.swift "$out/libNormalizer.a" -o "$out/fuzz-map" 2>&1 | grep -v "Cannot export local symbol" || true
cp Tests/NormalizerTests/Goldens/*.input.* "$corpus/"
echo "fuzzing the normalizer for ${seconds}s (corpus: $corpus, crashes: $out/crashes)"
"$out/fuzz-map" "$corpus" -dict=Fuzz/map.dict -max_len=8192 -max_total_time="$seconds" \
  -artifact_prefix="$out/crashes/" -print_final_stats=1 2>&1 | grep -E "^(Done|stat::number_of_executed_units|stat::peak_rss_mb|==.*ERROR|SUMMARY)|Fatal error|crash-" || true
crashes=$(find "$out/crashes" -type f | wc -l)
echo "crashes: $crashes"
[ "$crashes" -eq 0 ]
