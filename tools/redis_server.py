"""A throw-away redis-server on loopback, for the tests of the shared cache and for the bench:
a free port, nothing written to disk, ready when its own log says it accepts connections."""

import socket
import subprocess
import threading


def free_port() -> int:
    """A port of 127.0.0.1 nobody listens on (the system's choice, released at once)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """`program` (the redis-server binary) serving on a free port of 127.0.0.1, its working
    directory `directory`; `options` are more of its command-line settings."""

    def __init__(self, program: str, directory: str, *options: str):
        import redis

        port = free_port()
        self.process = subprocess.Popen(
            [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", directory, *options],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )  # fmt: skip
        for line in self.process.stdout:
            if "Ready to accept connections" in line:
                break
        else:
            raise RuntimeError(
                f"redis-server ended before accepting connections (exit {self.process.wait()})"
            )
        # the rest of its log is read and dropped, so that a full pipe never stops the server
        threading.Thread(target=self.process.stdout.read, daemon=True).start()
        self.url = f"redis://127.0.0.1:{port}/0"
        self.client = redis.Redis(host="127.0.0.1", port=port)

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)
