"""letterd as seen by a Varlink client we did not write: the `varlink` package from PyPI.

Proves that a third-party client can discover the service (`varlink.cli info`), fetch and parse
its interface description (which is byte-identical to the .varlink file in the repository),
call every io.letterd.Letters method with the replies the interface promises, and receive
every documented error as a proper varlink.VarlinkError carrying the right name and parameters.

The Python client checks parameter types itself and silently drops keyword arguments the
interface does not define, so calls that must reach the daemon malformed (a wrong type, a
misspelt field, an unknown method) are sent with the client's own message path
(`_send_message` / `_next_varlink_message`, as `varlink.cli call` does), and the tests check
the reply came from the daemon rather than from the client.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest
import varlink

from conftest import INTERFACE

REPO = Path(__file__).resolve().parents[2]
INTERFACE_FILE = REPO / "Sources" / "LetterProtocol" / "io.letterd.Letters.varlink"
TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$")


def parse_time(text: str) -> datetime:
    assert TIME.match(text), f"not an ISO 8601 UTC time with milliseconds: {text!r}"
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)


def cli(*args: str, timeout: float = 30) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "varlink.cli", *args],
        capture_output=True, text=True, timeout=timeout,
    )


@pytest.fixture
def client(daemon):
    with varlink.Client(address=daemon.address) as instance:
        yield instance


@pytest.fixture
def letters(client):
    """An io.letterd.Letters handle from the Python client (it fetched and parsed the interface)."""
    with client.open(INTERFACE) as connection:
        yield connection


def send_unchecked(connection, full_method: str, parameters: dict | None = None) -> dict:
    """A call the Python client does not check against the interface first (as `varlink.cli call`)."""
    message = {"method": full_method}
    if parameters is not None:
        message["parameters"] = parameters
    connection._send_message(json.dumps(message).encode("utf-8"))
    reply, _continues = connection._next_varlink_message()
    return reply


def without_time(check_in: dict) -> dict:
    """A check-in without its time (see test_letters.py for the time's own round-trip test)."""
    return {key: value for key, value in check_in.items() if key != "at"}


def raises_varlink(call, *args, **kwargs) -> varlink.VarlinkError:
    with pytest.raises(varlink.VarlinkError) as caught:
        call(*args, **kwargs)
    return caught.value


# --- discovery -------------------------------------------------------------------------------


def test_cli_info_names_vendor_product_and_interfaces(daemon):
    run = cli("info", daemon.address)
    assert run.returncode == 0, run.stderr
    lines = run.stdout.splitlines()
    assert "Vendor: letterd" in lines
    assert "Product: letterd" in lines
    assert any(re.fullmatch(r"Version: \d+\.\d+\.\d+\S*", line) for line in lines), run.stdout
    interfaces = [line.strip() for line in lines[lines.index("Interfaces:") + 1:]]
    assert sorted(interfaces) == [INTERFACE, "org.varlink.service"]


def test_cli_help_prints_the_interface_description(daemon):
    run = cli("help", f"{daemon.address}/{INTERFACE}")
    assert run.returncode == 0, run.stderr
    # `print` adds one line feed after the description.
    assert run.stdout == INTERFACE_FILE.read_text(encoding="utf-8") + "\n"


def test_interface_description_is_byte_identical_to_the_repository_file(client):
    with client.open("org.varlink.service") as service:
        description = service.GetInterfaceDescription(interface=INTERFACE)["description"]
    assert description.encode("utf-8") == INTERFACE_FILE.read_bytes()


def test_get_info_through_the_api(client):
    with client.open("org.varlink.service") as service:
        info = service.GetInfo()
    assert info["vendor"] == "letterd"
    assert info["product"] == "letterd"
    assert info["url"]
    assert sorted(info["interfaces"]) == [INTERFACE, "org.varlink.service"]


def test_client_parses_the_interface_and_exposes_every_method(letters):
    expected = {
        "WriteLetter", "ReviseLetter", "GetLetter", "ListLetters", "DeleteLetter",
        "LogCheckIn", "ListCheckIns", "Search", "GetStatus",
    }
    assert expected <= {name for name in dir(letters) if name[:1].isupper()}


# --- every method, through the client's API --------------------------------------------------


def test_write_then_get_returns_the_same_letter(letters):
    written = letters.WriteLetter(
        text="Dear me, you did what you could with what you knew.",
        about="snapping at my sister", perspective="a wise, kind friend", warmth=6,
        tags=["family", "anger"],
    )["letter"]
    assert written["id"] >= 1
    assert written["version"] == 1
    assert written["about"] == "snapping at my sister"
    assert written["perspective"] == "a wise, kind friend"
    assert written["warmth"] == 6
    assert written["tags"] == ["anger", "family"]
    assert written["createdAt"] == written["updatedAt"]
    created = parse_time(written["createdAt"])
    assert abs((datetime.now(timezone.utc) - created).total_seconds()) < 60

    got = letters.GetLetter(id=written["id"])
    assert got == {"letter": written}, "without withVersions there must be no versions"


def test_revise_adds_version_2_carrying_about_and_perspective_but_not_warmth(letters):
    first = letters.WriteLetter(
        text="First try.", about="the exam", perspective="my compassionate self", warmth=4,
    )["letter"]
    revised = letters.ReviseLetter(id=first["id"], text="Second, kinder try.")["letter"]
    assert revised["id"] == first["id"]
    assert revised["version"] == 2
    assert revised["text"] == "Second, kinder try."
    assert revised["about"] == "the exam"
    assert revised["perspective"] == "my compassionate self"
    assert "warmth" not in revised, "warmth belongs to each version and must not carry over"
    assert revised["createdAt"] == first["createdAt"]
    assert parse_time(revised["updatedAt"]) >= parse_time(first["updatedAt"])

    third = letters.ReviseLetter(id=first["id"], text="Third.", about="the retake", warmth=9)["letter"]
    assert (third["version"], third["about"], third["perspective"], third["warmth"]) == (
        3, "the retake", "my compassionate self", 9)


def test_get_with_versions_lists_every_version_oldest_first_unchanged(letters):
    letter_id = letters.WriteLetter(text="Version one text.", about="work", warmth=3)["letter"]["id"]
    letters.ReviseLetter(id=letter_id, text="Version two text.", warmth=8)

    reply = letters.GetLetter(id=letter_id, withVersions=True)
    assert reply["letter"]["version"] == 2
    assert reply["letter"]["text"] == "Version two text."
    versions = reply["versions"]
    assert [v["number"] for v in versions] == [1, 2]
    assert versions[0]["text"] == "Version one text."
    assert versions[0]["warmth"] == 3
    assert versions[0]["about"] == "work"
    assert versions[1]["text"] == "Version two text."
    assert versions[1]["warmth"] == 8
    assert versions[1]["about"] == "work"
    assert parse_time(versions[0]["createdAt"]) <= parse_time(versions[1]["createdAt"])
    assert versions[1]["createdAt"] == reply["letter"]["updatedAt"]

    assert "versions" not in letters.GetLetter(id=letter_id, withVersions=False)


def test_list_letters_newest_first_and_pages_with_before(letters):
    ids = [letters.WriteLetter(text=f"Letter number {n}.")["letter"]["id"] for n in range(5)]
    assert ids == sorted(ids)
    newest_first = list(reversed(ids))

    everything = letters.ListLetters()["letters"]
    assert [s["id"] for s in everything] == newest_first
    assert everything[0]["excerpt"] == "Letter number 4."

    seen = []
    before = None
    while True:
        page = letters.ListLetters(limit=2, before=before)["letters"]
        if not page:
            break
        assert len(page) <= 2
        seen += [s["id"] for s in page]
        before = page[-1]["id"]
    assert seen == newest_first


def test_log_and_list_check_ins_newest_first_with_paging(letters):
    logged = [
        letters.LogCheckIn(intensity=n, said=f"said {n}", trigger=trigger, about="the meeting")["checkIn"]
        for n, trigger in zip(range(4), ["disappointment", "loss", "fear", "other"])
    ]
    for n, check_in in enumerate(logged):
        assert check_in["intensity"] == n
        assert check_in["said"] == f"said {n}"
        assert check_in["about"] == "the meeting"
        parse_time(check_in["at"])
    assert [c["trigger"] for c in logged] == ["disappointment", "loss", "fear", "other"]

    listed = letters.ListCheckIns()["checkIns"]
    assert [without_time(c) for c in listed] == [without_time(c) for c in reversed(logged)]
    page = letters.ListCheckIns(limit=3, before=logged[-1]["id"])["checkIns"]
    assert [c["id"] for c in page] == [logged[2]["id"], logged[1]["id"], logged[0]["id"]]

    minimal = letters.LogCheckIn(intensity=0)["checkIn"]
    assert set(minimal) == {"id", "at", "intensity", "tags", "styles", "readingCorrected"}
    assert (minimal["tags"], minimal["styles"], minimal["readingCorrected"]) == ([], [], False)


def test_search_ranks_a_strong_match_above_a_weak_one_and_finds_check_ins(letters):
    weak = letters.WriteLetter(
        text="A long day at the office. Meetings, emails, a walk in the park, dinner, "
             "a phone call with an old friend, and somewhere in between I thought about the exam.",
    )["letter"]["id"]
    strong = letters.WriteLetter(
        text="The exam went badly. Failing one exam does not make me a failure.",
        about="the exam I failed",
    )["letter"]["id"]
    check_in = letters.LogCheckIn(intensity=8, said="You will fail every exam", trigger="fear")["checkIn"]["id"]
    letters.WriteLetter(text="Nothing to do with tests at all.")

    hits = letters.Search(query="exam")["hits"]
    found = {(h["kind"], h["id"]) for h in hits}
    assert found == {("letter", weak), ("letter", strong), ("checkIn", check_in)}
    ranks = [h["rank"] for h in hits]
    assert ranks == sorted(ranks), "hits must come best (lowest rank) first"
    rank = {(h["kind"], h["id"]): h["rank"] for h in hits}
    assert rank[("letter", strong)] < rank[("letter", weak)]
    assert hits[0]["kind"] == "letter" and hits[0]["id"] == strong
    assert all(h["snippet"] for h in hits)

    # Every word must match.
    both = letters.Search(query="exam failure")["hits"]
    assert [(h["kind"], h["id"]) for h in both] == [("letter", strong)]
    assert letters.Search(query="exam", limit=1)["hits"] == hits[:1]
    assert letters.Search(query="zebra")["hits"] == []


def test_search_sees_only_the_latest_version_and_no_deleted_letters(letters):
    letter_id = letters.WriteLetter(text="I was so clumsy with the teapot.")["letter"]["id"]
    assert [h["id"] for h in letters.Search(query="teapot")["hits"]] == [letter_id]
    letters.ReviseLetter(id=letter_id, text="Breaking a cup is not a crime.")
    assert letters.Search(query="teapot")["hits"] == []
    assert [h["id"] for h in letters.Search(query="cup")["hits"]] == [letter_id]
    letters.DeleteLetter(id=letter_id)
    assert letters.Search(query="cup")["hits"] == []


def test_delete_then_get_raises_letter_not_found(letters):
    keep = letters.WriteLetter(text="Keep me.")["letter"]["id"]
    gone = letters.WriteLetter(text="Delete me.")["letter"]["id"]
    letters.ReviseLetter(id=gone, text="Delete me, revised.")

    assert letters.DeleteLetter(id=gone) == {}
    error = raises_varlink(letters.GetLetter, id=gone)
    assert error.error() == f"{INTERFACE}.LetterNotFound"
    assert error.parameters() == {"id": gone}
    error = raises_varlink(letters.DeleteLetter, id=gone)
    assert error.error() == f"{INTERFACE}.LetterNotFound"
    error = raises_varlink(letters.ReviseLetter, id=gone, text="Too late.")
    assert error.error() == f"{INTERFACE}.LetterNotFound"
    assert error.parameters() == {"id": gone}

    assert [s["id"] for s in letters.ListLetters()["letters"]] == [keep]
    assert letters.GetLetter(id=keep)["letter"]["text"] == "Keep me."


def test_status_counts_letters_versions_and_check_ins(letters, daemon):
    status = letters.GetStatus()["status"]
    assert (status["letters"], status["versions"], status["checkIns"]) == (0, 0, 0)
    assert status["databasePath"] == str(daemon.data / "letterd" / "letterd.sqlite3")
    parse_time(status["startedAt"])

    a = letters.WriteLetter(text="A.")["letter"]["id"]
    letters.WriteLetter(text="B.")
    letters.ReviseLetter(id=a, text="A2.")
    letters.ReviseLetter(id=a, text="A3.")
    letters.LogCheckIn(intensity=2)
    status = letters.GetStatus()["status"]
    assert (status["letters"], status["versions"], status["checkIns"]) == (2, 4, 1)

    letters.DeleteLetter(id=a)
    status = letters.GetStatus()["status"]
    assert (status["letters"], status["versions"], status["checkIns"]) == (1, 1, 1)


# --- errors, as the client sees them ---------------------------------------------------------


def test_letter_not_found_carries_the_id(letters):
    error = raises_varlink(letters.GetLetter, id=424242)
    assert error.error() == f"{INTERFACE}.LetterNotFound"
    assert error.parameters() == {"id": 424242}


@pytest.mark.parametrize(
    ("call", "kwargs", "parameter"),
    [
        ("LogCheckIn", {"intensity": 11}, "intensity"),
        ("LogCheckIn", {"intensity": -1}, "intensity"),
        ("WriteLetter", {"text": "Kind words.", "warmth": -1}, "warmth"),
        ("WriteLetter", {"text": "Kind words.", "warmth": 11}, "warmth"),
        ("WriteLetter", {"text": ""}, "text"),
        ("WriteLetter", {"text": " \n\t "}, "text"),
        ("WriteLetter", {"text": "Kind words.", "tags": ["two words"]}, "tags"),
        ("ListLetters", {"limit": 0}, "limit"),
        ("ListCheckIns", {"limit": 1001}, "limit"),
        ("Search", {"query": "kind", "limit": 0}, "limit"),
    ],
)
def test_out_of_range_values_raise_invalid_parameter(letters, call, kwargs, parameter):
    error = raises_varlink(getattr(letters, call), **kwargs)
    assert isinstance(error, varlink.InvalidParameter)
    assert error.error() == "org.varlink.service.InvalidParameter"
    assert error.parameters()["parameter"] == parameter
    assert letters.GetStatus()["status"]["letters"] == 0
    assert letters.GetStatus()["status"]["checkIns"] == 0


@pytest.mark.parametrize(
    ("full_method", "parameters", "parameter"),
    [
        (f"{INTERFACE}.WriteLetter", {"text": 5}, "text"),
        (f"{INTERFACE}.WriteLetter", {"text": "Kind words.", "warmt": 5}, "warmt"),
        (f"{INTERFACE}.WriteLetter", {}, "text"),
        (f"{INTERFACE}.LogCheckIn", {"intensity": "5"}, "intensity"),
        (f"{INTERFACE}.LogCheckIn", {"intensity": 3, "trigger": "boredom"}, "trigger"),
        (f"{INTERFACE}.GetLetter", {"id": 1, "withVersions": "yes"}, "withVersions"),
        (f"{INTERFACE}.GetStatus", {"verbose": True}, "verbose"),
    ],
)
def test_wrong_types_and_unknown_fields_raise_invalid_parameter(letters, full_method, parameters, parameter):
    error = raises_varlink(send_unchecked, letters, full_method, parameters)
    assert error.error() == "org.varlink.service.InvalidParameter"
    # The client's own checks would name "client.call.<field>"; this came from the daemon.
    assert error.parameters()["parameter"] == parameter
    status = letters.GetStatus()["status"]
    assert (status["letters"], status["checkIns"]) == (0, 0)


def test_unknown_method_raises_method_not_found_with_the_full_name(letters):
    error = raises_varlink(send_unchecked, letters, f"{INTERFACE}.WriteLetters", {"text": "x"})
    assert error.error() == "org.varlink.service.MethodNotFound"
    assert error.parameters() == {"method": f"{INTERFACE}.WriteLetters"}


def test_unknown_interface_raises_interface_not_found(client, letters):
    error = raises_varlink(send_unchecked, letters, "org.example.Nope.Foo", {})
    assert error.error() == "org.varlink.service.InterfaceNotFound"
    assert error.parameters() == {"interface": "org.example.Nope"}

    error = raises_varlink(client.open, "org.example.Nope")
    assert isinstance(error, varlink.InterfaceNotFound)
    assert error.parameters() == {"interface": "org.example.Nope"}

    with client.open("org.varlink.service") as service:
        error = raises_varlink(service.GetInterfaceDescription, interface="io.letterd.Letter")
    assert error.error() == "org.varlink.service.InterfaceNotFound"
    assert error.parameters() == {"interface": "io.letterd.Letter"}


def test_connection_keeps_working_after_errors(letters):
    raises_varlink(letters.GetLetter, id=1)
    raises_varlink(letters.LogCheckIn, intensity=99)
    raises_varlink(send_unchecked, letters, f"{INTERFACE}.Nope", {})
    assert letters.LogCheckIn(intensity=1)["checkIn"]["intensity"] == 1


# --- varlink.cli call ------------------------------------------------------------------------


def test_cli_call_log_check_in(daemon, letters):
    run = cli("call", f"{daemon.address}/{INTERFACE}.LogCheckIn", '{"intensity": 5, "said": "lazy"}')
    assert run.returncode == 0, run.stderr
    assert run.stderr == ""
    check_in = json.loads(run.stdout)["checkIn"]
    assert check_in["intensity"] == 5
    assert check_in["said"] == "lazy"
    assert [without_time(c) for c in letters.ListCheckIns()["checkIns"]] == [without_time(check_in)]


def test_cli_call_reports_the_daemon_error(daemon, letters):
    run = cli("call", f"{daemon.address}/{INTERFACE}.LogCheckIn", '{"intensity": 11}')
    # varlink.cli prints the error on stderr and still exits 0.
    assert "org.varlink.service.InvalidParameter" in run.stderr
    assert "intensity" in run.stderr
    assert run.stdout == ""
    assert letters.ListCheckIns()["checkIns"] == []
