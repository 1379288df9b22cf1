"""Check-ins that answer with a letter, driven by the `varlink` client from PyPI: the chosen
letter and its reason, the reread prompt it offers, what was recognised in the critic's words
and its correction, the filters of ListCheckIns, and the invitation to write a new letter after
a loud stretch.
"""

from __future__ import annotations

import pytest
import varlink

from conftest import INTERFACE
from test_varlink_client import parse_time, raises_varlink


@pytest.fixture
def letters(daemon):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as connection:
        yield connection


def write(letters, text, about=None, tags=None):
    return letters.WriteLetter(text=text, about=about, tags=tags or [])["letter"]


def test_with_no_letters_the_reply_has_none_to_offer(letters):
    reply = letters.LogCheckIn(intensity=4, said="you are so lazy")
    # Absent optional fields are left out of the reply, as Varlink allows.
    assert "chosen" not in reply and "offeredPromptId" not in reply and "invitation" not in reply
    check_in = reply["checkIn"]
    assert check_in["styles"] == ["labeling"]
    assert check_in["voice"] == "secondPerson"
    assert check_in["tags"] == []
    assert check_in["readingCorrected"] is False


def test_a_check_in_chooses_the_letter_about_its_theme_and_offers_it_now(letters):
    work = write(letters, "Dear you, the report was late and you still did careful work.", about="the late report", tags=["work"])
    write(letters, "Dear you, the argument with your sister hurt, and you both love each other.", about="my sister", tags=["family"])
    reply = letters.LogCheckIn(intensity=6, said="I'm useless, the report is late again", tags=["work"], trigger="fear")
    chosen = reply["chosen"]
    assert chosen["letterId"] == work["id"]
    assert chosen["fitsTheme"] is True
    assert chosen["reason"].startswith("You wrote it about “the late report”")
    assert "lastRating" not in chosen
    offered = reply["offeredPromptId"]
    due = letters.ListDue()["prompts"]
    assert [(p["id"], p["letterId"], p["kind"], p["reason"]) for p in due] == [(offered, work["id"], "reread", "criticReturned")]

    # The same letter chosen again while its reread waits: no second prompt.
    again = letters.LogCheckIn(intensity=5, said="the report, again", tags=["work"])
    assert again["chosen"]["letterId"] == work["id"]
    assert "offeredPromptId" not in again
    assert len(letters.ListDue()["prompts"]) == 1

    # Reading it closes the offer.
    letters.RecordReread(id=work["id"], rating="helped")
    assert letters.ListDue()["prompts"] == []


def test_reread_now_chooses_without_offering_a_prompt(letters):
    letter = write(letters, "Dear you, exams are hard and you prepared as well as you could.", about="the exam")
    reply = letters.LogCheckIn(intensity=5, said="you'll fail the exam", rereadNow=True)
    assert reply["chosen"]["letterId"] == letter["id"]
    assert "offeredPromptId" not in reply
    assert letters.ListDue()["prompts"] == []


def test_what_was_recognised_can_be_corrected(letters):
    check_in = letters.LogCheckIn(intensity=7, said="I should have known, I always get this wrong")["checkIn"]
    assert check_in["styles"] == ["shouldStatement", "overgeneralising"]
    assert check_in["voice"] == "firstPerson"
    corrected = letters.CorrectCheckIn(id=check_in["id"], styles=["labeling"], voice="unclear")["checkIn"]
    assert corrected["styles"] == ["labeling"]
    assert "voice" not in corrected
    assert corrected["readingCorrected"] is True
    assert letters.ListCheckIns(limit=1)["checkIns"][0] == corrected
    error = raises_varlink(letters.CorrectCheckIn, id=999, styles=[])
    assert error.error() == "io.letterd.Letters.CheckInNotFound"
    assert error.parameters() == {"id": 999}


def test_check_ins_filter_by_trigger_style_about_tag_and_time(letters):
    first = letters.LogCheckIn(intensity=5, said="you never finish anything", trigger="disappointment", about="The garden")["checkIn"]
    second = letters.LogCheckIn(intensity=6, said="what a loser", trigger="fear", tags=["work"])["checkIn"]

    def ids(**filters):
        return [c["id"] for c in letters.ListCheckIns(**filters)["checkIns"]]

    assert ids() == [second["id"], first["id"]]
    assert ids(trigger="fear") == [second["id"]]
    assert ids(style="overgeneralising") == [first["id"]]
    assert ids(style="labeling") == [second["id"]]
    assert ids(about="garden") == [first["id"]]
    assert ids(tag="work") == [second["id"]]
    assert ids(since=first["at"]) == [second["id"], first["id"]]
    assert ids(since="2999-01-01T00:00:00.000Z") == []
    assert ids(since="2020-01-01T00:00:00Z") == [second["id"], first["id"]], "seconds without milliseconds are accepted"


@pytest.mark.parametrize("parameters, field", [
    ({"since": "yesterday"}, "since"),
    ({"style": "sarcasm"}, "style"),
    ({"trigger": "boredom"}, "trigger"),
    ({"about": "x" * 1001}, "about"),
])
def test_bad_filters_name_the_parameter(letters, parameters, field):
    error = raises_varlink(letters.ListCheckIns, **parameters)
    assert error.error() == "org.varlink.service.InvalidParameter"
    assert error.parameters()["parameter"] == field


def test_bad_check_in_tags_are_refused_with_nothing_stored(letters):
    error = raises_varlink(letters.LogCheckIn, intensity=3, tags=["two words"])
    assert error.error() == "org.varlink.service.InvalidParameter"
    assert error.parameters()["parameter"] == "tags"
    assert letters.ListCheckIns()["checkIns"] == []


def test_a_loud_stretch_invites_a_new_letter_once_and_writing_answers_it(letters):
    write(letters, "Dear you, your body carried you through a hard year.", about="my body")
    replies = [letters.LogCheckIn(intensity=5, said="you ruined the dinner party", about="the dinner party") for _ in range(4)]
    invitations = [reply.get("invitation") for reply in replies]
    assert invitations[:2] == [None, None], "two check-ins in a day are not yet a loud stretch"
    invitation = invitations[2]
    assert invitation["kind"] == "write" and invitation["reason"] == "criticLoud"
    assert "letterId" not in invitation
    assert invitation["about"] == "the dinner party"
    assert invitations[3] is None, "once per stretch"
    due = letters.ListDue()["prompts"]
    assert [p["kind"] for p in due] == ["write"]

    write(letters, "Dear you, one dinner does not define you as a host or a friend.", about="the dinner party")
    assert [p for p in letters.ListDue(all=True)["prompts"] if p["kind"] == "write"] == []


def test_an_invitation_can_be_declined(letters):
    reply = letters.LogCheckIn(intensity=9, said="nobody likes you")
    assert reply["invitation"]["kind"] == "write"
    assert letters.DeclineInvitation() == {"declined": 1}
    assert letters.DeclineInvitation() == {"declined": 0}
    assert letters.ListDue()["prompts"] == []


def test_reflections_wait_for_the_next_day(letters):
    letter = write(letters, "Dear you, however hard it was, you should rest.", about="rest")
    reply = letters.ReflectOnLetter(id=letter["id"])
    assert reply["enabled"] is True and reply["version"] == 1
    assert reply["notes"] == [] and reply["qualities"] == [], "nothing of the critique at writing time"
    assert parse_time(reply["availableFrom"]) > parse_time(letter["createdAt"])
    error = raises_varlink(letters.ReflectOnLetter, id=999)
    assert error.error() == "io.letterd.Letters.LetterNotFound"
