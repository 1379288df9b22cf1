"""`letterctl reread` as a person uses it: in a terminal (a real pseudo-terminal here), the
letter is shown, then two gentle questions are asked and answered at the prompt, and the
reread is recorded with those answers. Skipping both with Enter records a reread without them.
"""

from __future__ import annotations

import os
import pty
import select
import time

import varlink

from conftest import INTERFACE


def run_in_terminal(argv: list[str], env: dict[str, str], answers: list[tuple[str, str]], timeout: float = 20) -> str:
    """Runs argv on a pty; each time `prompt` appears in its output, types `reply`. Returns all output."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if pending and pending[0][0].encode() in output.split(b"\x00")[-1]:
                prompt, reply = pending.pop(0)
                os.write(fd, reply.encode())
                output += b"\x00"  # marks what has been answered
        else:
            raise AssertionError(f"letterctl did not finish in {timeout}s:\n{output.decode(errors='replace')}")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    assert os.waitstatus_to_exitcode(status) == 0, output.decode(errors="replace")
    return output.replace(b"\x00", b"").decode(errors="replace")


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
