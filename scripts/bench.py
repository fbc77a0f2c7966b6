#!/usr/bin/env python3
"""`make bench`: cfaccess map throughput and peak memory, map on hostile inputs, start-up, fetch,
the feed service.

Generates (once) a corpus of one million API-shaped records with scripts/gen_corpus.py. `map` is
measured side by side, in rounds: into a file on every CPU, to /dev/null pinned to CPU 0 (the
single-core mapper alone), and `dd bs=1M` of the same events into a file (the kernel's cost of
taking them). Each run writes a new file where the round before wrote one (see `fresh`). Each line gives the best and the median of the rounds; ratios compare
bests and, per round, runs made seconds apart. Peak memory is each run's max RSS; the
100,000-record run shows that memory does not grow with the input. Start-up: `cfaccess version`
wall time, the time until the interactive prompt appears on a pseudo-terminal, and unlocking a
vault at the default key-derivation cost.
"""
import contextlib
import os
import pty
import select
import statistics
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


def run(binary, source, target, pinned=False):
    """One `map` in a fresh child into a fresh `target`: (wall seconds, peak RSS in KiB)."""
    fresh(target)
    command = ["taskset", "-c", "0"] if pinned else []
    with tempfile.TemporaryFile() as errors:
        start = time.perf_counter()
        child = subprocess.Popen(command + [binary, "map", source, "-o", target], stderr=errors)
        _, status, usage = os.wait4(child.pid, 0)
        elapsed = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode != 0:
            errors.seek(0)
            sys.exit(f"bench: map exited {child.returncode}: {errors.read().decode()}")
    if os.environ.get("BENCH_VERBOSE"):
        print(f"    map {target} pinned={pinned}: {elapsed:.2f} s, user {usage.ru_utime:.2f} s, sys {usage.ru_stime:.2f} s", flush=True)
    return elapsed, usage.ru_maxrss


def fresh(target):
    """Syncs, so no run pays for another's writeback, then removes the old output right before
    the run: on a VM that hands freed memory back to its host after a few seconds, the new file
    is written into page cache just given back rather than into memory the host must map again."""
    os.sync()
    if target != "/dev/null" and os.path.exists(target):
        os.remove(target)


def dd(source, target):
    """Seconds for `dd bs=1M` to copy `source` (in the page cache) into a new file."""
    fresh(target)
    start = time.perf_counter()
    subprocess.run(["dd", f"if={source}", f"of={target}", "bs=1M"], stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def report_map(binary, big, small, rounds=5):
    """`map` into a file on every CPU against the single-core mapper and against `dd`."""
    events = os.path.join(DATA, "events.ndjson")
    copy = os.path.join(DATA, "events-dd.ndjson")
    megabytes = os.path.getsize(big) / 1e6
    results = {"file": [], "null": [], "dd": []}
    peaks = {"file": 0, "null": 0}
    for _ in range(rounds):
        seconds, peak = run(binary, big, events)
        results["file"].append(seconds)
        peaks["file"] = max(peaks["file"], peak)
        seconds, peak = run(binary, big, "/dev/null", pinned=True)
        results["null"].append(seconds)
        peaks["null"] = max(peaks["null"], peak)
        results["dd"].append(dd(events, copy))
    produced = os.path.getsize(events)
    print(f"cfaccess map, 1,000,000 records ({megabytes:.0f} MB in, {produced / 1e6:.0f} MB of events), "
          f"{rounds} rounds side by side, {os.cpu_count()} CPUs")
    for key, label in [("file", "map into a file, every CPU     "), ("null", "map to /dev/null, one CPU      "),
                       ("dd", "dd bs=1M of the events, to file")]:
        best, middle = min(results[key]), statistics.median(results[key])
        memory = f"  peak memory {peaks[key] / 1024:5.1f} MiB" if key in peaks else ""
        print(f"  {label}: best {best:5.2f} s, median {middle:5.2f} s, {1_000_000 / best:>9,.0f} records/s{memory}")
    ratios = [f / n for f, n in zip(results["file"], results["null"])]
    print(f"  into a file on every CPU ÷ to /dev/null on one: {min(results['file']) / min(results['null']):.2f} of the bests, "
          f"median per round {statistics.median(ratios):.2f} (target at most 0.80)")
    print(f"  into a file on every CPU ÷ dd of the same events: {min(results['file']) / min(results['dd']):.2f} of the bests")
    one_core = [run(binary, big, events, pinned=True) for _ in range(3)]
    print(f"  map into a file, one CPU      : best {min(s for s, _ in one_core):5.2f} s, "
          f"peak memory {max(p for _, p in one_core) / 1024:5.1f} MiB")
    small_runs = [run(binary, small, events) for _ in range(3)]
    print(f"  100,000 records into a file, every CPU: best {min(s for s, _ in small_runs):5.2f} s, "
          f"peak memory {max(p for _, p in small_runs) / 1024:5.1f} MiB (flat in the input size)")
    for path in (events, copy):
        if os.path.exists(path):
            os.remove(path)


def startup(binary):
    """Median and worst of 30 `version` runs and of 10 prompts, in milliseconds."""
    version = []
    for _ in range(30):
        start = time.perf_counter()
        subprocess.run([binary, "version"], stdout=subprocess.DEVNULL, check=True)
        version.append((time.perf_counter() - start) * 1000)
    prompt = []
    with tempfile.TemporaryDirectory() as home:
        os.chmod(home, 0o700)
        for _ in range(10):
            start = time.perf_counter()
            pid, fd = pty.fork()
            if pid == 0:
                os.execve(binary, [binary], {"CFACCESS_HOME": home, "TERM": "xterm", "LANG": "C.UTF-8"})
            seen = b""
            while b"cfaccess> " not in seen:
                ready, _, _ = select.select([fd], [], [], 5)
                if not ready:
                    sys.exit("bench: no prompt within 5 s")
                seen += os.read(fd, 1024)
            prompt.append((time.perf_counter() - start) * 1000)
            os.write(fd, b"exit\r")
            os.waitpid(pid, 0)
            os.close(fd)
    return version, prompt


def unlock(binary):
    """Seconds for `token list` on a vault with the default (moderate) Argon2id cost: the
    unlock a user waits for, process start included. Median and worst of 5."""
    times = []
    with tempfile.TemporaryDirectory() as work:
        passphrase = os.path.join(work, "pass")
        with open(os.open(passphrase, os.O_WRONLY | os.O_CREAT, 0o600), "w") as out:
            out.write("bench passphrase (not a secret)\n")
        environment = dict(os.environ, CFACCESS_HOME=os.path.join(work, "home"))
        base = [binary, "--passphrase-file", passphrase]
        subprocess.run(base + ["vault", "init"], env=environment, check=True, stderr=subprocess.DEVNULL)
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run(base + ["token", "list"], env=environment, check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            times.append(time.perf_counter() - start)
    return times


SANDBOX_TOKEN = "cfut_SandboxDemoTokenWithAccessAuditLogsRead0000"
ACCOUNT = "023e105f4ecef8ad9ca31a8372d0c353"


@contextlib.contextmanager
def sandbox_home(binary, records, faults=(), setup=""):
    """A sandbox serving `records` pinned records (with `faults`) and a throwaway home whose vault
    (interactive cost) holds its demo token as `demo`; `setup` is more script to run there.
    Yields (base URL, the cfaccess command prefix, the environment, the work directory)."""
    sandbox_binary = os.path.join(os.path.dirname(binary), "cfaccess-sandbox")
    with tempfile.TemporaryDirectory() as work:
        sandbox = subprocess.Popen([sandbox_binary, "--records", str(records), "--port", "0", "--epoch", "2025-07-01T00:00:00Z", *faults],
                                   stdout=subprocess.PIPE, text=True)
        try:
            base = sandbox.stdout.readline().split()[-1]
            passphrase = os.path.join(work, "pass")
            with open(os.open(passphrase, os.O_WRONLY | os.O_CREAT, 0o600), "w") as out:
                out.write("bench passphrase (not a secret)\n")
            environment = dict(os.environ, CFACCESS_HOME=os.path.join(work, "home"))
            prefix = [binary, "--passphrase-file", passphrase]
            script = f"vault init --kdf interactive\ntoken add demo --from-file -\n{SANDBOX_TOKEN}\n" + setup.format(base=base, work=work)
            subprocess.run(prefix, input=script.encode(), env=environment, check=True, stderr=subprocess.DEVNULL)
            yield base, prefix, environment, work
        finally:
            sandbox.terminate()
            sandbox.wait()


def proc_stat(pid):
    """(CPU seconds used, resident KiB) of a running process, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    cpu = (int(fields[11]) + int(fields[12])) / ticks
    with open(f"/proc/{pid}/status") as status:
        rss = next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))
    return cpu, rss


def run_sampled(command, environment, stderr, settle=0.0):
    """Runs `command` to its end, sampling its resident memory every 50 ms once `settle` seconds
    have passed (so a brief start, such as unlocking, can be left out). Returns (seconds, exit
    status, rusage, largest sample in KiB); the rusage's peak includes everything."""
    start = time.perf_counter()
    child = subprocess.Popen(command, env=environment, stderr=stderr)
    sampled = 0
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG)
        if pid:
            return time.perf_counter() - start, os.waitstatus_to_exitcode(status), usage, sampled
        time.sleep(0.05)
        if time.perf_counter() - start > settle:
            try:
                sampled = max(sampled, proc_stat(child.pid)[1])
            except (OSError, StopIteration):
                pass


def fetch(binary, records, faults=()):
    """`logs fetch` of `records` sandbox records as OCSF to /dev/null: seconds, the summary line
    (pages, requests, retries), the largest RSS sampled once the fetch is under way, and the
    process's peak RSS (which includes Argon2id's working memory while unlocking), in KiB."""
    with sandbox_home(binary, records, faults) as (base, prefix, environment, _):
        with tempfile.TemporaryFile() as errors:
            elapsed, status, usage, sampled = run_sampled(
                prefix + ["logs", "fetch", "--account", ACCOUNT, "--token", "demo", "--since", "2025-07-01T00:00:00Z",
                          "--base-url", base, "-o", "/dev/null"], environment, errors, settle=1)
            errors.seek(0)
            summary = errors.read().decode().strip().splitlines()[-1]
    if status != 0:
        sys.exit(f"bench: logs fetch exited {status}: {summary}")
    return elapsed, summary, sampled, usage.ru_maxrss


def service(binary):
    """`feed run --all` over many feeds on one sandbox: requests and CPU of a cycle with nothing
    new, resident memory while following, and a backfill of 1,000,000 records across 10 feeds."""
    results = {}
    for label, records, feeds in [("idle", 3000, 50), ("backfill", 100_000, 10)]:
        setup = "".join(f"feed create f{index:02d} --account {ACCOUNT} --token demo --base-url {{base}} "
                        f"--start 2025-07-01T00:00:00Z --output {{work}}/f{index:02d}.ndjson --no-check\n" for index in range(feeds))
        with sandbox_home(binary, records, setup=setup) as (_, prefix, environment, _work):
            elapsed, status, usage, sampled = run_sampled(prefix + ["feed", "run", "--all", "--jobs", "4"], environment, subprocess.DEVNULL,
                                                          settle=1)
            if status != 0:
                sys.exit(f"bench: feed run --all exited {status}")
            results[label] = {"backfill": (records * feeds, elapsed, usage.ru_utime + usage.ru_stime, sampled, usage.ru_maxrss)}
            if label != "idle":
                continue
            # One cycle with nothing new, its requests counted from --verbose.
            idle = subprocess.run(prefix + ["--verbose", "feed", "run", "--all"], env=environment, stderr=subprocess.PIPE, check=True)
            requests = idle.stderr.decode().count(": GET /")
            # Following: CPU and memory over several idle cycles.
            follower = subprocess.Popen(prefix + ["feed", "run", "--all", "--follow", "--interval", "2s"], env=environment,
                                        stderr=subprocess.DEVNULL)
            time.sleep(5)
            cpu_before, _ = proc_stat(follower.pid)
            rss = 0
            for _ in range(40):
                time.sleep(0.25)
                rss = max(rss, proc_stat(follower.pid)[1])
            cpu_after, _ = proc_stat(follower.pid)
            follower.terminate()
            follower.wait()
            results[label]["idle"] = (requests, feeds, (cpu_after - cpu_before) / 5, rss)
    return results


def report_service(binary):
    results = service(binary)
    requests, feeds, cpu, rss = results["idle"]["idle"]
    print(f"feed run --all: {feeds} feeds on one sandbox, one process (interactive KDF)")
    print(f"  a cycle with nothing new: {requests} requests ({requests / feeds:.1f} per feed, budget 2)")
    print(f"  following at a 2 s interval: CPU {cpu * 1000:.0f} ms per idle cycle of all {feeds} feeds, "
          f"resident {rss / 1024:.1f} MiB (budget 64 MiB besides Argon2id)")
    records, seconds, cpu, sampled, peak = results["backfill"]["backfill"]
    print(f"  backfill of {records:,} records across 10 feeds (--jobs 4): {seconds:.1f} s, {records / seconds:,.0f} records/s, "
          f"CPU {cpu:.1f} s, RSS while running {sampled / 1024:.1f} MiB, process peak {peak / 1024:.1f} MiB")


def bounded_inputs():
    """The inputs `map` must get through in bounded time and memory: a 64 MB API envelope, a
    record holding a 64 MiB string, and 4 MB of gzip that expands to a 4 GiB string."""
    os.makedirs(DATA, exist_ok=True)
    record = '{"created_at":"2025-07-01T00:00:00Z","user_email":"a@example.com","allowed":true,"action":"login","ray_id":"%08x"}'
    inputs = []
    envelope = os.path.join(DATA, "envelope-64MB.json")
    if not os.path.exists(envelope):
        with open(envelope, "w") as out:
            out.write('{"success":true,"errors":[],"messages":[],"result":[')
            written, index = 0, 0
            while written < 64_000_000:
                line = ("," if index else "") + record % index
                out.write(line)
                written += len(line)
                index += 1
            out.write("]}\n")
    inputs.append(("a 64 MB API envelope", envelope))
    under = os.path.join(DATA, "envelope-15MB.json")
    if not os.path.exists(under):
        with open(under, "w") as out:
            out.write('{"success":true,"errors":[],"messages":[],"result":[')
            out.write(",".join(record % index for index in range(15_000_000 // 110)))
            out.write("]}\n")
    inputs.append(("a 15 MB API envelope (under the limit: mapped, scanned in linear time)", under))
    string = os.path.join(DATA, "string-64MiB.ndjson")
    if not os.path.exists(string):
        with open(string, "w") as out:
            out.write(record % 1 + "\n")
            out.write('{"created_at":"2025-07-01T00:00:00Z","user_email":"b@example.com","note":"' + "x" * (64 << 20) + '"}\n')
            out.write(record % 2 + "\n")
    inputs.append(("a record holding a 64 MiB string", string))
    bomb = os.path.join(DATA, "string-4GiB.json.gz")
    if not os.path.exists(bomb):
        import zlib
        compressor = zlib.compressobj(9, zlib.DEFLATED, 31)
        chunk = b"y" * (64 << 20)
        with open(bomb + ".tmp", "wb") as out:
            out.write(compressor.compress(b'{"created_at":"2025-07-01T00:00:00Z","note":"'))
            for _ in range(64):
                out.write(compressor.compress(chunk))
            out.write(compressor.compress(b'"}\n' + (record % 3).encode() + b"\n"))
            out.write(compressor.flush())
        os.rename(bomb + ".tmp", bomb)
    inputs.append((f"{os.path.getsize(bomb) / 1e6:.1f} MB of gzip expanding to a 4 GiB string", bomb))
    return inputs


def report_bounded(binary):
    print("map on inputs built to exhaust it (a single value over 16 MiB is rejected; budget: under 3 s and 128 MiB for the 64 MiB string)")
    # Made in a child: a forked child's peak RSS starts at its parent's, which must stay small.
    subprocess.run([sys.executable, os.path.abspath(__file__), binary, "bounded-inputs"], check=True)
    for name, path in bounded_inputs():
        with tempfile.TemporaryDirectory() as work:
            start = time.perf_counter()
            child = subprocess.Popen([binary, "map", path, "-o", os.path.join(work, "out"), "--rejects", os.path.join(work, "rejects")],
                                     stderr=subprocess.PIPE)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            errors = child.stderr.read().decode()
            summary = [line for line in errors.splitlines() if line.startswith("cfaccess: map: ")]
            print(f"  {name}: {elapsed:5.2f} s, peak {usage.ru_maxrss / 1024:6.1f} MiB, exit {os.waitstatus_to_exitcode(status)}; "
                  f"{summary[-1][len('cfaccess: map: '):] if summary else errors.strip()}")


def summary_run(binary, source, by):
    """One `logs summary --input` in a fresh child: (wall seconds, peak RSS in KiB)."""
    command = [binary, "logs", "summary", "--input", source, "--top", "10"] + [word for key in by for word in ("--by", key)]
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"bench: logs summary exited {os.waitstatus_to_exitcode(status)}")
    return time.perf_counter() - start, usage.ru_maxrss


def report_summary(binary, big, rounds=5):
    """`logs summary --input` against `map` to /dev/null, both on every CPU, alternating."""
    print("logs summary --input, 1,000,000 records, against map to /dev/null (both on every CPU), best of "
          f"{rounds} alternating rounds (target: within 1.5x of map)")
    maps = []
    for _ in range(rounds):
        maps.append(run(binary, big, "/dev/null")[0])
    best_map = min(maps)
    print(f"  map to /dev/null                  : {best_map:5.2f} s, {1_000_000 / best_map:>9,.0f} records/s")
    for by in (["user"], ["app"], ["user", "country"], ["hour"], ["ip"], ["user", "country", "hour"]):
        runs = []
        for _ in range(rounds):
            runs.append(summary_run(binary, big, by))
            maps.append(run(binary, big, "/dev/null")[0])
        best = min(seconds for seconds, _ in runs)
        label = ("--by " + " --by ".join(by)).ljust(34)
        print(f"  {label}: {best:5.2f} s, {1_000_000 / best:>9,.0f} records/s, {best / min(maps):4.2f}x map, "
              f"peak memory {max(peak for _, peak in runs) / 1024:6.1f} MiB")


def free_base():
    """A base port B with B..B+6 and B+10000..B+10006 free (SeaweedFS's ports and their gRPC twins)."""
    import random, socket
    for _ in range(100):
        base = random.randint(20000, 29000)
        ok = True
        for port in [base + i for i in range(7)] + [base + 10000 + i for i in range(7)]:
            with socket.socket() as probe:
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError:
                    ok = False
                    break
        if ok:
            return base
    sys.exit("bench: no free ports for SeaweedFS")


def report_storage(binary, objects=8, size=128 << 20):
    """Uploads of a feed's sealed objects (1 GiB of incompressible bytes in `objects` files)
    against `curl -T` of the same files to the same SeaweedFS store, and the feed's peak memory."""
    import hashlib, json, shutil, urllib.request
    weed = os.path.join(ROOT, ".venv", "bin", "weed")
    if not os.path.exists(weed):
        print("object storage: skipped (no SeaweedFS in the venv: run 'make deps')")
        return
    key_id, secret = "BENCHKEYID", "bench-secret-not-a-real-one"
    with tempfile.TemporaryDirectory() as work:
        base = free_base()
        names = ["-master.port", "-volume.port", "-filer.port", "-s3.port", "-admin.port", "-s3.port.iceberg", "-s3.port.lance"]
        store = subprocess.Popen([weed, "mini", f"-dir={work}/store", "-ip=127.0.0.1", "-ip.bind=127.0.0.1", "-bucket=lake", "-admin.ui=false",
                                  "-webdav=false"] + [f"{name}={base + index}" for index, name in enumerate(names)],
                                 env=dict(os.environ, AWS_ACCESS_KEY_ID=key_id, AWS_SECRET_ACCESS_KEY=secret),
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        endpoint = f"http://127.0.0.1:{base + 3}"
        try:
            deadline = time.time() + 30
            curl = ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--aws-sigv4", "aws:amz:us-east-1:s3", "--user", f"{key_id}:{secret}",
                    "-H", "x-amz-content-sha256: UNSIGNED-PAYLOAD"]
            while subprocess.run(curl + [f"{endpoint}/lake?list-type=2"], capture_output=True, text=True).stdout != "200":
                if time.time() > deadline:
                    sys.exit("bench: SeaweedFS did not start")
                time.sleep(0.2)
            with sandbox_home(binary, 0, setup=f"storage add lake --endpoint {endpoint} --access-key-id {key_id} --from-file -\n{secret}\n"
                              "feed create prod --account " + ACCOUNT + " --token demo --base-url {base} --output s3://lake/bench/ --storage lake --no-check\n") \
                    as (_, prefix, environment, _):
                home = environment["CFACCESS_HOME"]
                spool = os.path.join(home, "spool", "prod")
                os.makedirs(spool, mode=0o700, exist_ok=True)
                os.chmod(os.path.join(home, "spool"), 0o700)
                pending = []
                for index in range(objects):
                    path = os.path.join(spool, f"prod.{index}.ndjson.gz")
                    with open(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600), "wb") as out:
                        out.write(os.urandom(size))
                    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
                    pending.append({"kind": "events", "key": f"bench/prod/dt=2025-07-01/prod.{index}.ndjson.gz", "file": path, "sha256": digest,
                                    "size": size, "records": 0, "first": "2025-07-01T00:00:00.000Z", "last": "2025-07-01T00:00:00.000Z"})
                os.makedirs(os.path.join(home, "state"), mode=0o700, exist_ok=True)
                state = os.path.join(home, "state", "prod.json")
                with open(os.open(state, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as out:
                    json.dump({"delivered": {}, "output": {"offset": 0}, "rejects": {"offset": 0}, "totalDelivered": 0, "totalRejected": 0,
                               "failures": 0, "cursor": "2099-01-01T00:00:00.000Z", "pendingObjects": pending}, out)
                copies = [os.path.join(work, f"copy.{index}") for index in range(objects)]
                for entry, copy in zip(pending, copies):
                    shutil.copyfile(entry["file"], copy)
                with tempfile.TemporaryFile() as errors:
                    seconds, status, usage, sampled = run_sampled(prefix + ["feed", "run", "prod"], environment, errors, settle=1)
                    if status != 0:
                        errors.seek(0)
                        sys.exit(f"bench: feed run exited {status}: {errors.read().decode()[-500:]}")
                start = time.perf_counter()
                for index, copy in enumerate(copies):
                    subprocess.run(curl + ["-T", copy, f"{endpoint}/lake/bench/curl/{index}"], check=True, capture_output=True)
                curl_seconds = time.perf_counter() - start
        finally:
            store.terminate()
            try:
                store.wait(timeout=10)
            except subprocess.TimeoutExpired:
                store.kill()
    total = objects * size
    print(f"object storage: {objects} sealed objects of {size >> 20} MiB ({total >> 30} GiB) to SeaweedFS on loopback")
    print(f"  feed run uploading them: {seconds:5.2f} s, {total / seconds / 1e6:6.0f} MB/s, RSS while uploading {sampled / 1024:5.1f} MiB "
          f"(budget 64 MiB), process peak {usage.ru_maxrss / 1024:5.1f} MiB (Argon2id's unlock included)")
    print(f"  curl -T of the same files: {curl_seconds:5.2f} s, {total / curl_seconds / 1e6:6.0f} MB/s; cfaccess / curl throughput "
          f"{curl_seconds / seconds:4.2f} (target at least 0.9)")


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, ".build", "release", "cfaccess")
    if len(sys.argv) > 2 and sys.argv[2] == "service":
        report_service(binary)
        return
    if len(sys.argv) > 2 and sys.argv[2] == "bounded-inputs":
        bounded_inputs()
        return
    if len(sys.argv) > 2 and sys.argv[2] == "bounded":
        report_bounded(binary)
        return
    big = corpus(1_000_000)
    small = corpus(100_000)
    if len(sys.argv) > 2 and sys.argv[2] == "summary":
        report_summary(binary, big)
        return
    if len(sys.argv) > 2 and sys.argv[2] == "storage":
        report_storage(binary)
        return
    report_map(binary, big, small)
    if len(sys.argv) > 2 and sys.argv[2] == "map":
        return
    report_summary(binary, big)
    report_bounded(binary)
    version, prompt = startup(binary)
    print("start-up")
    print(f"  cfaccess version: median {statistics.median(version):5.1f} ms, worst {max(version):5.1f} ms (budget 30 ms)")
    print(f"  interactive prompt ready: median {statistics.median(prompt):5.1f} ms, worst {max(prompt):5.1f} ms (budget 150 ms)")
    print("logs fetch from the sandbox, OCSF to /dev/null (the sandbox serves on the other core)")
    for records in (100_000, 1_000_000):
        seconds, summary, sampled, peak = fetch(binary, records)
        print(f"  {records:>9,} records: {seconds:5.1f} s, {records / seconds:>8,.0f} records/s, "
              f"RSS while fetching {sampled / 1024:5.1f} MiB, process peak {peak / 1024:5.1f} MiB; {summary.split(': ', 2)[-1]}")
    # A hostile server: every other page is a 1 GiB envelope padded with whitespace.
    seconds, summary, sampled, peak = fetch(binary, 20_000, ["--oversize-every", "2"])
    print(f"  20,000 records, every other answer a 1 GiB padded 200: {seconds:5.1f} s, RSS while fetching "
          f"{sampled / 1024:5.1f} MiB, process peak {peak / 1024:5.1f} MiB (budget 256 MiB, Argon2id included); "
          f"{summary.split(': ', 2)[-1]}")
    report_service(binary)
    report_storage(binary)
    times = unlock(binary)
    print("vault")
    print(f"  unlock at the default cost (Argon2id moderate): median {statistics.median(times):.2f} s, "
          f"worst {max(times):.2f} s (budget 0.6 s)")


if __name__ == "__main__":
    main()
