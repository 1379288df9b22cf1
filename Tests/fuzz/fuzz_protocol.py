#!/usr/bin/env python3
"""A structured fuzzer that drives letterd's live Varlink socket.

It parses the interface description (io.letterd.Letters.varlink, and org.varlink.service as the
daemon describes it), builds valid calls from the declared parameter types, mutates them at
the level of the call (wrong types, missing and unknown fields, boundary numbers, long and odd
strings, flags, unknown methods, duplicated keys, deep nesting) and of the bytes (flips,
invalid UTF-8, raw control characters, NUL inside, truncation), frames several per write or
splits them across writes, and checks every reply against an oracle (see README.md).

    python Tests/fuzz/fuzz_protocol.py --iterations 2000 --seed 42
    python Tests/fuzz/fuzz_protocol.py --seconds 300
    python Tests/fuzz/fuzz_protocol.py --replay Tests/fuzz/regressions/*.json

The same seed gives the same cases: each iteration draws from its own generator seeded by
(seed, iteration), so a failure names the iteration that reproduces it. When the oracle fails,
the bytes sent on that connection are saved to regressions/ (named by their hash); test_fuzz.py
replays every file there on every run.
"""

from __future__ import annotations

import argparse
import codecs
import hashlib
import importlib.util
import json
import os
import random
import re
import select
import socket
import sys
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
INTERFACE_FILE = REPO / "Sources/LetterProtocol/io.letterd.Letters.varlink"
REGRESSIONS = HERE / "regressions"
PROTOCOL_CONFTEST = REPO / "Tests/protocol/conftest.py"

LETTERS = "io.letterd.Letters"
SERVICE = "org.varlink.service"
MAX_REQUEST_BYTES = 1024 * 1024
REPLY_TIMEOUT = 15.0  # per case; a debug build parses a 1 MiB message in well under this
LATE_WAIT = 60.0  # after a timeout, how long to keep listening to tell "slow" from "hung"
HEALTH_TIMEOUT = 2.0  # a fresh client's GetStatus, while the fuzzer is idle
SERIOUS_LOG = ("<0>", "<1>", "<2>", "<3>")  # emerg, alert, crit, err
# Errors that say the daemon failed internally: on a fresh store in a temp dir with a
# free disk they can only mean a bug (they are also logged at error level).
INTERNAL_ERRORS = {f"{LETTERS}.StorageFailed", f"{LETTERS}.StorageFull"}
HISTORY = 3  # earlier cases on the same connection kept for a regression file


def rss_bound_kib(start_kib: int) -> int:
    """The most RSS the daemon may reach: three times its figure at start, plus 64 MiB.

    1 MiB messages, a few hundred open connections and SQLite's page cache legitimately add
    tens of MiB to a debug build that starts near 45 MiB; a leak per message or per
    connection grows without limit and crosses this within a few thousand iterations."""
    return 3 * start_kib + 64 * 1024


def load_protocol_helpers():
    """Tests/protocol/conftest.py (the Daemon starter), loaded under a name of its own so it
    never clashes with the conftest module pytest imports for this directory."""
    name = "letterd_protocol_conftest"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, PROTOCOL_CONFTEST)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


# --- the interface description ---------------------------------------------------------------


@dataclass(frozen=True)
class VType:
    """A Varlink type: string, int, float, bool, object, optional, array, map, enum, struct or
    ref (a named type)."""
    kind: str
    inner: "VType | None" = None
    fields: tuple = ()  # struct: ((name, VType), ...)
    values: tuple = ()  # enum
    name: str = ""  # ref


@dataclass
class Interface:
    name: str
    types: dict = field(default_factory=dict)
    methods: dict = field(default_factory=dict)  # name -> (input struct, output struct)
    errors: dict = field(default_factory=dict)  # name -> struct


_TOKEN = re.compile(r"\s*(->|[A-Za-z_][A-Za-z0-9_.]*|[():,?\[\]])")


def _tokens(text: str) -> list[str]:
    text = re.sub(r"#[^\n]*", "", text)
    tokens, position = [], 0
    while position < len(text.rstrip()):
        match = _TOKEN.match(text, position)
        if not match:
            raise ValueError(f"unexpected text in interface description: {text[position:position + 30]!r}")
        tokens.append(match.group(1))
        position = match.end()
    return tokens


class _Parser:
    """Recursive descent over the Varlink IDL grammar (varlink.org/Interface-Definition)."""

    def __init__(self, text: str):
        self.tokens = _tokens(text)
        self.at = 0

    def take(self, expected: str | None = None) -> str:
        token = self.tokens[self.at]
        if expected is not None and token != expected:
            raise ValueError(f"expected {expected!r}, found {token!r} (token {self.at})")
        self.at += 1
        return token

    def peek(self) -> str | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def interface(self) -> Interface:
        self.take("interface")
        result = Interface(self.take())
        while self.peek() is not None:
            keyword, name = self.take(), self.take()
            if keyword == "type":
                result.types[name] = self.struct_or_enum()
            elif keyword == "error":
                result.errors[name] = self.struct_or_enum()
            elif keyword == "method":
                inputs = self.struct_or_enum()
                self.take("->")
                result.methods[name] = (inputs, self.struct_or_enum())
            else:
                raise ValueError(f"unknown member keyword {keyword!r}")
        return result

    def struct_or_enum(self) -> VType:
        self.take("(")
        if self.peek() == ")":
            self.take()
            return VType("struct")
        names, types = [], []
        while True:
            names.append(self.take())
            if self.peek() == ":":
                self.take()
                types.append(self.type())
            if self.take() == ")":
                break
        if not types:
            return VType("enum", values=tuple(names))
        if len(types) != len(names):
            raise ValueError(f"a struct mixes typed and untyped fields: {names}")
        return VType("struct", fields=tuple(zip(names, types)))

    def type(self) -> VType:
        token = self.peek()
        if token == "?":
            self.take()
            return VType("optional", self.type())
        if token == "[":
            self.take()
            if self.peek() == "string":
                self.take()
                self.take("]")
                return VType("map", self.type())
            self.take("]")
            return VType("array", self.type())
        if token == "(":
            return self.struct_or_enum()
        self.take()
        if token in ("string", "int", "float", "bool", "object"):
            return VType(token)
        return VType("ref", name=token)


def parse_interface(text: str) -> Interface:
    return _Parser(text).interface()


class Registry:
    """The interfaces the daemon serves, by name."""

    def __init__(self, *interfaces: Interface):
        self.interfaces = {i.name: i for i in interfaces}

    def resolve(self, interface: Interface, t: VType) -> VType:
        while t.kind == "ref":
            t = interface.types[t.name]
        return t

    def method(self, qualified) -> tuple[Interface, VType, VType] | None:
        if not isinstance(qualified, str):
            return None
        interface, _, member = qualified.rpartition(".")
        found = self.interfaces.get(interface)
        if found and member in found.methods:
            return (found, *found.methods[member])
        return None

    def error(self, qualified: str) -> tuple[Interface, VType] | None:
        interface, _, member = qualified.rpartition(".")
        found = self.interfaces.get(interface)
        if found and member in found.errors:
            return found, found.errors[member]
        return None


def conforms(registry: Registry, interface: Interface, value, t: VType, path: str = "",
             extra_fields: bool = False) -> str | None:
    """None if `value` is a valid instance of `t`, else what is wrong with it and where."""
    t = registry.resolve(interface, t)
    kind = t.kind
    if kind == "optional":
        return None if value is None else conforms(registry, interface, value, t.inner, path, extra_fields)
    checks = {
        "string": lambda v: isinstance(v, str),
        "bool": lambda v: isinstance(v, bool),
        "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
        "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
        "object": lambda v: True,
        "enum": lambda v: v in t.values,
        "array": lambda v: isinstance(v, list),
        "map": lambda v: isinstance(v, dict),
        "struct": lambda v: isinstance(v, dict),
    }
    if not checks[kind](value):
        return f"{path or 'value'} is {json.dumps(value)[:80]}, not a valid {kind}"
    if kind == "array":
        for index, item in enumerate(value):
            if problem := conforms(registry, interface, item, t.inner, f"{path}[{index}]"):
                return problem
    elif kind == "map":
        for key, item in value.items():
            if problem := conforms(registry, interface, item, t.inner, f"{path}[{key!r}]"):
                return problem
    elif kind == "struct":
        declared = dict(t.fields)
        if not extra_fields and (unknown := sorted(set(value) - set(declared))):
            return f"{path or 'value'} has undeclared fields {unknown}"
        for name, field_type in t.fields:
            if name not in value:
                if registry.resolve(interface, field_type).kind != "optional":
                    return f"{path}.{name} is missing"
            elif problem := conforms(registry, interface, value[name], field_type, f"{path}.{name}"):
                return problem
    return None


# --- JSON with the freedom a fuzzer needs ----------------------------------------------------


class Raw(str):
    """A token written verbatim: -0, 1e400, NaN, or nesting too deep to build as objects."""


class Pairs(list):
    """A JSON object as (key, value) pairs, so a key can appear twice."""


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def dump(value, ascii_only: bool, separators: tuple[str, str]) -> str:
    item_sep, key_sep = separators
    if isinstance(value, Raw):
        return str(value)
    if isinstance(value, str):
        # A lone surrogate cannot be written as UTF-8; it goes out as a \ud800 escape.
        return json.dumps(value, ensure_ascii=ascii_only or bool(_SURROGATE.search(value)))
    if isinstance(value, (dict, Pairs)):
        pairs = value.items() if isinstance(value, dict) else value
        return "{" + item_sep.join(
            dump(k, ascii_only, separators) + key_sep + dump(v, ascii_only, separators) for k, v in pairs) + "}"
    if isinstance(value, list):
        return "[" + item_sep.join(dump(v, ascii_only, separators) for v in value) + "]"
    return json.dumps(value)


# --- values ----------------------------------------------------------------------------------

WORDS = ["kind", "critic", "again", "never", "always", "should", "friend", "tired", "work", "mum",
         "enough", "late", "failure", "gentle", "breathe", "sorry", "proud", "exam", "body"]
TIMES = ["2026-11-22T20:41:00.123Z", "2026-11-22T20:41:00Z", "1970-01-01T00:00:00.000Z",
         "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999Z", "-0001-01-01T00:00:00Z",
         "275760-09-13T00:00:00Z", "2026-02-30T00:00:00Z", "2026-13-01T00:00:00Z",
         "2026-11-22T24:00:00Z", "2026-11-22T20:41:60Z", "2026-11-22T20:41:00.1234567890123Z",
         "2026-11-22T20:41:00+14:00", "2026-11-22T20:41:00-23:59", "2026-11-22", "T", "", "now"]
FTS_SYNTAX = ['"', 'a*', '*', 'NEAR(kind critic)', 'kind OR critic', 'NOT', 'AND', '-kind', 'text:kind',
              '^kind', '(', ')', '"unterminated', "'; DROP TABLE letters; --", '{kind}', '+', '\\']
INTERFACE_NAMES = [LETTERS, SERVICE, "", "io.letterd", LETTERS + ".", LETTERS.upper(), LETTERS + "\u0000",
                   "x" * 5000, SERVICE + ".GetInfo", "io.letterd.Letter", "org.varlink", "\u202e" + LETTERS]
# How long a field's text may be (characters; text in UTF-8 bytes), to aim at either side.
LENGTH_LIMITS = {"perspective": 200, "about": 2000, "said": 8000, "text": 256 * 1024, "noticed": 8000,
                 "tags": 64, "tag": 64, "query": 2000}
INT_RANGES = {"intensity": (0, 10), "warmth": (0, 10), "limit": (1, 50), "days": (7, 366), "id": (1, 40),
              "letterId": (1, 40), "before": (1, 80)}
NUMBER_TOKENS = ["-0", "0.0", "-0.0", "1e308", "-1e308", "1.7976931348623157e308", "5e-324", "1e-400",
                 "9007199254740992", "9007199254740993", "-9007199254740993", "9223372036854775807",
                 "-9223372036854775808", "9223372036854775808", "18446744073709551616", "1E2", "1.5",
                 "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "0x10", "01", "+1", ".5", "1.", "1e",
                 "--1", "1_000", "1" * 400]
ODD_STRINGS = ["", " ", "\t\n\r", "😀" * 50, "👩‍👩‍👧‍👦", "\u202eevil\u202c", "مرحبا بالعالم", "שלום",
               "e\u0301" * 300, "Z\u0334\u0327\u031ba\u0338l\u0336g\u0337o", "\ufeff", "\uffff", "\U0010ffff",
               "\u2028\u2029", "\x00", "nul \x00 inside", "\x01", "\x1b[31mred", "\x7f", "\u0085", "\ud800",
               "a\udc00b", "\udbff\udfff", "%s%n%x", "../../etc/passwd", "${HOME}", "\\", '"', "null"]
# Methods called a tenth as often as the rest: each copies or replaces the whole store, which
# grows through a long run, so at full rate they would slow every later iteration.
RARE_METHODS = {"MakeBackup", "RestoreBackup"}
WRONG_TYPES = ["", "5", 5, -1, 1.5, True, False, None, [], {}, [1, "a"], {"a": 1}, ["x"] * 40]
FIELD_NAMES = ["warmt", "__proto__", "", "id ", "ID", "tégs", "😀", "a" * 3000, "parameters", "method", "constructor"]


def text_of_length(rng: random.Random, length: int) -> str:
    unit = rng.choice(["a", "kind ", "é", "😀", "e\u0301"])
    return (unit * (length // len(unit) + 1))[:length]


def odd_string(rng: random.Random, name: str = "") -> str:
    roll = rng.random()
    if roll < 0.35:
        return rng.choice(ODD_STRINGS)
    if roll < 0.55 and name in LENGTH_LIMITS:
        return text_of_length(rng, LENGTH_LIMITS[name] + rng.choice([-1, 0, 1]))
    if roll < 0.65:
        return text_of_length(rng, rng.choice([1000, 10_000, 100_000]))
    if roll < 0.8:
        return " ".join(rng.choice(FTS_SYNTAX + WORDS) for _ in range(rng.randint(1, 6)))
    return rng.choice(WORDS) + rng.choice(ODD_STRINGS) + rng.choice(WORDS)


class Values:
    """Valid values for declared types, shaped by the field's name where that helps a call get
    past validation into the store (intensity 0-10, ids that exist, ISO times)."""

    def __init__(self, registry: Registry, rng: random.Random):
        self.registry = registry
        self.rng = rng

    def make(self, interface: Interface, t: VType, name: str = ""):
        rng = self.rng
        t = self.registry.resolve(interface, t)
        if t.kind == "optional":
            return None if rng.random() < 0.1 else self.make(interface, t.inner, name)
        if t.kind == "struct":
            return {n: self.make(interface, ft, n) for n, ft in t.fields
                    if self.registry.resolve(interface, ft).kind != "optional" or rng.random() < 0.5}
        if t.kind == "enum":
            return rng.choice(t.values)
        if t.kind in ("array", "map"):
            items = [self.make(interface, t.inner, name) for _ in range(rng.choice([0, 1, 2, 3]))]
            return items if t.kind == "array" else {f"k{i}": v for i, v in enumerate(items)}
        if t.kind == "bool":
            return rng.random() < 0.5
        if t.kind == "int":
            low, high = INT_RANGES.get(name, (0, 100))
            return rng.randint(low, high)
        if t.kind == "float":
            return round(rng.uniform(1, 86_400), rng.choice([0, 3]))
        if t.kind == "object":
            return {"any": [1, "two", None]}
        return self.string(name)

    def string(self, name: str) -> str:
        rng = self.rng
        if name == "since":
            return rng.choice(TIMES[:2])
        if name == "interface":
            return rng.choice([LETTERS, SERVICE])
        if name == "text":
            return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 60)))
        return " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 4)))


# --- generating messages ---------------------------------------------------------------------


class Generator:
    """Messages: valid calls, calls mutated in structure, then perhaps in bytes."""

    def __init__(self, registry: Registry, skip_methods: set[str] = frozenset()):
        self.registry = registry
        self.methods = [(i, f"{i.name}.{m}") for i in registry.interfaces.values() for m in sorted(i.methods)
                        if m not in skip_methods]
        self.weights = [0.1 if m.rpartition(".")[2] in RARE_METHODS else 1.0 for _, m in self.methods]

    def message(self, rng: random.Random, labels: list[str]) -> bytes:
        """One message without its NUL terminator."""
        roll = rng.random()
        if roll < 0.05:
            labels.append("random-bytes")
            return bytes(rng.randrange(1, 256) for _ in range(rng.randint(0, 200)))
        call = self.valid_call(rng)
        if roll < 0.2:
            labels.append("valid")
        else:
            for _ in range(rng.choice([1, 1, 1, 2, 3])):
                if not isinstance(call, dict):
                    break  # no longer a call object (a list, a duplicate-keyed Pairs, a number)
                mutation = rng.choice(CALL_MUTATIONS)
                labels.append(mutation.__name__)
                call = mutation(rng, call, self)
        data = self.encode(rng, call)
        if roll >= 0.2 and rng.random() < 0.3:
            mutation = rng.choice(BYTE_MUTATIONS)
            labels.append(mutation.__name__)
            data = mutation(rng, bytearray(data))
        return bytes(data)

    def valid_call(self, rng: random.Random) -> dict:
        interface, method = rng.choices(self.methods, self.weights)[0]
        inputs = self.registry.method(method)[1]
        call = {"method": method}
        parameters = Values(self.registry, rng).make(interface, inputs)
        if parameters or rng.random() < 0.5:
            call["parameters"] = parameters
        return call

    def encode(self, rng: random.Random, call) -> bytes:
        separators = rng.choice([(",", ":"), (", ", ": "), (",\n  ", " :\t"), (" , ", ":")])
        text = dump(call, ascii_only=rng.random() < 0.3, separators=separators)
        if rng.random() < 0.05:
            text = rng.choice([" ", "\n", "\t\r\n "]) * rng.randint(1, 50) + text + " " * rng.randint(0, 50)
        return text.encode("utf-8")


def _parameters(call) -> dict:
    parameters = call.get("parameters")
    if not isinstance(parameters, dict):
        parameters = {}
        call["parameters"] = parameters
    return parameters


def wrong_type(rng, call, gen):
    parameters = _parameters(call)
    name = rng.choice(sorted(parameters) or ["id"])
    parameters[name] = rng.choice(WRONG_TYPES)
    return call


def drop_field(rng, call, gen):
    found = gen.registry.method(call.get("method", ""))
    parameters = _parameters(call)
    names = [n for n, _ in found[1].fields] if found else sorted(parameters)
    if names:
        parameters.pop(rng.choice(names), None)
    return call


def unknown_field(rng, call, gen):
    _parameters(call)[rng.choice(FIELD_NAMES)] = rng.choice(WRONG_TYPES + ["x"])
    return call


def boundary_number(rng, call, gen):
    parameters = _parameters(call)
    numeric = [n for n, v in parameters.items() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    name = rng.choice(numeric or sorted(parameters) or ["id"])
    parameters[name] = Raw(rng.choice(NUMBER_TOKENS))
    return call


def odd_text(rng, call, gen):
    parameters = _parameters(call)
    texts = [n for n, v in parameters.items() if isinstance(v, str)]
    if texts:
        name = rng.choice(texts)
        parameters[name] = odd_string(rng, name)
    elif isinstance(parameters.get("tags"), list) or rng.random() < 0.3:
        count = rng.choice([1, 32, 33, 200])
        choices = ODD_STRINGS + [text_of_length(rng, 64), text_of_length(rng, 65)]
        parameters["tags"] = [rng.choice(choices) for _ in range(count)]
    else:
        parameters[rng.choice(FIELD_NAMES)] = odd_string(rng)
    return call


def deep_nesting(rng, call, gen):
    depth = rng.choice([2, 64, 256, 511, 512, 513, 1000, 3000])
    nested = ("[" * depth + "]" * depth) if rng.random() < 0.5 else ('{"a":' * depth + "1" + "}" * depth)
    parameters = _parameters(call)
    parameters[rng.choice(sorted(parameters) or ["tags"])] = Raw(nested)
    return call


def flags(rng, call, gen):
    for flag in ("oneway", "more", "upgrade"):
        if rng.random() < 0.4:
            call[flag] = rng.choice([True, True, False, None, 1, "yes", [], {}])
    return call


def odd_method(rng, call, gen):
    method = call.get("method") if isinstance(call.get("method"), str) else f"{LETTERS}.GetStatus"
    interface, _, member = method.rpartition(".")
    call["method"] = rng.choice([
        method + "x", method.lower(), method.upper(), interface + ".", "." + member, member, "", ".", "..",
        LETTERS, "io.letterd.Letter." + member, SERVICE + ".Nope", SERVICE, method + "\u0000",
        method.replace(".", "\u200b.", 1), method.replace("G", "\uff27"), "a" * 10_000,
        f"{LETTERS}." + "A" * 5000, method.replace(".", "/"), method + "\u0301", method + ".", " " + method,
    ])
    return call


def odd_envelope(rng, call, gen):
    choice = rng.randrange(6)
    if choice == 0:
        call["method"] = rng.choice([5, None, [], {}, True, Raw("1e400")])
    elif choice == 1:
        call["parameters"] = rng.choice([[], [1], "text", 5, True, None, Raw("1e400")])
    elif choice == 2:
        call.pop("method", None)
    elif choice == 3:
        call[rng.choice(["extra", "error", "continues", "id", "x" * 500])] = rng.choice(WRONG_TYPES)
    elif choice == 4:
        call = {"method": f"{SERVICE}.GetInterfaceDescription",
                "parameters": {"interface": rng.choice(INTERFACE_NAMES)}}
    else:
        call = rng.choice([[call], "call", 42, None, Raw("")])
    return call


def duplicate_key(rng, call, gen):
    """The same key twice: parsers disagree on which wins (Python takes the last)."""
    if not isinstance(call, dict):
        return call
    target = call
    if rng.random() < 0.5 and isinstance(call.get("parameters"), dict) and call["parameters"]:
        target = call["parameters"]
    key = rng.choice(sorted(target, key=str) + ["oneway"])
    pairs = Pairs(target.items())
    pairs.insert(rng.randrange(len(pairs) + 1), (key, rng.choice(WRONG_TYPES + [True, f"{LETTERS}.Nope"])))
    if target is call:
        return pairs
    call["parameters"] = pairs
    return call


CALL_MUTATIONS = [wrong_type, drop_field, unknown_field, boundary_number, odd_text, odd_text, deep_nesting,
                  flags, flags, odd_method, odd_envelope, duplicate_key]


def flip_bits(rng, data: bytearray) -> bytes:
    for _ in range(rng.randint(1, 4)):
        if data:
            data[rng.randrange(len(data))] ^= 1 << rng.randrange(8)
    return bytes(data)


def invalid_utf8(rng, data: bytearray) -> bytes:
    position = rng.randrange(len(data) + 1)
    bad = rng.choice([b"\xff", b"\xc3", b"\xc0\xaf", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"\xf0\x9f\x98",
                      b"\x80", b"\xfe\xff"])
    return bytes(data[:position] + bad + data[position:])


def raw_control(rng, data: bytearray) -> bytes:
    position = rng.randrange(len(data) + 1)
    return bytes(data[:position] + bytes([rng.choice([1, 7, 8, 9, 10, 13, 27, 31, 127])]) + data[position:])


def nul_inside(rng, data: bytearray) -> bytes:
    position = rng.randrange(len(data) + 1)
    return bytes(data[:position] + b"\0" + data[position:])


def truncate(rng, data: bytearray) -> bytes:
    return bytes(data[:rng.randrange(len(data) + 1)])


def splice(rng, data: bytearray) -> bytes:
    if len(data) < 2:
        return bytes(data)
    start = rng.randrange(len(data))
    end = rng.randint(start, min(len(data), start + 40))
    if rng.random() < 0.5:
        return bytes(data[:start] + data[start:end] * 2 + data[end:])
    return bytes(data[:start] + data[end:])


def bom(rng, data: bytearray) -> bytes:
    return b"\xef\xbb\xbf" + bytes(data)


BYTE_MUTATIONS = [flip_bits, invalid_utf8, raw_control, nul_inside, truncate, splice, bom]


@dataclass
class Case:
    """What one iteration sends on one connection, and how it ends."""
    writes: list[bytes]
    gaps: list[float]  # seconds to wait after each write
    close: str = "keep"  # keep (then a sentinel call), half-close (SHUT_WR), abort (close unread)
    fresh: bool = False  # on a new connection
    labels: list[str] = field(default_factory=list)

    @property
    def stream(self) -> bytes:
        return b"".join(self.writes)


def oversize(rng: random.Random, labels: list[str]) -> bytes:
    """A message at or past the 1 MiB limit, with or without its NUL."""
    kind = rng.randrange(4)
    pad = rng.choice([0, 1, 2, 4000])
    call = b'{"method":"io.letterd.Letters.GetStatus"}'
    if kind == 0:
        labels.append("exactly-the-limit")
        return call + b" " * (MAX_REQUEST_BYTES - len(call)) + b"\0"
    if kind == 1:
        labels.append("oversize-call")
        text = b'{"method":"io.letterd.Letters.WriteLetter","parameters":{"text":"'
        return text + b"a" * (MAX_REQUEST_BYTES - len(text) + pad) + b'"}}\0'
    labels.append("oversize-unterminated")
    return bytes([rng.randrange(1, 256)]) * (MAX_REQUEST_BYTES + 1 + pad)


def split_writes(rng: random.Random, stream: bytes, drip_gap: float = 0.0) -> tuple[list[bytes], list[float]]:
    """How the stream goes out: whole, message by message, cut anywhere, or a byte at a time."""
    style = rng.choice(["whole", "whole", "messages", "cuts", "cuts", "drip"])
    if style == "drip" and len(stream) <= 600:
        return [stream[i:i + 1] for i in range(len(stream))], [drip_gap] * len(stream)
    if style == "messages":
        writes = [part + b"\0" for part in stream.split(b"\0")]
        writes[-1] = writes[-1][:-1]
        writes = [w for w in writes if w]
    elif style == "cuts" and len(stream) > 1:
        cuts = sorted(rng.sample(range(1, len(stream)), min(len(stream) - 1, rng.randint(1, 6))))
        writes = [stream[a:b] for a, b in zip([0] + cuts, cuts + [len(stream)])]
    else:
        writes = [stream]
    return writes, [rng.choice([0, 0, 0, 0.001, 0.01]) for _ in writes]


def make_case(gen: Generator, rng: random.Random, allow: set[str] | None = None,
              drip_gap: float = 0.0) -> Case:
    """One case: 1-8 messages, rarely an oversize one, written in some split, ended some way.

    `allow` limits the rare kinds ("oversize", "half-close", "abort"); all by default."""
    allow = {"oversize", "half-close", "abort"} if allow is None else allow
    labels: list[str] = []
    parts = []
    for _ in range(rng.choice([1, 1, 1, 2, 3, 5, 8])):
        message = gen.message(rng, labels)
        # Now and then a message loses its NUL and runs into the next.
        parts.append(message if rng.random() < 0.03 else message + b"\0")
    if "oversize" in allow and rng.random() < 0.01:
        parts.insert(rng.randrange(len(parts) + 1), oversize(rng, labels))
    writes, gaps = split_writes(rng, b"".join(parts), drip_gap)
    close = "keep"
    roll = rng.random()
    if "half-close" in allow and roll < 0.04:
        close = "half-close"
    elif "abort" in allow and roll < 0.08:
        close = "abort"
    return Case(writes, gaps, close, fresh=rng.random() < 0.1, labels=labels)


# --- what each message should get -----------------------------------------------------------


@dataclass
class Expect:
    """The replies one message should get: how many (a range where parsers may disagree), and
    what kind of message it was: call, oneway, invalid-utf8, not-json, not-object, not-call,
    bad-parameters or uncertain."""
    low: int
    high: int
    kind: str
    method: str | None = None
    parameters: object = None
    more: bool = False


def frames(stream: bytes) -> tuple[list[bytes], bytes, bool]:
    """Splits a stream as the daemon does: whole messages, the unterminated tail, and whether
    a message over the limit ended it (nothing after it is read)."""
    messages, position = [], 0
    while True:
        nul = stream.find(b"\0", position)
        if nul < 0:
            tail = stream[position:]
            return messages, tail, len(tail) > MAX_REQUEST_BYTES
        if nul - position > MAX_REQUEST_BYTES:
            return messages, b"", True
        messages.append(stream[position:nul])
        position = nul + 1


def _walk_quirks(value, quirks: set[str]) -> None:
    """Lone surrogates and nesting beyond what every JSON parser accepts."""
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > 400:
            quirks.add("deep")
            return
        if isinstance(item, str) and _SURROGATE.search(item):
            quirks.add("surrogate")
        elif isinstance(item, dict):
            stack.extend((k, depth + 1) for k in item)
            stack.extend((v, depth + 1) for v in item.values())
        elif isinstance(item, list):
            stack.extend((v, depth + 1) for v in item)


def _load(text: str, quirks: set[str]):
    top_duplicates: list[set[str]] = []

    def pairs_hook(pairs):
        keys = [k for k, _ in pairs]
        top_duplicates.append({k for k in keys if keys.count(k) > 1})
        return dict(pairs)

    def parse_float(token):
        number = float(token)
        if number in (float("inf"), float("-inf")):
            quirks.add("float-overflow")
        return number

    def parse_int(token):
        number = int(token)
        if not -2**63 <= number < 2**64:
            quirks.add("big-int")
        return number

    def reject(token):
        raise ValueError(f"{token} is not JSON")

    value = json.loads(text, object_pairs_hook=pairs_hook, parse_float=parse_float, parse_int=parse_int,
                       parse_constant=reject)
    # The outermost object is the last one completed.
    if any(top_duplicates[-1:]) and top_duplicates[-1] & {"method", "parameters", "oneway", "more", "upgrade"}:
        quirks.add("top-duplicate")
    elif any(top_duplicates):
        quirks.add("duplicate")
    return value


def predict(message: bytes) -> Expect:
    """What the daemon must answer to one message, judged by a strict JSON parser.

    Where letterd's parser may legitimately disagree (duplicate keys: it keeps the first;
    numbers or escapes it cannot hold; trailing commas, which it accepts) the count or the
    content is left open rather than guessed."""
    maybe_oneway = 0 if b"oneway" in message else 1
    try:
        text = message.decode("utf-8")
    except UnicodeDecodeError:
        return Expect(1, 1, "invalid-utf8")
    quirks: set[str] = set()
    try:
        value = _load(text, quirks)
    except RecursionError:
        return Expect(maybe_oneway, 1, "uncertain")
    except ValueError:
        return Expect(maybe_oneway, 1, "not-json")
    if not isinstance(value, dict):
        return Expect(1, 1, "not-object")
    _walk_quirks(value, quirks)
    method = value.get("method")
    flag_values = [value.get(f) for f in ("oneway", "more", "upgrade")]
    oneway = value.get("oneway") is True
    if "top-duplicate" in quirks:
        return Expect(0, 1, "uncertain")
    if quirks & {"float-overflow", "big-int", "surrogate", "deep"}:
        # The daemon may fail on these while decoding the message, before it knows the call is
        # oneway (so it answers), or name the field rather than call the message invalid.
        return Expect(0 if oneway else 1, 1, "uncertain")
    if not isinstance(method, str) or any(v is not None and not isinstance(v, bool) for v in flag_values):
        return Expect(1, 1, "not-call")
    if oneway:
        return Expect(0, 0, "oneway")
    parameters = value.get("parameters")
    if parameters is not None and not isinstance(parameters, dict):
        return Expect(1, 1, "bad-parameters")
    kind = "uncertain" if "duplicate" in quirks else "call"
    return Expect(1, 1, kind, method, parameters, more=value.get("more") is True)


# --- the oracle ------------------------------------------------------------------------------


class Oracle:
    """Checks replies against the interface: shape, error names and parameters, result types."""

    def __init__(self, registry: Registry):
        self.registry = registry

    def reply(self, raw: bytes) -> tuple[dict | None, list[str]]:
        """The reply parsed, and what is wrong with it regardless of what it answers."""
        try:
            reply = json.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            return None, [f"a reply is not UTF-8 JSON ({error}): {raw[:200]!r}"]
        if not isinstance(reply, dict):
            return None, [f"a reply is not a JSON object: {raw[:200]!r}"]
        problems = []
        if unknown := set(reply) - {"parameters", "error", "continues"}:
            problems.append(f"a reply has unknown fields {sorted(unknown)}: {raw[:200]!r}")
        if "parameters" in reply and not isinstance(reply["parameters"], dict):
            problems.append(f"a reply's parameters are not an object: {raw[:200]!r}")
        if "error" in reply:
            problems += self.error(reply)
        elif "parameters" not in reply:
            problems.append(f"a reply has neither parameters nor error: {raw[:200]!r}")
        return reply, problems

    def error(self, reply: dict) -> list[str]:
        name = reply["error"]
        if not isinstance(name, str) or not name.startswith((f"{SERVICE}.", f"{LETTERS}.")):
            return [f"an error outside {SERVICE} and {LETTERS}: {reply}"]
        if name in INTERNAL_ERRORS:
            return [f"an internal failure: {reply}"]
        found = self.registry.error(name)
        if found is None:
            return [f"an undeclared error: {reply}"]
        # Errors may carry more than they declare (InvalidParameter adds a reason).
        problem = conforms(self.registry, found[0], reply.get("parameters") or {}, found[1], "error",
                           extra_fields=True)
        return [f"{problem}: {reply}"] if problem else []

    def answer(self, expect: Expect, reply: dict) -> list[str]:
        """Whether `reply` is a right answer to the message `expect` describes."""
        error = reply.get("error")
        invalid_request = f"{LETTERS}.InvalidRequest"
        if expect.kind in ("invalid-utf8", "not-object", "not-call", "bad-parameters"):
            if error != invalid_request:
                return [f"a {expect.kind} message got {reply}, not {invalid_request}"]
            return []
        if expect.kind != "call":
            return []
        if reply.get("continues") and not expect.more:
            return [f"a reply continues though the call did not ask for more: {reply}"]
        if error == invalid_request:
            return [f"a well-formed call to {expect.method!r} got {reply}"]
        if not expect.method.isascii():
            return []  # Swift compares strings by canonical equivalence; Python by code points
        found = self.registry.method(expect.method)
        interface = expect.method.rpartition(".")[0]
        if found is None:
            wanted = ("MethodNotFound", "method", expect.method) if interface in self.registry.interfaces \
                else ("InterfaceNotFound", "interface", interface)
            got = (reply.get("parameters") or {}).get(wanted[1])
            if error != f"{SERVICE}.{wanted[0]}" or got != wanted[2]:
                return [f"a call to {expect.method!r} got {reply}, not {wanted[0]} naming {wanted[2]!r}"]
            return []
        if error is None:
            problem = conforms(self.registry, found[0], reply.get("parameters") or {}, found[2], "reply")
            if problem:
                return [f"{expect.method} answered outside its declared type: {problem}"]
            if expect.method == f"{SERVICE}.GetInterfaceDescription":
                return self.description(expect, reply)
        return []

    def description(self, expect: Expect, reply: dict) -> list[str]:
        text = reply["parameters"]["description"]
        try:
            described = parse_interface(text).name
        except (ValueError, IndexError) as error:
            return [f"GetInterfaceDescription returned a description that does not parse: {error}"]
        asked = (expect.parameters or {}).get("interface")
        return [] if described == asked else [f"asked for {asked!r}, described {described!r}"]


# --- talking to the daemon -------------------------------------------------------------------


@dataclass
class Exchange:
    replies: list[bytes]
    eof: bool = False
    timed_out: bool = False
    send_failed: bool = False
    leftover: bytes = b""


def exchange(sock: socket.socket, writes: list[bytes], gaps: list[float], after_writes: Callable[[], None],
             done: Callable[[list[bytes], bool], bool], timeout: float) -> Exchange:
    """Sends the writes (pausing after each as told) while reading replies, so a case whose
    replies outgrow the socket buffer cannot deadlock against its own requests; then reads
    until `done`, EOF or the timeout."""
    sock.setblocking(False)
    result = Exchange([])
    deadline = time.monotonic() + timeout
    index, offset, next_write = 0, 0, 0.0
    finished_writing = not writes
    if finished_writing:
        after_writes()
    while True:
        now = time.monotonic()
        if finished_writing and (result.eof or done(result.replies, result.eof)):
            return result
        if now > deadline:
            result.timed_out = True
            return result
        want_write = not finished_writing and now >= next_write
        wait = max(0.0, min(deadline - now, 0.05 if want_write or finished_writing else next_write - now))
        readable, writable, _ = select.select([sock], [sock] if want_write else [], [], wait)
        if readable:
            try:
                chunk = sock.recv(1 << 16)
            except ConnectionResetError:
                chunk = b""
            if not chunk:
                result.eof = True
                finished_writing = True  # the daemon hung up: nothing more can be sent
            *whole, result.leftover = (result.leftover + chunk).split(b"\0")
            result.replies += whole
        if writable and not finished_writing:
            try:
                offset += sock.send(writes[index][offset:offset + (1 << 16)])
            except (BrokenPipeError, ConnectionResetError):
                result.send_failed = True
                finished_writing = True
                continue
            if offset == len(writes[index]):
                next_write = time.monotonic() + gaps[index]
                index, offset = index + 1, 0
                if index == len(writes):
                    finished_writing = True
                    after_writes()


def sentinel(name: str) -> bytes:
    """A call with an answer nothing else gets: InterfaceNotFound naming `name`."""
    return json.dumps({"method": f"{SERVICE}.GetInterfaceDescription",
                       "parameters": {"interface": name}}).encode() + b"\0"


def parse_reply(raw: bytes):
    try:
        return json.loads(raw)
    except ValueError:
        return None


def is_sentinel_reply(raw: bytes, name: str) -> bool:
    reply = parse_reply(raw)
    return (isinstance(reply, dict) and reply.get("error") == f"{SERVICE}.InterfaceNotFound"
            and (reply.get("parameters") or {}).get("interface") == name)


class CaseRunner:
    """Runs cases over a connection it keeps open between them, and judges the replies."""

    def __init__(self, socket_path: str, oracle: Oracle, stats: "Stats", timeout: float = REPLY_TIMEOUT,
                 name: str = "fuzz"):
        self.socket_path = socket_path
        # Sentinels are named per runner, so a replayed file's own sentinels (from the run
        # that saved it) are just messages, never mistaken for the replay's.
        self.name = name
        self.oracle = oracle
        self.stats = stats
        self.timeout = timeout
        self.sock: socket.socket | None = None
        self.history: deque[list[bytes]] = deque(maxlen=HISTORY)
        self.sentinels = 0

    def close(self) -> None:
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def connect(self) -> None:
        self.close()
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(self.socket_path)
        self.history.clear()
        self.stats.connections += 1

    def run(self, case: Case) -> tuple[list[str], list[bytes]]:
        """Sends the case and checks the replies; the problems found, and every write made on
        this connection so far that matters for reproducing them (earlier cases first)."""
        if case.fresh or self.sock is None:
            self.connect()
        messages, tail, too_large = frames(case.stream)
        writes, gaps = list(case.writes), list(case.gaps)
        expects = [predict(m) for m in messages]
        self.sentinels += 1
        marker = f"{self.name}.sentinel.{self.sentinels}"
        sock = self.sock
        if too_large:
            mode = "oversize"
        else:
            mode = case.close
            if mode == "keep":
                # A pending tail becomes a message of its own, so the sentinel stays whole.
                writes.append((b"\0" if tail else b"") + sentinel(marker))
                gaps.append(0.0)
                if tail:
                    expects.append(predict(tail))
        sent = [w for earlier in self.history for w in earlier] + writes
        self.stats.count_sent(messages, case, too_large)

        def after_writes():
            if mode == "half-close":
                sock.shutdown(socket.SHUT_WR)

        def done(replies, eof):
            if mode == "keep":
                return bool(replies) and is_sentinel_reply(replies[-1], marker)
            return mode == "abort"  # hang up without reading what comes back

        result = exchange(sock, writes, gaps, after_writes, done, self.timeout)
        late = self.wait_longer(result, done) if result.timed_out and mode != "abort" else []
        if mode == "keep" and not result.eof and not result.timed_out:
            self.history.append(writes)
        else:
            self.close()
        if mode == "abort":
            return [], sent
        return self.judge(mode, expects, result) + late, sent

    def wait_longer(self, result: Exchange, done) -> list[str]:
        """After a timeout: whether the replies still come (slow) or not (hung), and whether a
        fresh client is served meanwhile (the whole daemon stuck, or one connection)."""
        started = time.monotonic()
        _, latency, failure = get_status(self.socket_path, HEALTH_TIMEOUT)
        fresh = f"a fresh client then {'failed: ' + failure if failure else f'was served in {latency:.2f}s'}"
        later = exchange(self.sock, [], [], lambda: None, done, LATE_WAIT)
        got = len(later.replies)
        if later.timed_out:
            return [f"{fresh}; {got} more replies in a further {LATE_WAIT:.0f}s"]
        return [f"{fresh}; the rest ({got} replies, eof={later.eof}) came "
                f"{time.monotonic() - started:.1f}s after the timeout"]

    def judge(self, mode: str, expects: list[Expect], result: Exchange) -> list[str]:
        replies = result.replies
        if mode == "keep":
            if result.timed_out or result.eof or not replies:
                return [f"no sentinel reply within {self.timeout}s ({len(replies)} replies, eof={result.eof})"]
            replies = replies[:-1]
            if result.leftover:
                return [f"bytes after the sentinel's reply: {result.leftover[:200]!r}"]
        elif not result.eof:
            return [f"the daemon did not close the connection within {self.timeout}s ({mode})"]
        if mode == "oversize":
            if not replies or parse_reply(replies[-1]) != {
                    "error": f"{LETTERS}.RequestTooLarge", "parameters": {"limit": MAX_REQUEST_BYTES}}:
                return [f"an oversize message did not end with RequestTooLarge: {replies[-1:]!r}"]
            replies = replies[:-1]
        problems, parsed = [], []
        for raw in replies:
            reply, wrong = self.oracle.reply(raw)
            problems += wrong
            parsed.append(reply)
            self.stats.count_reply(reply)
        finals = [r for r in parsed if not (r or {}).get("continues")]
        low, high = sum(e.low for e in expects), sum(e.high for e in expects)
        if not low <= len(finals) <= high:
            kinds = Counter(e.kind for e in expects)
            problems.append(f"{len(finals)} replies to {len(expects)} messages ({dict(kinds)}); "
                            f"expected {low}..{high} ({mode})")
        elif low == high and not problems:
            answered = [e for e in expects if e.high == 1]
            for expect, reply in zip(answered, finals):
                problems += self.oracle.answer(expect, reply)
                if expect.kind == "not-json" and "error" not in reply:
                    self.stats.lenient += 1
        return problems


# --- the daemon under test -------------------------------------------------------------------


class DaemonTarget:
    """A running letterd: its socket, whether it lives, its memory and its new log lines."""

    def __init__(self, daemon):
        self.daemon = daemon
        self.socket_path = daemon.socket_path
        self._log_offset = 0

    def alive(self) -> bool:
        return self.daemon.alive()

    def exit_status(self):
        return self.daemon.proc.returncode if self.daemon.proc else None

    def rss_kib(self) -> int | None:
        try:
            for line in Path(f"/proc/{self.daemon.proc.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            return None
        return None

    def new_log_lines(self) -> list[str]:
        """Whole lines written since the last call."""
        try:
            with open(self.daemon.log_path, "rb") as log:
                log.seek(self._log_offset)
                data = log.read()
        except FileNotFoundError:
            return []
        end = data.rfind(b"\n") + 1
        self._log_offset += end
        return data[:end].decode("utf-8", "replace").splitlines()


def get_status(socket_path: str, timeout: float) -> tuple[dict | None, float, str | None]:
    """One GetStatus on a fresh connection: the reply, how long it took, or what went wrong."""
    started = time.monotonic()
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(timeout)
            sock.connect(socket_path)
            sock.sendall(json.dumps({"method": f"{LETTERS}.GetStatus"}).encode() + b"\0")
            data = b""
            while b"\0" not in data:
                chunk = sock.recv(65536)
                if not chunk:
                    return None, time.monotonic() - started, "the daemon closed a fresh connection"
                data += chunk
    except (OSError, socket.timeout) as error:
        return None, time.monotonic() - started, f"a fresh GetStatus failed: {error!r}"
    try:
        return json.loads(data.split(b"\0")[0]), time.monotonic() - started, None
    except ValueError:
        return None, time.monotonic() - started, f"GetStatus reply is not JSON: {data[:200]!r}"


def describe(socket_path: str, interface: str) -> str:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
        sock.settimeout(REPLY_TIMEOUT)
        sock.connect(socket_path)
        sock.sendall(json.dumps({"method": f"{SERVICE}.GetInterfaceDescription",
                                 "parameters": {"interface": interface}}).encode() + b"\0")
        data = b""
        while b"\0" not in data:
            chunk = sock.recv(65536)
            if not chunk:
                raise ConnectionError("closed while describing " + interface)
            data += chunk
    return json.loads(data.split(b"\0")[0])["parameters"]["description"]


def load_registry(socket_path: str) -> tuple[Registry, list[str]]:
    """The interfaces to fuzz: io.letterd.Letters from the source file, org.varlink.service as
    the daemon describes it. If the daemon's own description of io.letterd.Letters differs
    from the file (a binary built from other sources), the daemon's wins: it is what runs."""
    notes = []
    letters = INTERFACE_FILE.read_text()
    live = describe(socket_path, LETTERS)
    if live != letters:
        notes.append(f"{INTERFACE_FILE.name} differs from the daemon's description; fuzzing the daemon's")
        letters = live
    return Registry(parse_interface(letters), parse_interface(describe(socket_path, SERVICE))), notes


# --- statistics and the run ------------------------------------------------------------------


@dataclass
class Stats:
    seed: object = None
    iterations: int = 0
    messages: int = 0
    bytes_sent: int = 0
    connections: int = 0
    replies: Counter = field(default_factory=Counter)
    labels: Counter = field(default_factory=Counter)
    closes: Counter = field(default_factory=Counter)
    oversize: int = 0
    lenient: int = 0  # messages a strict JSON parser refuses that letterd answered with success
    warnings: int = 0
    health_checks: int = 0
    max_health_latency: float = 0.0
    rss_start: int | None = None
    rss_max: int | None = None
    rss_end: int | None = None
    elapsed: float = 0.0
    failures: list[str] = field(default_factory=list)
    saved: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count_sent(self, messages: list[bytes], case: Case, too_large: bool) -> None:
        self.messages += len(messages) + (1 if too_large else 0)
        self.bytes_sent += len(case.stream)
        self.labels.update(case.labels)
        self.closes[case.close] += 1
        self.oversize += too_large

    def count_reply(self, reply: dict | None) -> None:
        if reply is None:
            self.replies["(not JSON)"] += 1
        else:
            self.replies[reply.get("error") or "(parameters)"] += 1

    def summary(self) -> str:
        lines = [
            f"seed {self.seed}: {self.iterations} iterations in {self.elapsed:.1f}s",
            f"  messages sent {self.messages} ({self.bytes_sent / 1e6:.1f} MB), oversize {self.oversize}, "
            f"connections {self.connections}, case endings {dict(self.closes)}",
            f"  health checks {self.health_checks}, slowest fresh GetStatus {self.max_health_latency * 1000:.0f} ms, "
            f"log warnings {self.warnings}",
            f"  daemon RSS start {self.rss_start} KiB, max {self.rss_max} KiB, end {self.rss_end} KiB "
            f"(bound {rss_bound_kib(self.rss_start) if self.rss_start else '?'} KiB)",
            f"  non-JSON messages letterd accepted anyway: {self.lenient}",
            "  replies: " + ", ".join(f"{name} {count}" for name, count in self.replies.most_common()),
            "  mutations: " + ", ".join(f"{name} {count}" for name, count in self.labels.most_common()),
        ]
        lines += [f"  note: {note}" for note in self.notes]
        lines += [f"  FAILURE: {failure}" for failure in self.failures]
        lines += [f"  saved: {path}" for path in self.saved]
        return "\n".join(lines)


def escape(data: bytes) -> str:
    """Bytes as readable text: printable ASCII kept, the rest as \\xNN (see unescape)."""
    return repr(data)[2:-1]


def unescape(text: str) -> bytes:
    return codecs.escape_decode(text.encode("ascii"))[0]


def save_regression(directory: Path, writes: list[bytes], close: str, problems: list[str], found: dict) -> Path:
    """Saves what was sent on the connection as regressions/<hash>.json; returns its path."""
    digest = hashlib.sha256(close.encode() + b"\0" + b"\0".join(writes)).hexdigest()[:16]
    path = directory / f"{digest}.json"
    record = {"close": close, "problems": problems[:5], "found": found, "writes": [escape(w) for w in writes]}
    directory.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(record, indent=1) + "\n")
    return path


def _write(entry) -> bytes:
    """One write of a regression file: escaped bytes, or (written by hand, to keep a file of an
    oversize message small) {"repeat": escaped bytes, "times": N}."""
    if isinstance(entry, dict):
        return unescape(entry["repeat"]) * entry["times"]
    return unescape(entry)


def load_regression(path: Path) -> Case:
    record = json.loads(path.read_text())
    writes = [_write(w) for w in record["writes"]]
    return Case(writes, [0.0] * len(writes), record.get("close", "keep"), fresh=True,
                labels=[f"regression:{path.name}"])


class Fuzzer:
    """The iteration loop: cases, then the daemon-wide checks (alive, log, memory, a fresh
    client served), and a regression file for the first failure."""

    def __init__(self, target, seed, save_dir: Path | None = REGRESSIONS, health_every: int = 25,
                 health_timeout: float = HEALTH_TIMEOUT, allow: set[str] | None = None, name: str = "fuzz",
                 skip_methods: set[str] = frozenset()):
        self.target = target
        self.seed = seed
        self.save_dir = save_dir
        self.health_every = health_every
        self.health_timeout = health_timeout
        self.allow = allow
        self.stats = Stats(seed=seed)
        registry, self.stats.notes = load_registry(target.socket_path)
        self.generator = Generator(registry, skip_methods)
        self.runner = CaseRunner(target.socket_path, Oracle(registry), self.stats, name=name)
        self.stats.rss_start = self.stats.rss_max = target.rss_kib()

    def case(self, iteration: int) -> Case:
        return make_case(self.generator, random.Random(f"{self.seed}/{iteration}"), self.allow)

    def run(self, iterations: int | None = None, seconds: float | None = None) -> Stats:
        started = time.monotonic()
        iteration = 0
        try:
            while (iterations is None or iteration < iterations) and \
                    (seconds is None or time.monotonic() - started < seconds):
                self.stats.iterations = iteration + 1
                if not self.step(self.case(iteration), {"seed": self.seed, "iteration": iteration},
                                 health=(iteration + 1) % self.health_every == 0):
                    break
                iteration += 1
            else:
                self.step(None, {"seed": self.seed, "iteration": "final health check"}, health=True)
        finally:
            self.runner.close()
            self.stats.elapsed = time.monotonic() - started
            self.stats.rss_end = self.target.rss_kib()
        return self.stats

    def replay(self, path: Path) -> Stats:
        started = time.monotonic()
        self.stats.iterations = 1
        self.step(load_regression(path), {"replay": path.name}, health=True, save=False)
        self.runner.close()
        self.stats.elapsed = time.monotonic() - started
        self.stats.rss_end = self.target.rss_kib()
        return self.stats

    def step(self, case: Case | None, found: dict, health: bool, save: bool = True) -> bool:
        """One case (if any) and the checks after it; False once something failed."""
        problems, writes = [], []
        if case is not None:
            try:
                problems, writes = self.runner.run(case)
            except OSError as error:  # a connect refused: the daemon is gone or not accepting
                problems, writes = [f"the connection failed: {error!r}"], case.writes
                self.runner.close()
        problems += self.daemon_checks(health)
        if not problems:
            return True
        self.stats.failures += problems
        if save and case is not None and self.save_dir is not None:
            found = {**found, "labels": case.labels}
            self.stats.saved.append(save_regression(self.save_dir, writes, case.close, problems, found))
        return False

    def daemon_checks(self, health: bool) -> list[str]:
        target, stats = self.target, self.stats
        if not target.alive():
            return [f"letterd exited with status {target.exit_status()}"]
        problems = []
        for line in target.new_log_lines():
            if line.startswith(SERIOUS_LOG):
                problems.append(f"letterd logged: {line}")
            elif line.startswith("<4>"):
                stats.warnings += 1
        rss = target.rss_kib()
        if rss is not None and stats.rss_start:
            stats.rss_max = max(stats.rss_max or 0, rss)
            if rss > rss_bound_kib(stats.rss_start):
                problems.append(f"letterd's RSS grew to {rss} KiB from {stats.rss_start} KiB")
        if health:
            problems += self.health()
        return problems

    def health(self) -> list[str]:
        self.stats.health_checks += 1
        reply, latency, failure = get_status(self.target.socket_path, self.health_timeout)
        self.stats.max_health_latency = max(self.stats.max_health_latency, latency)
        if failure:
            return [failure]
        if not isinstance(reply, dict):
            return [f"GetStatus reply is not an object: {reply!r}"]
        oracle = self.runner.oracle
        return oracle.answer(Expect(1, 1, "call", f"{LETTERS}.GetStatus"), reply) or \
            ([] if "parameters" in reply else [f"GetStatus failed: {reply}"])


# --- command line ----------------------------------------------------------------------------


def start_daemon(bin_dir: str):
    helpers = load_protocol_helpers()
    daemon = helpers.Daemon(Path(bin_dir).resolve() / "letterd")
    daemon.start()
    return daemon


def stop_daemon(daemon, stats: Stats) -> None:
    """SIGTERM must end it with status 0 (a hang is killed); its temp dir goes either way."""
    try:
        code = daemon.terminate()
        if code is None:
            daemon.kill()
            stats.failures.append("letterd did not exit within 10 s of SIGTERM")
        elif code != 0:
            stats.failures.append(f"letterd exited with status {code} after SIGTERM")
        for line in daemon.log().splitlines():
            if line.startswith(SERIOUS_LOG) and f"letterd logged: {line}" not in stats.failures:
                stats.failures.append(f"letterd logged: {line}")
    finally:
        daemon.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--iterations", type=int, help="stop after this many cases")
    parser.add_argument("--seconds", type=float, help="stop after this long")
    parser.add_argument("--seed", help="the run's seed (default: from the clock; printed)")
    parser.add_argument("--bin-dir", default=os.environ.get("LETTERD_BIN_DIR", str(REPO / ".build/debug")),
                        help="where letterd is (default $LETTERD_BIN_DIR or .build/debug)")
    parser.add_argument("--save-dir", type=Path, default=REGRESSIONS, help="where failures are saved")
    parser.add_argument("--skip", action="append", default=[], choices=["oversize", "half-close", "abort"],
                        help="leave out a kind of case (e.g. while a known bug in it is being fixed)")
    parser.add_argument("--skip-method", action="append", default=[], metavar="NAME",
                        help="never build calls to this method (e.g. GetStatus), for the same reason")
    parser.add_argument("--replay", nargs="+", type=Path, help="replay regression files instead of fuzzing")
    args = parser.parse_args(argv)
    if args.replay:
        return replay_files(args.bin_dir, args.replay)
    if args.iterations is None and args.seconds is None:
        args.iterations = 1000
    seed = args.seed if args.seed is not None else str(int(time.time()))
    daemon = start_daemon(args.bin_dir)
    stats = Stats(seed=seed)
    try:
        fuzzer = Fuzzer(DaemonTarget(daemon), seed, args.save_dir,
                        allow={"oversize", "half-close", "abort"} - set(args.skip),
                        skip_methods=set(args.skip_method))
        stats = fuzzer.run(args.iterations, args.seconds)
    finally:
        stop_daemon(daemon, stats)
    print(stats.summary())
    return 1 if stats.failures else 0


def replay_files(bin_dir: str, paths: list[Path]) -> int:
    failed = 0
    for path in paths:
        daemon = start_daemon(bin_dir)
        stats = Stats(seed=f"replay {path.name}")
        try:
            stats = Fuzzer(DaemonTarget(daemon), stats.seed, save_dir=None, name="replay").replay(path)
        finally:
            stop_daemon(daemon, stats)
        print(f"{path.name}: {'FAILED' if stats.failures else 'ok'}")
        for failure in stats.failures:
            print(f"  {failure}")
        failed += bool(stats.failures)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
