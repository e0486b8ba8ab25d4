"""Services started on loopback, as the current user, in a scratch directory.

Used by the scaled launcher (``scripts/scale.py``, ``make scale``), its benchmark and the tests:

- :class:`Postgres`: a private PostgreSQL server from Debian's binaries (``/usr/lib/postgresql/*/bin``);
  as root it runs as the ``postgres`` user (initdb and postgres refuse root). Password authentication
  (scram-sha-256) for every connection, the socket's included; the superuser's random password is kept in
  a 0700 directory (``secret/``), and :meth:`Postgres.create_app_database` makes a database owned by a
  role of its own (not a superuser) with its own random password;
- :class:`Redis`: ``redis-server`` without persistence, with a random password (``requirepass``) given in
  an owner-only configuration file, never on its command line;
- :class:`Nginx`: ``nginx`` with its own configuration rendered from ``deploy/nginx.conf.template``;
- :class:`Cluster`: all of the above plus N Rasa servers and M action servers, started in order and
  stopped together.

Every service waits for a condition (a port answering, a health URL), never for a fixed time, and
raises :class:`ServiceError` (with the end of its log) when it cannot start. No secret is put on a command
line (``ps`` shows those to every local user): passwords go through files readable by their owner only
and the environment. Logs are created owner-only. No pytest import.
"""
import glob
import os
import pathlib
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from typing import Dict, List, Optional, Sequence

ROOT = pathlib.Path(__file__).resolve().parents[1]
NGINX_TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
PG_INSTALL_HINT = "install the PostgreSQL server: apt-get install postgresql"


class ServiceError(RuntimeError):
    """A service could not be started (the message says why and how to fix it)."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_ok(url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as r:
            return 200 <= r.status < 300
    except (urllib.error.URLError, OSError, ValueError):
        return False


def wait_until(condition, timeout: float, what: str, alive=None, log: Optional[pathlib.Path] = None,
               interval: float = 0.5) -> None:
    """Polls ``condition()`` until true; fails early when ``alive()`` turns false."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        if condition():
            return
        if alive is not None and not alive():
            raise ServiceError(f"{what} exited or failed while starting{_tail(log)}")
        time.sleep(interval)
    raise ServiceError(f"{what} not ready after {timeout:.0f} s{_tail(log)}")


def _tail(log: Optional[pathlib.Path], chars: int = 3000) -> str:
    if log and pathlib.Path(log).exists():
        return f"\n--- {log} (end)\n" + pathlib.Path(log).read_text(errors="replace")[-chars:]
    return ""


def scratch_dir(prefix: str) -> pathlib.Path:
    # Under /tmp when root: the 'postgres' user must be able to pass through it (0711: not list it).
    base = pathlib.Path(tempfile.mkdtemp(prefix=prefix, dir="/tmp" if os.geteuid() == 0 else None))
    os.chmod(base, 0o711)
    return base


def private_file(path: pathlib.Path, text: str = "") -> pathlib.Path:
    """``path`` created (or truncated) readable and writable by its owner only, holding ``text``."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(text)
    os.chmod(path, 0o600)
    return path


def private_dir(path: pathlib.Path) -> pathlib.Path:
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path


def owner_only_log(path: pathlib.Path) -> pathlib.Path:
    """A log file that exists and is readable by its owner only (appended to if it exists)."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.close(fd)
    os.chmod(path, 0o600)
    return path


class Proc:
    """A child process in its own session (so that its children stop with it), logging to a file."""

    def __init__(self, name: str, cmd: Sequence[str], log: pathlib.Path, env: Optional[Dict[str, str]] = None,
                 cwd: pathlib.Path = ROOT):
        self.name, self.cmd, self.log = name, list(cmd), owner_only_log(pathlib.Path(log))
        with open(log, "ab") as out:
            self.popen = subprocess.Popen(self.cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT,
                                          stdin=subprocess.DEVNULL, start_new_session=True)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self, sig=signal.SIGKILL) -> None:
        """Sends ``sig`` to the process group (SIGKILL: no clean-up at all, as in a crash)."""
        try:
            os.killpg(self.popen.pid, sig)
        except ProcessLookupError:
            pass

    def stop(self, timeout: float = 20) -> None:
        if self.alive():
            self.kill(signal.SIGTERM)
        try:
            self.popen.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill(signal.SIGKILL)
            self.popen.wait(timeout=10)


# ---------------------------------------------------------------- PostgreSQL

def pg_bindir() -> str:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"),
                   key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0)
    if not found:
        on_path = shutil.which("initdb")
        if on_path and shutil.which("pg_ctl"):
            return os.path.dirname(on_path)
        raise ServiceError("PostgreSQL server binaries (initdb, pg_ctl) not found in /usr/lib/postgresql/*/bin: "
                           + PG_INSTALL_HINT)
    return os.path.dirname(found[-1])


def as_pg_user(cmd: List[str]) -> List[str]:
    """initdb and postgres refuse to run as root: run them as the 'postgres' user then."""
    if os.geteuid() != 0:
        return cmd
    try:
        import pwd

        pwd.getpwnam("postgres")
    except KeyError:
        raise ServiceError(f"running as root and there is no 'postgres' user to run the server: {PG_INSTALL_HINT}")
    runuser = shutil.which("runuser")
    if runuser:
        return [runuser, "-u", "postgres", "--"] + cmd
    return ["su", "postgres", "-s", "/bin/sh", "-c", " ".join(f"'{c}'" for c in cmd)]


def _run(cmd: List[str], what: str, log: Optional[str] = None) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
    if proc.returncode != 0:
        raise ServiceError(f"{what} failed (exit {proc.returncode}): {' '.join(cmd)}\n{proc.stdout}"
                           f"{_tail(pathlib.Path(log) if log else None)}")
    return proc


class Postgres:
    """A temporary PostgreSQL server on 127.0.0.1; every connection needs a password (scram-sha-256)."""

    def __init__(self, base: Optional[pathlib.Path] = None):
        self.bindir = pg_bindir()
        self.base = pathlib.Path(base) if base else scratch_dir("ee-pg-")
        self.data, self.sock, self.log = self.base / "data", self.base / "sock", self.base / "server.log"
        self.secret_dir = self.base / "secret"
        self.password = secrets.token_hex(24)
        self.port: Optional[int] = None
        self.started = False

    @property
    def root_url(self) -> str:
        """SQLAlchemy URL of the server without a database (the superuser, with its password)."""
        return f"postgresql+psycopg2://postgres:{self.password}@127.0.0.1:{self.port}"

    def start(self) -> "Postgres":
        os.makedirs(self.base, 0o711, exist_ok=True)
        os.makedirs(self.data, 0o700, exist_ok=True)
        os.makedirs(self.sock, 0o755, exist_ok=True)
        pwfile = private_file(private_dir(self.secret_dir) / "postgres-password", self.password + "\n")
        owner_only_log(self.log)
        if os.geteuid() == 0:
            import pwd

            as_pg_user(["true"])  # fails clearly when there is no 'postgres' user
            pw = pwd.getpwnam("postgres")
            for path in (self.base, self.data, self.sock, self.secret_dir, pwfile, self.log):
                os.chown(path, pw.pw_uid, pw.pw_gid)
        _run(as_pg_user([os.path.join(self.bindir, "initdb"), "-D", str(self.data), "-U", "postgres",
                         "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8", "--locale=C",
                         "--no-sync"]), "initdb")
        for _attempt in range(3):
            self.port = free_port()
            opts = (f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.sock} -c fsync=off "
                    f"-c full_page_writes=off -c max_connections=200")
            proc = subprocess.run(as_pg_user([os.path.join(self.bindir, "pg_ctl"), "-D", str(self.data), "-l",
                                              str(self.log), "-w", "-t", "60", "-o", opts, "start"]),
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120)
            if proc.returncode == 0:
                self.started = True
                return self
            time.sleep(0.5)
        raise ServiceError(f"pg_ctl start failed (3 attempts){_tail(self.log)}")

    def pid(self) -> int:
        """The postmaster's process id."""
        return int((self.data / "postmaster.pid").read_text().split()[0])

    def _admin(self, *statements: str) -> None:
        from sqlalchemy import create_engine, text

        engine = create_engine(f"{self.root_url}/postgres", future=True, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                for statement in statements:
                    conn.execute(text(statement))
        finally:
            engine.dispose()

    def create_database(self, name: str) -> str:
        """Creates database ``name``; returns its SQLAlchemy URL (as the superuser)."""
        self._admin(f'CREATE DATABASE "{name}"')
        return f"{self.root_url}/{name}"

    def create_app_database(self, name: str, user: str = "rasa") -> str:
        """Creates role ``user`` (no superuser, a random password) and database ``name`` owned by it;
        returns the URL the servers use."""
        password = secrets.token_hex(24)
        self._admin(f"CREATE ROLE \"{user}\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '{password}'",
                    f'CREATE DATABASE "{name}" OWNER "{user}"')
        return f"postgresql+psycopg2://{user}:{password}@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        if self.started:
            subprocess.run(as_pg_user([os.path.join(self.bindir, "pg_ctl"), "-D", str(self.data), "-m", "fast",
                                       "-w", "stop"]), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=120)
            self.started = False
        shutil.rmtree(self.base, ignore_errors=True)


# ---------------------------------------------------------------- Redis

class Redis:
    """``redis-server`` on 127.0.0.1, no persistence (locks only live as long as their tickets), with a
    password set in an owner-only configuration file (a ``--requirepass`` argument would show in ``ps``)."""

    def __init__(self, base: pathlib.Path):
        self.base = base
        self.port = free_port()
        self.password = secrets.token_hex(24)
        self.proc: Optional[Proc] = None

    @property
    def url(self) -> str:
        return f"redis://:{self.password}@127.0.0.1:{self.port}/1"

    def start(self, timeout: float = 30) -> "Redis":
        exe = shutil.which("redis-server")
        if not exe:
            raise ServiceError("redis-server not found: apt-get install redis-server (scripts/system_deps.sh)")
        log = self.base / "redis.log"
        conf = private_file(private_dir(self.base / "redis-secret") / "redis.conf",
                            f"port {self.port}\nbind 127.0.0.1\ndir {self.base}\nsave \"\"\nappendonly no\n"
                            f"daemonize no\nrequirepass {self.password}\n")
        self.proc = Proc("redis", [exe, str(conf)], log)
        wait_until(self._pong, timeout, "redis-server", self.proc.alive, log, interval=0.1)
        return self

    def ask(self, *commands: bytes) -> List[bytes]:
        """The first line of Redis's answer to each command, sent in order on one connection."""
        answers = []
        with socket.create_connection(("127.0.0.1", self.port), timeout=2) as s:
            reader = s.makefile("rb")
            for command in commands:
                s.sendall(command + b"\r\n")
                answers.append(reader.readline().rstrip(b"\r\n"))
        return answers

    def _pong(self) -> bool:
        try:
            return self.ask(b"AUTH " + self.password.encode(), b"PING")[-1] == b"+PONG"
        except OSError:
            return False

    def stop(self) -> None:
        if self.proc:
            self.proc.stop()


# ---------------------------------------------------------------- nginx

def render_nginx(directory: pathlib.Path, listen: str, action_listen: str, rasa: Sequence[str],
                 actions: Sequence[str], rate: int = 10, burst: int = 20, body_limit: str = "64k",
                 conn_limit: int = 20, max_fails: int = 1, fail_timeout: int = 10, user: Optional[str] = None,
                 access_log: Optional[str] = None, error_log: Optional[str] = None,
                 real_ip_from: Sequence[str] = ()) -> str:
    """The nginx configuration for these addresses (host:port strings). ``real_ip_from``: the load
    balancer's addresses (or networks), whose X-Forwarded-For header gives the client's address; none: nginx
    is the edge and the connection's address is the client's."""
    user = f"user {user};" if user else ""
    if not user and os.geteuid() == 0:  # workers must not run as root
        import grp

        try:
            grp.getgrnam("nogroup")
            user = "user nobody nogroup;"
        except KeyError:
            user = "user nobody;"

    def servers(addrs):
        return "\n".join(f"        server {a} max_fails={max_fails} fail_timeout={fail_timeout}s;" for a in addrs)

    values = {"USER": user, "DIR": str(directory), "ACCESS_LOG": access_log or f"{directory}/access.log",
              "ERROR_LOG": error_log or f"{directory}/error.log", "LISTEN": listen, "ACTION_LISTEN": action_listen,
              "RASA_SERVERS": servers(rasa), "ACTION_SERVERS": servers(actions), "RATE": str(rate),
              "BURST": str(burst), "BODY_LIMIT": body_limit, "CONN_LIMIT": str(conn_limit),
              "REAL_IP": real_ip(real_ip_from)}
    text = NGINX_TEMPLATE.read_text()
    for key, value in values.items():
        text = text.replace(f"@@{key}@@", value)
    if "@@" in text:
        raise ServiceError("deploy/nginx.conf.template has a placeholder render_nginx does not fill")
    return text


def real_ip(trusted: Sequence[str]) -> str:
    if not trusted:
        return "    # (no load balancer in front: the connection's address is the client's)"
    lines = [f"    set_real_ip_from {address};" for address in trusted]
    return "\n".join(lines + ["    real_ip_header X-Forwarded-For;", "    real_ip_recursive on;"])


CLUSTER_NGINX = ROOT / "deploy" / "nginx.cluster.conf"
# Where a cluster's load balancer connects from: private networks. Narrow them to your load balancer's
# addresses (docs/deploy.md).
CLUSTER_LOAD_BALANCERS = ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16")
# The web channel's readiness route (connectors/web.py): 200 once the model is loaded.
READY_PATH = "/webhooks/web/ready"


def render_cluster_nginx() -> str:
    """deploy/nginx.cluster.conf: the template for Docker Compose and Kubernetes (services 'rasa' and
    'actions'; the official nginx image's user and cache folder; logs to the container's output)."""
    return render_nginx(pathlib.Path("/var/cache/nginx"), "8080", "8081", ["rasa:5005"], ["actions:5055"],
                        rate=10, burst=20, body_limit="64k", conn_limit=20, user="nginx",
                        access_log="/dev/stdout", error_log="/dev/stderr", real_ip_from=CLUSTER_LOAD_BALANCERS)


class Nginx:
    """nginx from the Debian package with its own configuration in ``base`` (not /etc/nginx)."""

    def __init__(self, base: pathlib.Path, port: Optional[int] = None, action_port: Optional[int] = None,
                 host: str = "127.0.0.1"):
        self.base = base
        self.host = host
        self.port = port or free_port()
        self.action_port = action_port or free_port()
        self.proc: Optional[Proc] = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}/webhook"

    @property
    def access_log(self) -> pathlib.Path:
        return self.base / "access.log"

    def start(self, rasa: Sequence[str], actions: Sequence[str], timeout: float = 30, **limits) -> "Nginx":
        exe = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
        if not exe:
            raise ServiceError("nginx not found: apt-get install nginx (scripts/system_deps.sh)")
        conf = self.base / "nginx.conf"
        for log_file in ("access.log", "error.log"):  # nginx keeps the mode of a log that exists
            owner_only_log(self.base / log_file)
        conf.write_text(render_nginx(self.base, f"{self.host}:{self.port}", f"127.0.0.1:{self.action_port}",
                                     rasa, actions, **limits))
        log = self.base / "error.log"
        base = [exe, "-p", str(self.base), "-c", str(conf), "-e", str(log)]
        _run(base + ["-t", "-q"], "nginx -t (configuration check)")
        self.proc = Proc("nginx", base + ["-g", "daemon off;"], self.base / "nginx.out")
        wait_until(lambda: http_ok(f"{self.url}/nginx-health"), timeout, "nginx", self.proc.alive, log,
                   interval=0.1)
        return self

    def stop(self) -> None:
        if self.proc:
            self.proc.stop()


# ---------------------------------------------------------------- Rasa and action servers

def venv_bin() -> pathlib.Path:
    return pathlib.Path(sys.executable).parent


class Cluster:
    """PostgreSQL + Redis + N Rasa servers + M action servers + nginx, on one machine.

    ``tracker_store_url`` / ``redis_url``: use these servers instead of starting local ones.
    ``credentials``: the Rasa servers' credentials file (default: the repository's credentials.yml).
    """

    def __init__(self, rasa_servers: int = 2, action_servers: int = 2, model: Optional[pathlib.Path] = None,
                 tracker_store_url: Optional[str] = None, redis_url: Optional[str] = None,
                 credentials: Optional[pathlib.Path] = None, port: Optional[int] = None,
                 host: str = "127.0.0.1", base: Optional[pathlib.Path] = None, rasa_args: Sequence[str] = (),
                 extra_env: Optional[Dict[str, str]] = None, start_timeout: float = 600, log=print, **limits):
        self.n_rasa, self.n_actions = rasa_servers, action_servers
        self.model = pathlib.Path(model or ROOT / "models" / "assistant.tar.gz")
        self.tracker_store_url, self.redis_url = tracker_store_url, redis_url
        self.credentials = pathlib.Path(credentials or ROOT / "credentials.yml")
        self.base = pathlib.Path(base) if base else scratch_dir("ee-scale-")
        self.nginx = Nginx(self.base, port=port, host=host)
        self.rasa_args, self.extra_env, self.limits = list(rasa_args), dict(extra_env or {}), limits
        # Every Rasa server must check the web page's sender ids with the same secret (connectors/rest.py).
        self.web_sender_secret = os.environ.get("WEB_SENDER_SECRET") or secrets.token_hex(32)
        self.start_timeout, self.log = start_timeout, log
        self.postgres: Optional[Postgres] = None
        self.redis: Optional[Redis] = None
        self.rasa: List[Proc] = []
        self.rasa_ports: List[int] = []
        self.actions: List[Proc] = []
        self.action_ports: List[int] = []

    # -- addresses
    @property
    def url(self) -> str:
        """The public address (nginx)."""
        return self.nginx.url

    def rasa_url(self, i: int) -> str:
        return f"http://127.0.0.1:{self.rasa_ports[i]}"

    def env(self) -> Dict[str, str]:
        return {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
                "PYTHONPATH": str(ROOT) + (os.pathsep + os.environ["PYTHONPATH"] if os.environ.get("PYTHONPATH")
                                           else ""),
                "TRACKER_STORE_URL": self.tracker_store_url or "", "REDIS_URL": self.redis_url or "",
                "ACTION_ENDPOINT_URL": self.nginx.action_url, "WEB_SENDER_SECRET": self.web_sender_secret,
                # nginx in front: the client is the last X-Forwarded-For entry, the one nginx sets
                "SANIC_PROXIES_COUNT": "1",
                **self.extra_env}

    # -- start and stop
    def start(self) -> "Cluster":
        try:
            self._start()
        except BaseException:
            self.stop()
            raise
        return self

    def _start(self) -> None:
        if not self.model.exists():
            raise ServiceError(f"no model at {self.model}: run scripts/train.sh (make train) first")
        if not self.tracker_store_url:
            self.postgres = Postgres(self.base / "pg").start()
            self.tracker_store_url = self.postgres.create_app_database("rasa")
            self.log(f"scale: PostgreSQL on 127.0.0.1:{self.postgres.port}")
        if not self.redis_url:
            self.redis = Redis(self.base).start()
            self.redis_url = self.redis.url
            self.log(f"scale: Redis on 127.0.0.1:{self.redis.port}")
        self._create_tables()
        self.rasa_ports = [free_port() for _ in range(self.n_rasa)]
        self.action_ports = [free_port() for _ in range(self.n_actions)]
        # nginx first: the Rasa servers' action endpoint goes through it.
        self.nginx.start([f"127.0.0.1:{p}" for p in self.rasa_ports],
                         [f"127.0.0.1:{p}" for p in self.action_ports], **self.limits)
        self.log(f"scale: nginx on {self.nginx.host}:{self.nginx.port} (actions on 127.0.0.1:{self.nginx.action_port})")
        endpoints = ROOT / "deploy" / "endpoints.yml"
        env = self.env()
        rasa = str(venv_bin() / "rasa")
        for i, port in enumerate(self.action_ports):
            self.actions.append(Proc(f"actions-{i + 1}", [rasa, "run", "actions", "--actions", "actions",
                                                          "--port", str(port)],
                                     self.base / f"actions-{i + 1}.log", env))
        for i, port in enumerate(self.rasa_ports):
            self.rasa.append(Proc(f"rasa-{i + 1}", self.rasa_command(i, endpoints), self.base / f"rasa-{i + 1}.log",
                                  env))
        self.log(f"scale: starting {self.n_rasa} Rasa and {self.n_actions} action servers "
                 f"(about a minute each; logs in {self.base})")
        for proc, port in zip(self.actions, self.action_ports):
            wait_until(lambda: http_ok(f"http://127.0.0.1:{port}/health"), self.start_timeout, proc.name,
                       proc.alive, proc.log)
        for i, proc in enumerate(self.rasa):
            self.wait_rasa(i)

    def rasa_command(self, i: int, endpoints: pathlib.Path) -> List[str]:
        """No HTTP API (``--enable-api``) and no secret on the command line: the web channel's readiness route
        says whether the model is loaded (a server whose model failed to load still answers "/")."""
        from connectors.server import command

        return command(str(venv_bin() / "python")) + ["run", "--model", str(self.model), "--endpoints", str(endpoints),
                "--credentials", str(self.credentials), "--interface", "127.0.0.1",
                "--port", str(self.rasa_ports[i])] + self.rasa_args

    def rasa_ready(self, i: int) -> bool:
        """True when Rasa server ``i`` answers with its model loaded."""
        return http_ok(f"{self.rasa_url(i)}{READY_PATH}", timeout=3)

    def wait_rasa(self, i: int) -> None:
        """Waits until Rasa server ``i`` has loaded its model (about a minute, more under load)."""
        proc = self.rasa[i]

        def loading() -> bool:  # alive, and its model has not failed to load
            return proc.alive() and "Could not load model" not in proc.log.read_text(errors="replace")

        wait_until(lambda: self.rasa_ready(i), self.start_timeout, proc.name, loading, proc.log)

    def restart_rasa(self, i: int) -> None:
        self.rasa[i].stop()
        self.rasa[i] = Proc(self.rasa[i].name, self.rasa[i].cmd, self.rasa[i].log, self.env())
        self.wait_rasa(i)

    def _create_tables(self) -> None:
        """Creates the tracker store's table once, before several servers race to create it."""
        env = self.env()
        code = ("from connectors.tracker_store import URLSQLTrackerStore as S; "
                "S(host=__import__('os').environ['TRACKER_STORE_URL']).engine.dispose()")
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def processes(self) -> List[Proc]:
        out = list(self.rasa) + list(self.actions)
        for svc in (self.nginx, self.redis):
            if svc is not None and svc.proc is not None:
                out.append(svc.proc)
        return out

    def stop(self, remove_files: bool = False) -> None:
        """Stops everything; ``remove_files``: also the scratch directory (logs included)."""
        for proc in list(self.rasa) + list(self.actions):
            if proc.alive():
                proc.kill(signal.SIGTERM)
        for proc in list(self.rasa) + list(self.actions):
            proc.stop()
        self.nginx.stop()
        if self.redis:
            self.redis.stop()
        if self.postgres:
            self.postgres.stop()
        if remove_files:
            shutil.rmtree(self.base, ignore_errors=True)


def descendants(pid: int) -> List[int]:
    """``pid`` and every process below it (from /proc)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in out:
            continue
        out.append(p)
        try:
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return out


def rss_mb(pid: int) -> float:
    """Resident memory of a process and its descendants, in MB (from /proc)."""
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/status") as fh:
                total += sum(int(line.split()[1]) for line in fh if line.startswith("VmRSS:"))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue
    return total / 1024


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) used so far by a process and its descendants."""
    total = 0
    for p in descendants(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                fields = fh.read().rsplit(")", 1)[1].split()
            total += int(fields[11]) + int(fields[12])  # utime, stime (fields 14 and 15)
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
            continue
    return total / os.sysconf("SC_CLK_TCK")


if __name__ == "__main__":  # python -m scripts.local_services: rewrites deploy/nginx.cluster.conf
    CLUSTER_NGINX.write_text("# Generated from deploy/nginx.conf.template by `python -m scripts.local_services`;"
                             " do not edit.\n" + render_cluster_nginx())
    print(CLUSTER_NGINX)
