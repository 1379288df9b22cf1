"""Fixtures for the Varlink protocol tests: a private letterd per test, and a raw wire client.

Every test gets its own daemon in its own temporary directory (HOME, XDG_DATA_HOME and
XDG_RUNTIME_DIR all point inside it), so nothing here ever reads or writes the real home
directory. The daemon binary comes from $LETTERD_BIN_DIR, which `make test-protocol` sets to
the Swift build's bin path.

At teardown the daemon is stopped with SIGTERM and must exit with status 0 within 10 seconds,
and its log (stderr, syslog-style "<N>" priorities) must hold no error or critical line; a
daemon that crashed, hung or hit an internal error during a test therefore fails that test
even if its assertions passed.

Helpers for the test modules: `Wire` (a raw NUL-framed connection), `encode_call`, `result`
and `assert_error` (reply checks), `letterctl` (the real client against a test's daemon), and
the `Daemon` class for tests that manage a daemon themselves (restarts, shutdown races).
"""

from __future__ import annotations

import contextlib

import json
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

INTERFACE = "io.letterd.Letters"
MAX_REQUEST_BYTES = 1024 * 1024
STARTUP_TIMEOUT = 10.0
SHUTDOWN_TIMEOUT = 10.0
REPLY_TIMEOUT = 10.0
SOCKET_IN_TMP = "run/letterd/letterd.sock"  # $XDG_RUNTIME_DIR/letterd/letterd.sock


def method(name: str) -> str:
    """The fully qualified name of an io.letterd.Letters method."""
    return f"{INTERFACE}.{name}"


def error_name(name: str) -> str:
    """The fully qualified name of an io.letterd.Letters error."""
    return f"{INTERFACE}.{name}"


def encode_call(name: str, parameters: dict | None = None, **fields) -> bytes:
    """A NUL-terminated call; `name` may be short ("GetStatus") or fully qualified."""
    message = {"method": name if "." in name else method(name), **fields}
    if parameters is not None:
        message["parameters"] = parameters
    return json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\0"


class Wire:
    """A raw Unix-socket connection to the daemon that speaks NUL-terminated messages."""

    def __init__(self, path: str, timeout: float = REPLY_TIMEOUT):
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(timeout)
        self.sock.connect(path)
        self.timeout = timeout
        self._buffer = b""

    def send(self, data: bytes) -> None:
        self.sock.sendall(data)

    def send_call(self, name: str, parameters: dict | None = None, **fields) -> None:
        self.send(encode_call(name, parameters, **fields))

    def recv_raw(self, timeout: float | None = None) -> bytes:
        """The next reply's bytes, without its NUL. Fails the test on timeout or EOF."""
        deadline = time.monotonic() + (self.timeout if timeout is None else timeout)
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                pytest.fail(f"no complete reply within the timeout; have {self._buffer[:200]!r}")
            self.sock.settimeout(remaining)
            try:
                chunk = self.sock.recv(65536)
            except socket.timeout:
                continue
            if not chunk:
                pytest.fail(f"the daemon closed the connection; partial reply {self._buffer[:200]!r}")
            self._buffer += chunk
        message, _, self._buffer = self._buffer.partition(b"\0")
        return message

    def recv(self, timeout: float | None = None) -> dict:
        """The next reply, parsed. A reply must be a JSON object in UTF-8."""
        raw = self.recv_raw(timeout)
        reply = json.loads(raw.decode("utf-8"))
        assert isinstance(reply, dict), raw
        return reply

    def call(self, name: str, parameters: dict | None = None, **fields) -> dict:
        self.send_call(name, parameters, **fields)
        return self.recv()

    def nothing_pending(self, wait: float) -> bool:
        """True if no byte arrives within `wait` seconds (and the peer did not close)."""
        if self._buffer:
            return False
        self.sock.settimeout(wait)
        try:
            chunk = self.sock.recv(65536)
        except socket.timeout:
            return True
        finally:
            self.sock.settimeout(self.timeout)
        self._buffer += chunk
        return False

    def closed_by_peer(self, timeout: float = 5.0) -> bool:
        """True if the daemon closes the connection (EOF) within `timeout`, with nothing more sent."""
        self.sock.settimeout(timeout)
        try:
            while True:
                chunk = self.sock.recv(65536)
                if not chunk:
                    return not self._buffer
                self._buffer += chunk
        except socket.timeout:
            return False
        except ConnectionResetError:
            return not self._buffer

    def close(self) -> None:
        self.sock.close()

    def __enter__(self) -> "Wire":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def result(reply: dict) -> dict:
    """The parameters of a successful reply; fails the test with the reply if it is an error."""
    assert "error" not in reply, f"unexpected error reply: {reply}"
    return reply["parameters"]


def assert_error(reply: dict, name: str, **parameters) -> dict:
    """Checks a reply is the named error and its parameters include the given ones."""
    assert reply.get("error") == name, f"expected {name}, got {reply}"
    got = reply.get("parameters") or {}
    for key, value in parameters.items():
        assert got.get(key) == value, f"expected {key}={value!r} in {reply}"
    return got


@pytest.fixture(scope="session")
def letterd_binary() -> Path:
    """$LETTERD_BIN_DIR/letterd; without it the whole run stops at once with a clear message."""
    bin_dir = os.environ.get("LETTERD_BIN_DIR")
    if not bin_dir:
        pytest.exit(
            "LETTERD_BIN_DIR is not set: point it at the directory holding the letterd binary, "
            "e.g. LETTERD_BIN_DIR=.build/debug, or run `make test-protocol`",
            returncode=4,
        )
    binary = Path(bin_dir).resolve() / "letterd"
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.exit(f"no executable letterd at {binary} (LETTERD_BIN_DIR={bin_dir})", returncode=4)
    return binary


class Daemon:
    """A letterd process in a private temporary directory."""

    def __init__(self, binary: Path):
        self.binary = binary
        self.tmp = Path(tempfile.mkdtemp(prefix="letterd-protocol-"))
        if len(str(self.tmp / SOCKET_IN_TMP).encode()) >= 108:  # sun_path's size on Linux
            shutil.rmtree(self.tmp)
            self.tmp = Path(tempfile.mkdtemp(prefix="letterd-protocol-", dir="/tmp"))
        self.home = self.tmp / "home"
        self.data = self.tmp / "data"
        self.runtime = self.tmp / "run"
        for directory in (self.home, self.data, self.runtime):
            directory.mkdir()
        self.runtime.chmod(0o700)
        self.socket_path = str(self.tmp / SOCKET_IN_TMP)
        self.address = "unix:" + self.socket_path
        self.log_path = self.tmp / "letterd.log"
        self.proc: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        return {
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.data),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        }

    def start(self) -> None:
        assert self.proc is None or self.proc.poll() is not None, "already running"
        with open(self.log_path, "ab") as log:
            self.proc = subprocess.Popen(
                [str(self.binary)], env=self.env, cwd=self.tmp,
                stdin=subprocess.DEVNULL, stdout=log, stderr=log,
            )
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"letterd exited with {self.proc.returncode} during startup:\n{self.log()}")
            try:
                # Ready means answering, not just accepting; a full round trip also leaves no
                # connection waiting to be accepted behind the test's back.
                with Wire(self.socket_path, timeout=STARTUP_TIMEOUT) as probe:
                    probe.send(encode_call("GetStatus"))
                    probe.recv()
                return
            except OSError:
                if time.monotonic() > deadline:
                    self.kill()
                    pytest.fail(f"letterd did not accept connections within {STARTUP_TIMEOUT}s:\n{self.log()}")
                time.sleep(0.02)

    def terminate(self, timeout: float = SHUTDOWN_TIMEOUT) -> int | None:
        """SIGTERM (once), then wait; the exit status, or None if still running after `timeout`."""
        assert self.proc is not None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                return None
        return self.proc.returncode

    def stop(self) -> int:
        """SIGTERM, then wait; returns the exit status. A hang is killed and fails the test."""
        code = self.terminate()
        if code is None:
            self.kill()
            pytest.fail(f"letterd did not exit within {SHUTDOWN_TIMEOUT}s of SIGTERM:\n{self.log()}")
        return code

    def kill(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def alive(self) -> bool:
        return self.proc is not None and self.proc.poll() is None

    def connect(self, timeout: float = REPLY_TIMEOUT) -> Wire:
        return Wire(self.socket_path, timeout)

    def call(self, name: str, parameters: dict | None = None, **fields) -> dict:
        """One call on a fresh connection."""
        with self.connect() as wire:
            return wire.call(name, parameters, **fields)

    def status(self) -> dict:
        return result(self.call("GetStatus"))["status"]

    def assert_healthy(self) -> dict:
        """The process is running and a fresh, well-behaved client gets a correct reply."""
        assert self.alive(), f"letterd exited with {self.proc.returncode}:\n{self.log()}"
        status = self.status()
        assert status["version"] and status["databasePath"].startswith(str(self.data)), status
        return status

    def cleanup(self) -> None:
        self.kill()
        shutil.rmtree(self.tmp, ignore_errors=True)


def letterctl(daemon: Daemon, *arguments: str, input: bytes | None = None, env: dict[str, str] | None = None,
              socket: str | None = None) -> subprocess.CompletedProcess:
    """The real letterctl against `daemon` (or `socket`), with the daemon's private HOME, run in
    its directory; `input` is its standard input, `env` adds to (or overrides) the daemon's
    environment. Output is kept as bytes."""
    command = [str(daemon.binary.parent / "letterctl"), *arguments, "--socket", socket or daemon.socket_path]
    return subprocess.run(command, capture_output=True, env={**daemon.env, **(env or {})}, cwd=daemon.tmp,
                          input=input, timeout=120)


@contextlib.contextmanager
def running(binary: Path, instance: Daemon | None = None):
    """A fresh letterd (`instance`, or a plain `Daemon` of `binary`) for the length of the
    block; stopped with SIGTERM at the end, it must exit 0 and have logged no error. Its
    directory is removed, pass or fail."""
    instance = instance or Daemon(binary)
    try:
        instance.start()
        yield instance
        code = instance.stop()
        assert code == 0, f"letterd exited with {code} after SIGTERM:\n{instance.log()}"
        serious = [line for line in instance.log().splitlines() if line[:3] in ("<0>", "<1>", "<2>", "<3>")]
        assert not serious, "letterd logged errors:\n" + "\n".join(serious)
    finally:
        instance.cleanup()


@pytest.fixture
def daemon(letterd_binary):
    """A fresh letterd, stopped with SIGTERM at the end; it must exit 0."""
    with running(letterd_binary) as instance:
        yield instance


@pytest.fixture
def wire(daemon):
    """A raw connection to the test's daemon."""
    with daemon.connect() as connection:
        yield connection
