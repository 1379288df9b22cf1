"""Real desktop parts for letterd's notification tests: a private session bus, a headless X
server, dunst as the notification server, and letterd started directly on top of them.

As ../../shared/notes/real-components.md describes running them here:
- `xserver` (one per run): `Xvfb -displayfd`, which picks a display number that is free (it
  takes the first /tmp/.X11-unix/X<n> and /tmp/.X<n>-lock nobody holds) and reports it;
- `Bus`: `dbus-daemon --nofork` on a socket inside the test's temporary directory, with a
  configuration of its own that has no service directories, so nothing is ever D-Bus-activated
  behind a test's back (the system's session.conf would activate /usr/bin/dunst on the first
  Notify call, and "no notification server" could then not be tested);
- `Dunst`: dunst 1.9 with a dunstrc of the test's own: notifications never time out, every
  notification shown runs a recording script (dunst's `script =` rule, given the notification
  as DUNST_* variables), and its context menu runs a stand-in for dmenu that records the menu's
  lines (`#Reread now (summary) [ID,reread]`, i.e. every action's label and key) and answers
  with the line a test asked for, or nothing;
- `Letterd`: `$LETTERD_BIN_DIR/letterd --socket SOCK --config CONF`, with HOME and every XDG
  directory inside the temporary directory, TZ=UTC, LANG=C.UTF-8, and the bus address given.

Each process is started as a child of the test and stopped by its PID (SIGTERM, then SIGKILL
after a few seconds), pass or fail; the temporary directory is removed. Nothing reads or writes
the real $HOME, and no running session is touched. Every wait has a timeout, and each test as a
whole is cut off after TEST_TIME_LIMIT seconds.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIGURES = REPO / ".build" / "desktop-figures"
NOTIFICATIONS = "org.freedesktop.Notifications"
REQUIRED = {
    "dbus-daemon": "dbus",
    "dbus-send": "dbus",
    "Xvfb": "xvfb",
    "dunst": "dunst",
    "dunstctl": "dunst",
    "notify-send": "libnotify-bin",
}
TEST_TIME_LIMIT = 150
STOP_TIMEOUT = 5.0
LETTERD_START_TIMEOUT = 15.0
LETTERD_STOP_TIMEOUT = 10.0
COMMAND_TIMEOUT = 20.0


# --- plumbing ---------------------------------------------------------------------------------


def missing_binaries() -> list[str]:
    return [f"{name} (Debian package {package})" for name, package in REQUIRED.items() if not shutil.which(name)]


def pytest_collection_modifyitems(config, items):
    missing = missing_binaries()
    if missing:
        skip = pytest.mark.skip(reason="the desktop tests need " + ", ".join(missing) +
                                "; `apt-get install dbus xvfb dunst libnotify-bin` (.ci/run installs them)")
        for item in items:
            item.add_marker(skip)


class TimeLimitExceeded(Exception):
    pass


@pytest.fixture(autouse=True)
def time_limit():
    """A test that is still running after TEST_TIME_LIMIT seconds fails (its fixtures still clean up)."""
    def expire(signum, frame):
        raise TimeLimitExceeded(f"the test took longer than {TEST_TIME_LIMIT} s")
    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(TEST_TIME_LIMIT)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def wait_until(condition, timeout: float, interval: float = 0.05, what: str = "condition"):
    """The condition's first truthy value; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for {what}")
        time.sleep(interval)


def stop_process(process: subprocess.Popen | None, timeout: float = STOP_TIMEOUT) -> int | None:
    """SIGTERM to this PID, wait, then SIGKILL. The exit status (None if it had to be killed)."""
    if process is None:
        return None
    if process.poll() is not None:
        return process.returncode
    try:
        process.send_signal(signal.SIGTERM)
        return process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=timeout)
        return None


def run(argv: list[str], env: dict[str, str], input: str | None = None, timeout: float = COMMAND_TIMEOUT,
        check: bool = True) -> subprocess.CompletedProcess:
    result = subprocess.run(argv, env=env, input=input, capture_output=True, text=True, timeout=timeout,
                            stdin=None if input is not None else subprocess.DEVNULL)
    if check and result.returncode != 0:
        raise AssertionError(f"{argv} exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
    return result


def parse_time(text: str) -> datetime:
    """An ISO 8601 UTC time as letterctl --json prints it ("2025-01-02T03:04:05.678Z")."""
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def now() -> datetime:
    return datetime.now(timezone.utc)


def figure(name: str, text: str) -> Path:
    """A captured or measured figure, kept in .build/desktop-figures/ for the issue notes."""
    FIGURES.mkdir(parents=True, exist_ok=True)
    path = FIGURES / name
    path.write_text(text)
    return path


# --- X server ---------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def xserver():
    """A headless X server on a free display; yields DISPLAY (":<n>")."""
    if missing_binaries():
        pytest.skip("desktop binaries are missing")
    # Where X servers put their sockets. Boot (systemd-tmpfiles) normally makes it; a fresh
    # container may not have it, and Xvfb only creates it itself when run as root.
    sockets = Path("/tmp/.X11-unix")
    made_sockets_dir = False
    if not sockets.exists():
        sockets.mkdir()
        sockets.chmod(0o1777)
        made_sockets_dir = True
    read_end, write_end = os.pipe()
    log = Path(tempfile.mkdtemp(prefix="letterd-xvfb-")) / "xvfb.log"
    with open(log, "wb") as out:
        process = subprocess.Popen(
            ["Xvfb", "-displayfd", str(write_end), "-nolisten", "tcp", "-screen", "0", "1280x800x24"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=out, pass_fds=(write_end,), start_new_session=True)
    os.close(write_end)
    try:
        number = b""
        deadline = time.monotonic() + 15
        os.set_blocking(read_end, False)
        while not number.endswith(b"\n"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"Xvfb did not report a display within 15 s:\n{log.read_text(errors='replace')}")
            try:
                chunk = os.read(read_end, 64)
            except BlockingIOError:
                time.sleep(0.05)
                continue
            number += chunk
        display = ":" + number.decode().strip()
        wait_until(lambda: Path(f"/tmp/.X11-unix/X{display[1:]}").exists(), 10, what="the X socket")
        yield display
    finally:
        os.close(read_end)
        stop_process(process)
        shutil.rmtree(log.parent, ignore_errors=True)
        if made_sockets_dir:
            try:
                sockets.rmdir()
            except OSError:
                pass  # another X server uses it now


# --- session bus ------------------------------------------------------------------------------


BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={path}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


class Bus:
    """A private session bus at a fixed path, so it can be started after a client was told its
    address (the "no bus yet" case)."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.path = directory / "bus"
        self.address = f"unix:path={self.path}"
        self.config = directory / "bus.conf"
        self.config.write_text(BUS_CONFIG.format(path=self.path))
        self.log = directory / "bus.log"
        self.process: subprocess.Popen | None = None

    def start(self):
        assert self.process is None or self.process.poll() is not None, "the bus is already running"
        with open(self.log, "ab") as err:
            self.process = subprocess.Popen(
                ["dbus-daemon", f"--config-file={self.config}", "--nofork", "--print-address=1"],
                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=err, start_new_session=True)
        line = self._read_address_line()
        assert line.startswith(f"unix:path={self.path}"), line
        return self

    def _read_address_line(self) -> str:
        assert self.process and self.process.stdout
        os.set_blocking(self.process.stdout.fileno(), False)
        data = b""
        deadline = time.monotonic() + 10
        while not data.endswith(b"\n"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"dbus-daemon did not start:\n{self.log.read_text(errors='replace')}")
            chunk = self.process.stdout.read()
            if chunk:
                data += chunk
            else:
                time.sleep(0.02)
        return data.decode().strip()

    def stop(self):
        if self.process is not None:
            if self.process.stdout:
                self.process.stdout.close()
            stop_process(self.process)
        self.process = None

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def has_owner(self, name: str) -> bool:
        result = run(["dbus-send", f"--bus={self.address}", "--print-reply=literal", "--dest=org.freedesktop.DBus",
                      "/org/freedesktop/DBus", "org.freedesktop.DBus.NameHasOwner", f"string:{name}"],
                     env=clean_env(), check=False, timeout=5)
        return result.returncode == 0 and result.stdout.strip().endswith("true")


def clean_env(**extra: str) -> dict[str, str]:
    """A minimal environment: PATH, LANG, TZ and what is given; no HOME or bus of the runner's."""
    env = {"PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"), "LANG": "C.UTF-8", "TZ": "UTC"}
    env.update(extra)
    return env


# --- dunst ------------------------------------------------------------------------------------


RECORD_SCRIPT = """#!{python}
# Run by dunst for every notification it shows (a `script =` rule); keeps what dunst has.
import json, os, sys
record = {{key[len("DUNST_"):].lower(): value for key, value in os.environ.items() if key.startswith("DUNST_")}}
record["argv"] = sys.argv[1:]
path = os.path.join({directory!r}, "shown-%s.json" % record.get("id", "unknown"))
with open(path + ".tmp", "w") as out:
    json.dump(record, out, indent=2, ensure_ascii=False)
os.rename(path + ".tmp", path)
"""

DMENU_STANDIN = """#!/bin/sh
# Stands in for dmenu in dunst's context menu: records the menu (stdin), then prints the first
# line containing the text in `choose` (written by the test and used once), or nothing.
d={directory}
n=$(($(cat "$d/menu-count" 2>/dev/null || echo 0) + 1))
cat > "$d/menu-$n.txt"
if [ -s "$d/choose" ]; then
    grep -F -m 1 -- "$(cat "$d/choose")" "$d/menu-$n.txt"
    rm -f "$d/choose"
fi
echo "$n" > "$d/menu-count"
"""

DUNSTRC = """[global]
    dmenu = {dmenu}
    browser = /bin/true
    show_indicators = no
    history_length = 100
    sticky_history = yes
    mouse_left_click = do_action, close_current
    mouse_middle_click = close_current
    mouse_right_click = close_all

[urgency_low]
    timeout = 0
[urgency_normal]
    timeout = 0
[urgency_critical]
    timeout = 0

[record_every_notification]
    summary = "*"
    script = {script}
"""

MENU_LINE = re.compile(r"^#(?P<label>.*?) \((?P<summary>.*)\) \[(?P<id>\d+),(?P<key>[^\]]*)\]$")


@dataclass
class MenuEntry:
    """One line of dunst's context menu: an action of a displayed notification."""
    id: int
    key: str
    label: str
    summary: str
    line: str


class Dunst:
    """dunst on the test's bus and X display, with recorded notifications and context menus."""

    def __init__(self, directory: Path, bus: Bus, display: str):
        self.directory = directory
        self.records = directory / "dunst-records"
        self.records.mkdir(exist_ok=True)
        self.bus = bus
        self.display = display
        script = directory / "record-notification"
        script.write_text(RECORD_SCRIPT.format(python=sys.executable, directory=str(self.records)))
        script.chmod(0o755)
        dmenu = directory / "dmenu-standin"
        dmenu.write_text(DMENU_STANDIN.format(directory=self.records))
        dmenu.chmod(0o755)
        self.config = directory / "dunstrc"
        self.config.write_text(DUNSTRC.format(dmenu=dmenu, script=script))
        self.log = directory / "dunst.log"
        self.home = directory / "dunst-home"
        self.home.mkdir(exist_ok=True)
        self.process: subprocess.Popen | None = None

    @property
    def env(self) -> dict[str, str]:
        return clean_env(DISPLAY=self.display, DBUS_SESSION_BUS_ADDRESS=self.bus.address, HOME=str(self.home),
                         XDG_CONFIG_HOME=str(self.home / ".config"), XDG_RUNTIME_DIR=str(self.directory))

    def start(self):
        assert self.bus.running, "dunst needs the bus"
        assert self.process is None or self.process.poll() is not None, "dunst is already running"
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(["dunst", "-config", str(self.config)], env=self.env,
                                            stdin=subprocess.DEVNULL, stdout=out, stderr=out, start_new_session=True)

        def ready():
            if self.process.poll() is not None:
                pytest.fail(f"dunst exited with {self.process.returncode}:\n{self.log.read_text(errors='replace')}")
            return self.bus.has_owner(NOTIFICATIONS)
        wait_until(ready, 10, interval=0.1, what="dunst to own org.freedesktop.Notifications")
        return self

    def stop(self):
        stop_process(self.process)
        self.process = None

    def ctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return run(["dunstctl", *args], env=self.env, check=check, timeout=10)

    def count(self, which: str = "displayed") -> int:
        return int(self.ctl("count", which).stdout.strip())

    def wait_displayed(self, n: int = 1, timeout: float = 10.0) -> int:
        wait_until(lambda: self.count() >= n, timeout, interval=0.1, what=f"{n} notification(s) displayed by dunst")
        return self.count()

    def shown(self) -> list[dict]:
        """Every notification dunst has shown so far, as its script saw it (DUNST_* variables), oldest first."""
        records = []
        for path in self.records.glob("shown-*.json"):
            records.append(json.loads(path.read_text()))
        return sorted(records, key=lambda r: int(r.get("id", 0)))

    def wait_shown(self, n: int = 1, timeout: float = 10.0) -> list[dict]:
        return wait_until(lambda: (lambda s: s if len(s) >= n else None)(self.shown()), timeout, interval=0.1,
                          what=f"dunst's script to record {n} notification(s)")

    def _menus_so_far(self) -> int:
        try:
            return int((self.records / "menu-count").read_text().strip())
        except (FileNotFoundError, ValueError):
            return 0

    def context_menu(self, choose: str | None = None, timeout: float = 10.0) -> list[MenuEntry]:
        """Opens dunst's context menu (`dunstctl context`); the stand-in picks the first line
        containing `choose` (e.g. ",later]"), or nothing. Returns the menu's entries."""
        before = self._menus_so_far()
        choice = self.records / "choose"
        if choose:
            choice.write_text(choose)
        else:
            choice.unlink(missing_ok=True)
        # dunst ignores a request for its menu while it is still finishing the previous one
        # (reading the stand-in's output, closing the pipe), so ask again if nothing happens.
        deadline = time.monotonic() + timeout
        while True:
            self.ctl("context")
            try:
                wait_until(lambda: self._menus_so_far() > before, min(2.0, max(deadline - time.monotonic(), 0.1)),
                           what="dunst's context menu to run")
                break
            except AssertionError:
                if time.monotonic() >= deadline:
                    raise
        text = (self.records / f"menu-{before + 1}.txt").read_text()
        entries = []
        for line in text.splitlines():
            match = MENU_LINE.match(line)
            if match:
                entries.append(MenuEntry(int(match["id"]), match["key"], match["label"], match["summary"], line))
        return entries

    def history(self) -> list[dict]:
        """`dunstctl history` (closed notifications only), each flattened to {field: value}."""
        data = json.loads(self.ctl("history").stdout)
        return [{key: value["data"] for key, value in entry.items()} for entry in data["data"][0]]

    def window(self) -> str | None:
        """The X window dunst draws its notifications in (needs xdotool)."""
        result = run(["xdotool", "search", "--onlyvisible", "--classname", "Dunst"], env=self.env, check=False)
        ids = result.stdout.split()
        return ids[0] if ids else None


# --- letterd ----------------------------------------------------------------------------------


SCHEDULE_CONFIG = """log-level = "info"

[schedule]
first-reread-after = "{first_reread_after}"
preferred-hours = "00:00-24:00"
rework-at = "10:00"
daily-cap = 20
first-spacing = "1h"
shortest-spacing = "10s"
later = "1h"

[notifications]
open-command = [{recorder}, "{{kind}}", "{{id}}"]
retry-after = "2s"
"""

RECORDER = """#!/bin/sh
# letterd's open-command in the tests: notes what it was asked to open.
echo "$*" >> {log}
"""


@pytest.fixture(scope="session")
def bin_dir() -> Path:
    value = os.environ.get("LETTERD_BIN_DIR")
    if not value:
        pytest.exit("LETTERD_BIN_DIR is not set: point it at the directory holding letterd and letterctl, "
                    "or run `make test-desktop`", returncode=4)
    path = Path(value).resolve()
    for name in ("letterd", "letterctl"):
        if not os.access(path / name, os.X_OK):
            pytest.exit(f"no executable {name} in {path} (LETTERD_BIN_DIR={value})", returncode=4)
    return path


class Letterd:
    """letterd run by hand, as on a desktop without systemd, on the test's bus."""

    def __init__(self, bin_dir: Path, directory: Path, bus_address: str, first_reread_after: str = "2s",
                 movable_clock: bool = False):
        self.bin_dir = bin_dir
        self.directory = directory
        self.home = directory / "home"
        self.data = directory / "data"
        self.config_home = directory / "config"
        self.runtime = directory / "run"
        for path in (self.home, self.data, self.config_home, self.runtime):
            path.mkdir(exist_ok=True)
        self.runtime.chmod(0o700)
        self.socket = self.runtime / "letterd.sock"
        self.opened_log = directory / "opened.log"
        recorder = directory / "recorder.sh"
        recorder.write_text(RECORDER.format(log=self.opened_log))
        recorder.chmod(0o755)
        self.config = directory / "letterd.toml"
        self.config.write_text(SCHEDULE_CONFIG.format(first_reread_after=first_reread_after,
                                                      recorder=json.dumps(str(recorder))))
        self.log_path = directory / "letterd.log"
        self.bus_address = bus_address
        self.process: subprocess.Popen | None = None
        # With a movable clock, letterd's clock runs the offset in this file ahead of the system's,
        # re-read at every SIGUSR1 (the test hook in Sources/LetterDaemon/Services/TestHooks.swift).
        self.clock_file = directory / "clock-offset" if movable_clock else None
        if self.clock_file:
            self.clock_file.write_text("0\n")

    @property
    def env(self) -> dict[str, str]:
        hooks = {"LETTERD_TEST_HOOKS": f"clock-offset-file={self.clock_file}"} if self.clock_file else {}
        return clean_env(HOME=str(self.home), XDG_DATA_HOME=str(self.data), XDG_CONFIG_HOME=str(self.config_home),
                         XDG_RUNTIME_DIR=str(self.runtime), DBUS_SESSION_BUS_ADDRESS=self.bus_address, **hooks)

    def set_clock(self, offset: float):
        """Sets letterd's clock to run `offset` seconds from the system's, as setting the wall clock would."""
        assert self.clock_file is not None, "letterd was started without a movable clock"
        mask = 1 << (signal.SIGUSR1 - 1)

        def handled() -> bool:  # SIGUSR1 would kill letterd until its hook traps it
            status = Path(f"/proc/{self.pid}/status").read_text()
            fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
            return bool((int(fields["SigCgt"], 16) | int(fields["SigIgn"], 16)) & mask)
        wait_until(handled, 10, what="letterd to trap SIGUSR1")
        done = self.log().count("test hook: the clock was set")
        self.clock_file.write_text(f"{offset}\n")
        os.kill(self.pid, signal.SIGUSR1)
        wait_until(lambda: self.log().count("test hook: the clock was set") > done, 10,
                   what="letterd to take the new clock")

    @property
    def pid(self) -> int:
        assert self.process is not None
        return self.process.pid

    def start(self):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                [str(self.bin_dir / "letterd"), "--socket", str(self.socket), "--config", str(self.config)],
                env=self.env, cwd=self.directory, stdin=subprocess.DEVNULL, stdout=log, stderr=log)

        def listening():
            if self.process.poll() is not None:
                pytest.fail(f"letterd exited with {self.process.returncode} during startup:\n{self.log()}")
            return "listening on" in self.log()
        wait_until(listening, LETTERD_START_TIMEOUT, what="letterd to log `listening on`")
        return self

    def stop(self) -> int | None:
        return stop_process(self.process, LETTERD_STOP_TIMEOUT)

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def ctl(self, *args: str, input: str | None = None, check: bool = True) -> subprocess.CompletedProcess:
        """letterctl COMMAND --socket SOCK ARGS..."""
        command, *rest = args
        result = run([str(self.bin_dir / "letterctl"), command, "--socket", str(self.socket), *rest],
                     env=self.env, input=input, check=False)
        if check and result.returncode != 0:
            raise AssertionError(f"letterctl {' '.join(args)} exited {result.returncode}\nstdout: {result.stdout}\n"
                                 f"stderr: {result.stderr}\nletterd's log:\n{self.log()}")
        return result

    def ctl_json(self, *args: str, input: str | None = None):
        return json.loads(self.ctl(*args, "--json", input=input).stdout)

    def write(self, text: str, about: str | None = None) -> int:
        args = ["write", "--from", "-"]
        if about is not None:
            args += ["--about", about]
        reply = self.ctl_json(*args, input=text)
        return int(reply["letter"]["id"] if "letter" in reply else reply["id"])

    def due(self) -> list[dict]:
        return prompts(self.ctl_json("due"))

    def is_due(self) -> bool:
        """`letterctl due --quiet`: exit 0 if something is due, 1 if nothing is."""
        result = self.ctl("due", "--quiet", check=False)
        assert result.returncode in (0, 1), f"letterctl due --quiet exited {result.returncode}: {result.stderr}"
        assert result.stdout == "", f"letterctl due --quiet printed {result.stdout!r}"
        return result.returncode == 0

    def schedule(self, letter_id: int | None = None) -> list[dict]:
        args = ["schedule"] + ([str(letter_id)] if letter_id is not None else [])
        return prompts(self.ctl_json(*args))

    def opened(self) -> list[str]:
        try:
            return self.opened_log.read_text().splitlines()
        except FileNotFoundError:
            return []

    def wakeups(self) -> dict[str, int]:
        """Context switches per thread ("TID comm" -> voluntary + nonvoluntary) from /proc."""
        counts = {}
        for task in Path(f"/proc/{self.pid}/task").iterdir():
            try:
                status = (task / "status").read_text()
                comm = (task / "comm").read_text().strip()
            except (FileNotFoundError, ProcessLookupError):
                continue
            total = sum(int(line.split()[1]) for line in status.splitlines()
                        if line.startswith(("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:")))
            counts[f"{task.name} {comm}"] = total
        return counts


def prompts(reply) -> list[dict]:
    """The list of prompts in a letterctl --json reply (a bare list, or an object holding one)."""
    if isinstance(reply, list):
        return reply
    for key in ("prompts", "due", "schedule"):
        if isinstance(reply.get(key), list):
            return reply[key]
    raise AssertionError(f"no list of prompts in {reply!r}")


class Desktop:
    """One test's desktop: its directory, bus, dunst and letterd, each started when the test says."""

    def __init__(self, directory: Path, display: str, bin_dir: Path | None):
        self.directory = directory
        self.display = display
        self.bin_dir = bin_dir
        self.bus = Bus(directory)
        self.dunst = Dunst(directory, self.bus, display)
        self.letterd: Letterd | None = None

    def start_letterd(self, first_reread_after: str = "2s", bus_address: str | None = None,
                      movable_clock: bool = False) -> Letterd:
        assert self.bin_dir is not None
        self.letterd = Letterd(self.bin_dir, self.directory, bus_address or self.bus.address, first_reread_after,
                               movable_clock)
        return self.letterd.start()

    def diagnostics(self) -> str:
        parts = []
        for name in ("letterd.log", "dunst.log", "bus.log", "opened.log"):
            path = self.directory / name
            if path.exists():
                parts.append(f"--- {name}\n{path.read_text(errors='replace')}")
        return "\n".join(parts)

    def close(self) -> int | None:
        code = self.letterd.stop() if self.letterd else None
        self.dunst.stop()
        self.bus.stop()
        return code


def _desktop(request, xserver, bin_dir):
    directory = Path(tempfile.mkdtemp(prefix="letterd-desk-", dir="/tmp"))
    desktop = Desktop(directory, xserver, bin_dir)
    try:
        yield desktop
    finally:
        try:
            code = desktop.close()
            failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
            if failed:
                print(desktop.diagnostics())
            if desktop.letterd is not None and not failed:
                assert code == 0, f"letterd exited with {code} after SIGTERM:\n{desktop.diagnostics()}"
        finally:
            shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture
def desktop(request, xserver, bin_dir):
    """A bus and dunst ready for a test that starts letterd when it likes."""
    yield from _desktop(request, xserver, bin_dir)


@pytest.fixture
def bare_desktop(request, xserver):
    """The same without letterd's binaries (the harness's own tests need none)."""
    yield from _desktop(request, xserver, None)


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.rep_call = report
    return report
