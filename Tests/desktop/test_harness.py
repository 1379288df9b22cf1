"""The harness on its own, with no letterd: a notification sent with `notify-send` shows up in
dunst, its summary, body, app name and actions can be read back, and a click (`dunstctl action
0`), a context-menu choice and a real mouse click (xdotool) reach the sender as ActionInvoked.

If these fail, the notification tests' failures say nothing about letterd.
"""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import run, stop_process, wait_until

ACTIONS = ["default=Reread now", "reread=Reread now", "later=Later", "skip=Skip"]


class Sender:
    """`notify-send --action ...`, which waits and prints the key of the action invoked."""

    def __init__(self, desktop, summary: str, body: str, actions: list[str]):
        argv = ["notify-send", "--app-name=letterd", summary, body]
        for action in actions:
            argv.insert(1, f"--action={action}")
        self.process = subprocess.Popen(argv, env=desktop.dunst.env, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)

    def invoked(self, timeout: float = 10) -> str:
        out, err = self.process.communicate(timeout=timeout)
        assert self.process.returncode == 0, err
        return out.strip()

    def stop(self):
        stop_process(self.process)


@pytest.fixture
def sender(bare_desktop):
    senders = []

    def send(summary: str, body: str, actions: list[str] = ACTIONS) -> Sender:
        s = Sender(bare_desktop, summary, body, actions)
        senders.append(s)
        return s
    try:
        yield send
    finally:
        for s in senders:
            s.stop()


@pytest.fixture
def session(bare_desktop):
    bare_desktop.bus.start()
    bare_desktop.dunst.start()
    return bare_desktop


def test_a_notification_reads_back_with_its_actions_and_the_default_action_reaches_the_sender(session, sender):
    dunst = session.dunst
    s = sender("A letter to come back to", "About: snapping at my sister\nDear me, you were tired")
    dunst.wait_displayed(1)
    shown = dunst.wait_shown(1)[0]
    assert shown["app_name"] == "letterd"
    assert shown["summary"] == "A letter to come back to"
    assert shown["body"] == "About: snapping at my sister\nDear me, you were tired"

    menu = dunst.context_menu()  # nothing chosen: the notification stays
    assert {(e.key, e.label) for e in menu} == {("default", "Reread now"), ("reread", "Reread now"),
                                               ("later", "Later"), ("skip", "Skip")}
    assert {e.id for e in menu} == {int(shown["id"])}
    assert {e.summary for e in menu} == {"A letter to come back to"}
    assert dunst.count() == 1

    dunst.ctl("action", "0")
    assert s.invoked() == "default"
    wait_until(lambda: dunst.count() == 0, 5, what="the notification to close after its action")


@pytest.mark.parametrize("key", ["later", "skip"])
def test_a_context_menu_choice_reaches_the_sender(session, sender, key):
    s = sender("A letter to come back to", "body")
    session.dunst.wait_displayed(1)
    menu = session.dunst.context_menu(choose=f",{key}]")
    assert key in {e.key for e in menu}
    assert s.invoked() == key
    wait_until(lambda: session.dunst.count() == 0, 5, what="the notification to close after its action")


def test_history_after_close_has_summary_body_and_app_name(session, sender):
    sender("2 letters are waiting for you", "one\ntwo", ["default=Open", "later=Later"])
    session.dunst.wait_displayed(1)
    session.dunst.ctl("close")
    wait_until(lambda: session.dunst.count("history") == 1, 5, what="the notification in dunst's history")
    [entry] = session.dunst.history()
    assert entry["appname"] == "letterd"
    assert entry["summary"] == "2 letters are waiting for you"
    assert entry["body"] == "one\ntwo"
    assert entry["default_action_name"] == "default"


@pytest.mark.skipif(not shutil.which("xdotool"), reason="xdotool (Debian package xdotool) is not installed")
def test_a_mouse_click_on_the_notification_invokes_its_default_action(session, sender):
    s = sender("A letter to come back to", "body")
    session.dunst.wait_displayed(1)
    window = wait_until(session.dunst.window, 5, what="dunst's window")
    run(["xdotool", "mousemove", "--window", window, "20", "10", "click", "1"], env=session.dunst.env)
    assert s.invoked() == "default"
