"""Real processes for the fault tests and the benchmarks.

A private Redis and PostgreSQL on ports of their own (so stopping them never touches the
machine's shared services), FactDesk itself under gunicorn with Celery workers, each a
separate process group that can be stopped or killed, and a desk user speaking HTTP.
"""

import contextlib
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import psycopg
import redis
import requests

REPO = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition: Callable[[], object], timeout: float, what: str, every: float = 0.1):
    """Poll until `condition()` is truthy and return it; raise TimeoutError after `timeout` s."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise TimeoutError(f"Timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(every)


def answers(url: str) -> bool:
    """True when `url` answers 200."""
    try:
        return requests.get(url, timeout=2).status_code == 200
    except requests.RequestException:
        return False


class RedisServer:
    """redis-server on a port of its own, keeping nothing on disk."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            ["redis-server", "--port", str(self.port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
        )  # fmt: skip
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)
        wait_for(lambda: self._pings(client), 10, "the private Redis to start")

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(10)

    @staticmethod
    def _pings(client) -> bool:
        try:
            return client.ping()
        except redis.RedisError:
            return False


class PostgresServer:
    """A throwaway PostgreSQL cluster (initdb) on a port of its own."""

    def __init__(self):
        self.port = free_port()
        self.bindir = Path(
            subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True).stdout.strip()
        )
        # Not under pytest's tmp_path: the server may run as the postgres user, who
        # must be able to reach its folder.
        self.root = Path(tempfile.mkdtemp(prefix="factdesk-pg-"))
        self.data = self.root / "data"
        self.as_postgres = os.geteuid() == 0  # PostgreSQL refuses to run as root
        if self.as_postgres:
            shutil.chown(self.root, "postgres", "postgres")
        self.admin_url = f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, cwd=self.root)

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-A", "trust", "-U", "postgres", "-N")

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c full_page_writes=off"
        )
        log = str(self.root / "server.log")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l", log, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def execute(self, sql: str, database: str = "postgres") -> list[tuple]:
        with psycopg.connect(self.url(database), autocommit=True) as connection:
            cursor = connection.execute(sql)
            return cursor.fetchall() if cursor.description else []

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):  # already stopped
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)


def app_environment(database_url: str, redis_url: str, **extra: str) -> dict[str, str]:
    """The environment of a production-like FactDesk process on the given services."""
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        DJANGO_SETTINGS_MODULE="factdesk.settings",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        SECRET_KEY="harness-" + secrets.token_urlsafe(40),
        DEBUG="0",
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_COOKIES="0",  # plain HTTP on loopback; production sits behind HTTPS
        PYTHONUNBUFFERED="1",
        **extra,
    )
    return env


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


class Service:
    """A process (gunicorn, a Celery worker, locust) in its own process group, so a stop
    or a kill takes its children with it, as when a machine dies."""

    def __init__(self, command: list[str], env: dict[str, str], log: Path, name: str = ""):
        self.command, self.env, self.log = command, env, log
        self.name = name or Path(command[2] if command[1] == "-m" else command[0]).name
        self.process: subprocess.Popen | None = None

    def start(self) -> "Service":
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                self.command, cwd=REPO, env=self.env, stdout=out, stderr=subprocess.STDOUT,
                start_new_session=True,
            )  # fmt: skip
        return self

    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def kill(self) -> None:
        """SIGKILL to the whole group: no clean shutdown, no chance to acknowledge."""
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def stop(self, timeout: float = 15) -> None:
        if self.running():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def gunicorn(
    env: dict[str, str],
    log: Path,
    *,
    workers: int = 2,
    threads: int = 1,
    worker_class: str = "sync",
    keep_alive: int = 2,
) -> tuple[Service, str]:
    """FactDesk under gunicorn on a free port, once /healthz answers; returns it and its URL."""
    port = free_port()
    service = Service(
        [sys.executable, "-m", "gunicorn", "factdesk.wsgi", "--bind", f"127.0.0.1:{port}",
         "--workers", str(workers), "--threads", str(threads), "--worker-class", worker_class,
         "--keep-alive", str(keep_alive), "--timeout", "60"],
        env, log, "gunicorn",
    ).start()  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    wait_for(lambda: answers(base + "/healthz") or not service.running(), 30, "gunicorn")
    if not service.running():
        raise RuntimeError(f"gunicorn exited; see {log}")
    return service, base


def celery_worker(
    env: dict[str, str],
    log: Path,
    *,
    beat: bool = False,
    loglevel: str = "INFO",
    concurrency: int = 1,
) -> Service:
    # prefork, as in production: a task runs in a child process.
    command = [
        sys.executable, "-m", "celery", "-A", "factdesk", "worker", "--pool=prefork",
        f"--concurrency={concurrency}", f"--loglevel={loglevel}", "--without-gossip",
        "--without-mingle",
    ]  # fmt: skip
    if beat:
        command += ["--beat", "--schedule", str(log.with_suffix(".beat"))]
    return Service(command, env, log, "celery worker").start()


class DeskBrowser:
    """A person at the desk, over HTTP: logs in and posts forms with the CSRF token."""

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()

    def log_in(self, username: str, password: str) -> None:
        self.session.get(self.base + "/login/", timeout=10)
        response = self.post("/login/", {"username": username, "password": password}, htmx=False)
        assert response.status_code == 302, f"login failed: {response.status_code}"

    def get(self, path: str, **kwargs) -> requests.Response:
        return self.session.get(self.base + path, timeout=30, allow_redirects=False, **kwargs)

    def post(self, path: str, data: dict, *, htmx: bool = True) -> requests.Response:
        headers = {"X-CSRFToken": self.session.cookies.get("csrftoken", "")}
        if htmx:
            headers["HX-Request"] = "true"
        data = {**data, "csrfmiddlewaretoken": headers["X-CSRFToken"]}
        return self.session.post(
            self.base + path, data=data, headers=headers, timeout=60, allow_redirects=False
        )
