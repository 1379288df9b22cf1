"""Another Unix user, created for the test with useradd, cannot use letterd: the socket's
directory keeps them out, and a socket opened to them on purpose is refused by letterd's check
of the peer's uid (SO_PEERCRED). Needs root (useradd, runuser); skipped with the reason
otherwise."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest


@pytest.fixture
def other_user():
    if os.geteuid() != 0:
        pytest.skip("creating a second user needs root")
    for tool in ("useradd", "userdel", "runuser"):
        if shutil.which(tool) is None:
            pytest.skip(f"needs {tool}")
    name = f"lettero{os.getpid() % 100000}"
    subprocess.run(["useradd", "--no-create-home", "--shell", "/usr/sbin/nologin", name], check=True)
    try:
        yield pwd.getpwnam(name)
    finally:
        subprocess.run(["userdel", name], capture_output=True)


@pytest.fixture
def client_copy():
    """letterctl where the other user may run it (the build tree may be private)."""
    directory = Path(tempfile.mkdtemp(prefix="letterd-other-"))
    directory.chmod(0o755)
    binary = directory / "letterctl"
    shutil.copy2(Path(os.environ["LETTERD_BIN_DIR"]) / "letterctl", binary)
    binary.chmod(0o755)
    yield binary
    shutil.rmtree(directory, ignore_errors=True)


def as_user(user, binary: Path, socket_path: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["runuser", "-u", user.pw_name, "--", "env", "-i", "PATH=/usr/bin:/bin", str(binary), "status",
         "--socket", socket_path],
        capture_output=True, text=True, timeout=30)


def test_a_second_user_cannot_reach_the_socket_and_is_refused_when_given_it(fresh_daemon, other_user, client_copy):
    daemon = fresh_daemon
    daemon.start()
    socket_path = Path(daemon.socket_path)

    # As installed: the runtime directory is the owner's alone.
    shut_out = as_user(other_user, client_copy, str(socket_path))
    assert shut_out.returncode == 69, shut_out
    assert "Permission denied" in shut_out.stderr, shut_out
    assert f"uid {other_user.pw_uid}" not in daemon.log(), "the connection should never have reached letterd"

    # Given the socket on purpose (directories opened, socket 0666): letterd's uid check refuses.
    for directory in (daemon.tmp, daemon.runtime, socket_path.parent):
        directory.chmod(0o755)
    socket_path.chmod(0o666)
    refused = as_user(other_user, client_copy, str(socket_path))
    assert refused.returncode == 77, refused
    assert "serves only the user it runs as" in refused.stderr
    assert f"refused a connection from uid {other_user.pw_uid}" in daemon.log()
    daemon.assert_healthy()  # and the owner is still served
    assert daemon.stop() == 0
