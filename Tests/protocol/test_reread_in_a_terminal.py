"""`letterctl reread` as a person uses it: in a terminal (a real pseudo-terminal here), the
letter is shown, then two gentle questions are asked and answered at the prompt, and the
reread is recorded with those answers. Skipping both with Enter records a reread without them.
"""

from __future__ import annotations

import varlink

from conftest import INTERFACE
from terminal_session import drive


def run_in_terminal(argv: list[str], env: dict[str, str], answers: list[tuple[str, str]], timeout: float = 20) -> str:
    """Runs argv on a pty, answering each prompt in turn; it must exit 0. Returns all output."""
    status, shown = drive(argv, env, answers, timeout)
    assert status == 0, shown
    return shown


def test_reread_asks_gently_and_records_the_answers(daemon, letterd_binary):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.WriteLetter(text="Dear you,\nit was a hard week, and you kept going.", about="the week")["letter"]
        letterctl = str(letterd_binary.parent / "letterctl")
        env = dict(daemon.env, PAGER="cat", TERM="dumb")
        socket = daemon.socket_path
        shown = run_in_terminal(
            [letterctl, "reread", str(letter["id"]), "--socket", socket], env,
            [("Enter to skip: ", "4\r"), ("> ", "a warmth in my chest\r")])
        assert "it was a hard week, and you kept going." in shown
        assert "How did it land this time?" in shown
        assert "Thank you for coming back to it." in shown
        skipped = run_in_terminal(
            [letterctl, "reread", str(letter["id"]), "--socket", socket], env,
            [("Enter to skip: ", "\r"), ("> ", "\r")])
        assert "Noted." in skipped
        rereads = letters.GetSchedule(id=letter["id"])["rereads"]
        assert [(r.get("rating"), r.get("noticed")) for r in rereads] == [("helpedALot", "a warmth in my chest"), (None, None)]


def test_log_critic_reread_shows_the_chosen_letter_at_once(daemon, letterd_binary):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letters.WriteLetter(text="Dear you,\nthe garden is not a test you failed.", about="the garden", tags=["garden"])
        chosen = letters.WriteLetter(text="Dear you,\nthe exam was one day, not your worth.", about="the exam")["letter"]
        letterctl = str(letterd_binary.parent / "letterctl")
        env = dict(daemon.env, PAGER="cat", TERM="dumb")
        shown = run_in_terminal(
            [letterctl, "log-critic", "7", "you will fail the exam again", "--reread", "--socket", daemon.socket_path], env,
            [("Enter to skip: ", "3\r"), ("> ", "\r")])
        assert "Letter #%d, “the exam”:" % chosen["id"] in shown
        assert "You wrote it about “the exam”" in shown
        assert "the exam was one day, not your worth." in shown
        assert "Thank you for coming back to it." in shown
        rereads = letters.GetSchedule(id=chosen["id"])["rereads"]
        assert [r.get("rating") for r in rereads] == ["helped"]
        assert letters.ListDue()["prompts"] == [], "reading at once leaves no prompt behind"
