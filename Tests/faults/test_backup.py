"""Backups: `letterctl backup [PATH]` while letterd runs, the daily rotation, and
`letterctl restore PATH`, checked through the real client, daemon and SQLite files."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import integrity, protocol


def letterctl(daemon, *arguments: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    binary = Path(os.environ["LETTERD_BIN_DIR"]) / "letterctl"
    return subprocess.run([str(binary), *arguments], env=daemon.env, input=stdin, capture_output=True, text=True,
                          timeout=60)



def abouts(daemon) -> list[str]:
    letters = protocol.result(daemon.call("ListLetters", {"limit": 1000}))["letters"]
    return sorted(letter["about"] for letter in letters)


def write(daemon, about: str) -> None:
    protocol.result(daemon.call("WriteLetter", {"text": f"Dear you, about {about}.", "about": about}))


@pytest.fixture
def running(fresh_daemon):
    fresh_daemon.start()
    yield fresh_daemon
    assert fresh_daemon.stop() == 0


def test_backup_to_a_path_then_restore_round_trip_keeps_what_was_there_before(running, tmp_path):
    daemon = running
    for about in ("first", "second"):
        write(daemon, about)
    protocol.result(daemon.call("LogCheckIn", {"intensity": 6, "said": "you never finish anything"}))
    made = letterctl(daemon, "backup", str(tmp_path))
    assert made.returncode == 0, made
    copy = next(tmp_path.glob("letterd-*.sqlite3"))
    assert oct(copy.stat().st_mode & 0o777) == "0o600"
    assert integrity(copy) == ["ok"]
    assert not list(tmp_path.glob("*-wal")), "a backup is one self-contained file"
    assert "2 letters (2 versions), 1 check-in" in made.stdout

    write(daemon, "third, after the backup")
    refused = letterctl(daemon, "restore", str(copy))  # no terminal, no --yes
    assert refused.returncode == 64 and "--yes" in refused.stderr
    restored = letterctl(daemon, "restore", str(copy), "--yes")
    assert restored.returncode == 0, restored
    assert abouts(daemon) == ["first", "second"]
    saved = Path(restored.stdout.split("is kept in ")[1].strip().rstrip("."))
    with sqlite3.connect(f"file:{saved}?mode=ro", uri=True) as before:
        assert before.execute("SELECT count(*) FROM letter").fetchone()[0] == 3

    # The restored store is what letterd opens after a restart, and it takes new writes.
    assert daemon.stop() == 0
    daemon.start()
    assert abouts(daemon) == ["first", "second"]
    write(daemon, "fourth, after the restore")
    assert daemon.status()["letters"] == 3 and daemon.status()["checkIns"] == 1


def test_restore_refuses_a_damaged_or_foreign_file_and_changes_nothing(running, tmp_path):
    daemon = running
    write(daemon, "kept")
    foreign = tmp_path / "notes.sqlite3"
    foreign.write_bytes(b"not a database at all\n" * 100)
    refused = letterctl(daemon, "restore", str(foreign), "--yes")
    assert refused.returncode != 0 and "cannot be restored" in refused.stderr, refused
    assert "not a letterd database" in refused.stderr

    made = letterctl(daemon, "backup", str(tmp_path / "good.sqlite3"))
    assert made.returncode == 0, made
    newer = tmp_path / "newer.sqlite3"
    newer.write_bytes((tmp_path / "good.sqlite3").read_bytes())
    with sqlite3.connect(newer) as connection:
        connection.execute("INSERT INTO grdb_migrations VALUES ('v99-from-the-future')")
    refused = letterctl(daemon, "restore", str(newer), "--yes")
    assert refused.returncode != 0 and "newer letterd" in refused.stderr, refused
    assert abouts(daemon) == ["kept"]
    assert daemon.status().get("problem") is None
    listed = letterctl(daemon, "backup", "--list")
    assert ".incoming" not in listed.stdout, "the staged copy must not stay behind"


def test_a_backup_made_while_clients_write_is_consistent(running):
    daemon = running
    stop = threading.Event()

    def keep_writing(index: int) -> None:
        with daemon.connect() as wire:
            number = 0
            while not stop.is_set():
                protocol.result(wire.call("LogCheckIn", {"intensity": 4, "said": f"w{index}-{number}"}))
                number += 1

    writers = [threading.Thread(target=keep_writing, args=(index,)) for index in range(4)]
    for writer in writers:
        writer.start()
    try:
        deadline = time.monotonic() + 10
        while daemon.status()["checkIns"] == 0 and time.monotonic() < deadline:  # writing has begun
            time.sleep(0.01)
        backups = [protocol.result(daemon.call("MakeBackup"))["backup"] for _ in range(5)]
    finally:
        stop.set()
        for writer in writers:
            writer.join(timeout=30)
    for backup in backups:
        path = Path(backup["path"])
        assert integrity(path) == ["ok"]
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as copy:
            assert copy.execute("SELECT count(*) FROM criticCheckIn").fetchone()[0] == backup["checkIns"]
    assert backups[-1]["checkIns"] >= backups[0]["checkIns"] > 0


def test_backups_asked_for_at_once_are_each_whole_and_none_replaces_another(running):
    """Several backups in the same second: each gets a name of its own and is whole. Two of them
    used to pick the same free name and remove each other's half-written file (the fuzzer's
    stress test met "disk I/O error")."""
    daemon = running
    write(daemon, "the exam")
    results: list[dict] = []
    lock = threading.Lock()

    def back_up() -> None:
        reply = daemon.call("MakeBackup")
        with lock:
            results.append(reply)

    callers = [threading.Thread(target=back_up) for _ in range(6)]
    for caller in callers:
        caller.start()
    for caller in callers:
        caller.join(timeout=60)
    backups = [protocol.result(reply)["backup"] for reply in results]
    assert len(backups) == 6
    paths = {backup["path"] for backup in backups}
    assert len(paths) == 6, paths
    for path in paths:
        assert integrity(Path(path)) == ["ok"]
    assert not [name for name in os.listdir(Path(next(iter(paths))).parent) if name.endswith(".partial")]


def test_daily_backups_are_made_at_start_and_the_oldest_rotated_away(fresh_daemon):
    daemon = fresh_daemon
    config = daemon.home / ".config" / "letterd"
    config.mkdir(parents=True)
    (config / "letterd.toml").write_text("[backup]\nkeep-daily = 2\n")
    daemon.start()
    write(daemon, "something to keep")
    assert daemon.stop() == 0
    backups = daemon.data / "letterd" / "backups"
    assert not backups.exists() or not list(backups.glob("letterd-daily-*")), "an empty store needs no backup"
    backups.mkdir(exist_ok=True)
    for day in ("2020-01-01", "2020-01-02", "2020-01-03"):
        (backups / f"letterd-daily-{day}.sqlite3").write_bytes(b"")
    (backups / "letterd-2020-01-01-120000.sqlite3").write_bytes(b"")  # one the person made
    daemon.start()
    today = None
    for _ in range(100):
        daily = sorted(path.name for path in backups.glob("letterd-daily-*.sqlite3"))
        if len(daily) == 2 and not daily[-1].startswith("letterd-daily-2020"):
            today = backups / daily[-1]
            break
        time.sleep(0.05)
    assert today is not None, sorted(path.name for path in backups.iterdir())
    assert daily == ["letterd-daily-2020-01-03.sqlite3", today.name]
    assert (backups / "letterd-2020-01-01-120000.sqlite3").exists(), "a backup the person made is never rotated"
    assert integrity(today) == ["ok"]
    listed = protocol.result(daemon.call("ListBackups"))
    assert listed["keepDaily"] == 2
    assert any(entry["path"] == str(today) and entry["letters"] == 1 for entry in listed["backups"])
