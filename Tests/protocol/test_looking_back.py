"""Looking back, driven by the `varlink` client from PyPI: GetStats (its shape is a stable
schema, checked key by key), the critic's profile with its versions, and the self-check.
"""

from __future__ import annotations

import pytest
import varlink

from conftest import INTERFACE
from test_varlink_client import parse_time, raises_varlink

# The JSON schema of a Stats reply: these keys, these types, nothing else. A change here is a
# change to the interface and needs the interface file changed with it.
DAY_KEYS = {"date", "checkIns", "lettersWritten", "rereads", "rereadsHelped", "rereadsSomewhat", "rereadsDidNotHelp"}
STATS_KEYS = {"timeZone", "days", "triggers", "styles", "ratings", "selfChecks", "quietingRereads", "believabilityRereads"}


@pytest.fixture
def letters(daemon):
    with varlink.Client(address=daemon.address) as client, client.open(INTERFACE) as connection:
        yield connection


def test_stats_have_a_stable_shape(letters):
    letter = letters.WriteLetter(text="Dear you, the week was long.", about="the week")["letter"]
    letters.LogCheckIn(intensity=6, said="you should rest less", trigger="fear")
    letters.LogCheckIn(intensity=4, said="what an idiot")
    letters.RecordReread(id=letter["id"], rating="somewhat")
    stats = letters.GetStats()["stats"]
    assert set(stats) - {"intensityTrend", "quieting", "believability"} == STATS_KEYS
    assert len(stats["days"]) == 28
    for day in stats["days"]:
        assert set(day) - {"meanIntensity"} == DAY_KEYS
        assert all(isinstance(day[key], int) for key in DAY_KEYS - {"date"})
    today = stats["days"][-1]
    assert (today["checkIns"], today["meanIntensity"], today["lettersWritten"]) == (2, 5.0, 1)
    assert (today["rereads"], today["rereadsSomewhat"]) == (1, 1)
    assert stats["triggers"] == [
        {"key": "disappointment", "count": 0}, {"key": "loss", "count": 0}, {"key": "fear", "count": 1}, {"key": "other", "count": 0}]
    assert [s["key"] for s in stats["styles"]] == ["labeling", "shouldStatement", "overgeneralising"]
    assert [s["count"] for s in stats["styles"]] == [1, 1, 0]
    assert [r["count"] for r in stats["ratings"]] == [0, 1, 0, 0]
    assert "intensityTrend" not in stats, "no check-ins in the earlier half"
    assert letters.GetStats(days=7)["stats"]["days"][-1]["date"] == today["date"]


@pytest.mark.parametrize("days", [0, 6, 367, -1])
def test_stats_refuse_days_out_of_range(letters, days):
    error = raises_varlink(letters.GetStats, days=days)
    assert error.error() == "org.varlink.service.InvalidParameter"
    assert error.parameters()["parameter"] == "days"


def test_the_critic_profile_keeps_every_version(letters):
    assert "profile" not in letters.GetCriticProfile()
    first = letters.SaveCriticProfile(answers={"targets": "my work", "says": "lazy"})["profile"]
    assert first["version"] == 1 and first["answers"] == {"targets": "my work", "says": "lazy"}
    same = letters.SaveCriticProfile(answers={"targets": "my work", "says": "lazy"})["profile"]
    assert same == first, "the same answers save nothing new"
    second = letters.SaveCriticProfile(answers={"targets": "my work", "sounds": "like my old coach"})["profile"]
    assert second["version"] == 2
    reply = letters.GetCriticProfile(withVersions=True)
    assert reply["profile"] == second
    assert reply["versions"] == [first, second]
    parse_time(second["at"])


def test_the_self_check_scores_and_declines(letters):
    check = letters.GetSelfCheck()
    assert check["version"] == 2
    assert len(check["statements"]) == 14
    assert check["scores"] == []
    assert check["invited"] is False, "not in the first week"
    score = letters.RecordSelfCheck(answers=[True] * 5 + [False] * 9)["score"]
    assert (score["score"], score["outOf"], score["version"]) == (5, 14, 2)
    assert letters.GetSelfCheck()["scores"] == [score]
    assert letters.GetStats()["stats"]["selfChecks"] == [score]
    letters.DeclineSelfCheck()
    assert letters.GetSelfCheck()["scores"] == [score], "declining is not a score"
    assert letters.ListDue()["selfCheckInvited"] is False

    error = raises_varlink(letters.RecordSelfCheck, answers=[True, False])
    assert error.error() == "org.varlink.service.InvalidParameter"
    assert error.parameters()["parameter"] == "answers"
