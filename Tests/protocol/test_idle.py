"""An idle letterd does not wake up, whatever it did before it went idle.

The first job handed to libdispatch's worker pool starts the pool's monitor, a 1-second timer
that runs for as long as the process lives (swift-corelibs-libdispatch, event/workqueue.c).
letterd keeps its work off that pool; these tests do each kind of work that once reached it and
then count the daemon's context switches while nothing happens. Closing any GRDB
`DatabaseQueue` reached it (the queue's clean-up goes to the pool): GRDB's FTS5 patterns made a
throwaway one for every check-in and search, and backups, the checks of a file offered for
restore and the check of the store at every start each closed one. A 1 Hz monitor shows as
about one switch per second; letterd at rest shows none.

Counting context switches is not a timing measurement: a sleeping thread has none, however
slow or busy the machine. The tolerance covers a stray switch, not a timer.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from conftest import result

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "scripts"))
from bench_daemon import context_switches  # noqa: E402  (the bench's reader of /proc)

QUIET_SECONDS = 6
TOLERANCE = 1


def switches(pid: int) -> dict[str, int]:
    """Context switches per thread ("TID name"), as `make bench` counts them."""
    return {f"{tid} {name}": count for tid, (name, count) in context_switches(pid).items()}


def wakeups_at_rest(daemon) -> dict[str, int]:
    # Let the calls' work end first: libdispatch's idle workers exit 5 s after their last job.
    time.sleep(6)
    before = switches(daemon.proc.pid)
    time.sleep(QUIET_SECONDS)
    after = switches(daemon.proc.pid)
    return {thread: count - before.get(thread, 0) for thread, count in after.items() if count - before.get(thread, 0)}


def test_after_letters_check_ins_searches_and_backups_letterd_sleeps(daemon):
    result(daemon.call("WriteLetter", {"text": "Dear me, the exam went badly and you are still kind.",
                                       "about": "the exam", "warmth": 5}))
    result(daemon.call("LogCheckIn", {"intensity": 6, "said": "you failed the exam again"}))
    assert result(daemon.call("Search", {"query": "exam kind"}))["hits"]
    backup = result(daemon.call("MakeBackup"))["backup"]
    assert [b["path"] for b in result(daemon.call("ListBackups"))["backups"]] == [backup["path"]]
    woke = wakeups_at_rest(daemon)
    assert sum(woke.values()) <= TOLERANCE, f"letterd woke while idle, by thread: {woke}"


def test_after_a_restart_on_an_existing_store_letterd_sleeps(daemon):
    result(daemon.call("WriteLetter", {"text": "Dear me, you can rest now.", "warmth": 4}))
    assert daemon.stop() == 0
    # The start checks the existing file and makes the day's backup.
    daemon.start()
    assert daemon.status()["letters"] == 1
    woke = wakeups_at_rest(daemon)
    assert sum(woke.values()) <= TOLERANCE, f"letterd woke while idle, by thread: {woke}"


def test_after_a_restore_letterd_sleeps(daemon):
    result(daemon.call("WriteLetter", {"text": "Dear me, this one is worth keeping.", "warmth": 4}))
    backup = result(daemon.call("MakeBackup"))["backup"]
    result(daemon.call("WriteLetter", {"text": "Dear me, a second letter, after the backup.", "warmth": 3}))
    # A restore opens the offered file, brings a working copy up to this letterd's schema and
    # writes it over the store: each of those connections is one that closes.
    restored = result(daemon.call("RestoreBackup", {"path": backup["path"]}))
    assert restored["savedFirst"]["letters"] == 2
    assert daemon.status()["letters"] == 1
    woke = wakeups_at_rest(daemon)
    assert sum(woke.values()) <= TOLERANCE, f"letterd woke while idle, by thread: {woke}"
