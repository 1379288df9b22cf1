"""Fixtures for the fuzz tests: the protocol tests' private letterd, reused.

Tests/protocol/conftest.py is loaded by path under a module name of its own (see
fuzz_protocol.load_protocol_helpers): putting Tests/protocol on sys.path and importing
`conftest` would clash with this file, which pytest imports as `conftest` too. Its fixtures
imported here are registered for this directory: `letterd_binary` (from $LETTERD_BIN_DIR) and
`daemon` (a fresh letterd in a temp dir that must exit 0 on SIGTERM with no error in its log).
"""

from __future__ import annotations

import pytest

import fuzz_protocol

_protocol = fuzz_protocol.load_protocol_helpers()
letterd_binary = _protocol.letterd_binary
daemon = _protocol.daemon


@pytest.fixture
def daemon_with_config(letterd_binary):
    """Starts a letterd with the given config file text; the same teardown checks as `daemon`."""
    started = []

    def start(config: str):
        instance = _protocol.Daemon(letterd_binary)
        started.append(instance)
        path = instance.home / ".config/letterd/letterd.toml"
        path.parent.mkdir(parents=True)
        path.write_text(config)
        instance.start()
        return instance

    try:
        yield start
        for instance in started:
            code = instance.stop()
            assert code == 0, f"letterd exited with {code} after SIGTERM:\n{instance.log()}"
            serious = [line for line in instance.log().splitlines() if line.startswith(fuzz_protocol.SERIOUS_LOG)]
            assert not serious, "letterd logged errors:\n" + "\n".join(serious)
    finally:
        for instance in started:
            instance.cleanup()
