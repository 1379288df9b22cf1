"""`letterctl reread` as a person uses it: in a terminal (a real pseudo-terminal here), how loud
the critic is is asked before the letter is shown; after it, how it landed, how loud the critic
is now and how believable the letter feels (one key each, Enter skips), then what they notice
(a line). The reread is recorded with those answers; each question can be skipped on its own.
"""

from __future__ import annotations

import pytest
import varlink

from conftest import INTERFACE
from terminal_session import drive, flat


def run_in_terminal(argv: list[str], env: dict[str, str], answers: list[tuple[str, str]], timeout: float = 20) -> str:
    """Runs argv on a pty, answering each prompt in turn; it must exit 0. Returns all output."""
    status, shown = drive(argv, env, answers, timeout)
    assert status == 0, shown
    return shown


SKIPS = "(Enter skips): "


def test_reread_asks_gently_and_records_the_answers(daemon, letterd_binary):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.WriteLetter(text="Dear you,\nit was a hard week, and you kept going.", about="the week")["letter"]
        letterctl = str(letterd_binary.parent / "letterctl")
        env = dict(daemon.env, PAGER="cat", TERM="dumb")
        socket = daemon.socket_path
        # One key each: the critic before (7), how it landed (4), the critic after (3), how
        # believable (6); then what they notice, in words. A habitual Enter typed after a key
        # is dropped, not taken as the next question's answer.
        shown = run_in_terminal(
            [letterctl, "reread", str(letter["id"]), "--socket", socket], env,
            [(SKIPS, "7"), (SKIPS, "4\r"), (SKIPS, "3"), (SKIPS, "6"), ("> ", "a warmth in my chest\r")])
        assert shown.index("how loud is your critic right now") < shown.index("it was a hard week, and you kept going."), \
            "the critic before is asked before the letter is shown"
        assert "How did it land this time?" in shown
        assert "Thank you for coming back to it." in shown
        assert "The critic went from 7 to 3." in flat(shown)
        skipped = run_in_terminal(
            [letterctl, "reread", str(letter["id"]), "--socket", socket], env,
            [(SKIPS, "\r"), (SKIPS, "\r"), (SKIPS, "\r"), (SKIPS, "\r"), ("> ", "\r")])
        assert "Noted." in skipped
        assert "The critic went" not in skipped
        rereads = letters.GetSchedule(id=letter["id"])["rereads"]
        measured = [(r.get("rating"), r.get("criticBefore"), r.get("criticAfter"), r.get("believable"), r.get("noticed"))
                    for r in rereads]
        assert measured == [("helpedALot", 7, 3, 6, "a warmth in my chest"), (None, None, None, None, None)]


@pytest.mark.parametrize("skipped", ["criticBefore", "rating", "criticAfter", "believable"])
def test_each_reread_question_can_be_skipped_alone(daemon, letterd_binary, skipped):
    """Enter on one question leaves only that one unanswered; the others keep their keys."""
    order = ["criticBefore", "rating", "criticAfter", "believable"]
    keys = {"criticBefore": "8", "rating": "3", "criticAfter": "5", "believable": "2"}
    expected = {"criticBefore": 8, "rating": "helped", "criticAfter": 5, "believable": 2}
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.WriteLetter(text="Dear you,\nthe garden is not a test.", about="the garden")["letter"]
        letterctl = str(letterd_binary.parent / "letterctl")
        env = dict(daemon.env, PAGER="cat", TERM="dumb")
        typed = [(SKIPS, "\r" if name == skipped else keys[name]) for name in order] + [("> ", "\r")]
        run_in_terminal([letterctl, "reread", str(letter["id"]), "--socket", daemon.socket_path], env, typed)
        reread = letters.GetSchedule(id=letter["id"])["rereads"][-1]
        for name in order:
            assert reread.get(name) == (None if name == skipped else expected[name]), (name, reread)


def test_ctrl_c_at_a_reread_question_records_nothing(daemon, letterd_binary):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.WriteLetter(text="Dear you,\nrest now.")["letter"]
        letterctl = str(letterd_binary.parent / "letterctl")
        env = dict(daemon.env, PAGER="cat", TERM="dumb")
        status, shown = drive(
            [letterctl, "reread", str(letter["id"]), "--socket", daemon.socket_path], env, [(SKIPS, "5"), (SKIPS, "\x03")])
        assert status == 130, shown
        assert "this reread was not recorded" in flat(shown)
        assert letters.GetSchedule(id=letter["id"])["rereads"] == []


def test_log_critic_reread_shows_the_chosen_letter_at_once(daemon, letterd_binary):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letters.WriteLetter(text="Dear you,\nthe garden is not a test you failed.", about="the garden", tags=["garden"])
        chosen = letters.WriteLetter(text="Dear you,\nthe exam was one day, not your worth.", about="the exam")["letter"]
        letterctl = str(letterd_binary.parent / "letterctl")
        env = dict(daemon.env, PAGER="cat", TERM="dumb")
        shown = run_in_terminal(
            [letterctl, "log-critic", "7", "you will fail the exam again", "--reread", "--socket", daemon.socket_path], env,
            [(SKIPS, "3"), (SKIPS, "4"), (SKIPS, "5"), ("> ", "\r")])
        assert "how loud is your critic right now" not in shown, "the check-in already said how loud it was"
        assert "Letter #%d, “the exam”:" % chosen["id"] in shown
        assert "You wrote it about “the exam”" in shown
        assert "the exam was one day, not your worth." in shown
        assert "Thank you for coming back to it." in shown
        rereads = letters.GetSchedule(id=chosen["id"])["rereads"]
        assert [(r.get("rating"), r.get("criticBefore"), r.get("criticAfter"), r.get("believable")) for r in rereads] \
            == [("helped", 7, 4, 5)]
        assert letters.ListDue()["prompts"] == [], "reading at once leaves no prompt behind"
