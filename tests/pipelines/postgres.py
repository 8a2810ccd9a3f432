"""A real Postgres server for the instance-storage tests, started by the tests themselves.

First `pgserver` (a pip package shipping Postgres binaries; as root it runs the server as a
`pgserver` system user it creates), else a Debian `postgresql` install (`initdb`/`pg_ctl`
under /usr/lib/postgresql/*/bin, run as the `postgres` user when we are root: Postgres
refuses to run as root). `postgres_server()` yields None when neither can start, and the
tests skip.
"""

from __future__ import annotations

import glob
import os
import pwd
import secrets
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path


@contextmanager
def postgres_server() -> Iterator[tuple[str, str] | None]:
    """(URL of the `postgres` database, how it was started), or None."""
    with _pgserver() as found:
        if found is not None:
            yield found, "pgserver"
            return
    with _debian() as found:
        yield (found, "debian postgresql") if found is not None else None


def create_database(server_url: str) -> str:
    """A new empty database on the server: its URL for Dagster (SQLAlchemy, psycopg2)."""
    import psycopg2

    name = f"dagster_{secrets.token_hex(4)}"
    connection = psycopg2.connect(server_url)
    try:
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f"CREATE DATABASE {name}")
    finally:
        connection.close()
    return _with_database(server_url, name).replace("postgresql://", "postgresql+psycopg2://", 1)


def _with_database(url: str, name: str) -> str:
    before, _, query = url.partition("?")
    base = before.rsplit("/", 1)[0]
    return f"{base}/{name}" + (f"?{query}" if query else "")


@contextmanager
def _pgserver() -> Iterator[str | None]:
    try:
        import pgserver
    except ImportError:
        yield None
        return
    folder = tempfile.mkdtemp(prefix="unreports-pg-")
    server = None
    try:
        server = pgserver.get_server(folder, cleanup_mode="stop")
        url = server.get_uri()
    except Exception:  # noqa: BLE001 - any failure to start means: try the next way
        url = None
    try:
        yield url
    finally:
        if server is not None:
            with suppress(Exception):
                server.cleanup()
        shutil.rmtree(folder, ignore_errors=True)


@contextmanager
def _debian() -> Iterator[str | None]:
    binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not binaries:
        yield None
        return
    bin_dir = Path(binaries[-1]).parent
    folder = Path(tempfile.mkdtemp(prefix="unreports-pgdeb-"))
    prefix: list[str] = []
    if os.geteuid() == 0:
        try:
            user = pwd.getpwnam("postgres")
        except KeyError:
            shutil.rmtree(folder, ignore_errors=True)
            yield None
            return
        os.chown(folder, user.pw_uid, user.pw_gid)
        prefix = ["runuser", "-u", "postgres", "--"]
    data, socket_dir = folder / "data", folder
    started = False
    try:
        subprocess.run([*prefix, str(bin_dir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust"],
                       check=True, capture_output=True, timeout=60)
        subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-w", "-l", str(folder / "log"),
                        "-o", f"-c listen_addresses='' -k {socket_dir}", "start"],
                       check=True, capture_output=True, timeout=60)
        started = True
    except (subprocess.SubprocessError, OSError):
        pass
    try:
        yield f"postgresql://postgres@/postgres?host={socket_dir}" if started else None
    finally:
        if started:
            subprocess.run([*prefix, str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "fast", "stop"],
                           check=False, capture_output=True, timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
