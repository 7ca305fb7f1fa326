"""A real PostgreSQL server for the tests: initdb and pg_ctl (as the postgres user when the
tests run as root) in a temp folder, on 127.0.0.1 and a free port; one migrated template
database, copied for each test (CREATE DATABASE ... TEMPLATE) and dropped after it; stopped at
the end.

The temp folder is the RAM disk the suite chooses (tests/conftest.py): a copy takes 0.03 s there
against 0.26 s on this machine's disk. Each copy is 12 MB, and a run makes hundreds: dropped,
they no longer hold gigabytes of that memory until the end."""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

INSTALL_HINT = ("PostgreSQL's server binaries (initdb, pg_ctl) are not installed: "
                "apt-get install postgresql (Debian/Ubuntu), or set KAKEHASHI_PG_BIN to their "
                "folder. .ci/run installs them.")


def find_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when this machine has none."""
    candidates = [os.environ.get("KAKEHASHI_PG_BIN", "")]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    which = shutil.which("initdb")
    candidates.append(str(Path(which).parent) if which else "")
    for folder in filter(None, candidates):
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, bin_dir: Path):
        self.bin = bin_dir
        self.root = Path(tempfile.mkdtemp(prefix="kakehashi-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_postgres = os.geteuid() == 0       # initdb refuses to run as root
        self._names = count()
        self._strategy: str | None = None

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        subprocess.run(command, check=True, capture_output=True, timeout=60)

    def start(self) -> None:
        if self.as_postgres:
            os.chmod(self.root, 0o755)
            shutil.chown(self.root, "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--locale=C.UTF-8", "--no-sync")
        self.resume()

    def halt(self) -> None:
        """Stop the server at once, as a crash or a pulled cable would (data kept)."""
        self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")

    def resume(self) -> None:
        # No fsync: a test's server need not survive the machine's crash. But each commit is
        # written out before it is acknowledged (synchronous_commit on, the default): halt()
        # is the server's crash, and without that it lost the commits of the last few hundred
        # ms, so a test that halts soon after a sync saw its mission gone from the server.
        options = (f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 "
                   "-c fsync=off -c full_page_writes=off")
        self._run("pg_ctl", "-D", str(self.data), "-o", options, "-l",
                  str(self.root / "server.log"), "-w", "-t", "60", "start")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(sql)

    def new_database(self, template: str | None = None) -> str:
        """A fresh database's URL (a copy of `template` when given)."""
        name = f"t{os.getpid()}_{next(self._names)}"
        self.admin(f'CREATE DATABASE "{name}"'
                   + (f' TEMPLATE "{template}"{self._copy_strategy()}' if template else ""))
        return self.url(name)

    def _copy_strategy(self) -> str:
        # FILE_COPY copies the template's files as they are, in 18 ms here against WAL_LOG's
        # 30 (which writes every page of the copy to the log as well); PostgreSQL 15 and later.
        if self._strategy is None:
            import psycopg

            with psycopg.connect(self.url()) as conn:
                version = int(conn.execute("SHOW server_version_num").fetchone()[0])
            self._strategy = " STRATEGY FILE_COPY" if version >= 150000 else ""
        return self._strategy

    def drop_database(self, url: str) -> None:
        """Drop a database new_database made, whoever is still connected to it."""
        name = url.rsplit("/", 1)[1]
        self.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def require_password(server: Server, role: str, password: str) -> str:
    """A login role that must give its password (scram-sha-256 in pg_hba.conf, read first;
    every other role keeps trust); its URL without the password on the server's postgres
    database."""
    hba = server.data / "pg_hba.conf"
    line = f"host all {role} 127.0.0.1/32 scram-sha-256\n"
    if line not in hba.read_text():
        hba.write_text(line + hba.read_text())
    server.admin(f"DO $$ BEGIN CREATE ROLE {role} LOGIN SUPERUSER; EXCEPTION WHEN "
                 "duplicate_object THEN NULL; END $$")
    server.admin(f"ALTER ROLE {role} PASSWORD '{password}'")
    server.admin("SELECT pg_reload_conf()")
    return f"postgresql://{role}@127.0.0.1:{server.port}/"
