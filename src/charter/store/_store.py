"""`RunStore`: the append-only SQLite store of runs, records and the response cache.

One file (default ``$CHARTER_HOME/runs.db``, or ``$CHARTER_STORE``) holds the tables
``runs``, ``cases``, ``requests``, ``responses``, ``scores`` and ``cache``. Records are
keyed by (run, case id, epoch) and inserted with ``INSERT OR IGNORE``, so writing the same
record twice (a resumed run) never duplicates it; a record and its scores are committed in
one transaction. The response cache lives in the same file so that a record and the cache
entry of its response are committed together, and a store file is self-contained (copy it,
and its runs and cache come along).
"""

from __future__ import annotations

import json
import math
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from charter.errors import RunNotFound, StoreError
from charter.store._gc import fewer_collections
from charter.store._records import RunInfo, RunRecord, RunStatus
from charter.store._rows import CacheRow, CaseRow, RequestRow, ResponseRow, ScoreRow
from charter.store._schema import connect, translate
from charter.types import Case, ModelOutput, Response, Score, Span, TokenLogprob, Usage, Verdict

__all__ = ["RunStore", "WriteBatch", "decode_output", "default_store_path", "encode_output"]

def _find_orjson() -> tuple[Callable[[str], Any], Callable[[Any], bytes]] | None:
    """orjson's ``loads`` and ``dumps`` when it is installed (optional: it reads the stored
    scores' JSON about 5x faster, and writes a cache entry about 4x faster)."""
    try:
        import orjson
    except ImportError:  # pragma: no cover - exercised only without orjson
        return None
    return orjson.loads, orjson.dumps


_orjson = _find_orjson()
_orjson_loads = _orjson[0] if _orjson is not None else None
_orjson_dumps = _orjson[1] if _orjson is not None else None


def _loads(text: str) -> Any:
    """``json.loads``, through orjson when it is installed (what it refuses, such as the NaN
    that ``json.dumps`` writes, is read by ``json``)."""
    if _orjson_loads is not None:
        try:
            return _orjson_loads(text)
        except ValueError:
            pass
    return json.loads(text)


#: seconds without a heartbeat after which a run's lease is taken over
LEASE_STALE_S = 30.0

_RUN_COLS = ("id, name, created_at, finished_at, status, target, guide_hash, suite_hash, config, metadata")


def default_store_path() -> Path:
    """``$CHARTER_STORE``, else ``$CHARTER_HOME/runs.db`` (``~/.charter/runs.db``)."""
    env = os.environ.get("CHARTER_STORE")
    if env:
        return Path(env).expanduser()
    home = Path(os.environ.get("CHARTER_HOME") or "~/.charter").expanduser()
    return home / "runs.db"


def new_run_id() -> str:
    """Short, time-sortable id: ``r`` + base36 milliseconds (8 chars) + 4 random hex chars."""
    ms = int(time.time() * 1000)
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while ms:
        ms, r = divmod(ms, 36)
        out = digits[r] + out
    return "r" + out.rjust(8, "0") + secrets.token_hex(2)


def encode_output(out: ModelOutput) -> str:
    """Compact JSON of a ModelOutput for the cache (no pydantic on the hot path)."""
    u = out.usage
    row: list[Any] = [out.model, out.choices, out.finish_reason, u.input_tokens, u.output_tokens, u.cost, None]
    if out.logprobs is not None:
        row[6] = [[t.token, t.logprob, t.top] for t in out.logprobs]
    elif _orjson_dumps is not None and math.isfinite(u.cost):
        # strings, integers and one finite float: orjson writes what json.loads reads back as
        # the same values (NaN, infinities and logprobs, which may hold -inf, go to json;
        # so does a string orjson refuses, such as a lone surrogate)
        try:
            return _orjson_dumps(row).decode()
        except TypeError:
            pass
    return json.dumps(row, ensure_ascii=False)


def decode_output(data: str, latency_s: float = 0.0) -> ModelOutput:
    """The :class:`ModelOutput` of a cache row written by :func:`encode_output`. A row of another
    shape (torn, edited by hand, from another format) raises ``ValueError``: the caller asks the
    model again."""
    try:
        model, choices, finish, tin, tout, cost, lp = _loads(data)
    except (TypeError, ValueError) as e:
        raise ValueError(f"unreadable cache row: {e}") from None
    if not (isinstance(model, str) and isinstance(choices, list) and all(isinstance(c, str) for c in choices)
            and (finish is None or isinstance(finish, str))
            and all(isinstance(n, int | float) and not isinstance(n, bool) for n in (tin, tout, cost))
            and (lp is None or (isinstance(lp, list) and all(
                isinstance(t, list) and len(t) == 3 and isinstance(t[0], str) and isinstance(t[1], int | float)
                and (t[2] is None or isinstance(t[2], dict)) for t in lp)))):
        raise ValueError("unreadable cache row: fields of the wrong type")
    logprobs = None
    if lp is not None:
        logprobs = [TokenLogprob.model_construct(token=t, logprob=p, top=top) for t, p, top in lp]
    return ModelOutput.model_construct(
        model=model, choices=choices, finish_reason=finish,
        usage=Usage.model_construct(input_tokens=tin, output_tokens=tout, cost=cost),
        logprobs=logprobs, latency_s=latency_s, cached=True, raw=None,
    )


@dataclass(slots=True)
class WriteBatch:
    """Typed rows (see ``charter.store._rows``) to commit in one transaction."""

    cases: list[CaseRow] = field(default_factory=list)
    requests: list[RequestRow] = field(default_factory=list)
    responses: list[ResponseRow] = field(default_factory=list)
    scores: list[ScoreRow] = field(default_factory=list)
    cache: list[CacheRow] = field(default_factory=list)
    #: judges' answers (see ``AnswerCache``): replace a row under the same key, which the judge
    #: asked again because it could not read it
    answers: list[CacheRow] = field(default_factory=list)

    def __len__(self) -> int:
        return (len(self.responses) + len(self.scores) + len(self.requests) + len(self.cache)
                + len(self.cases) + len(self.answers))


class RunStore:
    """The run store. Open it, create runs, read them back; use as a context manager.

    >>> with RunStore(tmp_path / "runs.db") as store:      # doctest: +SKIP
    ...     for info in store.list_runs(): print(info.id, info.status)
    """

    def __init__(self, path: str | Path | None = None, *, busy_timeout: float = 10.0,
                 readonly: bool = False) -> None:
        """Open (creating and migrating) the store at ``path`` (default: ``$CHARTER_STORE``,
        else ``$CHARTER_HOME/runs.db``). ``busy_timeout``: seconds to wait for another
        process's write lock before raising StoreError. ``readonly``: for readers (reports,
        listings): the file must already exist, nothing is created or written."""
        self.path = Path(path).expanduser() if path is not None else default_store_path()
        self.readonly = readonly
        self._con: sqlite3.Connection | None = connect(self.path, busy_timeout=busy_timeout, readonly=readonly)
        #: models whose cache_models row this connection has committed (commit skips them)
        self._cached_models: set[str] = set()

    # -- plumbing -------------------------------------------------------------------------
    @property
    def con(self) -> sqlite3.Connection:
        if self._con is None:
            raise StoreError(f"run store {self.path} is closed", hint="open a new RunStore")
        return self._con

    def _q(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        try:
            return self.con.execute(sql, args).fetchall()
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def close(self) -> None:
        """Close the file (idempotent)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self) -> RunStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"RunStore({str(self.path)!r})"

    # -- runs -----------------------------------------------------------------------------
    def create_run(self, *, name: str, target: str, guide_hash: str | None, suite_hash: str | None,
                   config: dict[str, Any], metadata: dict[str, Any]) -> str:
        """Register a new run (status ``running``) and return its id."""
        from charter._version import __version__

        run_id = new_run_id()
        now = datetime.now(UTC).isoformat()
        try:
            with self._tx():
                self.con.execute(
                    "INSERT INTO runs VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                    (run_id, name, now, None, "running", target, guide_hash, suite_hash,
                     json.dumps(config, default=str), json.dumps(metadata, default=str), __version__),
                )
        except sqlite3.Error as e:
            raise translate(e, self.path) from None
        return run_id

    def resolve(self, run_id: str) -> str:
        """The full id of ``run_id`` (an id or a unique prefix of one); StoreError otherwise."""
        if not run_id:
            raise RunNotFound("empty run id", hint="list runs with `charter runs`")
        rows = self._q("SELECT id FROM runs WHERE id = ?", (run_id,))
        if rows:
            return str(rows[0][0])
        like = run_id.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._q("SELECT id FROM runs WHERE id LIKE ? ESCAPE '\\' ORDER BY id LIMIT 6", (like,))
        if not rows:
            raise RunNotFound(f"no run '{run_id}' in {self.path}", hint="list runs with `charter runs`")
        if len(rows) > 1:
            ids = ", ".join(r[0] for r in rows[:5])
            raise StoreError(f"run id prefix '{run_id}' is ambiguous ({ids}{', ...' if len(rows) > 5 else ''})",
                             hint="type more characters of the id; list runs with `charter runs`")
        return str(rows[0][0])

    def get_run(self, run_id: str) -> RunInfo:
        """The run with id (or unique id prefix) ``run_id``, with its progress and usage."""
        rid = self.resolve(run_id)
        row = self._q(f"SELECT {_RUN_COLS} FROM runs WHERE id = ?", (rid,))[0]
        return self._info(row)

    def list_runs(self) -> list[RunInfo]:
        """Every run, newest first."""
        return [self._info(r) for r in self._q(f"SELECT {_RUN_COLS} FROM runs ORDER BY id DESC")]

    def _info(self, row: tuple[Any, ...]) -> RunInfo:
        rid = row[0]
        n_cases = self._q("SELECT count(*) FROM cases WHERE run_id = ?", (rid,))[0][0]
        n_done, n_err, tin, tout, cost = self._q(
            "SELECT count(*), count(error), total(CASE WHEN cached THEN 0 ELSE input_tokens END), "
            "total(CASE WHEN cached THEN 0 ELSE output_tokens END), total(CASE WHEN cached THEN 0 ELSE cost END) "
            "FROM responses WHERE run_id = ?", (rid,))[0]
        return RunInfo(
            id=rid, name=row[1], created_at=datetime.fromisoformat(row[2]),
            finished_at=datetime.fromisoformat(row[3]) if row[3] else None, status=row[4], target=row[5],
            guide_hash=row[6], suite_hash=row[7], config=json.loads(row[8]), metadata=json.loads(row[9]),
            n_cases=n_cases, n_done=n_done, n_errors=n_err,
            usage=Usage(input_tokens=int(tin), output_tokens=int(tout), cost=float(cost)),
        )

    def set_status(self, run_id: str, status: RunStatus, *, finished: bool = True) -> None:
        """Mark a run ``status``; ``finished`` stamps ``finished_at`` (cleared otherwise)."""
        now = datetime.now(UTC).isoformat() if finished else None
        try:
            with self._tx():
                self.con.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?", (status, now, run_id))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def set_suite_hash(self, run_id: str, suite_hash: str) -> None:
        """Record the fingerprint of the cases a run went through (computed while running)."""
        try:
            with self._tx():
                self.con.execute("UPDATE runs SET suite_hash = ? WHERE id = ?", (suite_hash, run_id))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def delete_run(self, run_id: str) -> None:
        """Delete a run and all its records (the response cache is kept)."""
        rid = self.resolve(run_id)
        try:
            with self._tx():
                for table in ("scores", "responses", "requests", "cases", "leases"):
                    self.con.execute(f"DELETE FROM {table} WHERE run_id = ?", (rid,))
                self.con.execute("DELETE FROM runs WHERE id = ?", (rid,))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    # -- records --------------------------------------------------------------------------
    def iter_records(self, run_id: str) -> Iterator[RunRecord]:
        """Stream a run's records, ordered by case order, then epoch (constant memory).
        While the records are being read, the cyclic collector runs less often
        (:func:`fewer_collections`): a reader that keeps them all (a report) would otherwise
        have it walk every object of the process a few times over."""
        rid = self.resolve(run_id)
        with fewer_collections():
            yield from self._records(rid)

    def _records(self, rid: str) -> Iterator[RunRecord]:
        try:
            rows = self.con.execute(
                "SELECT c.case_id, c.data, r.epoch, r.text, r.model, r.error, r.input_tokens, r.output_tokens, "
                "r.cost, r.cached, r.metadata, q.latency_s, q.attempts, q.key "
                "FROM cases c JOIN responses r ON r.run_id = c.run_id AND r.case_id = c.case_id "
                "LEFT JOIN requests q ON q.run_id = r.run_id AND q.case_id = r.case_id AND q.epoch = r.epoch "
                "WHERE c.run_id = ? ORDER BY c.idx, r.epoch", (rid,))
            execute = self.con.execute
            last_id: str | None = None
            last_case: Case | None = None
            # Scores are frozen and read-only: the same stored score (most passing checks
            # write the same row for every response) is built once per read and shared
            seen: dict[tuple[Any, ...], Score] = {}
            while chunk := rows.fetchmany(_READ_CHUNK):
                # the scores of a chunk of records in one query (by primary key, in seq order):
                # one query per record cost about as much again as reading the rows
                ids = list(dict.fromkeys(row[0] for row in chunk))
                by_record: dict[tuple[str, int], list[Score]] = {}
                for fields in execute(
                        "SELECT case_id, epoch, scorer, rule_id, verdict, value, label, explanation, extra FROM scores "
                        f"WHERE run_id = ? AND case_id IN ({','.join('?' * len(ids))}) ORDER BY case_id, epoch, seq",
                        (rid, *ids)):
                    stored = fields[2:]
                    score = seen.get(stored)
                    if score is None:
                        if len(seen) >= _SHARED_SCORES:
                            seen.clear()
                        score = seen[stored] = _score(stored)
                    got = by_record.get((fields[0], fields[1]))
                    if got is None:
                        by_record[(fields[0], fields[1])] = [score]
                    else:
                        got.append(score)
                for (cid, data, epoch, text, model, error, tin, tout, cost, cached, meta, lat, attempts, key) in chunk:
                    if cid != last_id:
                        last_id, last_case = cid, Case.model_validate_json(data)
                    usage = Usage(input_tokens=tin, output_tokens=tout, cost=cost)
                    assert last_case is not None
                    yield RunRecord(
                        run_id=rid, case=last_case, epoch=epoch,
                        response=Response(text=text, model=model, error=error, metadata=_loads(meta) if meta else {}),
                        scores=by_record.get((cid, epoch), []), usage=usage, latency_s=lat or 0.0,
                        cached=bool(cached), attempts=attempts or 0, request_key=key,
                    )
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def verdict_counts(self, run_id: str) -> list[tuple[str, str | None, str, int]]:
        """(scorer, rule_id, verdict, count) for a run, for summaries."""
        rid = self.resolve(run_id)
        return [tuple(r) for r in self._q(
            "SELECT scorer, rule_id, verdict, count(*) FROM scores WHERE run_id = ? "
            "GROUP BY scorer, rule_id, verdict ORDER BY scorer, rule_id, verdict", (rid,))]

    # -- used by the runner ---------------------------------------------------------------
    def commit(self, batch: WriteBatch) -> None:
        """Write a batch in one transaction (idempotent: existing rows are kept)."""
        if not len(batch):
            return
        con = self.con
        new_models: set[str] = set()
        try:
            with self._tx():
                if batch.cases:
                    con.executemany("INSERT OR IGNORE INTO cases VALUES (?,?,?,?)", batch.cases)
                if batch.requests:
                    con.executemany("INSERT OR IGNORE INTO requests VALUES (?,?,?,?,?,?,?,?)", batch.requests)
                if batch.responses:
                    con.executemany("INSERT OR IGNORE INTO responses VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch.responses)
                if batch.scores:
                    con.executemany("INSERT OR IGNORE INTO scores VALUES (?,?,?,?,?,?,?,?,?,?,?)", batch.scores)
                if batch.cache:
                    con.executemany("INSERT OR REPLACE INTO cache VALUES (?,?,?,?)", batch.cache)
                if batch.answers:
                    con.executemany("INSERT OR REPLACE INTO cache VALUES (?,?,?,?)", batch.answers)
                if batch.cache or batch.answers:
                    # cache_models only grows: a model this connection has stored is there
                    new_models = {row.model for rows in (batch.cache, batch.answers) for row in rows}
                    new_models -= self._cached_models
                    if new_models:
                        con.executemany("INSERT OR IGNORE INTO cache_models VALUES (?)", [(m,) for m in new_models])
        except sqlite3.Error as e:
            raise translate(e, self.path) from None
        self._cached_models |= new_models  # only once committed

    def cache_get(self, key: str) -> str | None:
        """The cached output (see :func:`decode_output`) for a request key, or None."""
        try:
            row = self.con.execute("SELECT output FROM cache WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as e:
            raise translate(e, self.path) from None
        return row[0] if row else None

    def cache_has_model(self, model: str) -> bool:
        """Whether any response of ``model`` was ever cached (lets a cold run skip lookups)."""
        return bool(self._q("SELECT 1 FROM cache_models WHERE model = ?", (model,)))

    def cache_size(self) -> int:
        return int(self._q("SELECT count(*) FROM cache")[0][0])

    def case_positions(self, run_id: str) -> dict[str, int]:
        """case id → order index of the cases already registered in a run."""
        return {cid: idx for cid, idx in self._q("SELECT case_id, idx FROM cases WHERE run_id = ?", (run_id,))}

    def case_rows(self, run_id: str) -> Iterator[tuple[str, int, str]]:
        """(case id, order index, case JSON) of the cases registered in a run."""
        try:
            yield from self.con.execute("SELECT case_id, idx, data FROM cases WHERE run_id = ?", (run_id,))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def done_keys(self, run_id: str) -> set[tuple[str, int]]:
        """(case id, epoch) of every record stored for a run."""
        return {(c, e) for c, e in self._q("SELECT case_id, epoch FROM responses WHERE run_id = ?", (run_id,))}

    def reset_unscored(self, run_id: str, n_scorers: int) -> dict[tuple[str, int], Response]:
        """The answered records of a run that have fewer than ``n_scorers`` scores, keyed by
        (case id, epoch); their partial scores are deleted so that a resume scores them anew
        from the stored response (without calling the model again)."""
        try:
            with self._tx():
                rows = self.con.execute(
                    "SELECT r.case_id, r.epoch, r.text, r.model, r.metadata FROM responses r "
                    "WHERE r.run_id = ? AND r.error IS NULL AND (SELECT count(*) FROM scores s "
                    "WHERE s.run_id = r.run_id AND s.case_id = r.case_id AND s.epoch = r.epoch) < ?",
                    (run_id, n_scorers)).fetchall()
                self.con.executemany("DELETE FROM scores WHERE run_id = ? AND case_id = ? AND epoch = ?",
                                     [(run_id, c, e) for c, e, *_ in rows])
        except sqlite3.Error as e:
            raise translate(e, self.path) from None
        return {(c, e): Response(text=t, model=m, metadata=json.loads(meta) if meta else {})
                for c, e, t, m, meta in rows}

    def drop_errors(self, run_id: str) -> int:
        """Remove the records of a run whose model call failed, so a resume retries them."""
        try:
            with self._tx():
                keys = self.con.execute(
                    "SELECT case_id, epoch FROM responses WHERE run_id = ? AND error IS NOT NULL", (run_id,)).fetchall()
                for table in ("scores", "requests", "responses"):
                    self.con.executemany(f"DELETE FROM {table} WHERE run_id = ? AND case_id = ? AND epoch = ?",
                                         [(run_id, c, e) for c, e in keys])
        except sqlite3.Error as e:
            raise translate(e, self.path) from None
        return len(keys)

    # -- run leases ------------------------------------------------------------------------
    def acquire_lease(self, run_id: str, owner: str, *, stale_after: float = LEASE_STALE_S) -> None:
        """Take the lease of a run for ``owner`` (``host:pid:token``). Refuses (StoreError)
        while another live process holds it; takes over a lease whose heartbeat is older
        than ``stale_after`` seconds, or whose process on this host is gone."""
        host, pid = _host(), os.getpid()
        now = time.time()
        try:
            with self._tx():
                row = self.con.execute("SELECT owner, host, pid, heartbeat FROM leases WHERE run_id = ?",
                                       (run_id,)).fetchone()
                if row is not None and row[0] != owner:
                    _, ohost, opid, beat = row
                    age = now - beat
                    alive = age < stale_after and not (ohost == host and not _pid_alive(opid))
                    if alive:
                        raise StoreError(
                            f"run {run_id} is being run by another process (pid {opid} on {ohost}, "
                            f"last heartbeat {max(0.0, age):.0f} s ago)",
                            hint=f"wait for it to finish, or stop it (its work is kept); a lease without a "
                                 f"heartbeat for {stale_after:.0f} s is taken over")
                self.con.execute("INSERT OR REPLACE INTO leases VALUES (?,?,?,?,?)", (run_id, owner, host, pid, now))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def heartbeat(self, run_id: str, owner: str) -> bool:
        """Renew ``owner``'s lease of a run; False when the lease was taken over."""
        try:
            with self._tx():
                cur = self.con.execute("UPDATE leases SET heartbeat = ? WHERE run_id = ? AND owner = ?",
                                       (time.time(), run_id, owner))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None
        return cur.rowcount == 1

    def release_lease(self, run_id: str, owner: str) -> None:
        """Give the lease of a run back (only ``owner``'s)."""
        try:
            with self._tx():
                self.con.execute("DELETE FROM leases WHERE run_id = ? AND owner = ?", (run_id, owner))
        except sqlite3.Error as e:
            raise translate(e, self.path) from None

    def _tx(self) -> _Tx:
        return _Tx(self.con)


def _host() -> str:
    import socket

    return socket.gethostname()


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


class _Tx:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on any exception, Ctrl-C included)."""

    __slots__ = ("con",)

    def __init__(self, con: sqlite3.Connection) -> None:
        self.con = con

    def __enter__(self) -> None:
        self.con.execute("BEGIN IMMEDIATE")

    def __exit__(self, et: object, ev: object, tb: object) -> None:
        if et is None:
            self.con.execute("COMMIT")
        else:
            self.con.execute("ROLLBACK")


_SHARED_SCORES = 4096  # distinct score rows kept for sharing while a run is read
_READ_CHUNK = 64  # records read together (their scores in one query)


def _score(row: tuple[Any, ...]) -> Score:
    """A score from its stored fields (scorer, rule_id, verdict, value, label, explanation, extra)."""
    scorer, rule_id, verdict, value, label, explanation, extra = row
    ev: list[Span] = []
    meta: dict[str, Any] = {}
    if extra:
        x = _loads(extra)
        ev = [Span.model_validate(s) for s in x.get("evidence", [])]
        meta = x.get("metadata", {})
    return Score(scorer=scorer, rule_id=rule_id, verdict=Verdict(verdict), value=value, label=label,
                 explanation=explanation, evidence=ev, metadata=meta)
