"""Fixtures and helpers for the export tests: `letterctl export` run for real against a private
letterd, and its HTML rendered by a real browser (headless Chromium from Debian's packages).

- The daemon is the protocol tests' `Daemon` (Tests/protocol/conftest.py, loaded by path: both
  files are named conftest.py), with TZ=UTC and its clock pinned near PINNED_NOW through
  letterd's own test hook (`LETTERD_TEST_HOOKS=clock-offset=SECONDS`, see
  Sources/LetterDaemon/Services/TestHooks.swift), so the dates an export prints are the same on
  every run. The hook sets an offset, not a stopped clock: times still advance by the seconds
  the test takes, so snapshots mask seconds (see test_markdown.py).
- letterctl is $LETTERD_BIN_DIR/letterctl with the daemon's environment (its XDG_RUNTIME_DIR
  points it at the test daemon's socket; HOME is inside the test's temporary directory).
- Chromium: `chromium-headless-shell` (Debian package of that name; the fastest, ~0.2 s a page
  here) or else `chromium` (~0.6 s), or the binary named by $LETTERD_CHROMIUM. Each run has a
  temporary HOME, XDG directories and --user-data-dir of its own, no network (every host name
  resolves to nothing), is started in a session of its own and, once it exits or times out,
  anything left in its process group is killed. Without a browser, or without pdfinfo and
  pdftotext (poppler-utils), the tests that need them are skipped with the reason.

Every process a test starts is stopped by its PID and every temporary directory is removed,
pass or fail; nothing reads or writes the real $HOME.
"""

from __future__ import annotations

import contextlib
import html.parser
import importlib.util
import os
import re
import shutil
import signal
import struct
import subprocess
import tempfile
import time
import unicodedata
import zlib
from datetime import datetime, timezone
from pathlib import Path

import pytest

# The protocol tests' fixtures and helpers, loaded by path: both files are named conftest.py.
_spec = importlib.util.spec_from_file_location(
    "letterd_protocol_conftest", Path(__file__).resolve().parent.parent / "protocol" / "conftest.py")
protocol = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(protocol)
letterd_binary = protocol.letterd_binary

REPO = Path(__file__).resolve().parents[2]
FIGURES = REPO / ".build" / "export-figures"
SNAPSHOTS = Path(__file__).resolve().parent / "snapshots"

# Where the daemon's clock is pinned: a Saturday morning, far from midnight in UTC.
PINNED_NOW = datetime(2026, 3, 14, 10, 0, 0, tzinfo=timezone.utc)
COMMAND_TIMEOUT = 60.0
BROWSER_TIMEOUT = 60.0
WINDOW = (1000, 1400)  # the screenshot's viewport, CSS pixels


# --- letterd and letterctl ---------------------------------------------------------------------


class ExportDaemon(protocol.Daemon):
    """The protocol tests' Daemon, in UTC, with its clock `offset` seconds from the system's."""

    def __init__(self, binary: Path, offset: float | None = None):
        super().__init__(binary)
        self.offset = offset

    @property
    def env(self) -> dict[str, str]:
        env = {**super().env, "TZ": "UTC", "LANG": "C.UTF-8", "NO_COLOR": "1"}
        if self.offset is not None:
            env["LETTERD_TEST_HOOKS"] = f"clock-offset={self.offset:.3f}"
        return env


def running_daemon(binary: Path, pin_clock: bool = True):
    """A started letterd with the protocol tests' checks at the end (exit 0 on SIGTERM, no error
    logged; its directory removed), its clock pinned near PINNED_NOW unless `pin_clock` is off."""
    offset = PINNED_NOW.timestamp() - time.time() if pin_clock else None
    return protocol.running(binary, ExportDaemon(binary, offset))


@pytest.fixture
def daemon(letterd_binary):
    """A fresh letterd with its clock pinned near PINNED_NOW (UTC)."""
    with running_daemon(letterd_binary) as instance:
        yield instance


def letterctl(daemon, *arguments: str, check: bool = True) -> subprocess.CompletedProcess:
    """The real letterctl, with the daemon's environment (so its socket), no terminal."""
    binary = daemon.binary.parent / "letterctl"
    done = subprocess.run([str(binary), *arguments], env=daemon.env, cwd=daemon.tmp, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=COMMAND_TIMEOUT)
    if check and done.returncode != 0:
        raise AssertionError(f"letterctl {' '.join(arguments)} exited {done.returncode}\n"
                             f"stdout: {done.stdout}\nstderr: {done.stderr}")
    return done


def write_letter(daemon, **parameters) -> dict:
    return protocol.result(daemon.call("WriteLetter", parameters))["letter"]


def revise_letter(daemon, **parameters) -> dict:
    return protocol.result(daemon.call("ReviseLetter", parameters))["letter"]


def figure(name: str) -> Path:
    """Where a test keeps an artefact for people to look at: .build/export-figures/NAME."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    return FIGURES / name


# --- text comparison ---------------------------------------------------------------------------

BIDI_CONTROLS = dict.fromkeys(map(ord, "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"))


def comparable(text: str) -> str:
    """Text reduced to what survives a trip through a PDF's text layer, for comparing what a
    letter says with what pdftotext reads on a page (apply it to both sides):
    - compatibility-normalised (combining marks composed, Arabic presentation forms back to
      letters);
    - without emoji, their joiners and modifiers: Chromium draws colour emoji as Type 3 glyphs,
      which pdftotext reads back or not depending on the fonts the page asks for;
    - without bidi controls, punctuation and whitespace: pdftotext wraps right-to-left runs in
      U+202B…U+202C, moves the spaces, full stops and brackets at their edges (it read
      "סבתא שלי (my grandmother)" as "סבתא שלי ()my grandmother"), and breaks lines;
    - with the Arabic lam-alef ligature's two letters in one order: pdftotext reads the glyph
      ﻻ of "الاجتماع" back to front ("االجتماع")."""
    text = unicodedata.normalize("NFKC", text).translate(BIDI_CONTROLS)
    text = "".join(c for c in text if unicodedata.category(c)[0] not in "PZ" and unicodedata.category(c) not in ("So", "Sk")
                   and c not in EMOJI_JOINERS)
    return re.sub(r"\s+", "", text).replace("\u0644\u0627", "\u0627\u0644")


EMOJI_JOINERS = "\u200d\ufe0e\ufe0f\u20e3"
RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")


def on_page(phrase: str, page_text: str) -> bool:
    """Whether pdftotext's text of a page holds a phrase. Left-to-right text must be there as
    one run; text with right-to-left words only word by word, since pdftotext does not keep
    the order of runs of different directions (the screenshot is where to judge that)."""
    page = comparable(page_text)
    if not RIGHT_TO_LEFT.search(phrase):
        return comparable(phrase) in page
    return all(comparable(word) in page for word in phrase.split() if comparable(word))


def collapse(text: str) -> str:
    """Whitespace runs as one space, trimmed."""
    return re.sub(r"\s+", " ", text).strip()


# --- HTML ---------------------------------------------------------------------------------------

URL_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "formaction", "xlink:href", "background",
                  "ping", "manifest", "longdesc", "cite", "icon", "archive", "codebase", "usemap"}


def local_reference(value: str) -> bool:
    """A reference that needs nothing outside the file: a fragment or a data: URI."""
    value = value.strip()
    return value == "" or value.startswith("#") or value.lower().startswith("data:")


class ExportPage(html.parser.HTMLParser):
    """An exported HTML file, parsed: its external references, styles, and each
    <article class="letter"> with its text (and which elements it holds)."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.external: list[str] = []
        self.styles: list[str] = []
        self.inline_styles: list[str] = []
        self.scripts = 0
        self.articles: list[dict] = []
        self.header_text: list[str] = []
        self._in_style = False
        self._in_script = False
        self._article_depth = 0
        self._depth = 0
        self._stack: list[str] = []
        self.feed(text)
        self.close()

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)
        if tag in self.VOID:
            self.handle_startendtag(tag, attrs, checked=True)
            return
        self._stack.append(tag)
        if tag == "style":
            self._in_style = True
            self.styles.append("")
        elif tag == "script":
            self._in_script = True
            self.scripts += 1
        classes = (dict(attrs).get("class") or "").split()
        if tag == "article" and "letter" in classes and not self._article_depth:
            self.articles.append({"text": "", "tags": [], "attrs": dict(attrs)})
            self._article_depth = len(self._stack)
        elif self._article_depth:
            self.articles[-1]["tags"].append(tag)

    def handle_startendtag(self, tag, attrs, checked=False):
        if not checked:
            self._check(tag, attrs)
        if self._article_depth:
            self.articles[-1]["tags"].append(tag)
            self.articles[-1]["text"] += " "

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if tag in self._stack:
            while self._stack:
                closed = self._stack.pop()
                if self._article_depth and len(self._stack) < self._article_depth:
                    self._article_depth = 0
                if closed == "style":
                    self._in_style = False
                if closed == "script":
                    self._in_script = False
                if closed == tag:
                    break
        if self._article_depth and self.articles:
            self.articles[-1]["text"] += " "

    def handle_data(self, data):
        if self._in_style:
            self.styles[-1] += data
        elif self._article_depth:
            self.articles[-1]["text"] += data
        elif not self._in_script:
            self.header_text.append(data)

    def _check(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "style":
                self.inline_styles.append(value)
            if name in URL_ATTRIBUTES:
                if name == "srcset":
                    urls = [part.strip().split()[0] for part in value.split(",") if part.strip()]
                else:
                    urls = [value]
                self.external += [f"<{tag} {name}={url!r}>" for url in urls if not local_reference(url)]
            if tag == "meta" and name == "content" and "url=" in value.lower():
                self.external.append(f"<meta content={value!r}>")

    def css_external(self) -> list[str]:
        """url(...) and @import in the styles that reach outside the file."""
        found = []
        for css in self.styles + self.inline_styles:
            found += [f"@import in CSS: {m.group(0)!r}" for m in re.finditer(r"@import[^;]*", css)]
            for m in re.finditer(r"url\(\s*(['\"]?)(.*?)\1\s*\)", css):
                if not local_reference(m.group(2)):
                    found.append(f"url() in CSS: {m.group(0)!r}")
        return found


# --- Chromium -----------------------------------------------------------------------------------


def find_browser() -> str | None:
    chosen = os.environ.get("LETTERD_CHROMIUM")
    if chosen:
        return shutil.which(chosen)
    for name in ("chromium-headless-shell", "chromium"):
        path = shutil.which(name)
        if path:
            return path
    return None


class Browser:
    """Headless Chromium, one process tree per page rendered, each in a temporary directory of
    its own (HOME, XDG directories, profile) that is removed afterwards."""

    FLAGS = [
        "--headless",
        "--no-sandbox",            # Chromium's sandbox refuses to run as root
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-sync",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--mute-audio",
        "--hide-scrollbars",
        "--force-color-profile=srgb",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # no network: an external asset cannot load
    ]

    def __init__(self, binary: str):
        self.binary = binary
        self.timings: list[tuple[str, float]] = []

    def command(self, profile: Path, html: Path, *action: str) -> list[str]:
        return [self.binary, *self.FLAGS, f"--user-data-dir={profile}", *action, html.resolve().as_uri()]

    def run(self, html: Path, *action: str) -> subprocess.CompletedProcess:
        scratch = Path(tempfile.mkdtemp(prefix="letterd-chromium-"))
        home = scratch / "home"
        runtime = scratch / "run"
        home.mkdir()
        runtime.mkdir(mode=0o700)
        env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(home),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_DATA_HOME": str(home / ".local" / "share"),
            "XDG_RUNTIME_DIR": str(runtime),
            "TMPDIR": str(scratch),
            "LANG": "C.UTF-8",
            "TZ": "UTC",
        }
        argv = self.command(scratch / "profile", html, *action)
        started = time.monotonic()
        process = subprocess.Popen(argv, env=env, cwd=scratch, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=BROWSER_TIMEOUT)
        except subprocess.TimeoutExpired:
            process.kill()
            stdout, stderr = process.communicate()
            raise AssertionError(f"Chromium did not finish within {BROWSER_TIMEOUT} s: {argv}\n{stderr[-3000:]}")
        finally:
            # Whatever it left behind in its process group (renderer, zygote, crash handler).
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(process.pid, signal.SIGKILL)
            shutil.rmtree(scratch, ignore_errors=True)
        self.timings.append((action[-1].split("=")[0], time.monotonic() - started))
        if process.returncode != 0:
            raise AssertionError(f"Chromium exited {process.returncode}: {argv}\n{stderr[-3000:]}")
        return subprocess.CompletedProcess(argv, process.returncode, stdout, stderr)

    def print_to_pdf(self, html: Path, pdf: Path) -> None:
        self.run(html, "--no-pdf-header-footer", f"--print-to-pdf={pdf.resolve()}")
        assert pdf.is_file() and pdf.stat().st_size > 0, f"Chromium wrote no PDF at {pdf}"

    def screenshot(self, html: Path, png: Path, window: tuple[int, int] = WINDOW) -> None:
        self.run(html, f"--window-size={window[0]},{window[1]}", f"--screenshot={png.resolve()}")
        assert png.is_file() and png.stat().st_size > 0, f"Chromium wrote no screenshot at {png}"


def missing_tools() -> list[str]:
    missing = []
    if not find_browser():
        which = os.environ.get("LETTERD_CHROMIUM")
        missing.append(f"{which} (LETTERD_CHROMIUM)" if which else
                       "a headless Chromium (Debian package chromium-headless-shell, or chromium)")
    missing += [f"{tool} (Debian package poppler-utils)" for tool in ("pdfinfo", "pdftotext", "pdftoppm")
                if not shutil.which(tool)]
    return missing


@pytest.fixture(scope="session")
def browser() -> Browser:
    """Headless Chromium; the test is skipped, with what to install, when it or poppler-utils is missing."""
    missing = missing_tools()
    if missing:
        pytest.skip("rendering the HTML export needs " + ", ".join(missing) +
                    "; `apt-get install chromium-headless-shell poppler-utils fonts-dejavu-core "
                    "fonts-noto-color-emoji`")
    return Browser(find_browser())


# --- PDF and PNG --------------------------------------------------------------------------------


def pdf_info(pdf: Path) -> dict[str, str]:
    done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=True)
    return {key.strip(): value.strip() for key, _, value in
            (line.partition(":") for line in done.stdout.splitlines()) if key}


def pdf_page_text(pdf: Path, page: int) -> str:
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, timeout=COMMAND_TIMEOUT, check=True)
    return done.stdout.decode("utf-8")


def pdf_page_images(pdf: Path, prefix: Path, dpi: int = 50) -> list[Path]:
    """Each page of a PDF as a PNG (pdftoppm), PREFIX-1.png, PREFIX-2.png, …: how it prints."""
    for old in prefix.parent.glob(prefix.name + "-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", str(pdf), str(prefix)], capture_output=True,
                   timeout=COMMAND_TIMEOUT, check=True)
    return sorted(prefix.parent.glob(prefix.name + "-*.png"))


def pdf_word_heights(pdf: Path, page: int) -> list[float]:
    """Each word's box height on a page, in points (pdftotext -bbox): about 1.16 × the font
    size for the DejaVu faces Chromium falls back to here."""
    done = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, timeout=COMMAND_TIMEOUT, check=True)
    return [float(m.group(2)) - float(m.group(1)) for m in
            re.finditer(r'<word [^>]*yMin="([\d.]+)"[^>]*yMax="([\d.]+)"', done.stdout)]


def png_pixels(path: Path) -> tuple[int, int, list[bytes]]:
    """A PNG decoded with the standard library alone: (width, height, rows of RGB(A) bytes).
    Handles 8-bit greyscale, RGB, grey+alpha and RGBA, not interlaced — what Chromium writes."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    pos, idat, header = 8, b"", None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        elif kind == b"IEND":
            break
        pos += 12 + length
    assert header, f"{path} has no IHDR"
    width, height, depth, colour, _, _, interlace = header
    assert depth == 8 and interlace == 0 and colour in (0, 2, 4, 6), f"unexpected PNG format {header}"
    channels = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
    stride = width * channels
    raw = zlib.decompress(idat)
    rows, previous = [], bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for i in range(stride):
            left = row[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                row[i] = (row[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(row))
        previous = row
    return width, height, rows
