"""kill -9 at random moments while 16 clients write: every write a client saw acknowledged is
there after the restart, none twice, and SQLite's integrity check passes.

Each round starts letterd on the same data, lets 16 clients write as fast as they can (12 log
check-ins, 4 write letters, each on its own connection, every write tagged uniquely), and kills
letterd with SIGKILL after a random 50-400 ms. Between rounds the database file is checked with
`PRAGMA integrity_check`, read-only. At the end every acknowledged tag must be in the store
exactly once, and nothing may be there that no client sent. Rounds: $LETTERD_FAULT_ROUNDS
(default 50); the seed is printed, and $LETTERD_FAULT_SEED replays a run.
"""

from __future__ import annotations

import json
import os
import random
import socket
import sqlite3
import threading
import time

from conftest import Daemon, integrity

ROUNDS = int(os.environ.get("LETTERD_FAULT_ROUNDS", "50"))
WRITERS = 16
LETTER_WRITERS = 4


class Writer(threading.Thread):
    """One client: writes until letterd goes away, remembering what was acknowledged."""

    def __init__(self, socket_path: str, round_number: int, index: int):
        super().__init__(daemon=True)
        self.socket_path = socket_path
        self.prefix = f"r{round_number}-w{index}-"
        self.letters = index < LETTER_WRITERS
        self.sent: list[str] = []
        self.acknowledged: list[str] = []
        self.errors: list[dict] = []

    def call(self, sock: socket.socket, message: dict) -> dict | None:
        sock.sendall(json.dumps(message).encode() + b"\0")
        buffer = b""
        while not buffer.endswith(b"\0"):
            chunk = sock.recv(65536)
            if not chunk:
                return None  # letterd died before answering: not acknowledged
            buffer += chunk
        return json.loads(buffer[:-1])

    def run(self) -> None:
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
                sock.settimeout(10)
                sock.connect(self.socket_path)
                for number in range(100_000):
                    tag = f"{self.prefix}{number}"
                    if self.letters:
                        message = {"method": "io.letterd.Letters.WriteLetter",
                                   "parameters": {"text": f"Dear you, {tag}.", "about": tag}}
                    else:
                        message = {"method": "io.letterd.Letters.LogCheckIn",
                                   "parameters": {"intensity": number % 11, "said": tag}}
                    self.sent.append(tag)
                    reply = self.call(sock, message)
                    if reply is None:
                        return
                    if "error" in reply:
                        self.errors.append(reply)
                        return
                    self.acknowledged.append(tag)
        except OSError:
            return  # reset or refused: letterd is gone



def stored(database: str) -> tuple[list[str], list[str]]:
    with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as connection:
        said = [row[0] for row in connection.execute("SELECT said FROM criticCheckIn")]
        about = [row[0] for row in connection.execute("SELECT about FROM letterVersion")]
    return said, about


def test_kill_nine_while_16_clients_write(letterd_binary):
    seed = int(os.environ.get("LETTERD_FAULT_SEED", str(random.randrange(1 << 30))))
    chance = random.Random(seed)
    daemon = Daemon(letterd_binary)
    database = str(daemon.data / "letterd" / "letterd.sqlite3")
    sent: set[str] = set()
    acknowledged: list[str] = []
    try:
        for round_number in range(ROUNDS):
            daemon.start()
            writers = [Writer(daemon.socket_path, round_number, index) for index in range(WRITERS)]
            for writer in writers:
                writer.start()
            time.sleep(chance.uniform(0.05, 0.4))
            daemon.proc.kill()
            daemon.proc.wait()
            for writer in writers:
                writer.join(timeout=15)
                assert not writer.is_alive(), f"a client hung after letterd was killed (round {round_number})"
                assert not writer.errors, f"letterd answered a write with an error: {writer.errors[0]}"
                sent.update(writer.sent)
                acknowledged.extend(writer.acknowledged)
            assert integrity(database) == ["ok"], f"round {round_number}, seed {seed}"
        daemon.start()
        assert daemon.stop() == 0
        said, about = stored(database)
        found = said + about
        print(f"\nkill -9 under {WRITERS} writers: {ROUNDS} rounds, {len(acknowledged)} writes acknowledged, "
              f"{len(found)} found, {len(set(acknowledged) - set(found))} missing, seed {seed}")
        assert acknowledged, "no write was acknowledged in any round; the test proved nothing"
        missing = set(acknowledged) - set(found)
        assert not missing, f"acknowledged but missing ({len(missing)}): {sorted(missing)[:5]}, seed {seed}"
        duplicated = {tag for tag in found if found.count(tag) > 1} if len(found) != len(set(found)) else set()
        assert not duplicated, f"stored twice: {sorted(duplicated)[:5]}"
        assert set(found) <= sent, f"stored but never sent: {sorted(set(found) - sent)[:5]}"
        assert integrity(database) == ["ok"]
    finally:
        daemon.cleanup()
