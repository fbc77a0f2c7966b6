#!/usr/bin/env python3
"""`make bench`: cfaccess map throughput and peak memory on one core.

Generates (once) a corpus of one million API-shaped records with scripts/gen_corpus.py, then
runs `cfaccess map` pinned to CPU 0, best of three, writing to /dev/null (the mapper alone) and
to a file (adding the kernel's cost of writing ~1.4 GB). Peak memory is each run's max RSS; the
100,000-record run shows that memory does not grow with the input.
"""
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "bench-data")


def corpus(records):
    path = os.path.join(DATA, f"corpus-{records}.ndjson")
    if not os.path.exists(path):
        os.makedirs(DATA, exist_ok=True)
        print(f"generating {records:,} records into {os.path.relpath(path, ROOT)} …", flush=True)
        with open(path + ".tmp", "w") as out:
            subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "gen_corpus.py"), "--records", str(records)],
                           stdout=out, check=True)
        os.rename(path + ".tmp", path)
    return path


def run(binary, source, target):
    """One `map` in a fresh child: (wall seconds, peak RSS in KiB)."""
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(["taskset", "-c", "0", binary, "map", source, "-o", target], stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"bench: map exited {child.returncode}: {errors.read().decode()}")
    return elapsed, usage.ru_maxrss


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "cfaccess")
    big = corpus(1_000_000)
    small = corpus(100_000)
    output = os.path.join(DATA, "events.ndjson")
    print(f"cfaccess map on one core (taskset -c 0), best of 3")
    for label, source, target, records in [
        ("1,000,000 records → /dev/null", big, "/dev/null", 1_000_000),
        ("1,000,000 records → file     ", big, output, 1_000_000),
        ("  100,000 records → /dev/null", small, "/dev/null", 100_000),
    ]:
        runs = [run(binary, source, target) for _ in range(3)]
        seconds = min(elapsed for elapsed, _ in runs)
        peak = max(rss for _, rss in runs)
        megabytes = os.path.getsize(source) / 1e6
        print(f"  {label}: {seconds:6.2f} s  {records / seconds:>9,.0f} records/s  "
              f"{megabytes / seconds:5.0f} MB/s in  peak memory {peak / 1024:5.1f} MiB")
    if os.path.exists(output):
        os.remove(output)


if __name__ == "__main__":
    main()
