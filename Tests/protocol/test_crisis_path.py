"""The crisis path, end to end: the real letterd and the real letterctl, as a person uses them.

Whatever a person writes (a check-in's words, about line and tags; a letter, every new version
of it and its about, feeling, perspective and tags; what they noticed on a reread; an answer
about their critic; a guided letter as it is typed) is checked against
Sources/LetterCore/crisis-phrases.txt, and a check-in at 10 counts too. When it calls for it,
the reply carries `help` (the note and the [safety] resources): letterctl prints it first in
its plain output, alone, then a blank line, then the rest; `--json` carries the `help` object.

Proves that:
- each of those places gets the note, first, and in `--json` the `help` object, with the
  issue's own phrases among the check-ins; everyday idioms ("dead tired", "I could kill for a
  coffee", ...) get none, in plain output or JSON, as check-ins and as letters;
- the resources are the configured ones when letterd.toml names some, and GetConfig always
  carries the note;
- after a crisis check-in no invitation to write is made that day (loud check-ins that make one
  in a daemon without the crisis make none), the crisis check-in is offered no reread even when
  a letter fits its theme, and crisis check-ins never count towards a loud stretch (letterd's
  clock moved on with its test hook, past a short calm);
- the note fits 80 columns without breaking the address;
- `write --guided` at a pseudo-terminal shows the note right after the answer that called for
  it, once in the sitting, and first again when the letter is saved;
- when saving fails (letterd away, a letter too long), the note still comes first, on stderr,
  and does not claim that what was written is kept;
- more ways of saying it ("I just want to end it", "not wanting to be alive", "nobody would miss
  me if i was gone") get the note, and words given to `write --guided` as options are checked
  before the first question (these three failed when the tests were written, and were fixed).
"""

from __future__ import annotations

import json

import pytest

from conftest import Daemon, letterctl, result, running
from terminal_session import drive, flat
from test_guided_writing import letterctl as guided_command, terminal_env

NOTE = ("That sounds very heavy. You don't have to carry it on your own: talking to someone can help, today. "
        "What you wrote is kept, and it can wait.")
DEFAULT_RESOURCES = [
    "If you might be in danger right now, call your local emergency number.",
    "To talk to someone today, find a crisis line in your country at https://findahelpline.com.",
]
DEFAULT_HELP = {"note": NOTE, "resources": DEFAULT_RESOURCES}
NOTE_START = "That sounds very heavy."
EXIT_NOT_RUNNING = 69
EXIT_DATA = 65


# --- helpers ----------------------------------------------------------------------------------


def ctl(daemon: Daemon, *arguments: str, input: str | None = None, socket: str | None = None,
        **env: str) -> tuple[int, str, str]:
    """letterctl against the test's daemon (or `socket`): exit status, stdout and stderr as text."""
    process = letterctl(daemon, *arguments, input=None if input is None else input.encode(), env=env, socket=socket)
    return process.returncode, process.stdout.decode(), process.stderr.decode()


def ok(daemon: Daemon, *arguments: str, input: str | None = None, **env: str) -> str:
    """stdout of a letterctl command that must succeed."""
    code, out, err = ctl(daemon, *arguments, input=input, **env)
    assert code == 0, f"letterctl {' '.join(arguments)} exited {code}\nstdout: {out}\nstderr: {err}\n{daemon.log()}"
    return out


def ok_json(daemon: Daemon, *arguments: str, input: str | None = None) -> dict:
    return json.loads(ok(daemon, *arguments, "--json", input=input))


def note_block(help: dict) -> str:
    """The note as letterctl prints it, with its wrapping undone: the note, then each resource as
    a bullet."""
    return flat(help["note"] + "".join(f" \u2022 {resource}" for resource in help["resources"]))


def assert_note_first(out: str, help: dict = DEFAULT_HELP) -> str:
    """The output starts with the note and its resources, alone, then a blank line; the rest
    follows and does not hold the note again. Returns the rest."""
    assert out.startswith(NOTE_START), f"the note is not the first thing on stdout:\n{out}"
    head, blank, rest = out.partition("\n\n")
    assert blank, f"no blank line after the note:\n{out}"
    assert flat(head) == note_block(help), f"the first paragraph is not the note and its resources alone:\n{out}"
    assert rest.strip(), f"nothing after the note:\n{out}"
    assert NOTE_START not in rest, f"the note is shown twice:\n{out}"
    return rest


def assert_no_note(*outputs: str) -> None:
    for output in outputs:
        assert NOTE_START not in output and "findahelpline" not in output, output


def assert_help(reply: dict, help: dict = DEFAULT_HELP) -> None:
    assert reply.get("help") == help, f"the reply's help is {reply.get('help')!r}:\n{json.dumps(reply, indent=1)}"


def crisis_in_plain_and_json(daemon: Daemon, *arguments: str, input: str | None = None,
                             json_input: str | None = None) -> tuple[str, dict]:
    """Runs the command twice, plain then with --json (stdin `input`, then `json_input` or the same):
    the note first in the one, the `help` object in the other. Returns what followed the note, and
    the JSON reply."""
    code, out, err = ctl(daemon, *arguments, input=input)
    assert code == 0, f"exit {code}\nstdout: {out}\nstderr: {err}"
    rest = assert_note_first(out)
    assert_no_note(err)  # the note is on stdout, once
    reply = ok_json(daemon, *arguments, input=json_input if json_input is not None else input)
    assert_help(reply)
    return rest, reply


def write_letter(daemon: Daemon, text: str, *options: str) -> int:
    return ok_json(daemon, "write", "--from", "-", *options, input=text)["letter"]["id"]


def write_prompts(daemon: Daemon) -> list[dict]:
    """Every open invitation to write, as `letterctl due --all --json` lists it."""
    return [p for p in ok_json(daemon, "due", "--all")["prompts"] if p["kind"] == "write"]


def configure(daemon: Daemon, toml: str) -> None:
    """Writes $HOME/.config/letterd/letterd.toml and restarts the daemon on it."""
    config = daemon.home / ".config/letterd/letterd.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(toml)
    assert daemon.stop() == 0
    daemon.start()


# --- check-ins --------------------------------------------------------------------------------


ISSUE_CHECK_INS = [
    ("3", "i cant go on"),
    ("5", "I can't do this anymore"),
    ("5", "no point living"),
    ("6", "whats the point of anything, i cant do this anymore"),
    ("7", "I'd be better off dead"),
]


@pytest.mark.parametrize("intensity, said", ISSUE_CHECK_INS, ids=[said for _, said in ISSUE_CHECK_INS])
def test_the_issues_check_ins_get_the_note_first(daemon, intensity, said):
    rest, reply = crisis_in_plain_and_json(daemon, "log-critic", intensity, said)
    assert rest.startswith("Your check-in is saved."), rest
    assert reply["checkIn"]["said"] == said and reply["checkIn"]["intensity"] == int(intensity)
    assert "invitation" not in reply and "offeredPromptId" not in reply, reply


@pytest.mark.parametrize("arguments", [
    ("3", "you want to die, admit it"),
    ("3", "--about", "wanting to end it all"),
    ("3", "you are such a mess", "--tag", "self-harm"),
    ("2", "--tag", "work", "--tag", "kms"),
], ids=["in-what-it-said", "in-about-only", "in-a-tag-only", "in-the-second-tag"])
def test_a_check_in_gets_the_note_wherever_the_words_are(daemon, arguments):
    rest, reply = crisis_in_plain_and_json(daemon, "log-critic", *arguments)
    assert rest.startswith("Your check-in is saved."), rest
    assert "checkIn" in reply


def test_a_check_in_at_10_gets_the_note_whatever_its_words(daemon):
    rest, reply = crisis_in_plain_and_json(daemon, "log-critic", "10", "you forgot to water the plants")
    assert rest.startswith("Your check-in is saved."), rest
    assert reply["checkIn"]["intensity"] == 10
    # At 9 the same words are a loud check-in, not a crisis.
    calm = ok_json(daemon, "log-critic", "9", "you forgot to water the plants")
    assert "help" not in calm, calm


# --- letters ----------------------------------------------------------------------------------


@pytest.mark.parametrize("text, options", [
    ("Dear me,\nsome days I want to die, and still I am here.", ()),
    ("Dear me, it was a hard week.", ("--about", "thinking about ending my life")),
    ("Dear me, it was a hard week.", ("--feeling", "suicidal, tired")),
    ("Dear me, it was a hard week.", ("--perspective", "a friend who knows I self-harm")),
    ("Dear me, it was a hard week.", ("--tag", "family", "--tag", "self-harm")),
], ids=["text", "about", "feeling", "perspective", "tag"])
def test_a_letter_gets_the_note_wherever_the_words_are(daemon, text, options):
    rest, reply = crisis_in_plain_and_json(daemon, "write", "--from", "-", *options, input=text)
    assert rest.startswith("Saved as letter #1."), rest
    assert reply["letter"]["id"] == 2 and reply["letter"]["text"] == text, reply


def test_a_new_version_with_the_words_gets_the_note(daemon):
    letter = write_letter(daemon, "Dear me, the exam went badly, and you studied hard.", "--about", "the exam")
    plain_version = "Dear me, the exam went badly.\nSome nights I can't go on like this."
    json_version = "Dear me, the exam went badly.\nI have been hurting myself again."
    rest, reply = crisis_in_plain_and_json(
        daemon, "rework", str(letter), "--from", "-", input=plain_version, json_input=json_version)
    assert rest.startswith(f"Saved version 2 of letter #{letter}"), rest
    assert reply["letter"]["text"] == json_version and reply["letter"]["version"] == 3, reply
    # A version without the words: no note.
    code, out, err = ctl(daemon, "rework", str(letter), "--from", "-", input="Dear me, you did your best.")
    assert code == 0 and out.startswith(f"Saved version 4 of letter #{letter}"), out + err
    assert_no_note(out, err)


def test_a_new_version_whose_about_line_has_the_words_gets_the_note(daemon):
    letter = write_letter(daemon, "Dear me, the exam went badly.", "--about", "the exam")
    rest, reply = crisis_in_plain_and_json(
        daemon, "rework", str(letter), "--from", "-", "--about", "the exam, and wishing I was dead",
        input="Dear me, the exam went badly, and you studied.", json_input="Dear me, one exam is one day.")
    assert rest.startswith(f"Saved version 2 of letter #{letter}"), rest
    assert reply["letter"]["about"] == "the exam, and wishing I was dead", reply


def test_what_was_noticed_on_a_reread_gets_the_note(daemon):
    letter = write_letter(daemon, "Dear me, you were kind to your friend today.", "--about", "my friend")
    rest, reply = crisis_in_plain_and_json(
        daemon, "reread", str(letter), "--no-ask", "--rating", "somewhat", "--noticed", "I still wish I was dead")
    assert rest.startswith("Noted."), rest
    assert reply["reread"]["noticed"] == "I still wish I was dead" and reply["reread"]["letterId"] == letter, reply
    calm = ok_json(daemon, "reread", str(letter), "--no-ask", "--noticed", "a warmth in my chest")
    assert "help" not in calm, calm


def test_an_answer_about_the_critic_given_as_an_option_gets_the_note(daemon):
    code, out, err = ctl(daemon, "critic", "profile", "--says", "you should just die")
    assert code == 0, err
    rest = assert_note_first(out)
    assert_no_note(err)
    assert rest.startswith("Your critic, as you described it (version 1"), rest
    assert "you should just die" in rest
    # --json, with the words in another answer (the first one replaced by harmless words).
    reply = ok_json(daemon, "critic", "profile", "--says", "that I'm lazy", "--feels", "like I want to disappear")
    assert_help(reply)
    assert reply["profile"]["version"] == 2
    assert reply["profile"]["answers"] == {"says": "that I'm lazy", "feels": "like I want to disappear"}, reply
    # Harmless answers throughout: no note.
    calm = ok_json(daemon, "critic", "profile", "--feels", "small")
    assert "help" not in calm and calm["profile"]["version"] == 3, calm


# Common ways of saying it, as plainly meant as "i cant go on" or "I'd be better off dead":
# each must get the note.
UNCAUGHT = [
    "I just want to end it",
    "i wanna end it",
    "I'm going to end it tonight",
    "not wanting to be alive",
    "not wanting to live anymore",
    "nobody would miss me if i was gone",
]


@pytest.mark.parametrize("said", UNCAUGHT)
def test_common_ways_of_saying_it_get_the_note(daemon, said):
    rest, reply = crisis_in_plain_and_json(daemon, "log-critic", "4", said)
    assert rest.startswith("Your check-in is saved."), rest
    assert reply["checkIn"]["said"] == said


# --- everyday idioms stay quiet -----------------------------------------------------------------


IDIOMS = ["dead tired", "I could kill for a coffee", "this deadline is killing me", "I'm dying to see it",
          "the battery died"]


@pytest.mark.parametrize("idiom", IDIOMS)
def test_everyday_idioms_get_no_note_as_check_ins_or_letters(daemon, idiom):
    code, out, err = ctl(daemon, "log-critic", "4", idiom)
    assert code == 0, err
    assert out.startswith("Noted."), out
    assert_no_note(out, err)
    reply = ok_json(daemon, "log-critic", "4", idiom)
    assert "help" not in reply and reply["checkIn"]["said"] == idiom, reply

    code, out, err = ctl(daemon, "write", "--from", "-", "--about", idiom, input=f"Dear me,\n{idiom}, and that is all right.")
    assert code == 0, err
    assert out.startswith("Saved as letter #1."), out
    assert_no_note(out, err)
    reply = ok_json(daemon, "write", "--from", "-", input=idiom)
    assert "help" not in reply and reply["letter"]["text"] == idiom, reply


# --- the resources ------------------------------------------------------------------------------


def test_get_config_always_carries_the_note_with_the_default_resources(daemon):
    assert result(daemon.call("GetConfig"))["help"] == DEFAULT_HELP


def test_configured_resources_replace_the_defaults_everywhere(daemon):
    resources = [
        "Samaritans (UK and Ireland): call 116 123, any time, free.",
        "Text SHOUT to 85258.",
        "Sam, my sister: 07700 900123.",
    ]
    configure(daemon, "[safety]\nresources = [\n" + "".join(f"    {json.dumps(r)},\n" for r in resources) + "]\n")
    help = {"note": NOTE, "resources": resources}
    assert result(daemon.call("GetConfig"))["help"] == help

    code, out, err = ctl(daemon, "log-critic", "3", "i cant go on")
    assert code == 0, err
    rest = assert_note_first(out, help)
    assert "findahelpline" not in out and "emergency number" not in out, out
    assert rest.startswith("Your check-in is saved."), rest
    for resource in resources:
        assert f"\u2022 {resource}\n" in out, out  # each on a line of its own, whole (they are short)
    assert_help(ok_json(daemon, "log-critic", "3", "i cant go on"), help)
    assert_help(ok_json(daemon, "write", "--from", "-", input="I want to die"), help)


# --- the calm after the note --------------------------------------------------------------------


LOUD = {
    "three-check-ins": [("5", "you ruined the dinner party")] * 3,
    "one-at-9": [("9", "you ruin every dinner")],
}


@pytest.mark.parametrize("loud", LOUD.values(), ids=LOUD.keys())
@pytest.mark.parametrize("crisis_first", [False, True], ids=["without-crisis", "after-a-crisis"])
def test_after_a_crisis_check_in_loud_check_ins_make_no_invitation(daemon, crisis_first, loud):
    if crisis_first:
        crisis = ok_json(daemon, "log-critic", "3", "i cant go on", "--about", "the dinner party")
        assert_help(crisis)
        assert "invitation" not in crisis, crisis
    replies = [ok_json(daemon, "log-critic", intensity, said, "--about", "the dinner party")
               for intensity, said in loud]
    for reply in replies:
        assert "help" not in reply, reply
    invitations = [reply["invitation"] for reply in replies if "invitation" in reply]
    if crisis_first:
        assert invitations == [], f"an invitation to write in the calm after the note: {invitations}"
        assert write_prompts(daemon) == []
        wire_prompts = result(daemon.call("ListDue", {"all": True}))["prompts"]
        assert [p for p in wire_prompts if p["kind"] == "write"] == [], wire_prompts
    else:
        assert len(invitations) == 1 and "invitation" in replies[-1], replies
        assert invitations[0]["kind"] == "write" and invitations[0]["reason"] == "criticLoud", invitations
        assert [(p["kind"], p["reason"]) for p in write_prompts(daemon)] == [("write", "criticLoud")]


@pytest.mark.parametrize("crisis_first", [False, True], ids=["without-crisis", "after-a-crisis"])
def test_the_plain_reply_to_a_loud_check_in_invites_writing_only_outside_the_calm(daemon, crisis_first):
    if crisis_first:
        assert_note_first(ok(daemon, "log-critic", "3", "I'd be better off dead"))
    code, out, err = ctl(daemon, "log-critic", "9", "you ruin every dinner", "--about", "the dinner party")
    assert code == 0, err
    assert_no_note(out, err)
    assert out.startswith("Noted."), out
    assert ("The critic has been loud lately" in out) != crisis_first, out


def test_a_crisis_check_in_is_offered_no_reread_even_when_a_letter_fits_it(daemon):
    letter = write_letter(daemon, "Dear me, one dinner does not define you as a host or a friend.",
                          "--about", "the dinner party", "--tag", "dinner")
    crisis = ok_json(daemon, "log-critic", "6", "i cant go on after the dinner party", "--about", "the dinner party",
                     "--tag", "dinner")
    assert_help(crisis)
    assert crisis["chosen"]["letterId"] == letter and crisis["chosen"]["fitsTheme"] is True, crisis
    assert "offeredPromptId" not in crisis, crisis
    assert [p for p in ok_json(daemon, "due")["prompts"] if p["letterId"] == letter] == []
    # The same check-in without the words is offered the letter at once (so the check above can fail).
    plain = ok_json(daemon, "log-critic", "6", "you ruined the dinner party", "--about", "the dinner party",
                    "--tag", "dinner")
    assert "help" not in plain
    assert plain["chosen"]["letterId"] == letter and isinstance(plain.get("offeredPromptId"), int), plain
    due = ok_json(daemon, "due")["prompts"]
    assert [(p["id"], p["letterId"], p["kind"], p["reason"]) for p in due] == [
        (plain["offeredPromptId"], letter, "reread", "criticReturned")]


class ShiftedDaemon(Daemon):
    """A letterd whose clock runs `offset` seconds ahead of the system's (LETTERD_TEST_HOOKS
    clock-offset, read at start: change it, then restart)."""

    offset = 0

    @property
    def env(self) -> dict[str, str]:
        return {**super().env, "LETTERD_TEST_HOOKS": f"clock-offset={self.offset}"}


@pytest.mark.parametrize("crisis", [False, True], ids=["ordinary-check-ins", "crisis-check-ins"])
def test_crisis_check_ins_never_count_towards_a_loud_stretch(letterd_binary, crisis):
    """Two check-ins, then (the calm of 1 h over, letterd's clock two hours on) ordinary ones: the
    third ordinary check-in within a day makes the invitation only if crisis check-ins count."""
    instance = ShiftedDaemon(letterd_binary)
    config = instance.home / ".config/letterd/letterd.toml"
    config.parent.mkdir(parents=True)
    config.write_text('[safety]\ncalm-after-note = "1h"\n')
    with running(letterd_binary, instance) as daemon:
        said = "i cant go on, the dinner party" if crisis else "you ruined the dinner party"
        for _ in range(2):
            reply = ok_json(daemon, "log-critic", "5", said, "--about", "the dinner party")
            assert ("help" in reply) == crisis and "invitation" not in reply, reply
        assert daemon.stop() == 0
        daemon.offset = 2 * 3600
        daemon.start()
        after = [ok_json(daemon, "log-critic", "5", "you ruined the dinner party", "--about", "the dinner party")
                 for _ in range(3 if crisis else 1)]
        if crisis:
            assert ["invitation" in reply for reply in after] == [False, False, True], after
        else:
            assert "invitation" in after[0], after
        assert after[-1]["invitation"]["reason"] == "criticLoud"
        assert len(write_prompts(daemon)) == 1


# --- the note in the terminal -----------------------------------------------------------------


@pytest.mark.parametrize("columns", [80, 40])
def test_the_note_fits_the_width_and_keeps_the_address_whole(daemon, columns):
    code, out, err = ctl(daemon, "log-critic", "3", "i cant go on", COLUMNS=str(columns))
    assert code == 0, err
    assert_note_first(out)
    head = out.partition("\n\n")[0]
    too_long = [line for line in head.splitlines() if len(line) > columns]
    assert too_long == [], f"lines of the note longer than {columns} columns: {too_long}"
    assert any("https://findahelpline.com." in line for line in head.splitlines()), head
    assert len(head.splitlines()) >= 4, f"the note was not wrapped at all:\n{head}"


def test_guided_writing_shows_the_note_after_the_answer_and_first_when_saved(daemon, letterd_binary):
    status, shown = drive(
        guided_command(daemon, letterd_binary), terminal_env(daemon), [
            ("judging yourself for?", "i want to disappear\r"),
            ("what do you feel?", "numb\r"),
            ("(Enter for 1): ", "\r"),
            ("when you are ready. ", "\r"),
            ("> ", "You are not alone in this.\r"),
            ("> ", "Even when I cant go on, I am here.\r"),  # a second crisis line: the note once a sitting
            ("> ", ".\r"),
            ("Enter to skip: ", "\r"),
        ])
    assert status == 0, shown
    text = shown.replace("\r\n", "\n")
    answer = text.index("i want to disappear")
    first_note = text.index(NOTE_START)
    next_question = text.index("what do you feel?")
    assert answer < first_note < next_question, text
    between = text[answer + len("i want to disappear"):next_question]
    assert note_block(DEFAULT_HELP) in flat(between), f"the note, whole, right after the answer:\n{text}"
    assert text.count(NOTE_START) == 2, f"the note once in the sitting and once when saved:\n{text}"

    saved = text.index("Saved as letter #1.")
    last_note = text.rindex(NOTE_START)
    assert text.index("Even when I cant go on") < last_note < saved, text
    at_the_end = text[last_note:saved]
    assert at_the_end.endswith("\n\n"), f"no blank line between the note and the saved message:\n{text}"
    assert flat(at_the_end) == note_block(DEFAULT_HELP), f"the saved message does not start with the note alone:\n{text}"
    letter = result(daemon.call("GetLetter", {"id": 1}))["letter"]
    assert letter["about"] == "i want to disappear"
    assert letter["text"] == "You are not alone in this.\nEven when I cant go on, I am here."


def test_guided_writing_with_the_words_given_as_options_shows_the_note_before_the_letter(daemon, letterd_binary):
    """--about stands for the first answer: its words call for the note as the typed answer's
    do, before the letter is written, not only once it is saved."""
    status, shown = drive(
        guided_command(daemon, letterd_binary, "--about", "i want to disappear", "--feeling", "numb"),
        terminal_env(daemon), [
            ("(Enter for 1): ", "\r"),
            ("when you are ready. ", "\r"),
            ("> ", "You are not alone in this.\r"),
            ("> ", ".\r"),
            ("Enter to skip: ", "\r"),
        ])
    assert status == 0, shown
    text = shown.replace("\r\n", "\n")
    assert "Saved as letter #1." in text, text
    assert NOTE_START in text, text
    assert text.index(NOTE_START) < text.index("Step 3 of 4"), \
        f"the note came only after the letter was written:\n{text}"


# --- when saving fails --------------------------------------------------------------------------


def test_with_letterd_away_the_note_still_comes_first_on_stderr(daemon):
    away = str(daemon.tmp / "nobody-here.sock")
    code, out, err = ctl(daemon, "log-critic", "3", "i cant go on", socket=away)
    assert code == EXIT_NOT_RUNNING, out + err
    assert out == ""
    assert err.startswith(NOTE_START), err
    unsaved = dict(DEFAULT_HELP, note=NOTE.replace(" What you wrote is kept, and it can wait.", ""))
    assert flat(err.partition("\n\n")[0]) == note_block(unsaved), err
    assert "letterd is not answering" in err.partition("\n\n")[2], err


def test_a_letter_refused_as_too_long_still_gets_the_note_first_on_stderr(daemon):
    code, out, err = ctl(daemon, "write", "--from", "-", input="I want to die. " + "x" * (300 * 1024))
    assert code == EXIT_DATA, out + err
    assert err.startswith(NOTE_START), err
    assert "the limit is 262144 bytes" in err.partition("\n\n")[2], err
    assert result(daemon.call("ListLetters"))["letters"] == []


def test_when_nothing_was_saved_the_note_does_not_say_it_was_kept(daemon):
    """The note says "What you wrote is kept". When the call fails, letterctl shows the same
    note, though nothing was saved: a check-in with letterd away is lost, and a letter from
    standard input that was refused is kept nowhere."""
    away = str(daemon.tmp / "nobody-here.sock")
    code, _, err = ctl(daemon, "log-critic", "3", "i cant go on", socket=away)
    assert code == EXIT_NOT_RUNNING
    assert err.startswith(NOTE_START), err
    assert result(daemon.call("ListCheckIns"))["checkIns"] == [], "nothing was saved"
    assert "What you wrote is kept" not in flat(err), f"the note says the check-in was kept, and it was not:\n{err}"
