"""The disk and the database file going wrong under letterd: a full disk, a read-only
filesystem, the database file deleted or damaged. In every case the client gets a clear error,
letterd stays up (or refuses to start, saying why), the database is never overwritten or left
damaged by letterd, and what was acknowledged is kept.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import integrity, protocol, start_expecting_exit

FULL = protocol.error_name("StorageFull")
FAILED = protocol.error_name("StorageFailed")


def database(daemon) -> Path:
    return daemon.data / "letterd" / "letterd.sqlite3"



def write_letter(daemon, text: str) -> dict:
    return daemon.call("WriteLetter", {"text": text, "about": text[:40]})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fill(directory: Path) -> Path:
    """A file that takes every free byte of the filesystem holding `directory`."""
    filler = directory / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        for size in (65536, 4096, 512, 1):  # big blocks, then whatever is left
            try:
                while True:
                    os.write(fd, b"\0" * size)
            except OSError:
                pass
    finally:
        os.close(fd)
    return filler


def test_a_full_disk_refuses_writes_clearly_keeps_everything_and_recovers(small_disk):
    daemon = small_disk
    daemon.start()
    kept = []
    for number in range(3):
        letter = protocol.result(write_letter(daemon, f"Letter {number} before the disk fills."))["letter"]
        kept.append(letter["id"])
    filler = fill(daemon.data)
    errors = []
    for number in range(40):  # free pages inside the file may take a few writes first
        reply = write_letter(daemon, f"Letter {number} on a full disk. " + "warm words " * 4000)
        if "error" in reply:
            errors.append(reply)
            break
        kept.append(reply["parameters"]["letter"]["id"])
    assert errors, "the disk never filled up; the test proved nothing"
    protocol.assert_error(errors[0], FULL)
    status = daemon.assert_healthy()
    assert "disk is full" in (status.get("problem") or ""), status
    assert integrity(database(daemon)) == ["ok"]

    filler.unlink()
    after = protocol.result(write_letter(daemon, "Written once there was room again."))["letter"]
    kept.append(after["id"])
    assert daemon.status().get("problem") is None
    assert daemon.stop() == 0
    daemon.start()
    for letter_id in kept:
        protocol.result(daemon.call("GetLetter", {"id": letter_id}))
    assert daemon.status()["letters"] == len(kept)


def test_a_read_only_filesystem_is_explained_and_the_file_left_as_it_was(small_disk):
    daemon = small_disk
    daemon.start()
    protocol.result(write_letter(daemon, "Written before the disk went read-only."))
    assert daemon.stop() == 0
    before = digest(database(daemon))
    daemon.mounts[0].remount("ro")
    code = start_expecting_exit(daemon)
    print(f"\nread-only filesystem: letterd {'kept running' if code is None else f'exited {code}'}")
    if code is None:
        # letterd came up reading: a write must get a clear error, and the file stays as it was.
        reply = write_letter(daemon, "Written on a read-only disk.")
        protocol.assert_error(reply, FAILED)
        assert "cannot be written" in reply["parameters"]["reason"]
        assert "cannot be written" in (daemon.status().get("problem") or "")
        assert daemon.stop() == 0
    else:
        assert code in (65, 73), daemon.log()
        assert "mounted read-only" in daemon.log() and "changed nothing" in daemon.log(), daemon.log()
    daemon.mounts[0].remount("rw")
    assert digest(database(daemon)) == before
    daemon.start()
    assert daemon.status()["letters"] == 1


def test_a_damaged_file_is_never_written_to_and_the_log_says_what_to_do(fresh_daemon):
    daemon = fresh_daemon
    daemon.start()
    for number in range(30):
        protocol.result(write_letter(daemon, f"Letter {number}. " + "kind words " * 300))
    assert daemon.stop() == 0
    path = database(daemon)
    with open(path, "r+b") as damaged:  # scribble over pages 3 to 6 (the header stays)
        damaged.seek(3 * 4096)
        damaged.write(os.urandom(4 * 4096))
    before = digest(path)
    assert start_expecting_exit(daemon) == 65, daemon.log()
    log = daemon.log()
    assert "consistency check" in log and str(path) in log and "restore a backup" in log, log
    assert digest(path) == before, "letterd changed a damaged file"


def test_a_file_that_is_not_a_database_is_refused_untouched(fresh_daemon):
    daemon = fresh_daemon
    path = database(daemon)
    path.parent.mkdir(mode=0o700)
    path.write_bytes(b"these are not the letters you are looking for\n" * 200)
    before = digest(path)
    assert start_expecting_exit(daemon) == 65, daemon.log()
    assert "is not a letterd database" in daemon.log()
    assert digest(path) == before


def test_the_file_deleted_under_letterd_writes_are_refused_and_what_it_held_is_rescued(fresh_daemon):
    daemon = fresh_daemon
    daemon.start()
    ids = [protocol.result(write_letter(daemon, f"Letter {n} before the file went."))["letter"]["id"] for n in range(5)]
    path = database(daemon)
    path.unlink()  # as a person cleaning up by hand might; -wal and -shm stay
    reply = write_letter(daemon, "Written after the file was deleted.")
    protocol.assert_error(reply, FAILED)
    reason = reply["parameters"]["reason"]
    assert "deleted or replaced" in reason and "saved in" in reason, reason
    rescued = Path(reason.split("saved in ")[1])
    assert rescued.exists() and integrity(rescued) == ["ok"]
    with sqlite3.connect(f"file:{rescued}?mode=ro", uri=True) as copy:
        assert sorted(row[0] for row in copy.execute("SELECT id FROM letter")) == ids
    # Refused again, not silently written to the vanished file; the status explains.
    protocol.assert_error(daemon.call("LogCheckIn", {"intensity": 3, "said": "still there?"}), FAILED)
    status = daemon.assert_healthy()
    assert "deleted or replaced" in status["problem"] and str(rescued) in status["problem"]
    letterctl = Path(os.environ["LETTERD_BIN_DIR"]) / "letterctl"
    shown = subprocess.run([str(letterctl), "status"], env=daemon.env, capture_output=True, text=True)
    assert "Restart letterd" in shown.stdout, shown
    # After a restart letterd starts a new store; the rescued copy brings the letters back.
    assert daemon.stop() == 0
    daemon.start()
    assert daemon.status()["letters"] == 0
    restored = subprocess.run([str(letterctl), "restore", str(rescued), "--yes"], env=daemon.env,
                              capture_output=True, text=True)
    assert restored.returncode == 0, restored
    assert daemon.status()["letters"] == 5
