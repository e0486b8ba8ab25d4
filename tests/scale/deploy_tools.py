"""Virtual environments of their own for the deploy files' checks, made with this machine's Python 3.10
(scripts/find_python.sh) and pip's usual sources (its cache, the configured indexes).

They live in ``$EE_TEST_VENVS`` (default ``~/.cache/express-entry/test-venvs``), outside the work tree, so that
another clone on the same machine (CI) reuses them: each is rebuilt from scratch whenever what it installs
changes (a fingerprint of its install commands and the files they read), and only then.

- :func:`tools_venv`: check-jsonschema and kubernetes-validate, the ``deploy-checks`` extra of pyproject.toml
  (they cannot be installed beside Rasa 3.6);
- :class:`Venv`: a fresh environment, (re)built only when what it was built from changed (a stamp file).
"""
import hashlib
import os
import shutil
import subprocess
import time
from pathlib import Path
from typing import List, Sequence

import tomli

from scripts.local_services import ROOT

BUILD = ROOT / "build"
VENVS = Path(os.environ.get("EE_TEST_VENVS") or Path.home() / ".cache" / "express-entry" / "test-venvs")
# How long the deploy checks took, printed at the end of the test run (tests/scale/conftest.py).
TIMES: dict = {}
# pip's configuration on some machines names package folders that may be absent: pip then warns per package.
_NOISE = "is ignored: it is neither a file nor a directory"


def python310() -> str:
    done = subprocess.run(["bash", str(ROOT / "scripts" / "find_python.sh")], capture_output=True, text=True,
                          check=True)
    return done.stdout.strip().splitlines()[-1]


class Venv:
    def __init__(self, path: Path, fingerprint: str) -> None:
        self.path, self.fingerprint = path, fingerprint
        self.seconds = 0.0  # how long building it took (0: reused)

    @property
    def bin(self) -> Path:
        return self.path / "bin"

    def ready(self) -> bool:
        stamp = self.path / ".built"
        return stamp.exists() and stamp.read_text() == self.fingerprint

    def create(self, installs: Sequence[Sequence[str]], cwd: Path = ROOT, env=None) -> "Venv":
        """A fresh environment running each install command (arguments after ``pip install``)."""
        if self.ready():
            return self
        start = time.monotonic()
        shutil.rmtree(self.path, ignore_errors=True)
        self.create_empty()
        for args in installs:
            self.pip_install(list(args), cwd, env)
        self.mark_built()
        self.seconds = time.monotonic() - start
        return self

    def create_empty(self) -> None:
        subprocess.run([python310(), "-m", "venv", str(self.path)], check=True)

    def mark_built(self) -> None:
        (self.path / ".built").write_text(self.fingerprint)

    def pip_install(self, args: List[str], cwd: Path, env=None) -> None:
        done = subprocess.run([str(self.bin / "python"), "-m", "pip", "install", "--quiet"] + args, cwd=cwd,
                              env=env, capture_output=True, text=True)
        if done.returncode != 0:
            out = "\n".join(line for line in (done.stdout + done.stderr).splitlines() if _NOISE not in line)
            raise RuntimeError(f"pip install {' '.join(args)} failed:\n{out[-4000:]}")

    def run(self, program: str, *args: str, **kwargs) -> subprocess.CompletedProcess:
        return subprocess.run([str(self.bin / program)] + list(args), capture_output=True, text=True, **kwargs)


def fingerprint(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def deploy_check_requirements() -> List[str]:
    project = tomli.loads((ROOT / "pyproject.toml").read_text())
    return list(project["project"]["optional-dependencies"]["deploy-checks"])


def tools_venv() -> Venv:
    requirements = deploy_check_requirements()
    venv = Venv(VENVS / "deploy-checks", fingerprint(*requirements))
    return venv.create([requirements])


if __name__ == "__main__":  # build it ahead of the tests
    print(tools_venv().path)
