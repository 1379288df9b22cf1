"""Private letterd instances for `make bench`, and the timing helpers every figure uses.

A Sandbox is a temporary directory standing in for a person's HOME: letterd and letterctl get
HOME and XDG_* pointing inside it and nothing else, so the bench never touches (or is slowed by)
the real store, settings or socket, and several daemons can run side by side.
"""

from __future__ import annotations

import math
import random
import os
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time


class Sandbox:
    """A private HOME, XDG data/config/runtime directories and the paths letterd uses in them."""

    def __init__(self, name: str):
        self.root = tempfile.mkdtemp(prefix=f"letterd-bench-{name}-")
        runtime = os.path.join(self.root, "run")
        os.makedirs(runtime, mode=0o700)
        self.env = {
            "HOME": os.path.join(self.root, "home"), "XDG_DATA_HOME": os.path.join(self.root, "data"),
            "XDG_RUNTIME_DIR": runtime, "XDG_CONFIG_HOME": os.path.join(self.root, "config"),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }
        # The daily backup (issue 7) is a once-a-day job, not part of any figure here; on the
        # large store it would copy and check 0.9 GB at the first start of each day.
        config_dir = os.path.join(self.env["XDG_CONFIG_HOME"], "letterd")
        os.makedirs(config_dir)
        with open(os.path.join(config_dir, "letterd.toml"), "w") as config:
            config.write("[backup]\nkeep-daily = 0\n")
        self.socket_path = os.path.join(runtime, "letterd", "letterd.sock")
        self.database_path = os.path.join(self.env["XDG_DATA_HOME"], "letterd", "letterd.sqlite3")

    def remove(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


class Daemon:
    """letterd run in the foreground in a sandbox, as `letterd` by hand (no systemd)."""

    def __init__(self, bin_dir: str, sandbox: Sandbox):
        self.letterd = os.path.join(bin_dir, "letterd")
        self.sandbox = sandbox
        self.process: subprocess.Popen | None = None
        self.log_path = os.path.join(sandbox.root, "letterd.log")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self, timeout: float = 120) -> float:
        """Starts letterd and waits until its socket accepts; returns the seconds that took.

        The timeout is generous: on the large store letterd first runs `PRAGMA quick_check`,
        which reads the whole file.
        """
        with open(self.log_path, "a") as log:
            began = time.perf_counter()
            self.process = subprocess.Popen([self.letterd], env=self.sandbox.env, stdout=log, stderr=log)
        deadline = time.time() + timeout
        while not can_connect(self.sandbox.socket_path):
            if self.process.poll() is not None:
                raise RuntimeError(f"letterd exited {self.process.returncode} at start; see {self.log_tail()}")
            if time.time() > deadline:
                raise RuntimeError(f"letterd did not start within {timeout} s; see {self.log_tail()}")
            time.sleep(0.005)
        return time.perf_counter() - began

    def stop(self) -> int:
        """SIGTERM, and the exit status once letterd has closed the store (0 when clean)."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else 0
        self.process.send_signal(signal.SIGTERM)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            return -9

    def log_tail(self) -> str:
        try:
            with open(self.log_path) as log:
                return log.read()[-2000:]
        except OSError:
            return "(no log)"

    def rss_kib(self) -> int:
        return rss_kib(self.pid)

    def context_switches(self) -> dict[int, tuple[str, int]]:
        return context_switches(self.pid)

    def cpu_ticks(self) -> int:
        return cpu_ticks(self.pid)

    def settle(self, quiet: float = 1.0, timeout: float = 180) -> float:
        """Waits until letterd has used no CPU for `quiet` seconds; returns how long that took.

        Start-up work that goes on after the socket is ready (the scheduler's first look at the
        store; a daily backup in letterd versions that make one at start) must be over before
        memory is read or an idle window opens.
        """
        began = time.monotonic()
        last, since = self.cpu_ticks(), time.monotonic()
        while time.monotonic() - since < quiet:
            if time.monotonic() - began > timeout:
                raise RuntimeError(f"letterd did not go quiet within {timeout} s")
            time.sleep(0.1)
            now = self.cpu_ticks()
            if now != last:
                last, since = now, time.monotonic()
        return since - began


def can_connect(path: str) -> bool:
    try:
        with socket.socket(socket.AF_UNIX) as probe:
            probe.connect(path)
        return True
    except OSError:
        return False


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def cpu_ticks(pid: int) -> int:
    """User + system CPU time the process has used, in clock ticks (/proc/PID/stat)."""
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15 of stat)


def context_switches(pid: int) -> dict[int, tuple[str, int]]:
    """Per thread: its name and how often it has been switched out (voluntary + not).

    A thread that sleeps until woken adds one voluntary switch per wake-up, so the sum over an
    idle window is the number of times letterd woke (or was preempted while awake).
    """
    switches = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm:
                name = comm.read().strip()
            total = 0
            with open(f"/proc/{pid}/task/{tid}/status") as status:
                for line in status:
                    if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")):
                        total += int(line.split()[1])
            switches[int(tid)] = (name, total)
        except OSError:
            continue  # the thread ended between listing and reading
    return switches


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall time of one command, process start to exit, in milliseconds; it must succeed."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def interleaved(commands: dict[str, tuple[list[str], dict[str, str]]], runs: int,
                warmup: int = 10) -> dict[str, list[float]]:
    """Runs each command once per round, for `runs` rounds (after `warmup` untimed), each round
    in an order of its own (shuffled, with a fixed seed so that a run can be repeated).

    Interleaving puts the machine's other load on every command alike, so ratios between them
    hold even when the absolute times drift. The order changes from round to round because
    a command is slower right after a heavy one: in a fixed order, log-critic always ran just
    after jrnl (a quarter of a second of Python, which leaves the CPU caches cold), and the
    sqlite3 reference always just after log-critic.
    """
    order = list(commands)
    shuffler = random.Random(len(order) * 1_000 + runs)
    for _ in range(warmup):
        for command, env in commands.values():
            timed(command, env)
    samples: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        shuffler.shuffle(order)
        for name in order:
            command, env = commands[name]
            samples[name].append(timed(command, env))
    return samples


def percentile(samples: list[float], q: float) -> float:
    """Nearest-rank percentile: the smallest sample with at least q% of samples at or below it."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(len(ordered) * q / 100) - 1)]


def median(samples: list[float]) -> float:
    return statistics.median(samples)
