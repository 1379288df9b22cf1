"""The same install under an unprivileged user's own systemd manager, as people run it.

The user's manager runs in a cgroup delegated to that user (as logind would do), letterd is
installed into the user's ~/.local with the scripts `make install` runs, and must start from
cold through its socket with its whole sandbox in place.
"""

from __future__ import annotations

import pwd
import shutil
import subprocess
import time

import pytest

from conftest import REPO, exposure, kill_and_wait_for_restart, record, stop_service_keep_socket, wait_active


@pytest.fixture(scope="module")
def installed(user_manager, release_build):
    home = user_manager.home
    # The clone may be private (0700, as a person's own checkout often is), where this user can
    # read nothing: what `make install` uses is copied into a directory of the user's own, laid
    # out as in the clone, and installed from there.
    source = home / "letterd-source"
    for part in ("scripts", "systemd", "Config"):
        shutil.copytree(REPO / part, source / part)
    shutil.copytree(REPO / ".build/docs", source / "docs")
    (source / "bin").mkdir()
    for program in ("letterd", "letterctl"):
        shutil.copy2(release_build / program, source / "bin" / program)
    subprocess.run(["chown", "-R", f"{user_manager.user}:", str(source)], check=True)
    user_manager.run(str(source / "scripts/install"), str(source / "bin"), str(source / "docs"),
                     f"{home}/.local/bin", f"{home}/.local/share/man", f"{home}/.local/share", cwd=source)
    return user_manager.run(str(source / "scripts/install-units"), f"{home}/.local/bin",
                            f"{home}/.local/share/doc/letterd", cwd=source)


def test_installs_and_starts_under_the_users_own_manager(user_manager, installed):
    assert "letterd is running" in installed.stdout
    wait_active(user_manager)
    assert user_manager.show("letterd.service", "StatusText") == "0 letters, 0 check-ins"


def test_socket_activation_and_writes_with_the_full_sandbox(user_manager, installed):
    stop_service_keep_socket(user_manager)
    letterctl = str(user_manager.home / ".local/bin/letterctl")
    start = time.perf_counter()
    user_manager.run(letterctl, "status")
    record(f"cold socket activation under an unprivileged user's manager: {(time.perf_counter() - start) * 1000:.1f} ms")
    user_manager.run(letterctl, "log-critic", "6", "as an ordinary user")
    user_manager.run(letterctl, "write", "--from", "-", input="Dear me, from an ordinary account.")
    listed = user_manager.run(letterctl, "list").stdout
    assert "Dear me, from an ordinary account." in listed
    database = user_manager.data_dir / "letterd.sqlite3"
    assert database.stat().st_uid == pwd.getpwnam(user_manager.user).pw_uid, "the database belongs to the user"
    assert oct(database.stat().st_mode & 0o777) == "0o600"
    assert oct(user_manager.data_dir.stat().st_mode & 0o777) == "0o700"


def test_exposure_under_the_users_manager(user_manager, installed):
    score = exposure(user_manager)
    record(f"systemd-analyze --user security letterd.service (unprivileged user's manager): {score}")
    assert score <= 2.0


def test_kill_9_restart_under_the_users_manager(user_manager, installed):
    wait_active(user_manager)
    kill_and_wait_for_restart(user_manager)
    assert "as an ordinary user" in user_manager.run(str(user_manager.home / ".local/bin/letterctl"), "search", "ordinary").stdout
