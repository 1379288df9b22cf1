"""`letterctl export --format markdown` for a fixed set of letters, compared with the snapshots in
Tests/export/snapshots/.

The daemon's clock is pinned to 2026-03-14 10:00 UTC (see conftest.py), so dates and times to
the minute are the same on every run; what still moves is masked before comparing: seconds and
fractions of a second (the pinned clock advances while the test runs), letterd's version, and
the test's temporary directory. `UPDATE_SNAPSHOTS=1` writes the snapshots from this run (review
the diff before committing); otherwise a missing snapshot fails the test. On a mismatch the
actual output is kept in .build/export-figures/ next to a unified diff in the failure message.
"""

from __future__ import annotations

import difflib
import os
import re

import pytest

from conftest import REPO, SNAPSHOTS, figure, letterctl, protocol, revise_letter, write_letter

VARIANTS = {
    "letters": [],
    "letters-full": ["--with-versions", "--with-rereads", "--with-check-ins"],
}


def write_fixed_letters(daemon) -> None:
    """The same letters, versions, reread and check-in on every run, in the same order."""
    first = write_letter(
        daemon,
        about="snapping at Zoe\u0308 on Sunday 🙈",
        feeling="ashamed",
        perspective="a wise, kind friend",
        warmth=6,
        tags=["family", "anger"],
        text=("Dear you,\n\nOf course it still stings. You were exhausted, the cafe\u0301 was loud, and anyone "
              "would have snapped.\n\nYou wrote *never again* & <meant> it; that is the critic's voice, not mine."),
    )
    second = write_letter(
        daemon,
        about="כשקפאתי בפגישה",
        perspective="סבתא שלי",
        text="First draft: the marmalade sky.",
    )
    revise_letter(daemon, id=second["id"], warmth=8,
                  text=("אני כאן בשבילך, ואת לא לבד.\n\nأنا هنا من أجلك، ولست وحدك.\n\n"
                        "# not a heading\n- not a list\n1. not a number\n<b>not bold</b>"))
    write_letter(daemon, text="A letter with nothing but its text.")
    protocol.result(daemon.call("RecordReread", {"id": first["id"], "rating": "helped",
                                                 "noticed": "my shoulders dropped"}))
    protocol.result(daemon.call("LogCheckIn", {"intensity": 6, "said": "you always ruin things",
                                               "trigger": "fear", "tags": ["family"]}))


def normalise(text: str, daemon, version: str) -> str:
    text = text.replace(str(daemon.tmp), "<TMP>")
    if version:
        text = text.replace(version, "<VERSION>")
    # Seconds and fractions: the pinned clock still runs while the test does.
    text = re.sub(r"(?<!\d)(\d{2}:\d{2}):\d{2}(?:[.,]\d+)?", r"\1:SS", text)
    return text


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_markdown_export_matches_its_snapshot(daemon, name):
    write_fixed_letters(daemon)
    version = daemon.status()["version"]
    out = daemon.tmp / f"{name}.md"
    letterctl(daemon, "export", "--format", "markdown", *VARIANTS[name], "-o", str(out))
    actual = normalise(out.read_text(encoding="utf-8"), daemon, version)
    snapshot = SNAPSHOTS / f"{name}.md"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOTS.mkdir(exist_ok=True)
        snapshot.write_text(actual, encoding="utf-8")
        return
    kept = figure(f"{name}.actual.md")
    kept.write_text(actual, encoding="utf-8")
    assert snapshot.is_file(), (f"no snapshot {snapshot.relative_to(REPO)}; this run's output "
                                f"is in {kept}: review it, then run with UPDATE_SNAPSHOTS=1 to keep it")
    expected = snapshot.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                            f"snapshots/{name}.md", f"this run ({kept})"))
        pytest.fail(f"the Markdown export differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept):\n{diff}")


def test_markdown_to_standard_output_is_the_same_as_to_a_file(daemon):
    write_fixed_letters(daemon)
    out = daemon.tmp / "letters.md"
    letterctl(daemon, "export", "--format", "markdown", "-o", str(out))
    printed = letterctl(daemon, "export", "--format", "markdown").stdout
    version = daemon.status()["version"]
    assert normalise(printed, daemon, version) == normalise(out.read_text(encoding="utf-8"), daemon, version)


def test_markdown_text_is_not_reinterpreted(daemon):
    """A letter's own lines starting with '#', '- ' or '1. ', and its '<b>', stay the person's
    words: a Markdown viewer must not turn them into headings of the export, list items or HTML
    (escaped, indented, quoted or fenced are all fine). The export already escapes '#', '---'
    and '>' at the start of a line; this holds it to the rest."""
    write_fixed_letters(daemon)
    printed = letterctl(daemon, "export", "--format", "markdown").stdout
    problems = []
    for line in printed.splitlines():
        for start, becomes in (("# not a heading", "a heading"), ("- not a list", "a list item"),
                               ("1. not a number", "a numbered list item")):
            if line.startswith(start):
                problems.append(f"{line!r} would be {becomes}")
    if "<b>not bold</b>" in printed:
        problems.append("'<b>not bold</b>' is raw HTML: a Markdown viewer shows 'not bold' in bold")
    assert not problems, "; ".join(problems) + f"\n{printed}"
