"""letterd's figures, measured side by side in one run (`make bench`).

Every figure is reported next to a reference measured in the same run, on the same disk, with the
runs interleaved (A, B, A, B, ...) so that whatever else the machine is doing falls on both alike.
Read the ratios, not the absolute milliseconds: these machines are shared and noisy.

  log-critic   `letterctl log-critic 6 "..."`, wall time from process start to exit: connect,
               one Varlink call, a durable (fsynced) SQLite commit in letterd, the reply.
  sqlite3      the `sqlite3` CLI inserting one row into a WAL database with synchronous=FULL:
               process start, open, durable commit, exit. The reference from the issue.
  --version    `letterctl --version`: the client's own start-up cost, with no I/O.
  jrnl         `jrnl 4.6` adding the same entry to a plain-text journal: what a person might
               use instead (installed from PyPI into .build/bench-venv by `make bench`; the
               row is left out, with a note, when $BENCH_JRNL is not set).
  RSS          letterd's resident memory (VmRSS), idle after start and idle after the runs.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

RUNS = int(os.environ.get("BENCH_RUNS", "200"))

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def jrnl_command(root: str, env: dict[str, str]) -> list[str] | None:
    """jrnl set up on a private journal in `root`, or None without $BENCH_JRNL."""
    jrnl = os.environ.get("BENCH_JRNL")
    if not jrnl:
        return None
    config_dir = os.path.join(env["XDG_CONFIG_HOME"], "jrnl")
    os.makedirs(config_dir)
    with open(os.path.join(config_dir, "jrnl.yaml"), "w") as config:
        config.write(JRNL_CONFIG.format(journal=os.path.join(root, "journal.txt")))
    return [jrnl, "you", "always", "mess", "this", "up"]


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def summary(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[int(len(ordered) * 0.9) - 1]


def main() -> int:
    bin_dir = sys.argv[1]
    sqlite3 = shutil.which("sqlite3")
    if sqlite3 is None:
        print("bench needs the sqlite3 CLI (apt-get install sqlite3)", file=sys.stderr)
        return 1
    root = tempfile.mkdtemp(prefix="letterd-bench-")
    runtime = os.path.join(root, "run")
    os.makedirs(runtime, mode=0o700)
    env = {
        "HOME": os.path.join(root, "home"), "XDG_DATA_HOME": os.path.join(root, "data"),
        "XDG_RUNTIME_DIR": runtime, "XDG_CONFIG_HOME": os.path.join(root, "config"),
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    }
    log = open(os.path.join(root, "letterd.log"), "w")
    daemon = subprocess.Popen([os.path.join(bin_dir, "letterd")], env=env, stderr=log, stdout=log)
    try:
        sock = os.path.join(runtime, "letterd", "letterd.sock")
        deadline = time.time() + 10
        while True:
            try:
                with socket.socket(socket.AF_UNIX) as probe:
                    probe.connect(sock)
                break
            except OSError:
                if time.time() > deadline:
                    raise RuntimeError("letterd did not start")
                time.sleep(0.01)
        time.sleep(0.5)
        rss_start = rss_kib(daemon.pid)

        reference_db = os.path.join(root, "reference.sqlite3")
        subprocess.run([sqlite3, reference_db, "PRAGMA journal_mode=WAL; CREATE TABLE t(at TEXT, said TEXT);"],
                       check=True, stdout=subprocess.DEVNULL)
        letterctl = os.path.join(bin_dir, "letterctl")
        log_critic = [letterctl, "log-critic", "6", "you always mess this up", "--trigger", "fear"]
        insert = [sqlite3, reference_db,
                  "PRAGMA synchronous=FULL; INSERT INTO t VALUES (datetime('now'), 'you always mess this up');"]
        version = [letterctl, "--version"]
        jrnl = jrnl_command(root, env)

        for _ in range(10):  # warm caches on every side
            timed(log_critic, env)
            timed(insert, env)
            if jrnl:
                timed(jrnl, env)
        samples: dict[str, list[float]] = {"log-critic": [], "sqlite3": [], "--version": [], "jrnl": []}
        for _ in range(RUNS):
            samples["log-critic"].append(timed(log_critic, env))
            samples["sqlite3"].append(timed(insert, env))
            samples["--version"].append(timed(version, env))
            if jrnl:
                samples["jrnl"].append(timed(jrnl, env))
        time.sleep(1.0)
        rss_after = rss_kib(daemon.pid)

        reference, _ = summary(samples["sqlite3"])
        print(f"letterd benchmarks: {RUNS} interleaved runs each, release build, {os.cpu_count()} CPUs\n")
        print("| figure | median ms | p90 ms | ratio to sqlite3 median |")
        print("|---|---:|---:|---:|")
        rows = [("log-critic", "`letterctl log-critic 6 \"...\"` (end to end, durable)"),
                ("sqlite3", "`sqlite3` CLI durable one-row insert, WAL (reference)"),
                ("--version", "`letterctl --version` (client start-up only)")]
        if jrnl:
            rows.append(("jrnl", "`jrnl 4.6` adding the same entry"))
        for name, label in rows:
            median, p90 = summary(samples[name])
            print(f"| {label} | {median:.2f} | {p90:.2f} | {median / reference:.2f}× |")
        print()
        if jrnl:
            faster = summary(samples["jrnl"])[0] / summary(samples["log-critic"])[0]
            print(f"letterctl log-critic is {faster:.1f}× faster than jrnl (medians, same run).\n")
        else:
            print("(jrnl left out: set BENCH_JRNL to a jrnl 4.6 binary; `make bench` does.)\n")
        print("| letterd memory | VmRSS |")
        print("|---|---:|")
        print(f"| idle after start | {rss_start / 1024:.1f} MiB |")
        print(f"| idle after {RUNS + 10} check-ins | {rss_after / 1024:.1f} MiB |")
        return 0
    finally:
        daemon.send_signal(signal.SIGTERM)
        code = daemon.wait(timeout=15)
        log.close()
        shutil.rmtree(root, ignore_errors=True)
        if code != 0:
            print(f"letterd exited {code} on SIGTERM", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
