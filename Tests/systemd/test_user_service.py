"""letterd as a systemd user service, under a real `systemd --user` manager.

Proves, with the units and `make install` exactly as a person uses them: the install enables and
starts letterd with the real binary path; the socket starts it from cold on the first call; the
manager restarts it after `kill -9` with every acknowledged write kept; `reload` applies good
settings and refuses broken ones with file and line; the watchdog restarts a daemon whose event
loop is stuck; `stop` is clean (exit 0, in-flight writes finished); the sandbox scores at most
2.0 in `systemd-analyze security`; a second `make install` upgrades in place and `make uninstall`
leaves the data alone. Figures go to .build/systemd-figures.txt.
"""

from __future__ import annotations

import re
import statistics
import subprocess
import threading
import time
from pathlib import Path

import pytest

from conftest import REPO, exposure, fresh_start_budget, kill_and_wait_for_restart, record, stop_service_keep_socket, wait_active, wait_until


@pytest.fixture(scope="module")
def installed(root_manager, release_build):
    prefix = root_manager.home / ".local"
    result = root_manager.run("make", "install", f"PREFIX={prefix}", cwd=REPO, timeout=1800)
    return result


def letterctl(manager, *args, check=True, input=None):
    return manager.run(str(manager.home / ".local/bin/letterctl"), *args, check=check, input=input, timeout=60)


def count(manager, table: str) -> int:
    database = manager.data_dir / "letterd.sqlite3"
    return int(manager.run("sqlite3", str(database), f"SELECT count(*) FROM {table}").stdout.strip())


def test_make_install_sets_up_units_and_starts_letterd(root_manager, installed):
    home = root_manager.home
    unit = (root_manager.unit_dir / "letterd.service").read_text()
    assert f'ExecStart="{home}/.local/bin/letterd"' in unit
    assert f'Environment="XDG_DATA_HOME={home}/.local/share"' in unit
    assert not re.search(r"@[A-Z_]+@", unit), "placeholders left unfilled"
    assert (root_manager.unit_dir / "letterd.socket").exists()
    assert root_manager.systemctl("is-enabled", "letterd.socket").stdout.strip() == "enabled"
    assert root_manager.systemctl("is-enabled", "letterd.service").stdout.strip() == "enabled"
    wait_active(root_manager)
    assert root_manager.show("letterd.service", "StatusText") == "0 letters, 0 check-ins"
    assert "letterd is running" in installed.stdout
    assert (home / ".local/share/man/man1/letterctl.log-critic.1").exists()
    assert (home / ".local/share/bash-completion/completions/letterctl").exists()
    assert (home / ".local/share/doc/letterd/letterd.toml").exists()
    assert (home / ".local/share/doc/letterd/no-user-namespaces.conf").exists()
    status = letterctl(root_manager, "status")
    assert f"Database:  {root_manager.data_dir}/letterd.sqlite3" in status.stdout


def test_the_installed_letterd_keeps_its_work_off_libdispatchs_pool(root_manager, installed):
    """The installed build links Swift's runtime statically, where NIO cannot find the hook that
    moves tasks onto its event loops; letterd then sets it itself (Sources/letterd/
    ConcurrencyOnNIO.swift). Had tasks gone to libdispatch's pool, its workers would show as
    threads named "...default-qos" and its monitor would wake letterd every second."""
    wait_active(root_manager)
    letterctl(root_manager, "write", "--from", "-", "--about", "the pool", input="Dear me, rest now.")
    letterctl(root_manager, "log-critic", "5", "you never rest")
    letterctl(root_manager, "search", "rest")
    pid = int(root_manager.show("letterd.service", "MainPID"))
    names = [(task / "comm").read_text().strip() for task in Path(f"/proc/{pid}/task").iterdir()]
    assert not [n for n in names if n.endswith("default-qos")], f"libdispatch workers in letterd: {names}"
    assert "could not be moved onto NIO" not in root_manager.letterd_output()


def test_socket_starts_letterd_from_cold(root_manager, installed):
    latencies = []
    for _ in range(7):
        stop_service_keep_socket(root_manager)
        start = time.perf_counter()
        letterctl(root_manager, "status")
        latencies.append((time.perf_counter() - start) * 1000)
        assert root_manager.show("letterd.service", "ActiveState") == "active"
        assert root_manager.show("letterd.service", "SubState") == "running"
    record(f"cold socket activation (first `letterctl status` against a stopped service): "
           f"median {statistics.median(latencies):.1f} ms over {len(latencies)} runs (min {min(latencies):.1f}, max {max(latencies):.1f})")
    assert "(fd 3 from systemd)" in root_manager.letterd_output()


def test_kill_9_is_restarted_and_every_acknowledged_write_kept(root_manager, installed):
    fresh_start_budget(root_manager)
    wait_active(root_manager)
    for n in range(10):
        letterctl(root_manager, "log-critic", "5", f"before-kill-{n}")
    letterctl(root_manager, "write", "--from", "-", input="A letter written just before the crash.")
    restarts = int(root_manager.show("letterd.service", "NRestarts"))
    seconds = kill_and_wait_for_restart(root_manager)
    record(f"restart after kill -9 (systemctl --user kill -s KILL until running again): {seconds * 1000:.0f} ms")
    assert int(root_manager.show("letterd.service", "NRestarts")) == restarts + 1
    hits = letterctl(root_manager, "search", "before", "kill", "--limit", "100", "--json").stdout
    for n in range(10):
        assert f"before-kill-{n}" in hits
    assert "just before the crash" in letterctl(root_manager, "list").stdout


def test_reload_applies_good_settings_and_refuses_broken_ones(root_manager, installed):
    wait_active(root_manager)
    config = root_manager.home / ".config/letterd/letterd.toml"
    pid = root_manager.show("letterd.service", "MainPID")
    config.write_text('log-level = "debug"\n')
    root_manager.systemctl("reload", "letterd.service")
    wait_until(lambda: f"<6>reloaded the settings from {config}" in root_manager.letterd_output(), what="the reload")
    letterctl(root_manager, "status")
    wait_until(lambda: "<7>io.letterd.Letters.GetStatus: answered" in root_manager.letterd_output(),
               what="debug logging to take effect")

    config.write_text('log-level = "info"\n\n[server]\nrequest-timeout = "forever"\n')
    root_manager.systemctl("reload", "letterd.service")
    wait_until(lambda: "keeps its previous settings" in root_manager.letterd_output(), what="the refusal")
    output = root_manager.letterd_output()
    assert f"<3>{config}:4: server.request-timeout is \"forever\", which is not a duration" in output
    assert root_manager.show("letterd.service", "MainPID") == pid, "letterd kept running"
    assert root_manager.show("letterd.service", "ActiveState") == "active"
    before = output.count("<7>io.letterd.Letters.GetStatus")
    letterctl(root_manager, "status")
    wait_until(lambda: root_manager.letterd_output().count("<7>io.letterd.Letters.GetStatus") > before,
               what="debug logging still on (the previous settings)")
    config.unlink()
    root_manager.systemctl("reload", "letterd.service")
    wait_until(lambda: f"no settings file at {config}; using the defaults" in root_manager.letterd_output(), what="defaults")


def test_watchdog_restarts_a_daemon_whose_event_loop_is_stuck(root_manager, installed):
    dropin = root_manager.add_dropin("test-watchdog.conf",
                                     "[Service]\nWatchdogSec=2\nEnvironment=LETTERD_TEST_HOOKS=stall-on-sigusr2\n")
    try:
        root_manager.systemctl("daemon-reload")
        fresh_start_budget(root_manager)
        root_manager.systemctl("restart", "letterd.service")
        wait_active(root_manager)
        time.sleep(3)  # longer than WatchdogSec: a healthy letterd is not restarted
        restarts = int(root_manager.show("letterd.service", "NRestarts"))
        old_pid = root_manager.show("letterd.service", "MainPID")
        root_manager.systemctl("kill", "-s", "USR2", "letterd.service")
        start = time.perf_counter()
        wait_until(lambda: int(root_manager.show("letterd.service", "NRestarts")) > restarts, timeout=30,
                   what="systemd to restart the stalled letterd")
        record(f"watchdog (WatchdogSec=2): a stalled event loop was restarted {(time.perf_counter() - start):.1f} s after the stall")
        wait_active(root_manager)
        assert root_manager.show("letterd.service", "MainPID") != old_pid
        assert "stopped answering systemd's watchdog" in root_manager.letterd_output()
        letterctl(root_manager, "status")
    finally:
        dropin.unlink()
        root_manager.systemctl("daemon-reload")
        fresh_start_budget(root_manager)
        root_manager.systemctl("restart", "letterd.service")


def test_stop_is_clean_and_finishes_writes_in_flight(root_manager, installed):
    fresh_start_budget(root_manager)
    wait_active(root_manager)
    acknowledged: list[str] = []
    lock = threading.Lock()
    stopping = threading.Event()

    def writer(index: int):
        for n in range(200):
            said = f"inflight-{index}-{n}"
            result = letterctl(root_manager, "log-critic", "4", said, check=False)
            if result.returncode == 0:
                with lock:
                    acknowledged.append(said)
            if stopping.is_set():
                return

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(4)]
    for thread in threads:
        thread.start()
    wait_until(lambda: len(acknowledged) >= 20, what="writes to be under way")
    start = time.perf_counter()
    root_manager.systemctl("stop", "letterd.service")
    stop_seconds = time.perf_counter() - start
    stopping.set()
    for thread in threads:
        thread.join(60)
    assert root_manager.show("letterd.service", "ExecMainStatus") == "0"
    assert root_manager.show("letterd.service", "Result") == "success"
    assert stop_seconds < 5, f"stop took {stop_seconds:.1f} s"
    record(f"systemctl --user stop with 4 clients writing: {stop_seconds * 1000:.0f} ms, exit status 0")
    # Clients that kept going after the stop started letterd again through the socket; stop it to read the file.
    fresh_start_budget(root_manager)
    root_manager.systemctl("stop", "letterd.service")
    stored = set(root_manager.run("sqlite3", str(root_manager.data_dir / "letterd.sqlite3"),
                                  "SELECT said FROM criticCheckIn WHERE said LIKE 'inflight-%'").stdout.split())
    missing = [said for said in acknowledged if said not in stored]
    assert not missing, f"acknowledged but not stored: {missing[:5]}"
    root_manager.systemctl("start", "letterd.service")


def test_a_sandbox_that_cannot_be_set_up_is_explained_and_the_shipped_drop_in_relaxes_it(root_manager, installed):
    # ProtectKernelTunables= cannot be set up on these machines (status 226/NAMESPACE), which is
    # what a system without user namespaces does to the whole sandbox.
    broken = root_manager.add_dropin("test-broken-namespace.conf", "[Service]\nProtectKernelTunables=yes\n")
    shipped = root_manager.unit_dir / "letterd.service.d" / "no-user-namespaces.conf"
    try:
        root_manager.systemctl("daemon-reload")
        fresh_start_budget(root_manager)
        root_manager.systemctl("stop", "letterd.service")
        assert root_manager.systemctl("start", "letterd.service", check=False).returncode != 0
        assert root_manager.show("letterd.service", "ExecMainStatus") == "226"
        wait_until(lambda: "could not set up letterd's sandbox (exit status 226" in root_manager.letterd_output(),
                   what="letterd --explain-exit to explain")
        assert "no-user-namespaces.conf" in root_manager.letterd_output()

        # The drop-in shipped for systems without user namespaces is valid, turns the namespace
        # directives off, and letterd runs under it. (A kernel that refuses user namespaces cannot
        # be produced here, so what it relaxes is shown, not the refusal it relaxes.)
        broken.unlink()
        shipped.write_text((root_manager.home / ".local/share/doc/letterd/no-user-namespaces.conf").read_text())
        root_manager.systemctl("daemon-reload")
        fresh_start_budget(root_manager)
        root_manager.systemctl("start", "letterd.service")
        wait_active(root_manager)
        for directive in ["PrivateUsers", "PrivateTmp", "PrivateNetwork", "PrivateDevices", "ProtectHostname"]:
            assert root_manager.show("letterd.service", directive) == "no", directive
        assert root_manager.show("letterd.service", "ProtectHome") == "no"
        letterctl(root_manager, "log-critic", "2", "with less isolation")
        record(f"exposure with the no-user-namespaces drop-in: {exposure(root_manager)}")
    finally:
        broken.unlink(missing_ok=True)
        shipped.unlink(missing_ok=True)
        root_manager.systemctl("daemon-reload")
        fresh_start_budget(root_manager)
        root_manager.systemctl("restart", "letterd.service")
        wait_active(root_manager)


def test_without_a_user_manager_install_says_so_and_how_to_run_letterd(release_build, tmp_path):
    home = tmp_path / "home"
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_RUNTIME_DIR": str(runtime)}
    result = subprocess.run([str(REPO / "scripts/install-units"), f"{home}/.local/bin", f"{home}/.local/share/doc/letterd"],
                            env=env, capture_output=True, text=True, check=True)
    assert "No systemd user manager answers here" in result.stdout
    assert f"{home}/.local/bin/letterd" in result.stdout
    assert (home / ".config/systemd/user/letterd.service").exists()
    assert (home / ".local/share/letterd").is_dir()


def test_sandbox_exposure_is_at_most_2(root_manager, installed):
    score = exposure(root_manager)
    record(f"systemd-analyze --user security letterd.service (root's manager): {score}")
    assert score <= 2.0


def test_second_install_upgrades_in_place_and_uninstall_keeps_the_data(root_manager, installed):
    fresh_start_budget(root_manager)
    wait_active(root_manager)
    letterctl(root_manager, "write", "--from", "-", input="Kept through the upgrade.")
    letters = count(root_manager, "letter")
    old_pid = root_manager.show("letterd.service", "MainPID")
    again = root_manager.run("make", "install", f"PREFIX={root_manager.home / '.local'}", cwd=REPO, timeout=1800)
    assert "letterd was restarted on the new version" in again.stdout
    wait_active(root_manager)
    assert root_manager.show("letterd.service", "MainPID") != old_pid
    assert "Kept through the upgrade." in letterctl(root_manager, "list").stdout

    removed = root_manager.run("make", "uninstall", f"PREFIX={root_manager.home / '.local'}", cwd=REPO, timeout=600)
    assert f"Your letters are kept in {root_manager.data_dir}" in removed.stdout
    assert not (root_manager.unit_dir / "letterd.service").exists()
    assert not (root_manager.home / ".local/bin/letterd").exists()
    assert root_manager.show("letterd.service", "ActiveState") == "inactive"
    assert root_manager.show("letterd.socket", "ActiveState") == "inactive"
    assert count(root_manager, "letter") == letters
    assert "Kept through the upgrade." in root_manager.run(
        "sqlite3", str(root_manager.data_dir / "letterd.sqlite3"), "SELECT text FROM letterVersion").stdout
