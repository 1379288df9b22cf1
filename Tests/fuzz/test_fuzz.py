"""The fuzzer in CI: a bounded, seeded run against a private letterd, every saved regression
replayed, and checks that the fuzzer itself parses, predicts and saves what it should.

FUZZ_SEED (default 20261123) and FUZZ_ITERATIONS (default 3000, about 40 s on two cores with a
debug build) choose the run; `make fuzz` runs the same engine for longer from the command line.
"""

from __future__ import annotations

import json
import os
import random
import re

import pytest

from fuzz_protocol import (
    INTERFACE_FILE, LETTERS, REGRESSIONS, SERVICE, DaemonTarget, Fuzzer, escape, frames,
    load_regression, parse_interface, predict, rss_bound_kib, unescape,
)

FUZZ_SEED = os.environ.get("FUZZ_SEED", "20261123")
FUZZ_ITERATIONS = int(os.environ.get("FUZZ_ITERATIONS", "3000"))
REGRESSION_FILES = sorted(REGRESSIONS.glob("*.json"))


CI_CASES = {"oversize", "abort", "keep", "half-close"}
# Regressions for bugs still open: an expected failure each, strict, so a fix is noticed.
KNOWN_BUGS: dict[str, str] = {}


def test_bounded_fuzz_run(daemon):
    stats = Fuzzer(DaemonTarget(daemon), FUZZ_SEED, allow=CI_CASES).run(iterations=FUZZ_ITERATIONS)
    print(stats.summary())
    assert not stats.failures, stats.summary()
    assert stats.iterations == FUZZ_ITERATIONS
    # The run reached the paths it is meant to: refusals of each kind, and real work.
    assert stats.messages >= FUZZ_ITERATIONS, stats.summary()
    for reply in ("(parameters)", f"{LETTERS}.InvalidRequest", f"{SERVICE}.InvalidParameter",
                  f"{SERVICE}.MethodNotFound", f"{SERVICE}.InterfaceNotFound"):
        assert stats.replies[reply] > 0, f"no {reply} reply in the run:\n{stats.summary()}"
    assert stats.health_checks >= FUZZ_ITERATIONS // 25
    if FUZZ_ITERATIONS >= 1000:
        assert stats.oversize > 0 and set(stats.closes) == {"keep", "abort", "half-close"}, stats.summary()
    assert stats.rss_max <= rss_bound_kib(stats.rss_start)


def test_regression_folder_holds_cases():
    # The replay below must have something to replay, or a broken glob would pass silently.
    assert len(REGRESSION_FILES) >= 2, f"expected saved cases in {REGRESSIONS}"
    for path in REGRESSION_FILES:
        case = load_regression(path)
        assert case.writes and case.close in ("keep", "half-close", "abort"), path


@pytest.mark.parametrize("path", [
    pytest.param(path, marks=pytest.mark.xfail(reason=KNOWN_BUGS[path.stem], strict=True))
    if path.stem in KNOWN_BUGS else path
    for path in REGRESSION_FILES], ids=lambda path: path.stem)
def test_regression_replays_cleanly(daemon, path):
    stats = Fuzzer(DaemonTarget(daemon), f"replay {path.name}", save_dir=None, name="replay").replay(path)
    assert not stats.failures, "\n".join(stats.failures)
    assert stats.health_checks == 1


class SwellingTarget(DaemonTarget):
    """The real daemon, but its RSS reads as far over the bound from the `after`-th reading on:
    a failure the oracle must catch, save and, on replay, catch again."""

    def __init__(self, daemon, after: int):
        super().__init__(daemon)
        self.readings = 0
        self.after = after

    def rss_kib(self):
        self.readings += 1
        real = super().rss_kib()
        return real * 100 if self.readings > self.after else real


def test_a_failure_is_saved_and_its_replay_fails_the_same_way(daemon, tmp_path):
    # No half-closing cases: this test is about the fuzzer, not about that daemon behaviour.
    fuzzer = Fuzzer(SwellingTarget(daemon, after=6), "swell", save_dir=tmp_path, allow={"abort"})
    stats = fuzzer.run(iterations=50)
    assert stats.iterations == 6 and len(stats.failures) == 1, stats.summary()
    assert "RSS grew" in stats.failures[0]
    [saved] = stats.saved
    assert saved.parent == tmp_path and re.fullmatch(r"[0-9a-f]{16}\.json", saved.name)
    record = json.loads(saved.read_text())
    assert record["found"]["seed"] == "swell" and record["found"]["iteration"] == 5
    # The offending case's bytes, after the earlier ones on its connection.
    case = fuzzer.case(5)
    written = b"".join(load_regression(saved).writes)
    assert case.stream in written

    again = Fuzzer(SwellingTarget(daemon, after=1), "replay", save_dir=None, name="replay").replay(saved)
    assert any("RSS grew" in failure for failure in again.failures)
    clean = Fuzzer(DaemonTarget(daemon), "replay", save_dir=None, name="replay2").replay(saved)
    assert not clean.failures, clean.failures


def test_the_same_seed_gives_the_same_cases(daemon):
    first, second = Fuzzer(DaemonTarget(daemon), 7), Fuzzer(DaemonTarget(daemon), 7)
    assert [first.case(i).writes for i in range(50)] == [second.case(i).writes for i in range(50)]
    assert first.case(0).writes != Fuzzer(DaemonTarget(daemon), 8).case(0).writes


def test_the_interface_file_parses_completely():
    text = INTERFACE_FILE.read_text()
    interface = parse_interface(text)
    assert interface.name == LETTERS
    assert sorted(interface.methods) == sorted(re.findall(r"^method (\w+)", text, re.M))
    assert sorted(interface.errors) == sorted(re.findall(r"^error (\w+)", text, re.M))
    assert sorted(interface.types) == sorted(re.findall(r"^type (\w+)", text, re.M))
    check_in = dict(interface.methods["LogCheckIn"][0].fields)
    assert check_in["intensity"].kind == "int"
    assert check_in["trigger"].kind == "optional" and check_in["trigger"].inner.kind == "enum"
    assert check_in["tags"].inner.kind == "array" and check_in["tags"].inner.inner.kind == "string"


@pytest.mark.parametrize(
    ("message", "low", "high", "kind"),
    [
        (b'{"method":"io.letterd.Letters.GetStatus"}', 1, 1, "call"),
        (b'{"method":"io.letterd.Letters.GetStatus","oneway":true}', 0, 0, "oneway"),
        (b'{"method":"io.letterd.Letters.GetStatus","oneway":"yes"}', 1, 1, "not-call"),
        (b'{"method":"io.letterd.Letters.GetStatus","oneway":true,"oneway":false}', 0, 1, "uncertain"),
        (b'{"method":"io.letterd.Letters.GetStatus","oneway":true,"x":1e400}', 0, 1, "uncertain"),
        (b'{"method":"io.letterd.Letters.GetStatus","parameters":[]}', 1, 1, "bad-parameters"),
        (b'{"method":"io.letterd.Letters.GetStatus","x":"\xff"}', 1, 1, "invalid-utf8"),
        (b'{"method":"io.letterd.Letters.GetStatus",}', 1, 1, "not-json"),
        (b'{"method":"io.letterd.Letters.GetStatus","x":NaN,"oneway":true}', 0, 1, "not-json"),
        (b"[]", 1, 1, "not-object"),
    ],
)
def test_predictions(message, low, high, kind):
    expect = predict(message)
    assert (expect.low, expect.high, expect.kind) == (low, high, kind)


def test_framing_as_the_daemon_frames():
    assert frames(b"a\0b\0c") == ([b"a", b"b"], b"c", False)
    limit = 1024 * 1024
    assert frames(b"x" * limit + b"\0") == ([b"x" * limit], b"", False)
    assert frames(b"a\0" + b"x" * (limit + 1) + b"\0b\0") == ([b"a"], b"", True)
    assert frames(b"x" * (limit + 1)) == ([], b"x" * (limit + 1), True)


def test_escaped_bytes_round_trip():
    rng = random.Random(3)
    for _ in range(200):
        data = bytes(rng.randrange(256) for _ in range(rng.randrange(100)))
        assert unescape(escape(data)) == data
        assert escape(data).isascii()
