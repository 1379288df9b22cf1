"""The measurements of `make bench` that need more than interleaved command timings:
sustained concurrent check-ins, cold starts through socket activation, and idle wake-ups.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field

from bench_daemon import Daemon, Sandbox, context_switches, cpu_ticks, timed


def store_counts(letterctl: str, env: dict[str, str]) -> dict:
    """What the store holds, as `letterctl status --json` reports it (letters, versions, checkIns)."""
    output = subprocess.run([letterctl, "status", "--json"], env=env, check=True, capture_output=True, text=True)
    return json.loads(output.stdout)["status"]


# --- Concurrent check-ins ---------------------------------------------------------------------

@dataclass
class Concurrency:
    clients: int
    seconds: float              # from the first start to the last client's exit
    acknowledged: int           # letterctl exited 0: letterd said the check-in is stored
    errors: list[str]           # the first few failures, as letterctl reported them
    error_count: int
    stored: int                 # check-ins the store gained meanwhile (letterctl status)
    latencies: list[float] = field(default_factory=list)

    @property
    def rate(self) -> float:
        return self.acknowledged / self.seconds


def concurrent_check_ins(letterctl: str, env: dict[str, str], clients: int, seconds: float) -> Concurrency:
    """`clients` real letterctl processes at once, each logging check-ins back to back.

    Each client is a thread that starts `letterctl log-critic` again as soon as the last one
    exits, until `seconds` have passed; so letterd always has up to `clients` connections and
    calls in flight. Afterwards the store must have gained exactly one check-in per
    acknowledgement: none lost, none doubled.
    """
    command = [letterctl, "log-critic", "5", "you should have answered sooner", "--trigger", "other",
               "--about", "the unanswered emails", "--tag", "work"]
    before = store_counts(letterctl, env)["checkIns"]
    lock = threading.Lock()
    acknowledged, errors, error_count, latencies = 0, [], 0, []
    began = time.perf_counter()
    deadline = began + seconds

    def client() -> None:
        nonlocal acknowledged, error_count
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            result = subprocess.run(command, env=env, capture_output=True, text=True)
            took = (time.perf_counter() - start) * 1000
            with lock:
                if result.returncode == 0:
                    acknowledged += 1
                    latencies.append(took)
                else:
                    error_count += 1
                    if len(errors) < 5:
                        errors.append(f"exit {result.returncode}: {result.stderr.strip()[:300]}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    stored = store_counts(letterctl, env)["checkIns"] - before
    return Concurrency(clients, elapsed, acknowledged, errors, error_count, stored, latencies)


# --- Cold start through socket activation -----------------------------------------------------

def socket_activated_starts(bin_dir: str, sandbox: Sandbox, rounds: int,
                            warmup: int = 1) -> tuple[list[float], list[float]]:
    """Cold and warm `letterctl status` against letterd started by socket activation.

    Each round is what systemd's letterd.socket does at the first call after letterd stopped:
    systemd-socket-activate binds and listens on the socket and waits; the first connection
    (letterctl's) makes it exec letterd with the listening socket as fd 3 (LISTEN_FDS=1,
    LISTEN_PID its own pid, which exec keeps). letterd opens the store, takes over the socket
    and answers the call waiting in its backlog. The cold time is letterctl's wall time from
    its start to its exit, all of that included. A warm `letterctl status` on the daemon now
    running follows at once (the reference, interleaved), then letterd gets SIGTERM and the
    round waits for it to exit, so the next round starts against a stopped daemon again.

    systemd-socket-activate passes on only a few variables (PATH, HOME, TERM, USER), so the
    sandbox's XDG directories are handed over with -E, as letterd.service's environment would be.
    Its default (non --accept) mode is the one letterd.socket uses: one listening socket for
    one long-lived service, not a process per connection.

    The first `warmup` rounds are not counted: on a new sandbox the first start creates the
    store, which a person's first-ever call does once, not every cold start.
    """
    activate = shutil.which("systemd-socket-activate")
    if activate is None:
        raise RuntimeError("systemd-socket-activate not found (package systemd)")
    letterd = os.path.join(bin_dir, "letterd")
    status = [os.path.join(bin_dir, "letterctl"), "status"]
    log_path = os.path.join(sandbox.root, "activate.log")
    os.makedirs(os.path.dirname(sandbox.socket_path), mode=0o700, exist_ok=True)
    cold, warm = [], []
    for round_number in range(warmup + rounds):
        if os.path.exists(sandbox.socket_path):
            os.remove(sandbox.socket_path)  # left by the last round; bind() would fail on it
        with open(log_path, "a") as log:
            offset = log.tell()
            process = subprocess.Popen(
                [activate, "-l", sandbox.socket_path, "-E", "XDG_DATA_HOME", "-E", "XDG_CONFIG_HOME",
                 "-E", "XDG_RUNTIME_DIR", letterd], env=sandbox.env, stdout=log, stderr=log)
        try:
            wait_for_line(log_path, offset, "Listening on", process)
            first, second = timed(status, sandbox.env), timed(status, sandbox.env)
            if round_number >= warmup:
                cold.append(first)
                warm.append(second)
        finally:
            process.send_signal(signal.SIGTERM)
            code = process.wait(timeout=60)
        if code != 0:
            raise RuntimeError(f"socket-activated letterd exited {code}; see {log_path}")
    return cold, warm


def wait_for_line(path: str, offset: int, text: str, process: subprocess.Popen, timeout: float = 10) -> None:
    """Waits until `text` appears in the log after `offset` (without connecting: that would activate)."""
    deadline = time.time() + timeout
    while True:
        with open(path) as log:
            log.seek(offset)
            if text in log.read():
                return
        if process.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"systemd-socket-activate did not start listening; see {path}")
        time.sleep(0.001)


# --- Idle wake-ups ----------------------------------------------------------------------------

@dataclass
class Idle:
    seconds: float
    wakeups: int
    by_thread: dict[str, int]   # thread name -> switches, for the threads that had any
    cpu_ms: float               # CPU time letterd used in the window


class IdleWindow:
    """Counts a daemon's context switches across a window in which no client talks to it.

    Opened with `begin`, closed with `end` (which sleeps until the window's full length has
    passed). Other work may run meanwhile as long as it does not touch this daemon: another
    process keeping the CPUs busy does not wake a sleeping letterd, while any timer or poll
    of its own does.
    """

    def __init__(self, daemon: Daemon, seconds: float):
        self.daemon = daemon
        self.seconds = seconds
        self.began = time.monotonic()
        self.before = context_switches(daemon.pid)
        self.ticks = cpu_ticks(daemon.pid)

    def end(self) -> Idle:
        remaining = self.began + self.seconds - time.monotonic()
        if remaining > 0:
            time.sleep(remaining)
        after = context_switches(self.daemon.pid)
        cpu_ms = (cpu_ticks(self.daemon.pid) - self.ticks) * 1000 / os.sysconf("SC_CLK_TCK")
        elapsed = time.monotonic() - self.began
        by_thread: dict[str, int] = {}
        for tid, (name, count) in after.items():
            delta = count - self.before.get(tid, (name, 0))[1]  # a thread new in the window counts whole
            if delta:
                by_thread[f"{name} ({tid})"] = delta
        return Idle(elapsed, sum(by_thread.values()), by_thread, cpu_ms)
