"""`letterctl export` and `letterctl import`, run as a person runs them, against private letterds.

Proves that:
- a JSON export holds every kind of record letterd keeps (versions, tags, rereads with ratings
  and what was noticed, spacing, check-ins with a corrected reading, an invitation declined,
  skipped and snoozed prompts, self-checks taken and declined, the critic's profile, a pause),
  and importing it into an empty store and exporting again gives the same JSON byte for byte
  but for `exportedAt`; Unicode (RTL, combining marks, ZWJ emoji) and a letter of exactly
  256 KiB survive; ids are kept, the gap of a deleted letter included;
- importing is idempotent, and a letter revised in two stores keeps both sides' versions;
- a hostile or malformed file is refused whole (exit 65, the problem and its place named on
  stderr, the store unchanged, nothing left in the backups directory), a file over 256 MiB for
  its size; `--dry-run` adds nothing; Varlink `Import` wants an absolute path;
- `--letter`, `--since` and the check-in defaults select what they say, `-o` never writes over
  a file without `--force` and takes its format from its ending, and no `.export-*` stays.

Bugs found while writing this were fixed; their tests, at the end of the file, keep them fixed.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from pathlib import Path

import pytest

from conftest import Daemon, assert_error, error_name, letterctl, result, running

EXIT_USAGE = 64
EXIT_DATA = 65  # ClientError.badData, and LetterNotFound (ClientError.exitStatus)
TEXT_LIMIT = 256 * 1024  # a letter's text, in bytes of UTF-8
EXPORTED_AT = re.compile(rb'\n  "exportedAt" : "[^"]*",\n')

UNICODE = (
    "Dear me, שָׁלוֹם — you did what you could. مرحبا، كنتَ لطيفاً. "
    "Cafe\u0301, nin\u0303o, a\u0308\u0301. "
    "\U0001F469\U0001F3FD\u200D\U0001F4BB \U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 "
    "\U0001F3F3\uFE0F\u200D\U0001F308 \u200Fעברית\u200E and English"
)


# --- helpers --------------------------------------------------------------------------------


def succeeded(process: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert process.returncode == 0, f"exit {process.returncode}: {process.stderr.decode(errors='replace')}"
    return process


def export_raw(daemon: Daemon, *options: str) -> bytes:
    return succeeded(letterctl(daemon, "export", "--format", "json", *options)).stdout


def export_json(daemon: Daemon, *options: str) -> dict:
    return json.loads(export_raw(daemon, *options))


def without_time(raw: bytes) -> bytes:
    """An export without the one field that differs between two exports of the same store."""
    assert len(EXPORTED_AT.findall(raw)) == 1, "an export has exactly one exportedAt"
    return EXPORTED_AT.sub(b"\n", raw)


def import_summary(daemon: Daemon, path: Path, *options: str) -> dict:
    return json.loads(succeeded(letterctl(daemon, "import", str(path), "--json", *options)).stdout)["added"]


def summary(**counts) -> dict:
    """An import's reply: these counts, zero for the rest."""
    keys = ("letters", "versionsAdded", "rereads", "checkIns", "prompts", "selfChecks", "criticProfileVersions", "settings")
    return {key: counts.get(key, 0) for key in keys}


def counts_in(document: dict) -> dict:
    """What importing `document` into an empty store must report."""
    return summary(
        letters=len(document["letters"]), rereads=sum(len(letter["rereads"]) for letter in document["letters"]),
        checkIns=len(document["checkIns"]), prompts=len(document["prompts"]), selfChecks=len(document["selfChecks"]),
        criticProfileVersions=len(document["criticProfile"]), settings=len(document["settings"]))


def leftovers(daemon: Daemon) -> list[str]:
    """Files an export or import should not leave in the backups directory."""
    directory = Path(daemon.status()["backupDirectory"])
    names = os.listdir(directory) if directory.exists() else []
    return sorted(name for name in names if name.startswith((".export-", ".incoming-")) or name.endswith(".partial"))


def text_of_bytes(size: int, seed: str) -> str:
    """A letter of exactly `size` bytes of UTF-8, mostly multi-byte text, ending in a non-space."""
    line = f"{seed}: {UNICODE}\n"
    body = (line * (size // len(line.encode())))[:-1]
    text = body + "x" * (size - len(body.encode()))
    assert len(text.encode()) == size
    return text


def call(daemon: Daemon, name: str, **parameters) -> dict:
    return result(daemon.call(name, parameters))


def write(daemon: Daemon, text: str, **fields) -> dict:
    return call(daemon, "WriteLetter", text=text, **fields)["letter"]


@pytest.fixture
def second(letterd_binary):
    """Another private letterd: the store an export is carried to."""
    with running(letterd_binary) as instance:
        yield instance


# --- a store with every kind of record --------------------------------------------------------


def fill_every_kind(daemon: Daemon) -> dict:
    """Writes one of everything letterd keeps; returns what the test needs to know about it."""
    call(daemon, "Pause", seconds=30 * 86400)  # a scheduleState row; also keeps notifications out
    first = write(daemon, UNICODE, about="the exam 📚", feeling="ashamed, חרדה", perspective="a kind friend",
                  warmth=6, tags=["work", "עבודה", "naïve", "e\u0301cole"])
    call(daemon, "ReviseLetter", id=first["id"], text=UNICODE + "\n\nAnd one more thing: you were tired.", warmth=8)
    call(daemon, "ReviseLetter", id=first["id"], text="Dear me, third version. مرحبا", about="the exam, again")
    deleted = write(daemon, "Dear me, this one will be deleted.")
    call(daemon, "DeleteLetter", id=deleted["id"])
    long = write(daemon, text_of_bytes(TEXT_LIMIT, "long"), about="a long letter", tags=["long"])
    call(daemon, "ReviseLetter", id=long["id"], text=text_of_bytes(TEXT_LIMIT - 7, "longer"))
    plain = write(daemon, "Dear you, it is fine to rest.", tags=["rest"])

    call(daemon, "RecordReread", id=first["id"], rating="helpedALot", noticed="my shoulders dropped 🙂 כתפיים")
    call(daemon, "RecordReread", id=first["id"], rating="didNotHelp")
    call(daemon, "RecordReread", id=long["id"], noticed="too long to read in one go")
    call(daemon, "SkipPrompt", id=plain["id"])
    call(daemon, "Snooze", id=long["id"], seconds=7200)

    loud = call(daemon, "LogCheckIn", intensity=7, said="you are useless, you always fail", trigger="fear",
                about="the exam", tags=["exam", "école"])["checkIn"]
    call(daemon, "CorrectCheckIn", id=loud["id"], styles=["shouldStatement"], voice="firstPerson")
    call(daemon, "LogCheckIn", intensity=3, said="אתה עצלן — you never finish", trigger="loss")
    invited = call(daemon, "LogCheckIn", intensity=9, said="nobody likes you", about="the party")
    assert invited["invitation"]["about"] == "the party", "the third check-in in a day is a loud stretch"
    call(daemon, "LogCheckIn", intensity=0)
    assert call(daemon, "DeclineInvitation") == {"declined": 1}

    statements = call(daemon, "GetSelfCheck")["statements"]
    call(daemon, "RecordSelfCheck", answers=[index % 3 == 0 for index in range(len(statements))])
    call(daemon, "DeclineSelfCheck")
    call(daemon, "SaveCriticProfile", answers={"targets": "my work", "sounds": "like a teacher I had"})
    call(daemon, "SaveCriticProfile", answers={"targets": "my work and my body", "feels": "small 😔"})
    return {"first": first["id"], "deleted": deleted["id"], "long": long["id"], "plain": plain["id"]}


def assert_every_kind(document: dict) -> None:
    """The export really has one of everything (so a round trip proves something)."""
    letters = document["letters"]
    assert any(len(letter["versions"]) == 3 for letter in letters)
    assert {len(v["text"].encode()) for letter in letters for v in letter["versions"]} >= {TEXT_LIMIT, TEXT_LIMIT - 7}
    assert any(letter["spacing"] for letter in letters) and any(letter["tags"] for letter in letters)
    rereads = [reread for letter in letters for reread in letter["rereads"]]
    assert {r.get("rating") for r in rereads} == {"helpedALot", "didNotHelp", None}
    assert any(r.get("noticed") for r in rereads)
    check_ins = document["checkIns"]
    assert len(check_ins) == 4 and any(c.get("readingCorrectedAt") for c in check_ins)
    assert {c.get("trigger") for c in check_ins} == {"fear", "loss", None}
    prompts = document["prompts"]
    assert {p.get("outcome") for p in prompts} >= {"skipped", "done", None}
    assert any(p["kind"] == "write" and p.get("theme") and p.get("checkInId") for p in prompts)
    assert [c.get("answers") is None for c in document["selfChecks"]] == [False, True], "one taken, one declined"
    assert [p["number"] for p in document["criticProfile"]] == [1, 2]
    assert [s["key"] for s in document["settings"]] == ["pausedUntil"]


# --- 1. round trip ------------------------------------------------------------------------------


def test_a_store_with_every_kind_of_record_survives_export_and_import(daemon, second, tmp_path):
    ids = fill_every_kind(daemon)
    raw = export_raw(daemon)
    document = json.loads(raw)
    assert_every_kind(document)
    first = next(letter for letter in document["letters"] if letter["id"] == ids["first"])
    assert first["versions"][0]["text"] == UNICODE, "Unicode is exported exactly, combining marks unnormalised"
    assert first["tags"] == sorted(["work", "עבודה", "naïve", "e\u0301cole"])
    assert [letter["id"] for letter in document["letters"]] == [1, 3, 4], "the deleted letter 2 leaves a gap"

    path = tmp_path / "everything.json"
    path.write_bytes(raw)
    added = import_summary(second, path)
    assert added == counts_in(document), "an empty store adds every record in the file"
    again = export_raw(second)
    assert without_time(again) == without_time(raw), "the imported store exports the same JSON, but for exportedAt"
    assert json.loads(again)["exportedAt"] >= document["exportedAt"]

    counted = ("letters", "versions", "checkIns")
    assert [second.status()[key] for key in counted] == [daemon.status()[key] for key in counted] == [3, 6, 4]
    # Ids are kept where the store never used them, so the gap stays; AUTOINCREMENT then never
    # hands out an id below the highest imported one, so the deleted letter's 2 is not reused.
    assert write(second, "Dear me, a new one after the import.")["id"] == 5, "a new letter after ids 1, 3, 4 is 5"
    assert leftovers(daemon) == [] and leftovers(second) == []


def test_import_into_an_empty_store_says_what_it_added(daemon, second, tmp_path):
    ids = fill_every_kind(daemon)
    path = tmp_path / "letters.json"
    succeeded(letterctl(daemon, "export", "-o", str(path)))  # the format from the .json ending
    document = json.loads(path.read_text())
    assert ids["deleted"] not in [letter["id"] for letter in document["letters"]]
    shown = succeeded(letterctl(second, "import", str(path))).stdout.decode()
    assert shown.replace("3 rereads, ", "") == (f"Added 3 letters, 4 check-ins, {len(document['prompts'])} scheduled prompts, "
                     f"2 self-checks, 2 versions of your critic's profile, 1 setting from {path}.\n")
    got = call(second, "GetLetter", id=ids["first"], withVersions=True)
    assert [v["number"] for v in got["versions"]] == [1, 2, 3] and got["letter"]["text"] == "Dear me, third version. مرحبا"
    profile = call(second, "GetCriticProfile", withVersions=True)
    assert profile["profile"]["answers"] == {"targets": "my work and my body", "feels": "small 😔"}
    assert len(call(second, "GetSelfCheck")["scores"]) == 1, "the declined self-check has no score"
    assert "pausedUntil" in call(second, "ListDue"), "the pause came along"


# --- 2. idempotence -----------------------------------------------------------------------------


def test_importing_the_same_file_twice_adds_nothing_the_second_time(daemon, second, tmp_path):
    fill_every_kind(daemon)
    path = tmp_path / "export.json"
    path.write_bytes(export_raw(daemon))
    assert import_summary(second, path)["letters"] == 3
    status, before = second.status(), without_time(export_raw(second))

    assert import_summary(second, path) == summary(), "a second import adds nothing"
    shown = succeeded(letterctl(second, "import", str(path))).stdout.decode()
    assert shown == f"Nothing to add: letterd already holds everything in {path}.\n"
    assert import_summary(daemon, path) == summary(), "nor does importing a store's export into itself"
    after = second.status()
    assert [after[key] for key in ("letters", "versions", "checkIns")] == [status[key] for key in ("letters", "versions", "checkIns")]
    assert without_time(export_raw(second)) == before
    assert leftovers(second) == []


# --- 3. edits on both sides ----------------------------------------------------------------------


def test_a_letter_revised_in_two_stores_keeps_both_sides_versions(daemon, second, tmp_path):
    a, b = daemon, second
    letter = write(a, "Dear me, the first version.", about="the move")["id"]
    write(a, "Dear me, another letter.")
    from_a = tmp_path / "a.json"
    from_a.write_bytes(export_raw(a))
    call(a, "ReviseLetter", id=letter, text="Dear me, A's second version.")

    assert import_summary(b, from_a)["letters"] == 2
    call(b, "ReviseLetter", id=letter, text="Dear me, B's second version — written elsewhere.")
    call(b, "RecordReread", id=letter, rating="helped", noticed="read on the other machine")
    from_b = tmp_path / "b.json"
    from_b.write_bytes(export_raw(b))

    assert import_summary(a, from_b) == summary(versionsAdded=1, rereads=1)
    versions = call(a, "GetLetter", id=letter, withVersions=True)["versions"]
    assert [(v["number"], v["text"]) for v in versions] == [
        (1, "Dear me, the first version."), (2, "Dear me, A's second version."),
        (3, "Dear me, B's second version — written elsewhere.")], "nothing lost: B's version comes after A's"
    assert all(v.get("about") == "the move" for v in versions)
    rereads = call(a, "GetSchedule", id=letter)["rereads"]
    assert [(r["version"], r["noticed"]) for r in rereads] == [(3, "read on the other machine")], \
        "B's reread follows its version to number 3"
    assert import_summary(a, from_b) == summary(), "importing again adds nothing"

    # And back the other way: both stores now hold every version, each in its own order.
    back = tmp_path / "a-again.json"
    back.write_bytes(export_raw(a))
    assert import_summary(b, back) == summary(versionsAdded=1)
    texts_b = [v["text"] for v in call(b, "GetLetter", id=letter, withVersions=True)["versions"]]
    assert sorted(texts_b) == sorted(v["text"] for v in versions) and texts_b[2] == "Dear me, A's second version."


# --- 4. hostile and malformed files --------------------------------------------------------------


def hand_made() -> dict:
    """A complete, valid export written by hand, dated 2020 (so none of it matches a new store)."""
    def at(day: int, hour: int = 10) -> str:
        return f"2020-03-{day:02d}T{hour:02d}:00:00.000Z"

    def version(number, text, **fields):
        return {"number": number, "createdAt": at(number), "text": text, **fields}

    return {
        "format": "letterd-export", "schemaVersion": 1, "exportedAt": at(20), "letterdVersion": "0.1.0",
        "storeMigrations": [], "selection": {"withCheckIns": True},
        "letters": [
            {"id": 1, "createdAt": at(1), "tags": ["old"], "spacing": {"ease": 2.6, "interval": 172800, "unhelpfulStreak": 0},
             "versions": [version(1, "Dear me, from 2020.", about="the old job", warmth=4), version(2, "Dear me, revised in 2020.")],
             "rereads": [{"id": 1, "version": 2, "at": at(3), "rating": "helped", "noticed": "warm"}]},
            {"id": 2, "createdAt": at(5), "tags": [], "versions": [version(1, "Dear me, another from 2020.")], "rereads": []},
        ],
        "checkIns": [
            {"id": 1, "at": at(6), "intensity": 5, "said": "you should have known", "trigger": "fear", "about": "the old job",
             "tags": ["job"], "styles": ["shouldStatement"], "voice": "secondPerson", "suggestedLetterId": 1},
            {"id": 2, "at": at(7), "intensity": 8, "tags": [], "styles": []},
        ],
        "prompts": [
            {"id": 1, "letterId": 1, "kind": "reread", "reason": "spacedReread", "dueAt": at(4), "closedAt": at(4, 11), "outcome": "done"},
            {"id": 2, "kind": "write", "reason": "criticLoud", "dueAt": at(7), "theme": "the old job", "checkInId": 2,
             "closedAt": at(8), "outcome": "skipped"},
        ],
        "notifications": [{"at": at(4, 9), "promptCount": 1}],
        "selfChecks": [{"id": 1, "at": at(9), "version": 1, "answers": "yyn" + "n" * 9, "score": 2, "outOf": 12}],
        "criticProfile": [{"number": 1, "at": at(9), "targets": "the old job"}],
        "settings": [],
    }


DEEP = 100_000  # far past any JSON parser's nesting limit
DELETE = object()


def as_bytes(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=1).encode()


def changed(edit):
    """A file maker: the hand-made export with one thing changed by `edit(document)`."""
    def make() -> bytes:
        document = hand_made()
        edit(document)
        return as_bytes(document)
    return make


def set_at(path: str, value):
    """A file maker: the hand-made export with the value at `path` ("letters[0].id") set, or deleted."""
    keys = [int(key) if key.isdigit() else key for key in re.findall(r"[^.\[\]]+", path)]

    def edit(document):
        for key in keys[:-1]:
            document = document[key]
        if value is DELETE:
            del document[keys[-1]]
        else:
            document[keys[-1]] = value
    return changed(edit)


HOSTILE = [
    # (name, file, field named, words of the reason)
    ("not JSON", lambda: b"Dear me, this is not JSON {", "", "not valid JSON"),
    ("empty file", lambda: b"", "", "not valid JSON"),
    ("array at top level", lambda: b"[" + as_bytes(hand_made()) + b"]", "", "wrong type (expected an object)"),
    ("another format", set_at("format", "letters-backup"), "format", "not a letterd export"),
    ("no format", set_at("format", DELETE), "format", "is missing"),
    ("newer schema", set_at("schemaVersion", 3), "schemaVersion", "from a newer letterd"),
    ("newer schema, newer layout", changed(lambda d: d.update(schemaVersion=3, letters={})), "schemaVersion", "reads up to 2"),
    ("critic before 11", set_at("letters[0].rereads[0].criticBefore", 11), "letters[0].rereads[0].criticBefore",
     "it runs from 0 to 10"),
    ("schema 0", set_at("schemaVersion", 0), "schemaVersion", "it starts at 1"),
    ("text is a number", set_at("letters[0].versions[0].text", 42), "letters[0].versions[0].text", "wrong type (expected text)"),
    ("id is a string", set_at("letters[1].id", "2"), "letters[1].id", "wrong type (expected a whole number)"),
    ("versions not a list", set_at("letters[0].versions", {"number": 1}), "letters[0].versions", "wrong type (expected a list)"),
    ("no letters", set_at("letters", DELETE), "letters", "is missing"),
    ("letter without createdAt", set_at("letters[1].createdAt", DELETE), "letters[1].createdAt", "is missing"),
    ("version without text", set_at("letters[0].versions[1].text", DELETE), "letters[0].versions[1].text", "is missing"),
    ("no versions", set_at("letters[1].versions", []), "letters[1].versions", "at least one version"),
    ("not a time", set_at("checkIns[0].at", "yesterday"), "checkIns[0].at", "not valid"),
    ("text over 256 KiB", set_at("letters[1].versions[0].text", "ש" * 153600), "letters[1].versions[0].text", "is 307200 bytes; the limit is 262144"),
    ("NUL in text", set_at("letters[0].versions[1].text", "Dear me,\u0000 cut"), "letters[0].versions[1].text", "control character U+0000"),
    ("escape in said", set_at("checkIns[0].said", "\u001b[2J gone"), "checkIns[0].said", "control character U+001B"),
    ("NUL in noticed", set_at("letters[0].rereads[0].noticed", "a\u0000b"), "letters[0].rereads[0].noticed", "control character U+0000"),
    ("invalid UTF-8", lambda: as_bytes(hand_made()).replace(b"from 2020", b"from \xff\xfe\xc0 2020"), "", "not valid JSON"),
    ("duplicate letter ids", set_at("letters[1].id", 1), "letters[1].id", "is 1 again"),
    ("duplicate check-in ids", set_at("checkIns[1].id", 1), "checkIns[1].id", "is 1 again"),
    ("versions 1, 3", set_at("letters[0].versions[1].number", 3), "letters[0].versions[1].number", "numbered 1, 2, 3"),
    ("reread of a missing version", set_at("letters[0].rereads[0].version", 3), "letters[0].rereads[0].version", "has 2 versions"),
    ("prompt for a letter not in the file", set_at("prompts[0].letterId", 99), "prompts[0].letterId", "not in the file"),
    ("trigger rage", set_at("checkIns[0].trigger", "rage"), "checkIns[0].trigger", "must be one of disappointment"),
    ("rating great", set_at("letters[0].rereads[0].rating", "great"), "letters[0].rereads[0].rating", "must be one of"),
    ("prompt kind nag", set_at("prompts[0].kind", "nag"), "prompts[0].kind", "must be one of reread"),
    ("style unknown", set_at("checkIns[0].styles", ["sarcasm"]), "checkIns[0].styles[0]", "must be one of"),
    ("intensity 11", set_at("checkIns[1].intensity", 11), "checkIns[1].intensity", "from 0 to 10, not 11"),
    ("warmth -1", set_at("letters[0].versions[0].warmth", -1), "letters[0].versions[0].warmth", "from 0 to 10, not -1"),
    ("self-check score without answers", set_at("selfChecks[0].answers", None), "selfChecks[0].score", "without answers"),
    ("self-check of version 1 with 3 statements", set_at("selfChecks[0].outOf", 3), "selfChecks[0].outOf",
     "version 1 of the self-check has 12 statements"),
    ("deeply nested text", lambda: as_bytes(hand_made()).replace(b'"Dear me, from 2020."', b"[" * DEEP + b"]" * DEEP), "",
     "not valid JSON"),
    ("deeply nested junk", lambda: b'{"junk": ' + b"[" * DEEP + b"]" * DEEP + b', "format": "letterd-export"}', "", "not valid JSON"),
]


@pytest.fixture
def own_store(daemon):
    """The target store, holding a little of its own, so a partial import would show."""
    write(daemon, "Dear me, this store's own letter.", tags=["mine"])
    call(daemon, "LogCheckIn", intensity=4, said="you are late")
    return without_time(export_raw(daemon))


def test_the_hand_made_file_itself_imports(daemon, tmp_path):
    """The control for the hostile files: unchanged, it is accepted, so each refusal is the edit's."""
    path = tmp_path / "good.json"
    path.write_bytes(as_bytes(hand_made()))
    expected = summary(letters=2, rereads=1, checkIns=2, prompts=2, selfChecks=1, criticProfileVersions=1)
    assert import_summary(daemon, path) == expected
    assert export_json(daemon)["letters"][0]["rereads"] == hand_made()["letters"][0]["rereads"]
    assert export_json(daemon)["notifications"] == [{"at": "2020-03-04T09:00:00.000Z", "promptCount": 1}]


@pytest.mark.parametrize("name, make, field, reason", HOSTILE, ids=[case[0] for case in HOSTILE])
def test_a_bad_file_is_refused_whole_naming_the_problem(daemon, own_store, tmp_path, name, make, field, reason):
    path = tmp_path / "bad.json"
    path.write_bytes(make())
    process = letterctl(daemon, "import", str(path))
    stderr = process.stderr.decode()
    assert process.returncode == EXIT_DATA, f"{name}: exit {process.returncode}, {stderr}"
    assert process.stdout == b""
    assert stderr.startswith(f"letterctl: {path}{': ' + field if field else ''} "), stderr
    assert reason in stderr and stderr.endswith("; nothing was imported\n"), stderr
    assert without_time(export_raw(daemon)) == own_store, "the store is unchanged"
    assert leftovers(daemon) == [], "the staged copy is removed"
    daemon.assert_healthy()


def test_a_file_over_256_mib_is_refused_for_its_size(daemon, own_store, tmp_path):
    path = tmp_path / "huge.json"
    with open(path, "wb") as sparse:
        sparse.truncate(256 * 1024 * 1024 + 1)  # holes only: not JSON at all, so the size is checked first
    refused = assert_error(daemon.call("Import", {"path": str(path)}), error_name("ImportRefused"), field="")
    assert refused["reason"] == "is more than 256 MiB, the most letterd imports", refused
    process = letterctl(daemon, "import", str(path))
    assert process.returncode == EXIT_DATA
    # letterctl refuses it before copying it for letterd.
    assert process.stderr.decode().endswith("is more than 256 MiB, the most letterd imports; nothing was imported\n")
    assert without_time(export_raw(daemon)) == own_store
    assert leftovers(daemon) == []


def test_import_wants_an_absolute_path(daemon, tmp_path):
    path = tmp_path / "good.json"
    path.write_bytes(as_bytes(hand_made()))
    for relative in (os.path.relpath(path, daemon.tmp), "good.json", ""):
        reply = daemon.call("Import", {"path": relative})
        assert_error(reply, "org.varlink.service.InvalidParameter", parameter="path")
    assert daemon.status()["letters"] == 0


def test_a_dry_run_says_what_it_would_add_and_adds_nothing(daemon, own_store, tmp_path):
    path = tmp_path / "good.json"
    path.write_bytes(as_bytes(hand_made()))
    would = import_summary(daemon, path, "--dry-run")
    assert would == summary(letters=2, rereads=1, checkIns=2, prompts=2, selfChecks=1, criticProfileVersions=1)
    shown = succeeded(letterctl(daemon, "import", str(path), "--dry-run")).stdout.decode()
    assert shown.startswith("Would add 2 letters, 1 reread, 2 check-ins, 2 scheduled prompts,"), shown
    assert without_time(export_raw(daemon)) == own_store, "a dry run writes nothing"
    assert import_summary(daemon, path) == would, "the real import adds what the dry run said"
    letters = {letter["id"]: letter["versions"][0]["text"] for letter in export_json(daemon)["letters"]}
    assert letters == {1: "Dear me, this store's own letter.", 2: "Dear me, from 2020.", 3: "Dear me, another from 2020."}, \
        "the file's ids 1 and 2 were used here (1 by this store, 2 by the file's renumbered 1), so both get new ids"


# --- 5. export options ---------------------------------------------------------------------------


def test_one_letter_is_exported_with_its_prompts_and_a_missing_one_is_an_error(daemon, tmp_path):
    ids = fill_every_kind(daemon)
    document = export_json(daemon, "--letter", str(ids["long"]))
    assert [letter["id"] for letter in document["letters"]] == [ids["long"]]
    assert document["prompts"] and {p.get("letterId") for p in document["prompts"]} == {ids["long"]}
    assert document["selection"]["letters"] == [ids["long"]]
    assert document["selfChecks"] == document["criticProfile"] == document["settings"] == [], \
        "records of no letter stay out of a letter selection"
    markdown = succeeded(letterctl(daemon, "export", "--letter", str(ids["plain"]))).stdout.decode()
    assert "it is fine to rest" in markdown and "third version" not in markdown

    out = tmp_path / "missing.md"
    for missing in ([str(ids["deleted"])], [str(ids["plain"]), "99"]):
        process = letterctl(daemon, "export", *[arg for id in missing for arg in ("--letter", id)], "-o", str(out))
        assert process.returncode == EXIT_DATA, process.stderr
        assert f"there is no letter #{missing[-1]}" in process.stderr.decode()
    assert not out.exists(), "a failed export writes no file"
    assert leftovers(daemon) == []


def test_since_keeps_letters_written_or_revised_since_then(daemon, tmp_path):
    path = tmp_path / "2020.json"
    path.write_bytes(as_bytes(hand_made()))
    assert import_summary(daemon, path)["letters"] == 2
    call(daemon, "ReviseLetter", id=1, text="Dear me, revised years later.")
    new = write(daemon, "Dear me, written today.")["id"]
    call(daemon, "LogCheckIn", intensity=2, said="quiet today")

    document = export_json(daemon, "--since", "2021-01-01")
    assert [letter["id"] for letter in document["letters"]] == [1, new], "letter 2, untouched since 2020, is left out"
    assert [len(letter["versions"]) for letter in document["letters"]] == [3, 1], "a selected letter has all its versions"
    assert [c.get("said") for c in document["checkIns"]] == ["quiet today"]
    assert document["notifications"] == document["selfChecks"] == document["criticProfile"] == []
    assert not [p for p in document["prompts"] if p["kind"] == "write"], "the 2020 invitation is older than --since"
    everything = export_json(daemon)
    assert len(everything["letters"]) == 3 and len(everything["checkIns"]) == 3


def test_check_ins_are_in_json_by_default_and_in_markdown_only_when_asked(daemon):
    write(daemon, "Dear me, a letter to read.")
    call(daemon, "LogCheckIn", intensity=6, said="you wasted the whole day")
    plain = succeeded(letterctl(daemon, "export")).stdout.decode()
    assert "a letter to read" in plain
    assert "wasted the whole day" not in plain and "Check-ins" not in plain
    with_check_ins = succeeded(letterctl(daemon, "export", "--with-check-ins")).stdout.decode()
    assert "## Check-ins with the critic" in with_check_ins and "wasted the whole day" in with_check_ins
    assert [c["said"] for c in export_json(daemon)["checkIns"]] == ["you wasted the whole day"]
    assert export_json(daemon, "--no-with-check-ins")["checkIns"] == []
    html = succeeded(letterctl(daemon, "export", "--format", "html")).stdout.decode()
    assert "a letter to read" in html and "wasted the whole day" not in html
    assert leftovers(daemon) == []


def test_output_file_is_never_overwritten_without_force(daemon, tmp_path):
    write(daemon, "Dear me, worth keeping.")
    target = tmp_path / "letters.md"
    target.write_text("my own notes, not an export\n")
    process = letterctl(daemon, "export", "-o", str(target))
    assert process.returncode == EXIT_USAGE
    assert process.stderr.decode() == f"letterctl: {target} already exists; pass --force to write over it\n"
    assert target.read_text() == "my own notes, not an export\n", "the file is left untouched"

    process = succeeded(letterctl(daemon, "export", "-o", str(target), "--force"))
    assert process.stderr.decode() == f"Wrote 1 letter to {target}.\n"
    assert "worth keeping" in target.read_text() and "my own notes" not in target.read_text()
    assert sorted(os.listdir(tmp_path)) == ["letters.md"], "no .partial file is left beside it"
    assert leftovers(daemon) == []


def test_output_format_follows_the_file_ending(daemon, tmp_path):
    write(daemon, "Dear me, in three formats.")
    for name in ("out.json", "out.html", "OUT.HTML", "out.md", "out.txt", "relative.json"):
        succeeded(letterctl(daemon, "export", "-o", str(tmp_path / name) if name != "relative.json" else name))
    assert json.loads((tmp_path / "out.json").read_text())["format"] == "letterd-export"
    assert json.loads((daemon.tmp / "relative.json").read_text())["letters"][0]["versions"][0]["text"] == "Dear me, in three formats."
    for name in ("out.html", "OUT.HTML"):
        html = (tmp_path / name).read_text()
        assert html.lstrip().lower().startswith("<!doctype html") and "in three formats" in html
    for name in ("out.md", "out.txt"):
        markdown = (tmp_path / name).read_text()
        assert "<html" not in markdown.lower() and not markdown.lstrip().startswith("{") and "in three formats" in markdown
    forced = tmp_path / "forced.json"
    succeeded(letterctl(daemon, "export", "--format", "markdown", "-o", str(forced)))
    assert not forced.read_text().lstrip().startswith("{"), "--format wins over the ending"
    assert leftovers(daemon) == []


# --- bugs these tests found (fixed; kept as regressions) ------------------------------------------


def test_a_carriage_return_letterd_accepted_can_be_imported(daemon, second, tmp_path):
    letter = write(daemon, "Dear me,\r\nwritten on Windows.")
    call(daemon, "RecordReread", id=letter["id"], rating="helped", noticed="calm\r\nquiet")
    call(daemon, "SaveCriticProfile", answers={"targets": "work\r\nhome"})
    path = tmp_path / "crlf.json"
    path.write_bytes(export_raw(daemon))
    process = letterctl(second, "import", str(path))
    assert process.returncode == 0, process.stderr.decode()


def test_c1_controls_are_refused_in_every_imported_field(daemon, tmp_path):
    assert_error(daemon.call("SaveCriticProfile", {"answers": {"targets": "a\u009b2Jb"}}),
                 "org.varlink.service.InvalidParameter", parameter="targets")
    document = hand_made()
    document["letters"][0]["rereads"][0]["noticed"] = "a\u009b2J\u007fb"
    path = tmp_path / "c1.json"
    path.write_bytes(as_bytes(document))
    process = letterctl(daemon, "import", str(path))
    assert process.returncode == EXIT_DATA and "letters[0].rereads[0].noticed" in process.stderr.decode()


def test_the_rereads_of_new_letters_are_counted(daemon, tmp_path):
    (tmp_path / "good.json").write_bytes(as_bytes(hand_made()))
    assert import_summary(daemon, tmp_path / "good.json")["rereads"] == 1


def test_an_imported_id_cannot_use_up_the_ids(second, tmp_path):
    document = hand_made()
    document["letters"][1]["id"] = document["checkIns"][1]["id"] = 2**63 - 1
    path = tmp_path / "top.json"
    path.write_bytes(as_bytes(document))
    letterctl(second, "import", str(path))  # refused or renumbered: either way letterd must still write
    assert "error" not in second.call("WriteLetter", {"text": "Dear me, after the import."}), second.log()
    assert "error" not in second.call("LogCheckIn", {"intensity": 2}) and "problem" not in second.status()


def test_imported_settings_cannot_break_the_schedule(second, tmp_path):
    document = hand_made()
    document["settings"] = [{"key": "pausedUntil", "value": "next tuesday"}]
    path = tmp_path / "settings.json"
    path.write_bytes(as_bytes(document))
    letterctl(second, "import", str(path))  # refused, or the value ignored: either way the schedule still reads
    for name, parameters in (("ListDue", {}), ("GetSchedule", {})):
        assert "error" not in second.call(name, parameters), name
