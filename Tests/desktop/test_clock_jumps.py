"""The wall clock set forwards and back under a running letterd, while prompts are scheduled.

The machine's clock is not touched: letterd runs with the `clock-offset-file` test hook, so its
clock is the system's plus an offset the test writes to a file, and SIGUSR1 makes letterd take
the new offset as it would take a real change of the clock (every timer wakes and decides
again; see Sources/LetterDaemon/Services/ShiftedWallClock.swift). Everything else is real:
letterd on its socket, a session bus, dunst showing what letterd sends.

What must hold whichever way the clock goes:
- a prompt whose time has come is shown at once, and only once;
- a prompt already shown is not shown again when the clock goes back and comes forward again;
- after a jump back, a prompt is waited for again and shown when its time comes, not before;
- the daily backup is made for the new day when the clock crosses midnight.
"""

from __future__ import annotations

import time
from datetime import timedelta

from conftest import now, parse_time, wait_until

DAY = 86_400.0
HOUR = 3_600.0
TEXT = ("Dear me,\n\nthe meeting went badly and you have been replaying it all evening. Anyone would feel "
        "raw after that. You prepared well, and one hard hour does not undo that.")


def start(desktop, first_reread_after: str):
    desktop.bus.start()
    desktop.dunst.start()
    return desktop.start_letterd(first_reread_after=first_reread_after, movable_clock=True)


def notified_count(letterd) -> int:
    """How many notifications letterd says it has sent (its log's "notified N prompt(s)" lines)."""
    return letterd.log().count("notified ")


def test_a_clock_set_forwards_past_a_prompt_shows_it_at_once_and_a_clock_set_back_never_shows_it_again(desktop):
    letterd = start(desktop, first_reread_after="1d")
    letter_id = letterd.write(TEXT, about="the meeting")
    [reread] = [p for p in letterd.schedule(letter_id) if p["kind"] == "reread"]
    assert parse_time(reread["dueAt"]) > now() + timedelta(hours=23), reread
    time.sleep(1)
    assert desktop.dunst.count() == 0 and not letterd.is_due(), "a prompt came before its day's rest"

    # Two days later: the reread (and the next-day rework invitation) are due. letterd's timer
    # was armed a day away; only the clock change can wake it now.
    letterd.set_clock(2 * DAY)
    desktop.dunst.wait_displayed(1, timeout=10)
    due = letterd.due()
    assert any(p["kind"] == "reread" and p["letterId"] == letter_id for p in due), due
    wait_until(lambda: all(p.get("notifiedAt") for p in letterd.due()), 5, what="every due prompt marked notified")
    assert len(desktop.dunst.shown()) == 1, f"more than one notification: {desktop.dunst.shown()}"
    assert notified_count(letterd) == 1, letterd.log()

    # Back to the present: nothing is due any more, and nothing is shown.
    letterd.set_clock(0)
    assert not letterd.is_due(), f"due after the clock went back two days: {letterd.due()}"
    # Forwards again past the same time: the prompts were shown already and stay shown.
    letterd.set_clock(2 * DAY + 60)
    time.sleep(2)
    assert all(p.get("notifiedAt") for p in letterd.due()), letterd.due()
    assert len(desktop.dunst.shown()) == 1, f"a prompt was shown twice: {desktop.dunst.shown()}"
    assert notified_count(letterd) == 1, letterd.log()
    assert letterd.alive()


def test_after_a_jump_back_letterd_waits_for_a_prompt_again_and_shows_it_when_its_time_comes(desktop):
    letterd = start(desktop, first_reread_after="1h")
    letter_id = letterd.write(TEXT, about="the meeting")
    [reread] = [p for p in letterd.schedule(letter_id) if p["kind"] == "reread"]
    due_at = parse_time(reread["dueAt"])

    # A day back: the prompt is a day and an hour away.
    letterd.set_clock(-DAY)
    time.sleep(1)
    assert desktop.dunst.count() == 0, "a prompt was shown after the clock went back"

    # Forwards to 6 s before the prompt's time on letterd's clock. It must be waited for (the
    # timer armed for the shifted time), then shown.
    lead = 6.0
    offset = (due_at - now()).total_seconds() - lead
    letterd.set_clock(offset)
    shifted_at = time.monotonic()
    assert desktop.dunst.count() == 0, "the prompt was shown before its time"
    desktop.dunst.wait_displayed(1, timeout=lead + 20)
    waited = time.monotonic() - shifted_at
    # A lower bound only (shown early would be the bug); how late is the machine's business.
    assert waited >= lead - 1.5, f"shown {waited:.1f} s after the jump, {lead} s before its time"
    wait_until(lambda: [p for p in letterd.due() if p["letterId"] == letter_id and p.get("notifiedAt")], 5,
               what="the reread marked notified")
    assert len(desktop.dunst.shown()) == 1 and notified_count(letterd) == 1


def test_a_clock_set_forwards_across_midnight_makes_the_new_days_backup(desktop):
    letterd = start(desktop, first_reread_after="1d")
    letterd.write(TEXT, about="the meeting")
    backups = letterd.data / "letterd" / "backups"

    def daily() -> set[str]:
        return {p.name for p in backups.glob("letterd-daily-*.sqlite3")} if backups.exists() else set()
    before = daily()
    letterd.set_clock(DAY)
    tomorrow = (now() + timedelta(days=1)).strftime("%Y-%m-%d")  # the tests run letterd with TZ=UTC
    wait_until(lambda: f"letterd-daily-{tomorrow}.sqlite3" in daily(), 10, what=f"the daily backup of {tomorrow}")
    assert before < daily(), (before, daily())
    assert letterd.alive()
