"""Fixtures for the fault tests: a private letterd (the protocol tests' `Daemon`), and a small
filesystem of the test's own (tmpfs) for a full or read-only disk.

The daemon comes from $LETTERD_BIN_DIR, as in the protocol tests. Mounting needs root (and a
kernel that lets this container mount tmpfs); without it, the tests that need a filesystem of
their own are skipped with the reason.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

# The protocol tests' fixtures and helpers, loaded by path: both files are named conftest.py.
_spec = importlib.util.spec_from_file_location(
    "letterd_protocol_conftest", Path(__file__).resolve().parent.parent / "protocol" / "conftest.py")
protocol = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(protocol)
Daemon = protocol.Daemon
letterd_binary = protocol.letterd_binary


def integrity(path) -> list[str]:
    """SQLite's integrity_check on a database file, opened read-only (nothing is written)."""
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        return [row[0] for row in connection.execute("PRAGMA integrity_check")]


def start_expecting_exit(daemon, timeout: float = 10) -> int | None:
    """Starts letterd where it may refuse to start; its exit status, or None if it kept running."""
    with open(daemon.log_path, "ab") as log:
        daemon.proc = subprocess.Popen([str(daemon.binary)], env=daemon.env, cwd=daemon.tmp,
                                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log)
    try:
        return daemon.proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        return None


class Tmpfs:
    """A tmpfs of `size` mounted on `path`; unmounted (lazily, so a dead daemon's files never
    keep it) at the end."""

    def __init__(self, path: Path, size: str):
        self.path = path
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(path)],
                       check=True, capture_output=True)

    def remount(self, options: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{options}", str(self.path)], check=True, capture_output=True)

    def unmount(self) -> None:
        subprocess.run(["umount", "-l", str(self.path)], capture_output=True)


def can_mount() -> str | None:
    """None if this process can mount a tmpfs; otherwise why not."""
    if os.geteuid() != 0:
        return "mounting a small tmpfs needs root"
    probe = Path(os.environ.get("TMPDIR", "/tmp")) / f"letterd-mount-probe-{os.getpid()}"
    probe.mkdir(exist_ok=True)
    try:
        done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True)
        if done.returncode != 0:
            return f"this machine does not let the test mount a tmpfs: {done.stderr.decode().strip()}"
        subprocess.run(["umount", str(probe)], capture_output=True)
        return None
    finally:
        probe.rmdir()


@pytest.fixture
def fresh_daemon(letterd_binary):
    """A letterd not yet started (the test decides when), cleaned up at the end."""
    instance = Daemon(letterd_binary)
    mounts: list[Tmpfs] = []
    instance.mounts = mounts
    try:
        yield instance
    finally:
        instance.kill()
        for mount in mounts:
            mount.unmount()
        instance.cleanup()


@pytest.fixture
def small_disk(fresh_daemon):
    """fresh_daemon with its data directory on a 4 MiB tmpfs."""
    reason = can_mount()
    if reason:
        pytest.skip(reason)
    fresh_daemon.mounts.append(Tmpfs(fresh_daemon.data, "4m"))
    return fresh_daemon
