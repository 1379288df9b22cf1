"""Desktop notifications from letterd inside its systemd sandbox.

ProtectHome=tmpfs hides /run/user, so the session bus ($XDG_RUNTIME_DIR/bus, as the user
manager's dbus.socket provides) reaches letterd only through the unit's BindPaths. This shows,
under the installed unit exactly as shipped, that a prompt that falls due reaches a real
notification server (dunst under Xvfb, on the manager's own session bus), and that `letterctl
due` lists the prompt as well. Tests/desktop covers the notification's contents and actions.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess

import pytest

from conftest import wait_active, wait_until
from test_user_service import installed, letterctl  # noqa: F401  (the module's install fixture)


def test_the_sandboxed_daemon_reaches_the_session_bus(root_manager, installed):
    bus = root_manager.runtime / "bus"
    if not bus.exists():
        pytest.skip("this user manager has no session bus at $XDG_RUNTIME_DIR/bus (dbus-user-session not installed)")
    if not (shutil.which("Xvfb") and shutil.which("dunst") and shutil.which("dunstctl")):
        pytest.skip("Xvfb and dunst are needed (Debian: xvfb dunst)")
    display = next(f":{n}" for n in range(150, 250) if not os.path.exists(f"/tmp/.X11-unix/X{n}"))
    env = dict(root_manager.env, DISPLAY=display, DBUS_SESSION_BUS_ADDRESS=f"unix:path={bus}")
    dunstrc = root_manager.home / "dunstrc"
    dunstrc.write_text("[global]\n    timeout = 0\n")
    xvfb = subprocess.Popen(["Xvfb", display, "-nolisten", "tcp"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    dunst = None
    config = root_manager.home / ".config/letterd/letterd.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(
        '[schedule]\nfirst-reread-after = "1s"\npreferred-hours = "00:00-24:00"\n'
        '[notifications]\nretry-after = "1h"\n')
    try:
        wait_until(lambda: os.path.exists(f"/tmp/.X11-unix/X{display[1:]}"), what="Xvfb")
        dunst = subprocess.Popen(["dunst", "-config", str(dunstrc)], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

        def dunst_count():
            result = subprocess.run(["dunstctl", "count", "displayed"], env=env, capture_output=True, text=True, timeout=10)
            return result.stdout.strip() if result.returncode == 0 else None
        wait_until(lambda: dunst_count() == "0", what="dunst on the manager's session bus")
        wait_active(root_manager)
        root_manager.systemctl("reload", "letterd.service")
        wait_until(lambda: "reloaded the settings" in root_manager.letterd_output(), what="the reload")
        written = letterctl(root_manager, "write", "--from", "-", "--about", "the sandbox", "--json",
                            input="Dear you, this is a letter written from inside a test.\n")
        assert '"id"' in written.stdout

        def outcome():
            output = root_manager.letterd_output()
            for line in output.splitlines():
                if "desktop notifications cannot be shown" in line or "notified 1 prompt" in line:
                    return line
            return None
        line = wait_until(outcome, timeout=20, what="letterd's attempt to notify")
        assert "notified 1 prompt(s) through dunst" in line, line
        assert dunst_count() == "1"

        due = letterctl(root_manager, "due")
        assert "the sandbox" in due.stdout
        assert root_manager.systemctl("is-active", "letterd.service").stdout.strip() == "active"
    finally:
        for process in (dunst, xvfb):
            if process is not None and process.poll() is None:
                process.send_signal(signal.SIGTERM)
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        dunstrc.unlink(missing_ok=True)
        config.unlink(missing_ok=True)
        root_manager.systemctl("reload", "letterd.service", check=False)
