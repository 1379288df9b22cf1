"""`letterctl write --guided` as a person goes through it, at a real pseudo-terminal: the four
steps, an idea asked for with ?, Ctrl-C in the middle of a line and of an answer (nothing typed
is lost; the draft is offered back and finished), letterd being away when the letter is done,
and the greeting from the config.
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import varlink

from conftest import INTERFACE
from terminal_session import drive, flat


def draft_path(daemon) -> Path:
    return daemon.home / ".local/state/letterd/guided-letter.json"


def letterctl(daemon, letterd_binary, *arguments: str, socket: str | None = None) -> list[str]:
    return [str(letterd_binary.parent / "letterctl"), "write", "--guided", *arguments,
            "--socket", socket or daemon.socket_path]


def terminal_env(daemon) -> dict[str, str]:
    return dict(daemon.env, TERM="dumb", COLUMNS="100")


FIRST_STEPS = [
    ("judging yourself for?", "missing the deadline\r"),
    ("what do you feel?", "ashamed, tired\r"),
    ("(Enter for 1): ", "2\r"),
    ("when you are ready. ", "\r"),
]


def test_a_guided_letter_from_start_to_finish(daemon, letterd_binary):
    status, shown = drive(
        letterctl(daemon, letterd_binary, "--tag", "work"), terminal_env(daemon),
        FIRST_STEPS + [
            ("> ", "It makes sense that you feel this way.\r"),
            ("> ", "?\r"),
            ("> ", "??\r"),
            ("> ", "?6\r"),
            ("> ", "\r"),
            # An arrow key pressed by mistake leaves no escape sequence in the letter.
            ("> ", "You kept going\x1b[D all week.\r"),
            ("> ", ".\r"),
            ("Enter to skip: ", "eleven\r"),
            ("Enter to skip: ", "7\r"),
        ])
    assert status == 0, shown
    # Each step, in order, and the feeling named back in the opener.
    steps = [shown.index(f"Step {n} of 4") for n in (1, 2, 3, 4)]
    assert steps == sorted(steps), shown
    assert "It makes sense that you feel ashamed, tired, because" in shown
    assert "bring your compassionate self (the caring person you would like to be) to mind" in flat(shown)
    # Ideas come one at a time, on asking, and the list by name.
    assert "Idea 1 of 13: Standing back." in shown
    assert "Idea 2 of 13" not in shown
    assert "?13  Warmth" in shown
    assert "Idea 6 of 13: The critic and what sets it off." in shown
    assert "A whole number from 0 to 10, please" in shown
    assert "Saved as letter #1." in shown and "to read it slowly" in shown
    # Nothing of the reflections at writing time.
    assert "should" not in shown.lower().replace("\u201cshoulds\u201d", "")
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.GetLetter(id=1)["letter"]
    assert letter["text"] == "It makes sense that you feel this way.\n\nYou kept going all week."
    assert letter["about"] == "missing the deadline"
    assert letter["feeling"] == "ashamed, tired"
    assert letter["perspective"] == "my compassionate self"
    assert letter["warmth"] == 7
    assert letter["tags"] == ["work"]
    assert not draft_path(daemon).exists()


def test_ctrl_c_in_the_middle_of_a_line_keeps_it_and_the_draft_is_offered_back(daemon, letterd_binary):
    status, shown = drive(
        letterctl(daemon, letterd_binary), terminal_env(daemon),
        FIRST_STEPS[:2] + [("(Enter for 1): ", "\r"), ("when you are ready. ", "\r"),
                           ("> ", "First line.\r"), ("> ", "and half a sec\x03")])
    assert status == 130, shown
    assert "Everything you wrote is kept" in shown
    draft = json.loads(draft_path(daemon).read_text())
    assert draft["lines"] == ["First line.", "and half a sec"]
    assert draft["step"] == "letter"
    assert oct(draft_path(daemon).stat().st_mode & 0o777) == "0o600"

    assert draft["lastLineCutOff"] is True

    # The cut-off line comes back as the prompt, and what is typed carries it on.
    status, shown = drive(
        letterctl(daemon, letterd_binary), terminal_env(daemon),
        [("Go on with it? [Y/n] ", "\r"), ("> and half a sec", "ond, then more.\r"), ("> ", "Last line.\r"),
         ("> ", ".\r"), ("Enter to skip: ", "\r")])
    assert status == 0, shown
    assert "about \u201cmissing the deadline\u201d (2 lines so far)" in flat(shown)
    assert "> First line.\r\n" in shown  # the letter so far, shown again
    assert "Your last line stopped partway." in shown
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.GetLetter(id=1)["letter"]
    assert letter["text"] == "First line.\nand half a second, then more.\nLast line."
    assert letter["perspective"] == "a wise, kind friend"
    assert "warmth" not in letter or letter["warmth"] is None
    assert not draft_path(daemon).exists()


def test_ctrl_c_in_an_answer_offers_the_half_answer_back(daemon, letterd_binary):
    status, shown = drive(
        letterctl(daemon, letterd_binary), terminal_env(daemon), [("judging yourself for?", "the exam I\x03")])
    assert status == 130, shown
    status, shown = drive(
        letterctl(daemon, letterd_binary), terminal_env(daemon),
        [("Go on with it? [Y/n] ", "y\r"), ("Enter keeps it", "\r"), ("what do you feel?", "\r"),
         ("(Enter for 1): ", "5\r"), ("A number from 1 to 4", "3\r"), ("A few words are enough.", "an old oak tree\r"),
         ("when you are ready. ", "\r"), ("> ", ".\r"), ("nothing in the letter yet", "Dear me, go gently.\r"),
         ("> ", ".\r"), ("Enter to skip: ", "\r")])
    assert status == 0, shown
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.GetLetter(id=1)["letter"]
    assert letter["about"] == "the exam I"
    assert letter.get("feeling") is None
    assert letter["perspective"] == "a compassionate image: an old oak tree"
    assert letter["text"] == "Dear me, go gently."


def test_ctrl_c_the_moment_a_question_appears_is_never_missed(daemon, letterd_binary):
    """Ctrl-C typed as soon as the question shows, a hundred times. Before letterctl waited
    with pselect, a Ctrl-C landing between its last look at the stop flag and the start of
    its read left the read blocked for good: seen once in CI, and not in 125 rounds of this
    test on a quiet machine, so this gives the race chances rather than making it happen."""
    for round in range(100):
        draft_path(daemon).unlink(missing_ok=True)
        status, shown = drive(
            letterctl(daemon, letterd_binary), terminal_env(daemon), [("judging yourself for?", f"round {round}\x03")],
            timeout=10)
        assert status == 130, f"round {round}: {shown}"
        saved = json.loads(draft_path(daemon).read_text())
        assert f"round {round}" in json.dumps(saved), f"round {round}: the half answer was not kept: {saved}"


def test_ctrl_c_again_while_carrying_on_a_line_keeps_both_parts(daemon, letterd_binary):
    status, first = drive(
        letterctl(daemon, letterd_binary, "--about", "the exam", "--feeling", "scared", "--perspective", "Gran"),
        terminal_env(daemon), [("when you are ready. ", "\r"), ("> ", "You wor\x03")])
    assert status == 130
    # The command line's answers skip their questions, and the settling step names the voice given.
    assert "judging yourself for?" not in first and "(Enter for 1)" not in first
    assert "bring the one you are writing as (Gran) to mind" in flat(first)
    status, shown = drive(letterctl(daemon, letterd_binary), terminal_env(daemon),
                          [("Go on with it? [Y/n] ", "\r"), ("> You wor", "ked so\x03")])
    assert status == 130, shown
    draft = json.loads(draft_path(daemon).read_text())
    assert (draft["lines"], draft["lastLineCutOff"]) == (["You worked so"], True)
    status, shown = drive(letterctl(daemon, letterd_binary), terminal_env(daemon),
                          [("Go on with it? [Y/n] ", "\r"), ("> You worked so", " hard.\r"), ("> ", ".\r"),
                           ("Enter to skip: ", "\r")])
    assert status == 0, shown
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.GetLetter(id=1)["letter"]
    assert (letter["text"], letter["about"], letter["feeling"], letter["perspective"]) == (
        "You worked so hard.", "the exam", "scared", "Gran")


def test_a_draft_is_kept_unless_deleting_it_is_confirmed(daemon, letterd_binary):
    status, _ = drive(letterctl(daemon, letterd_binary), terminal_env(daemon),
                      FIRST_STEPS[:1] + [("what do you feel?", "\x03")])
    assert status == 130
    kept = draft_path(daemon).read_text()
    status, shown = drive(letterctl(daemon, letterd_binary), terminal_env(daemon),
                          [("Go on with it? [Y/n] ", "n\r"), ("[y/N] ", "\r")])
    assert status == 0 and "It is kept" in shown
    assert draft_path(daemon).read_text() == kept
    status, shown = drive(letterctl(daemon, letterd_binary), terminal_env(daemon),
                          [("Go on with it? [Y/n] ", "n\r"), ("[y/N] ", "y\r"), ("judging yourself for?", "\x03")])
    assert status == 130
    assert "Step 1 of 4" in shown
    # Stopped at the first question of the new letter, nothing given: no empty draft is left.
    assert "no draft to keep" in flat(shown) and not draft_path(daemon).exists()
    status, shown = drive(letterctl(daemon, letterd_binary), terminal_env(daemon), [("judging yourself for?", "\x03")])
    assert status == 130 and "Go on with it?" not in shown and not draft_path(daemon).exists()


def test_letterd_away_at_the_end_keeps_the_letter_until_it_is_back(daemon, letterd_binary):
    away = str(daemon.tmp / "nobody-here.sock")
    status, shown = drive(
        letterctl(daemon, letterd_binary, socket=away), terminal_env(daemon),
        FIRST_STEPS + [("> ", "You did what you could.\r"), ("> ", ".\r"), ("Enter to skip: ", "4\r")])
    assert status == 69, shown
    assert "Your letter is kept in" in shown and "letterd is not answering" in shown
    assert json.loads(draft_path(daemon).read_text())["step"] == "ready"
    status, shown = drive(letterctl(daemon, letterd_binary), terminal_env(daemon), [("Go on with it? [Y/n] ", "\r")])
    assert status == 0, shown
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        letter = letters.GetLetter(id=1)["letter"]
    assert (letter["text"], letter["warmth"]) == ("You did what you could.", 4)


def test_the_greeting_from_the_config_starts_the_letter(daemon, letterd_binary):
    config = daemon.home / ".config/letterd/letterd.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[letter]\nname = "Sam"\nsalutation = "Hi"\n')
    daemon.stop()
    daemon.start()
    status, shown = drive(
        letterctl(daemon, letterd_binary), terminal_env(daemon),
        FIRST_STEPS + [("> Hi Sam,", "\r"), ("> ", ".\r"), ("nothing in the letter yet", "I'm here.\r"),
                       ("> ", ".\r"), ("Enter to skip: ", "\r")])
    assert status == 0, shown
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        assert letters.GetLetter(id=1)["letter"]["text"] == "Hi Sam,\n\nI'm here."
        assert letters.GetConfig()["greeting"] == "Hi Sam,"


def test_guided_needs_a_terminal_and_no_from(daemon, letterd_binary):
    command = [str(letterd_binary.parent / "letterctl"), "write", "--guided", "--socket", daemon.socket_path]
    piped = subprocess.run(command, env=daemon.env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=20)
    assert piped.returncode == 64
    assert "asks its questions in a terminal" in piped.stderr
    both = subprocess.run(command + ["--from", "-"], env=daemon.env, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=20)
    assert both.returncode == 64 and "leave out --from" in both.stderr
