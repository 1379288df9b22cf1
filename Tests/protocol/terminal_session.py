"""Driving letterctl at a real pseudo-terminal, as a person would: answers typed as the
questions appear, Ctrl-C included (a "\\x03" in an answer)."""

from __future__ import annotations

import os
import pty
import select
import time


def drive(argv: list[str], env: dict[str, str], answers: list[tuple[str, str]], timeout: float = 20) -> tuple[int, str]:
    """Runs argv on a pty; each time the next `prompt` appears in what it has written since the
    last reply, types `reply`. Returns the exit status and everything shown."""
    pid, fd = pty.fork()
    if pid == 0:
        os.execve(argv[0], argv, env)
    output = b""
    pending = list(answers)
    deadline = time.monotonic() + timeout
    try:
        while time.monotonic() < deadline:
            ready, _, _ = select.select([fd], [], [], 0.1)
            if ready:
                try:
                    chunk = os.read(fd, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if pending and pending[0][0].encode() in output.split(b"\x00")[-1]:
                _, reply = pending.pop(0)
                os.write(fd, reply.encode())
                output += b"\x00"  # marks what has been answered
        else:
            os.kill(pid, 9)
            raise AssertionError(f"letterctl did not finish in {timeout}s:\n{output.decode(errors='replace')}")
    finally:
        _, status = os.waitpid(pid, 0)
        os.close(fd)
    shown = output.replace(b"\x00", b"").decode(errors="replace")
    assert not pending, f"these prompts never came: {pending}\n{shown}"
    if os.environ.get("SHOW_SESSION"):
        print(shown)
    return os.waitstatus_to_exitcode(status), shown


def flat(text: str) -> str:
    """The text with its line wrapping undone, for checking sentences."""
    return " ".join(text.split())
