"""Real systemd --user managers for letterd's unit tests.

Two managers, as ../shared/notes/real-components.md describes running them here:
- `root_manager`: a private manager for root, with a temporary HOME under /home and a runtime
  directory under /run/user, where a desktop session keeps them (the sandbox treats those paths
  specially, so a test tree under /tmp would not be realistic);
- `user_manager`: an unprivileged user's own manager, in a cgroup delegated to that user (a
  user created for the run and removed after it).

Everything is created here and removed here: the /run/systemd/system marker only if PID 1 is not
systemd and the marker was absent; the test user; managers and
every process they started are stopped by PID; temporary trees are deleted. Nothing touches the
real $HOME or a running session.

letterd's output goes to a file through a test-only drop-in (StandardOutput/StandardError), as
there is no journald here; it does not change the sandbox.
"""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SYSTEMD = "/lib/systemd/systemd"


def pytest_collection_modifyitems(config, items):
    if os.geteuid() != 0:
        skip = pytest.mark.skip(reason="the systemd tests start private user managers, which needs root here")
        for item in items:
            item.add_marker(skip)


def wait_until(condition, timeout: float = 20.0, interval: float = 0.05, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout} s waiting for {what}")


@dataclass
class Manager:
    """A running `systemd --user` and the environment to talk to it."""

    home: Path
    runtime: Path
    pid: int
    log: Path
    user: str | None = None  # run commands as this user (None: root)
    cleanup_dirs: list[Path] = field(default_factory=list)

    @property
    def env(self) -> dict[str, str]:
        return {
            # The runner's PATH, so that `make install` finds swift.
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": str(self.home),
            "XDG_RUNTIME_DIR": str(self.runtime),
            "XDG_CONFIG_HOME": str(self.home / ".config"),
            "XDG_DATA_HOME": str(self.home / ".local/share"),
            "LANG": "C.UTF-8",
            # Temporary files, SwiftPM's lock files among them (named after HOME), go into the
            # runtime directory, which the fixture removes, rather than being left in /tmp.
            "TMPDIR": str(self.runtime),
        }

    @property
    def unit_dir(self) -> Path:
        return self.home / ".config/systemd/user"

    @property
    def data_dir(self) -> Path:
        return self.home / ".local/share/letterd"

    @property
    def socket(self) -> Path:
        return self.runtime / "letterd/letterd.sock"

    @property
    def letterd_log(self) -> Path:
        return self.home / "letterd.log"

    def run(self, *command: str, check: bool = True, timeout: float = 600, cwd: Path | None = None,
            input: str | None = None) -> subprocess.CompletedProcess:
        argv = list(command)
        if self.user:
            argv = ["runuser", "-u", self.user, "--", "env", "-i", *[f"{k}={v}" for k, v in self.env.items()], *argv]
            env = None
        else:
            env = self.env
        result = subprocess.run(argv, env=env, cwd=cwd, capture_output=True, text=True, timeout=timeout, input=input)
        if check and result.returncode != 0:
            raise AssertionError(f"{command} exited {result.returncode}\nstdout: {result.stdout}\nstderr: {result.stderr}")
        return result

    def systemctl(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return self.run("systemctl", "--user", *args, check=check, timeout=60)

    def show(self, unit: str, prop: str) -> str:
        return self.systemctl("show", "-p", prop, "--value", unit).stdout.strip()

    def letterd_output(self) -> str:
        return self.letterd_log.read_text(errors="replace") if self.letterd_log.exists() else ""

    def add_dropin(self, name: str, text: str) -> Path:
        directory = self.unit_dir / "letterd.service.d"
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / name
        path.write_text(text)
        if self.user:
            shutil.chown(self.home / ".config", self.user, self.user)
            for p in [self.unit_dir.parent, self.unit_dir, directory, path]:
                shutil.chown(p, self.user, self.user)
        return path

    def stop(self):
        """SIGTERM to the manager (it stops its units), then make sure nothing it started lives."""
        main_pid = None
        try:
            main_pid = int(self.show("letterd.service", "MainPID") or 0) or None
        except Exception:
            pass
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            wait_until(lambda: not _alive(self.pid), timeout=20, what="the manager to exit")
        except AssertionError:
            os.kill(self.pid, signal.SIGKILL)
        _reap(self.pid)
        if main_pid and _alive(main_pid):
            os.kill(main_pid, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        waited, _ = os.waitpid(pid, os.WNOHANG)
        if waited == pid:
            return False
    except ChildProcessError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie that is not our child counts as gone.
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"
    except FileNotFoundError:
        return False


def _reap(pid: int):
    try:
        os.waitpid(pid, os.WNOHANG)
    except ChildProcessError:
        pass


@pytest.fixture(scope="session")
def systemd_marker():
    """systemd refuses to run a user manager unless /run/systemd/system exists."""
    created = False
    pid1 = Path("/proc/1/comm").read_text().strip()
    marker = Path("/run/systemd/system")
    if pid1 != "systemd" and not marker.exists():
        marker.mkdir(parents=True)
        created = True
    yield
    if created:
        marker.rmdir()


def _start_manager(home: Path, runtime: Path, log: Path, user: str | None, cgroup: Path | None) -> int:
    env = ["PATH=/usr/local/bin:/usr/bin:/bin", f"HOME={home}", f"XDG_RUNTIME_DIR={runtime}",
           f"XDG_CONFIG_HOME={home}/.config"]
    if user:
        command = f"echo $$ > {cgroup}/cgroup.procs; exec runuser -u {user} -- env -i {' '.join(env)} {SYSTEMD} --user"
        argv = ["sh", "-c", command]
    else:
        argv = ["env", "-i", *env, SYSTEMD, "--user"]
    with open(log, "w") as out:
        process = subprocess.Popen(argv, stdout=out, stderr=out, start_new_session=True)
    return process.pid


def _wait_running(manager: Manager):
    def running():
        state = manager.run("systemctl", "--user", "is-system-running", check=False).stdout.strip()
        return state in ("running", "degraded")
    wait_until(running, timeout=30, what="the user manager to be running")


def _logs_dropin(manager: Manager):
    log = manager.letterd_log
    manager.add_dropin("test-logs.conf", f"[Service]\nStandardOutput=append:{log}\nStandardError=append:{log}\n")


@pytest.fixture(scope="module")
def root_manager(systemd_marker):
    home = Path(tempfile.mkdtemp(prefix="letterd-test-", dir="/home"))
    runtime = Path("/run/user") / home.name
    runtime.mkdir(parents=True, mode=0o700)
    (home / ".config/systemd/user").mkdir(parents=True)
    log = home / "manager.log"
    pid = _start_manager(home, runtime, log, user=None, cgroup=None)
    manager = Manager(home=home, runtime=runtime, pid=pid, log=log)
    try:
        _wait_running(manager)
        _logs_dropin(manager)
        yield manager
    finally:
        manager.stop()
        shutil.rmtree(home, ignore_errors=True)
        shutil.rmtree(runtime, ignore_errors=True)


@pytest.fixture(scope="module")
def user_manager(systemd_marker):
    # A user of this run's own, created here and removed here, so no existing account is touched.
    user = f"letterd{os.getpid()}"
    subprocess.run(["useradd", "--create-home", "--shell", "/usr/sbin/nologin", user], check=True)
    entry = pwd.getpwnam(user)
    home = Path(entry.pw_dir)
    runtime = Path(f"/run/user/{entry.pw_uid}")
    runtime_existed = runtime.exists()
    runtime.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.chown(runtime, entry.pw_uid, entry.pw_gid)
    cgroup_root = Path("/sys/fs/cgroup/unified") if Path("/sys/fs/cgroup/unified").is_dir() else Path("/sys/fs/cgroup")
    cgroup = cgroup_root / f"letterd-test-{os.getpid()}"
    cgroup.mkdir()
    for path in [cgroup, *cgroup.iterdir()]:
        os.chown(path, entry.pw_uid, entry.pw_gid)
    (home / ".config/systemd/user").mkdir(parents=True, exist_ok=True)
    for path in [home / ".config", home / ".config/systemd", home / ".config/systemd/user"]:
        os.chown(path, entry.pw_uid, entry.pw_gid)
    log = Path(tempfile.mkdtemp(prefix="letterd-test-usermgr-")) / "manager.log"
    pid = _start_manager(home, runtime, log, user=user, cgroup=cgroup)
    manager = Manager(home=home, runtime=runtime, pid=pid, log=log, user=user)
    manager.letterd_log.touch()
    os.chown(manager.letterd_log, entry.pw_uid, entry.pw_gid)
    try:
        _wait_running(manager)
        _logs_dropin(manager)
        yield manager
    finally:
        manager.stop()
        # Anything left in the delegated cgroup is stopped, then the tree goes, deepest first.
        for procs in cgroup.rglob("cgroup.procs"):
            for line in procs.read_text().split():
                try:
                    os.kill(int(line), signal.SIGKILL)
                except (ProcessLookupError, ValueError):
                    pass
        for directory in sorted((p for p in cgroup.rglob("*") if p.is_dir()), key=lambda p: len(p.parts), reverse=True):
            wait_until(lambda: _try_rmdir(directory), timeout=10, what=f"removing {directory}")
        wait_until(lambda: _try_rmdir(cgroup), timeout=10, what=f"removing {cgroup}")
        shutil.rmtree(log.parent, ignore_errors=True)
        if not runtime_existed:
            shutil.rmtree(runtime, ignore_errors=True)
        subprocess.run(["userdel", "--remove", user], check=False, capture_output=True)


def _try_rmdir(path: Path) -> bool:
    try:
        path.rmdir()
        return True
    except FileNotFoundError:
        return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def release_build():
    """`make release docs` once, in the real environment, so every install in the suite is quick."""
    subprocess.run(["make", "release", "docs"], cwd=REPO, check=True, capture_output=True, timeout=3600)
    bin_dir = subprocess.run(["swift", "build", "-c", "release", "--static-swift-stdlib", "--show-bin-path"],
                             cwd=REPO, check=True, capture_output=True, text=True).stdout.strip()
    return Path(bin_dir)


FIGURES = REPO / ".build" / "systemd-figures.txt"


def record(figure: str):
    """A measured figure: printed, and kept in .build/systemd-figures.txt for the issue notes."""
    print(figure)
    with open(FIGURES, "a") as out:
        out.write(figure + "\n")


def exposure(manager: Manager) -> float:
    output = manager.run("systemd-analyze", "--user", "security", "letterd.service").stdout
    line = [l for l in output.splitlines() if "Overall exposure level" in l][0]
    return float(line.split(":")[1].split()[0])


def wait_active(manager: Manager, timeout: float = 30):
    """Until the service has reached READY=1 (a Type=notify unit is "active" only after it)."""
    wait_until(lambda: manager.show("letterd.service", "ActiveState") == "active"
               and manager.show("letterd.service", "SubState") == "running",
               timeout=timeout, what="letterd.service to be active (running)")


def fresh_start_budget(manager: Manager):
    """Forget earlier starts: the tests stop and start letterd faster than systemd's default start
    rate limit (5 starts in 10 s) allows, which is a protection for real use, not something to test."""
    manager.systemctl("reset-failed", "letterd.service", "letterd.socket", check=False)
    manager.systemctl("start", "letterd.socket")


def stop_service_keep_socket(manager: Manager):
    fresh_start_budget(manager)
    manager.systemctl("stop", "letterd.service")
    wait_until(lambda: manager.show("letterd.service", "ActiveState") in ("inactive", "failed"), what="letterd to stop")
    assert manager.show("letterd.socket", "ActiveState") == "active"
    assert manager.socket.is_socket()


def kill_and_wait_for_restart(manager: Manager) -> float:
    """SIGKILL letterd through the manager; seconds until a new letterd is running (READY=1)."""
    old_pid = manager.show("letterd.service", "MainPID")
    start = time.perf_counter()
    manager.systemctl("kill", "-s", "KILL", "letterd.service")
    wait_until(lambda: manager.show("letterd.service", "MainPID") not in (old_pid, "0")
               and manager.show("letterd.service", "SubState") == "running", what="a restart")
    return time.perf_counter() - start
