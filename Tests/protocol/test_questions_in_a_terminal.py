"""The self-check and the critic's profile as a person answers them, at a real
pseudo-terminal: each statement or question is asked in turn and the answers land in the store.
"""

from __future__ import annotations

import varlink

from conftest import INTERFACE
from test_reread_in_a_terminal import run_in_terminal


def test_self_check_asks_each_statement(daemon, letterd_binary):
    letterctl = str(letterd_binary.parent / "letterctl")
    env = dict(daemon.env, TERM="dumb")
    # y to the first three, Enter (no) to the rest; one answer that is neither is asked again.
    answers = [("1/14", "y\r"), ("2/14", "yes\r"), ("3/14", "perhaps\r"), ("y or n, please", "y\r")]
    answers += [(f"{n}/14", "\r") for n in range(4, 15)]
    shown = run_in_terminal([letterctl, "self-check", "--socket", daemon.socket_path], env, answers)
    assert "Kindness towards myself is hard to find." in shown
    assert "3 of 14 statements rang true for you today." in shown
    assert "It seems to me that others cope, and I'm the one who keeps stumbling." in shown, "the fourteenth, new in version 2"
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        assert [s["score"] for s in letters.GetSelfCheck()["scores"]] == [3]


def test_critic_profile_asks_then_edit_keeps_clears_and_changes(daemon, letterd_binary):
    letterctl = str(letterd_binary.parent / "letterctl")
    env = dict(daemon.env, TERM="dumb")
    socket = daemon.socket_path
    first = run_in_terminal(
        [letterctl, "critic", "profile", "--socket", socket], env,
        [("go after?", "my work\r"), ("about you?", "that I'm lazy\r"), ("bring to mind?", "\r"),
         ("had its say?", "small\r"), ("like this?", "sleep\r")])
    assert "(version 1," in first and "    my work" in first
    edited = run_in_terminal(
        [letterctl, "critic", "profile", "--edit", "--socket", socket], env,
        [("go after?", "\r"), ("about you?", "-\r"), ("bring to mind?", "my old coach\r"),
         ("had its say?", "\r"), ("like this?", "\r")])
    assert "(so far: my work)" in edited
    assert "(version 2," in edited
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as letters:
        versions = letters.GetCriticProfile(withVersions=True)["versions"]
    assert [v["answers"] for v in versions] == [
        {"targets": "my work", "says": "that I'm lazy", "feels": "small", "costs": "sleep"},
        {"targets": "my work", "sounds": "my old coach", "feels": "small", "costs": "sleep"},
    ]
