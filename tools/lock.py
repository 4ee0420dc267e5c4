"""Rewrite requirements.lock: install pyproject's dependencies (with dev) in a scratch venv.

Usage: python tools/lock.py   (what `make lock` runs)
"""

import subprocess
import sys
import tempfile
import tomllib
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = project["dependencies"] + project["optional-dependencies"]["dev"]
    with tempfile.TemporaryDirectory() as scratch:
        venv.create(scratch, with_pip=True)
        pip = [str(Path(scratch) / "bin" / "python"), "-m", "pip"]
        subprocess.run([*pip, "install", "--quiet", *wanted], check=True)
        frozen = subprocess.run([*pip, "freeze"], check=True, capture_output=True, text=True)
    header = (
        "# Exact versions tested with Python 3.11; rewritten by `make lock` from pyproject.toml.\n"
    )
    (ROOT / "requirements.lock").write_text(header + frozen.stdout)
    print(f"requirements.lock: {len(frozen.stdout.splitlines())} packages", file=sys.stderr)


if __name__ == "__main__":
    main()
