"""The calm after the help note, on a real desktop: letterd on a private session bus, dunst
showing what it sends (see conftest.py), letterctl run as a person runs it.

When a check-in got the help note (its words, or intensity 10), for the rest of that day
([safety] calm-after-note, "rest-of-day" until schedule.day-starts-at, 04:00) letterd does not
nudge: loud check-ins make no "The critic has been loud lately" invitation, an invitation to
rework waits, and a reread notification that goes out ends with the help lines ("If today feels
like too much, you don't have to carry it alone:" and the [safety] resources).

Each check is made against a control without the crisis, on the same desktop set-up, which must
show what the calm holds back, so that a test cannot pass because nothing was shown at all.
"""

from __future__ import annotations

import time

import pytest

from conftest import Letterd, now, parse_time, wait_until

HELP_LEAD = "If today feels like too much, you don't have to carry it alone:"
DEFAULT_RESOURCES = [
    "If you might be in danger right now, call your local emergency number.",
    "To talk to someone today, find a crisis line in your country at https://findahelpline.com.",
]
LOUD_SUMMARY = "The critic has been loud lately"
REREAD_SUMMARY = "A letter to come back to"
THEME = "the dinner party"
ABOUT = "snapping at my sister"
TEXT = ("Dear me,\n\nyou were tired and worried, and it came out sharp. That happens to people who care. "
        "You can say sorry tomorrow; tonight, rest.")
QUIET_WAIT = 4.0  # longer than retry-after (2 s) and the first reread's rest (2 s)
HOUR = 3_600.0
CRISIS = [False, True]
CRISIS_IDS = ["without-crisis", "after-a-crisis"]


def start(desktop, extra_config: str = "", first_reread_after: str = "2s", movable_clock: bool = False) -> Letterd:
    """The bus, dunst, and letterd on the harness's config with `extra_config` added."""
    desktop.bus.start()
    desktop.dunst.start()
    letterd = Letterd(desktop.bin_dir, desktop.directory, desktop.bus.address, first_reread_after, movable_clock)
    letterd.config.write_text(letterd.config.read_text() + extra_config)
    desktop.letterd = letterd
    return letterd.start()


def crisis_check_in(letterd, said: str = "i cant go on") -> dict:
    reply = letterd.ctl_json("log-critic", "3", said, "--about", THEME)
    assert "help" in reply, f"no help note for {said!r}: {reply}"
    assert "invitation" not in reply and "offeredPromptId" not in reply, reply
    return reply


def loud_check_ins(letterd) -> list[dict]:
    """Three check-ins on one theme within a day: a loud stretch, by the default [critic] rules."""
    replies = [letterd.ctl_json("log-critic", "5", "you ruined the dinner party", "--about", THEME) for _ in range(3)]
    for reply in replies:
        assert "help" not in reply, reply
    return replies


def write_prompts(letterd) -> list[dict]:
    return [p for p in letterd.schedule() if p["kind"] == "write"]


def help_lines(body: str) -> list[str] | None:
    """The lines after the help lead at the foot of a notification's body, or None."""
    head, lead, foot = body.rpartition("\n\n" + HELP_LEAD + "\n")
    return foot.split("\n") if lead else None


@pytest.mark.parametrize("crisis", CRISIS, ids=CRISIS_IDS)
def test_loud_check_ins_after_a_crisis_raise_no_write_notification_that_day(desktop, crisis):
    letterd = start(desktop)
    if crisis:
        crisis_check_in(letterd)
    replies = loud_check_ins(letterd)

    if not crisis:
        assert "invitation" in replies[-1], replies
        shown = desktop.dunst.wait_shown(1, timeout=10)
        assert [s["summary"] for s in shown] == [LOUD_SUMMARY], shown
        assert THEME in shown[0]["body"] and help_lines(shown[0]["body"]) is None, shown
        return

    assert all("invitation" not in reply for reply in replies), replies
    time.sleep(QUIET_WAIT)
    assert desktop.dunst.shown() == [], f"a notification in the calm: {desktop.dunst.shown()}"
    assert write_prompts(letterd) == [], letterd.schedule()
    plain = letterd.ctl("log-critic", "9", "you ruin every dinner", "--about", THEME).stdout
    assert LOUD_SUMMARY not in plain and "letterctl skip new" not in plain, plain
    # Notifications still go out (so the silence above is the calm's): a letter's first reread
    # comes, the only notification, and it carries the help lines.
    letterd.write(TEXT, about=ABOUT)
    shown = desktop.dunst.wait_shown(1, timeout=15)
    time.sleep(QUIET_WAIT)
    shown = desktop.dunst.shown()
    assert [s["summary"] for s in shown] == [REREAD_SUMMARY], shown
    assert help_lines(shown[0]["body"]) == DEFAULT_RESOURCES, shown[0]["body"]
    assert write_prompts(letterd) == [], letterd.schedule()


@pytest.mark.parametrize("crisis", CRISIS, ids=CRISIS_IDS)
def test_a_reread_notification_in_the_calm_ends_with_the_help_lines(desktop, crisis):
    letterd = start(desktop)
    if crisis:
        crisis_check_in(letterd, "I can't do this anymore")
    letterd.write(TEXT, about=ABOUT)
    desktop.dunst.wait_displayed(1, timeout=15)
    [shown] = desktop.dunst.wait_shown(1)
    assert shown["summary"] == REREAD_SUMMARY and ABOUT in shown["body"], shown
    body = shown["body"]
    if crisis:
        assert help_lines(body) == DEFAULT_RESOURCES, f"the help lines are not at the foot of the body:\n{body}"
        assert body.index("you were tired") < body.index(HELP_LEAD), body
    else:
        assert HELP_LEAD not in body and "findahelpline" not in body, body


def test_the_help_lines_in_a_notification_are_the_configured_resources(desktop):
    resources = ["Samaritans (UK & Ireland): 116 123", "Sam, my sister: 07700 900123"]
    config = "\n[safety]\nresources = [" + ", ".join(f'"{r}"' for r in resources) + "]\n"
    letterd = start(desktop, config)
    assert "help" in letterd.ctl_json("log-critic", "10", "a quiet evening")  # 10: the note, whatever the words
    letterd.write(TEXT, about=ABOUT)
    [shown] = desktop.dunst.wait_shown(1, timeout=15)
    assert shown["summary"] == REREAD_SUMMARY, shown
    assert help_lines(shown["body"]) == resources, shown["body"]
    assert "findahelpline" not in shown["body"], shown["body"]


@pytest.mark.parametrize("crisis", CRISIS, ids=CRISIS_IDS)
def test_a_rework_invitation_due_in_the_calm_waits_until_the_next_day_starts(desktop, crisis):
    """letterd's clock is moved (its clock-offset-file test hook): the letter's rework invitation
    falls due at 10:00 the next day; a crisis at 09:00 that day holds it until 04:00 after."""
    letterd = start(desktop, first_reread_after="3d", movable_clock=True)
    letter_id = letterd.write(TEXT, about=ABOUT)
    [rework] = [p for p in letterd.schedule(letter_id) if p["kind"] == "rework"]
    rework_at = parse_time(rework["dueAt"])
    assert (rework_at.hour, rework_at.minute) == (10, 0), rework  # the harness's rework-at, TZ=UTC

    def set_clock_to(moment_after_rework: float):
        letterd.set_clock((rework_at - now()).total_seconds() + moment_after_rework)

    set_clock_to(-HOUR)  # 09:00 on the rework's day
    time.sleep(1)
    assert desktop.dunst.shown() == [], "something was shown before the rework's time"
    if crisis:
        crisis_check_in(letterd)
    set_clock_to(HOUR / 2)  # 10:30: the invitation is due
    if not crisis:
        [shown] = desktop.dunst.wait_shown(1, timeout=10)
        assert shown["summary"] == "Yesterday's letter, if you'd like to revisit it" and ABOUT in shown["body"], shown
        return

    time.sleep(QUIET_WAIT)
    assert desktop.dunst.shown() == [], f"a rework invitation in the calm: {desktop.dunst.shown()}"
    assert any(p["kind"] == "rework" and p["letterId"] == letter_id for p in letterd.due()), \
        "the invitation is due (listed), only its notification waits"
    set_clock_to(17.5 * HOUR)  # 03:30 the day after: still the crisis's day
    time.sleep(QUIET_WAIT)
    assert desktop.dunst.shown() == [], f"a rework invitation before the day started: {desktop.dunst.shown()}"
    set_clock_to(18.5 * HOUR)  # 04:30: a new day, the calm is over
    [shown] = desktop.dunst.wait_shown(1, timeout=10)
    assert shown["summary"] == "A letter to look at again, if you'd like" and ABOUT in shown["body"], shown
    assert help_lines(shown["body"]) is None, shown["body"]
    wait_until(lambda: any(p.get("notifiedAt") for p in letterd.due() if p["kind"] == "rework"), 5,
               what="the rework invitation marked notified")
