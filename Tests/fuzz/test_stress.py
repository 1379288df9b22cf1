"""letterd under combined abuse: a well-behaved client must be served promptly throughout.

At once: 200 idle connections held open (half of them served once, half never sending a byte),
several clients pipelining fuzzed messages (checked by the fuzzer's oracle), several writing
fuzzed messages a byte at a time, and one well-behaved client making ordinary calls. Every one of
its calls must succeed, with its data intact, each within LATENCY_BOUND; the daemon's RSS stays
under the fuzzer's bound; the idle connections are still open and served at the end.

test_wire.py checks each of these misbehaviours alone; here they overlap, which is what finds
starvation and leaks between connections. Half-closing clients are left to the fuzz run
(test_fuzz.py), whose subject they are.
"""

from __future__ import annotations

import json
import os
import random
import socket
import threading
import time

from fuzz_protocol import (
    LETTERS, REGRESSIONS, CaseRunner, Generator, Oracle, Stats, load_registry, make_case, rss_bound_kib,
    save_regression,
)

SEED = os.environ.get("FUZZ_SEED", "20261123")
IDLE_CONNECTIONS = 200
FUZZ_CLIENTS = 6
DRIP_CLIENTS = 3
MIN_MESSAGES = 4000  # malformed and odd messages across the fuzzing clients
MIN_SECONDS = 15.0  # under load at least this long, so the steady client sees it
TIME_LIMIT = 120.0
LATENCY_BOUND = 2.0  # generous: the machines running CI are noisy
DRIP_GAP = 0.003  # seconds between bytes: a 300-byte message takes about a second
# Room for the idle connections and the clients (the default cap is 128; beyond it letterd
# closes new connections at once, which is its defence, not the subject here).
CONFIG = "[server]\nmax-connections = 400\n"


class Load:
    """The misbehaving clients, run in threads until there were enough messages."""

    def __init__(self, daemon):
        self.daemon = daemon
        registry, _ = load_registry(daemon.socket_path)
        # The steady client checks that what it wrote is still there: the load may call every
        # method but those that remove or replace another client's data (a well-formed
        # DeleteLetter with a small id deleted the steady client's letter between its write and
        # its read). The bounded fuzz run (test_fuzz.py) calls them.
        self.generator = Generator(registry, skip_methods={"DeleteLetter", "RestoreBackup"})
        self.oracle = Oracle(registry)
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.stats: list[Stats] = []
        self.failures: list[str] = []
        self.threads = [threading.Thread(target=self.fuzz_client, args=(n, False)) for n in range(FUZZ_CLIENTS)]
        self.threads += [threading.Thread(target=self.fuzz_client, args=(n, True)) for n in range(DRIP_CLIENTS)]

    @property
    def messages(self) -> int:
        with self.lock:
            return sum(s.messages for s in self.stats)

    def fuzz_client(self, number: int, drip: bool) -> None:
        stats = Stats(seed=SEED)
        with self.lock:
            self.stats.append(stats)
        name = f"{'drip' if drip else 'fuzz'}{number}"
        rng = random.Random(f"{SEED}/stress/{name}")
        runner = CaseRunner(self.daemon.socket_path, self.oracle, stats, name=name)
        try:
            while not self.stop.is_set():
                case = make_case(self.generator, rng, allow={"oversize", "abort"})
                if drip:
                    if len(case.stream) > 400:
                        continue
                    case.writes = [case.stream[i:i + 1] for i in range(len(case.stream))]
                    case.gaps = [DRIP_GAP] * len(case.writes)
                problems, sent = runner.run(case)
                if problems:
                    path = save_regression(REGRESSIONS, sent, case.close, problems, {"stress": name})
                    self.fail(f"{name}: {problems[0]} (saved {path.name})")
        except Exception as error:  # reported by the test
            self.fail(f"{name}: {error!r}")
        finally:
            runner.close()

    def fail(self, message: str) -> None:
        with self.lock:
            self.failures.append(message)
        self.stop.set()

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


class SteadyClient:
    """Ordinary calls on one connection (and now and then a fresh one), each timed."""

    def __init__(self, socket_path: str):
        self.socket_path = socket_path
        self.latencies: list[float] = []
        self.said: list[str] = []
        self.sock = self.connect()
        self.buffer = b""

    def connect(self) -> socket.socket:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(10)
        sock.connect(self.socket_path)
        return sock

    def call(self, method: str, parameters: dict | None = None, fresh: bool = False) -> dict:
        """The reply's parameters; an error reply or no reply within 10 s fails the test."""
        started = time.monotonic()
        sock = self.connect() if fresh else self.sock
        buffer = b"" if fresh else self.buffer
        try:
            sock.sendall(json.dumps({"method": f"{LETTERS}.{method}", "parameters": parameters or {}}).encode() + b"\0")
            while b"\0" not in buffer:
                chunk = sock.recv(65536)
                assert chunk, f"letterd closed the steady client's connection during {method}"
                buffer += chunk
        finally:
            if fresh:
                sock.close()
        raw, _, rest = buffer.partition(b"\0")
        if not fresh:
            self.buffer = rest
        self.latencies.append(time.monotonic() - started)
        reply = json.loads(raw)
        assert "error" not in reply, f"{method} failed under load: {reply}"
        return reply["parameters"]

    def round(self, i: int) -> None:
        said = f"steady {i}"
        check_in = self.call("LogCheckIn", {"intensity": i % 11, "said": said, "tags": ["steady"],
                                            "rereadNow": True})["checkIn"]
        assert check_in["said"] == said and check_in["intensity"] == i % 11
        self.said.append(said)
        assert self.call("GetStatus", fresh=i % 5 == 0)["status"]["checkIns"] >= len(self.said)
        if i % 7 == 0:
            text = f"a steady letter {i}"
            letter_id = self.call("WriteLetter", {"text": text})["letter"]["id"]
            assert self.call("GetLetter", {"id": letter_id})["letter"]["text"] == text

    def stored_said(self) -> list[str]:
        """Every check-in tagged "steady", oldest first, paging through ListCheckIns."""
        said, before = [], None
        while True:
            page = self.call("ListCheckIns", {"tag": "steady", "limit": 1000, **({"before": before} if before else {})})
            if not page["checkIns"]:
                return list(reversed(said))
            said += [c["said"] for c in page["checkIns"]]
            before = page["checkIns"][-1]["id"]


def rss_kib(pid: int) -> int:
    with open(f"/proc/{pid}/status") as status:
        return next(int(line.split()[1]) for line in status if line.startswith("VmRSS:"))


def get_status(sock: socket.socket) -> dict:
    """GetStatus on an open connection; its reply's parameters."""
    sock.sendall(json.dumps({"method": f"{LETTERS}.GetStatus"}).encode() + b"\0")
    reply = b""
    while not reply.endswith(b"\0"):
        chunk = sock.recv(65536)
        assert chunk, "letterd closed an idle connection"
        reply += chunk
    return json.loads(reply[:-1])["parameters"]


def open_idle(socket_path: str) -> list[socket.socket]:
    """IDLE_CONNECTIONS connections; the first half served once, so surely accepted."""
    idle = []
    for n in range(IDLE_CONNECTIONS):
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(10)
        sock.connect(socket_path)
        idle.append(sock)
        if n < IDLE_CONNECTIONS // 2:
            get_status(sock)
    return idle


def still_open(sock: socket.socket) -> bool:
    """Nothing arrived and no EOF: the daemon neither wrote to nor closed an idle connection."""
    sock.setblocking(False)
    try:
        return sock.recv(1) != b""  # data on an idle connection is wrong too, but not a close
    except BlockingIOError:
        return True
    finally:
        sock.setblocking(True)


def test_steady_client_is_served_promptly_through_combined_abuse(daemon_with_config):
    daemon = daemon_with_config(CONFIG)
    rss_start = rss_kib(daemon.proc.pid)
    rss_samples = [rss_start]
    idle = open_idle(daemon.socket_path)
    steady = SteadyClient(daemon.socket_path)
    try:
        started = time.monotonic()
        with Load(daemon) as load:
            i = 0
            while not load.stop.is_set() and time.monotonic() - started < TIME_LIMIT and (
                    load.messages < MIN_MESSAGES or time.monotonic() - started < MIN_SECONDS):
                steady.round(i)
                rss_samples.append(rss_kib(daemon.proc.pid))
                i += 1
        elapsed = time.monotonic() - started
        assert not load.failures, load.failures
        messages = load.messages
        assert messages >= MIN_MESSAGES, f"only {messages} messages in {elapsed:.0f}s"

        latencies = sorted(steady.latencies)
        figures = (f"{len(latencies)} steady calls during {messages} fuzzed messages in {elapsed:.1f}s: "
                   f"median {latencies[len(latencies) // 2] * 1000:.0f} ms, "
                   f"p99 {latencies[int(len(latencies) * 0.99)] * 1000:.0f} ms, max {latencies[-1] * 1000:.0f} ms; "
                   f"RSS {rss_start} -> max {max(rss_samples)} KiB")
        print(figures)
        assert len(latencies) >= 50, figures
        assert latencies[-1] < LATENCY_BOUND, figures
        assert max(rss_samples) <= rss_bound_kib(rss_start), figures

        # Nothing the steady client wrote was lost or mixed up with the noise.
        assert steady.stored_said() == steady.said
        closed = [n for n, sock in enumerate(idle) if not still_open(sock)]
        assert not closed, f"letterd closed idle connections {closed[:10]}"
        for sock in idle[::10] + idle[-5:]:  # served-once and never-used ones alike
            assert get_status(sock)["status"]["checkIns"] >= len(steady.said)
        assert "refused a connection" not in daemon.log()
    finally:
        steady.sock.close()
        for sock in idle:
            sock.close()
