"""The schedule's methods, driven by the `varlink` client from PyPI: what is due, rereads,
skip, snooze, pause and resume, and the errors each gives for input it cannot use.

The daemon here runs with the default schedule (a first reread 3 h after writing, a rework
invitation the next day) and without a session bus, so no notification is ever shown; the
prompts are read back through the protocol.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
import varlink

from conftest import INTERFACE
from test_varlink_client import parse_time, raises_varlink, send_unchecked

LETTER = "Dear you, it makes sense that this stung. You cared about doing it well."


@pytest.fixture
def letters(daemon):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as connection:
        yield connection


def write(letters, about="the missed deadline"):
    return letters.WriteLetter(text=LETTER, about=about)["letter"]


def test_a_new_letter_rests_first_and_is_invited_back(letters):
    letter = write(letters)
    written = parse_time(letter["createdAt"])
    assert letters.ListDue()["prompts"] == [], "nothing is due right after writing"
    prompts = letters.ListDue(all=True)["prompts"]
    assert [(p["kind"], p["reason"]) for p in prompts] == [("reread", "firstReread"), ("rework", "nextDayRework")]
    assert parse_time(prompts[0]["dueAt"]) - written == timedelta(hours=3)
    assert parse_time(prompts[1]["dueAt"]) - written > timedelta(hours=3)
    assert all(p["letterId"] == letter["id"] and p["about"] == "the missed deadline" for p in prompts)
    assert prompts[0]["excerpt"].startswith("Dear you, it makes sense")


def test_a_reread_moves_the_next_one_out_and_is_kept(letters):
    letter = write(letters)
    reply = letters.RecordReread(id=letter["id"], rating="helpedALot", noticed="my shoulders dropped")
    reread, following = reply["reread"], reply["next"]
    assert reread["rating"] == "helpedALot"
    assert reread["noticed"] == "my shoulders dropped"
    assert reread["version"] == 1
    assert following["kind"] == "reread" and following["reason"] == "spacedReread"
    assert parse_time(following["dueAt"]) - parse_time(reread["at"]) == timedelta(days=2)

    schedule = letters.GetSchedule(id=letter["id"])
    assert [r["id"] for r in schedule["rereads"]] == [reread["id"]]
    assert schedule["spacing"]["intervalSeconds"] == 2 * 86400
    assert schedule["spacing"]["ease"] == pytest.approx(2.6)
    assert [p["kind"] for p in schedule["prompts"]] == ["rework", "reread"]


def test_skip_and_snooze(letters):
    letter = write(letters)
    skipped = letters.SkipPrompt(id=letter["id"])
    assert skipped["skipped"]["reason"] == "firstReread"
    assert skipped["next"]["kind"] == "reread"
    snoozed = letters.Snooze(id=letter["id"], seconds=7200)["prompts"]
    assert snoozed, "the letter still has its prompts"


def test_pause_and_resume(letters):
    paused = parse_time(letters.Pause(seconds=3 * 86400)["pausedUntil"])
    assert parse_time(letters.ListDue()["pausedUntil"]) == paused
    letters.Resume()
    assert letters.ListDue().get("pausedUntil") is None


def test_schedule_errors_are_named(letters):
    error = raises_varlink(letters.RecordReread, id=999, rating="helped")
    assert error.error() == "io.letterd.Letters.LetterNotFound"
    assert error.parameters()["id"] == 999
    letter = write(letters)
    letters.SkipPrompt(id=letter["id"])  # first reread → a spaced reread replaces it
    letters.SkipPrompt(id=letter["id"])  # the rework invitation → nothing new (a reread waits)
    assert [p["kind"] for p in letters.GetSchedule(id=letter["id"])["prompts"]] == ["reread"]


@pytest.mark.parametrize("seconds", [0, -5, 10**12])
def test_snooze_and_pause_refuse_lengths_out_of_range(letters, seconds):
    letter = write(letters)
    for method, parameters in (("Snooze", {"id": letter["id"], "seconds": seconds}), ("Pause", {"seconds": seconds})):
        error = raises_varlink(send_unchecked, letters, f"{INTERFACE}.{method}", parameters)
        assert error.error() == "org.varlink.service.InvalidParameter"
        assert error.parameters()["parameter"] == "seconds"
    assert letters.ListDue().get("pausedUntil") is None, "no pause was set"


def test_a_rating_that_is_not_on_the_scale_is_refused(letters):
    letter = write(letters)
    for field, value in (("rating", "amazing"), ("noticed", "a\u001b[2Jb")):
        error = raises_varlink(send_unchecked, letters, f"{INTERFACE}.RecordReread", {"id": letter["id"], field: value})
        assert error.error() == "org.varlink.service.InvalidParameter"
        assert error.parameters()["parameter"] == field
    assert letters.GetSchedule(id=letter["id"])["rereads"] == [], "nothing was recorded"


def test_nothing_to_skip_is_its_own_error(letters, daemon):
    letter = write(letters)
    letters.DeleteLetter(id=letter["id"])
    error = raises_varlink(letters.SkipPrompt, id=letter["id"])
    assert error.error() == "io.letterd.Letters.LetterNotFound"
    # The daemon is unharmed by all of the above.
    daemon.assert_healthy()
