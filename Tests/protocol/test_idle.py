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

import os
import time

from conftest import result

QUIET_SECONDS = 6
TOLERANCE = 1


def switches(pid: int) -> dict[str, int]:
    counts = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/comm") as comm:
                name = comm.read().strip()
            with open(f"/proc/{pid}/task/{tid}/status") as status:
                total = sum(int(line.split()[1]) for line in status
                            if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")))
        except (FileNotFoundError, ProcessLookupError):
            continue
        counts[f"{tid} {name}"] = total
    return counts


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
