"""deploy/Dockerfile read as data, and its build replayed on this machine (no Docker daemon here).

:func:`parse` gives its instructions; :class:`Replay` builds the image's filesystem the way the file says:
the same files copied (its COPY lines, in order, into an ``app`` folder standing for WORKDIR), the same
``pip`` and ``python`` commands of its RUN lines run there in a fresh virtual environment made with this
machine's Python 3.10 (the image's ``FROM python:3.10-slim``), with the file's ENV (``/app`` and ``/tmp``
mapped to the replay's folders; pip's cache allowed). Commands that change the system (``useradd``) are not
replayed. The environment (tests/scale/deploy_tools.py: outside the work tree) is rebuilt from scratch only
when its install commands or the files they read change.
"""
import json
import os
import re
import shlex
import shutil
import subprocess
import time
from pathlib import Path
from typing import Dict, List, Tuple

from scripts.local_services import ROOT
from tests.scale.deploy_tools import BUILD, VENVS, Venv, fingerprint

DOCKERFILE = ROOT / "deploy" / "Dockerfile"
REPLAYED = ("pip", "python")


def instructions(text: str) -> List[Tuple[str, str]]:
    """(INSTRUCTION, arguments) in order, continuation lines joined, comments dropped."""
    out, pending = [], ""
    for line in text.splitlines():
        if not pending and (not line.strip() or line.lstrip().startswith("#")):
            continue
        continued = line.endswith("\\")
        pending += line.rstrip("\\").strip() + " " if continued else line.strip()
        if not continued:
            word, _, rest = pending.partition(" ")
            out.append((word.upper(), rest.strip()))
            pending = ""
    return out


def parse(text: str = None) -> Dict:
    text = DOCKERFILE.read_text() if text is None else text
    steps = instructions(text)
    env: Dict[str, str] = {}
    for word, rest in steps:
        if word == "ENV":
            for part in shlex.split(rest):
                key, _, value = part.partition("=")
                env[key] = value
    cmd = [json.loads(rest) for word, rest in steps if word == "CMD"][-1]
    return {"steps": steps, "env": env, "cmd": cmd,
            "from": next(rest for word, rest in steps if word == "FROM"),
            "workdir": next(rest for word, rest in steps if word == "WORKDIR")}


class Replay:
    def __init__(self, base: Path = BUILD / "docker-replay") -> None:
        self.image = parse()
        self.base = base
        self.app = base / "app"
        self.tmp = base / "tmp"
        self.skipped: List[str] = []

    def env(self, extra: Dict[str, str] = None) -> Dict[str, str]:
        """The image's ENV, its paths mapped here, the virtual environment first on PATH."""
        env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
        for key, value in self.image["env"].items():
            env[key] = self.here(value)
        env.pop("PIP_NO_CACHE_DIR", None)  # pip's cache is allowed here (the image keeps none)
        env["PATH"] = f"{self.venv.bin}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(self.venv.path)
        env.update(extra or {})
        return env

    def here(self, value: str) -> str:
        """An image path (WORKDIR, /tmp) as its place in the replay."""
        workdir = self.image["workdir"]
        value = re.sub(rf"(?<![\w/]){re.escape(workdir)}(?=/|\b|$)", str(self.app), value)
        return re.sub(r"(?<![\w/])/tmp(?=/|\b|$)", str(self.tmp), value)

    def copy(self, sources: List[str], dest: str) -> None:
        target = self.app / dest if not dest.startswith("/") else Path(self.here(dest))
        many = len(sources) > 1 or dest.endswith("/")
        for src in sources:
            path = ROOT / src
            into = target / path.name if many else target
            if path.is_dir():
                shutil.copytree(path, into, dirs_exist_ok=True,
                                ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
            else:
                into.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, into)

    def install_commands(self) -> List[str]:
        return [cmd for word, rest in self.image["steps"] if word == "RUN"
                for cmd in (c.strip() for c in rest.split("&&")) if cmd.split()[0] == "pip"]

    def build(self) -> "Replay":
        """The image's filesystem; ``self.install_seconds``: how long the install commands took (0: reused)."""
        for folder in (self.app, self.tmp):
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir(parents=True)
        read_by_install = (ROOT / "pyproject.toml").read_text() + (ROOT / "constraints.txt").read_text()
        self.venv = Venv(VENVS / "docker-replay", fingerprint(*self.install_commands(), read_by_install))
        reuse = self.venv.ready()
        self.install_seconds = 0.0
        for word, rest in self.image["steps"]:
            if word == "COPY":
                parts = rest.split()
                self.copy(parts[:-1], parts[-1])
            elif word == "RUN":
                for command in (c.strip() for c in rest.split("&&")):
                    program = command.split()[0]
                    if program not in REPLAYED:
                        self.skipped.append(command)
                    elif program == "python":
                        subprocess.run(["sh", "-c", command], cwd=self.app, env=self.env(), check=True)
                    elif not reuse:  # pip: the file's own install command, in a fresh environment
                        start = time.monotonic()
                        if not (self.venv.bin / "python").exists():
                            shutil.rmtree(self.venv.path, ignore_errors=True)
                            self.venv.create_empty()
                        self.venv.pip_install(shlex.split(command)[2:], self.app, self.env())
                        self.install_seconds += time.monotonic() - start
        if not reuse:
            self.venv.mark_built()
        return self
