"""Opening the store file: validation (foreign, corrupt, newer) and schema migrations.

The schema version lives in ``PRAGMA user_version``; ``PRAGMA application_id`` marks the
file as Charter's, so a foreign SQLite database is never touched. Migrations are an
ordered list of SQL scripts: migration *i* takes the schema from version *i* to *i + 1*.
Never edit a released migration; append a new one.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from charter.errors import StoreError

__all__ = ["APPLICATION_ID", "MIGRATIONS", "SCHEMA_VERSION", "connect"]

#: "CHRT" as a 32-bit integer.
APPLICATION_ID = 0x43485254

MIGRATIONS: list[str] = [
    # 0 -> 1: runs, cases, requests, responses, scores, and the response cache.
    """
    CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        target TEXT NOT NULL,
        guide_hash TEXT,
        suite_hash TEXT,
        config TEXT NOT NULL,
        metadata TEXT NOT NULL,
        charter_version TEXT NOT NULL
    );
    CREATE TABLE cases (
        run_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        idx INTEGER NOT NULL,
        data TEXT NOT NULL,
        PRIMARY KEY (run_id, case_id)
    ) WITHOUT ROWID;
    CREATE INDEX cases_order ON cases (run_id, idx);
    CREATE TABLE requests (
        run_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        key TEXT NOT NULL,
        model TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        latency_s REAL NOT NULL,
        created_at REAL NOT NULL,
        PRIMARY KEY (run_id, case_id, epoch)
    ) WITHOUT ROWID;
    CREATE TABLE responses (
        run_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        text TEXT NOT NULL,
        model TEXT,
        error TEXT,
        input_tokens INTEGER NOT NULL,
        output_tokens INTEGER NOT NULL,
        cost REAL NOT NULL,
        cached INTEGER NOT NULL,
        metadata TEXT,
        PRIMARY KEY (run_id, case_id, epoch)
    ) WITHOUT ROWID;
    CREATE TABLE scores (
        run_id TEXT NOT NULL,
        case_id TEXT NOT NULL,
        epoch INTEGER NOT NULL,
        seq INTEGER NOT NULL,
        scorer TEXT NOT NULL,
        rule_id TEXT,
        verdict TEXT NOT NULL,
        value REAL,
        label TEXT,
        explanation TEXT NOT NULL,
        extra TEXT,
        PRIMARY KEY (run_id, case_id, epoch, seq)
    ) WITHOUT ROWID;
    CREATE TABLE cache (
        key TEXT PRIMARY KEY,
        model TEXT NOT NULL,
        output TEXT NOT NULL,
        created_at REAL NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE cache_models (
        model TEXT PRIMARY KEY
    ) WITHOUT ROWID;
    """,
    # 1 -> 2: run leases. The process running a run holds its lease and renews the
    # heartbeat; a second process refuses to run it while the lease is live.
    """
    CREATE TABLE leases (
        run_id TEXT PRIMARY KEY,
        owner TEXT NOT NULL,
        host TEXT NOT NULL,
        pid INTEGER NOT NULL,
        heartbeat REAL NOT NULL
    ) WITHOUT ROWID;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def connect(path: Path, *, busy_timeout: float = 10.0, readonly: bool = False) -> sqlite3.Connection:
    """Open (creating if needed) and migrate the store at ``path``; StoreError when the file
    is not SQLite, belongs to another application, comes from a newer Charter, is corrupt
    or stays locked. ``readonly``: the file must exist (a reader never creates a store or
    its directories, e.g. under a mistyped ``CHARTER_STORE``) and is opened read-only."""
    if path.is_dir():
        raise StoreError(f"run store {path} is a directory", hint="pass a file path, e.g. --store runs.db")
    if readonly:
        return _connect_readonly(path, busy_timeout)
    # The file's header is checked through SQLite itself (``_prepare``), never by opening the
    # file with a second descriptor: closing any descriptor of a database file drops every
    # POSIX lock this process holds on it, and the next connection to close then believes it
    # is the last one, checkpoints and deletes the WAL that live connections still write to.
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the directory for run store {path}: {e.strerror}",
                             hint="set CHARTER_HOME or pass --store PATH to a writable place") from None
    try:
        con = sqlite3.connect(path, isolation_level=None, check_same_thread=False, timeout=busy_timeout)
    except sqlite3.Error as e:
        raise StoreError(f"cannot open run store {path}: {e}", hint="check the path and its permissions") from None
    try:
        _prepare(con, path, busy_timeout)
    except sqlite3.DatabaseError as e:
        con.close()
        raise translate(e, path) from None
    except StoreError:
        con.close()
        raise
    return con


def _connect_readonly(path: Path, busy_timeout: float) -> sqlite3.Connection:
    if not path.is_file():
        raise StoreError(f"no run store at {path}",
                         hint="check --store / CHARTER_STORE (runs are stored by `charter eval` and `charter run`)")
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None,
                              check_same_thread=False, timeout=busy_timeout)
    except sqlite3.Error as e:
        raise StoreError(f"cannot open run store {path}: {e}", hint="check the path and its permissions") from None
    try:
        _check(con, path)
        con.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
        if con.execute("PRAGMA user_version").fetchone()[0] < 1:
            raise StoreError(f"{path} is an empty Charter run store (no runs yet)",
                             hint="run `charter eval` or `charter run` first, or check --store / CHARTER_STORE")
    except sqlite3.DatabaseError as e:
        con.close()
        raise translate(e, path) from None
    except StoreError:
        con.close()
        raise
    return con


def _check(con: sqlite3.Connection, path: Path) -> int:
    """Validate the header (application id, schema version) through SQLite; the version."""
    try:
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
    except sqlite3.DatabaseError as e:
        if "not a database" in str(e):
            raise StoreError(f"{path} is not a Charter run store (not an SQLite database)",
                             hint="pass another --store PATH (or set CHARTER_STORE), or move that file aside") from None
        raise
    version = int(con.execute("PRAGMA user_version").fetchone()[0])
    n_objects = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (n_objects or version or app_id):
        raise StoreError(f"{path} is an SQLite database of another application, not a Charter run store",
                         hint="pass another --store PATH (or set CHARTER_STORE); Charter never writes to it")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"run store {path} has schema version {version}, newer than this Charter understands ({SCHEMA_VERSION})",
            hint="upgrade Charter (pip install -U charter), or pass another --store PATH")
    return version


def _prepare(con: sqlite3.Connection, path: Path, busy_timeout: float) -> None:
    version = _check(con, path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=NORMAL")
    con.execute(f"PRAGMA busy_timeout={int(busy_timeout * 1000)}")
    if version < SCHEMA_VERSION:
        con.execute("BEGIN IMMEDIATE")
        try:
            # re-read under the write lock: another process may have migrated meanwhile
            version = con.execute("PRAGMA user_version").fetchone()[0]
            for i in range(version, SCHEMA_VERSION):
                for stmt in _statements(MIGRATIONS[i]):
                    con.execute(stmt)
            con.execute(f"PRAGMA application_id={APPLICATION_ID}")
            con.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise


def _statements(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def translate(e: sqlite3.Error, path: Path | str) -> StoreError:
    """Turn an sqlite3 error into a StoreError that says what to do."""
    msg = str(e)
    if "locked" in msg or "busy" in msg:
        return StoreError(f"run store {path} is locked by another process ({msg})",
                          hint="wait for the other Charter process to finish, or pass another --store PATH")
    if "not a database" in msg or "malformed" in msg or "corrupt" in msg:
        return StoreError(f"run store {path} is corrupt ({msg})",
                          hint="move the file aside (runs in it are lost) or pass another --store PATH")
    if "readonly" in msg or "read-only" in msg:
        return StoreError(f"run store {path} is read-only ({msg})",
                          hint="check its permissions, or pass another --store PATH")
    return StoreError(f"run store {path}: {msg}", hint="pass another --store PATH if this persists")
