"""Dagster's SQLite event log, with its database files kept open for the life of the process.

Dagster's `SqliteEventLogStorage` creates a SQLAlchemy engine for every statement batch
and closes its connection after it. On SQLite in WAL mode the last connection to close
checkpoints the log and syncs the file, and a new engine starts with an empty statement
cache: measured on `unreports run` with 24 short documents (159 events), 2.0-2.9 s of wall
time in storing events, most of it `commit` and `close`. SQLAlchemy's guidance is one
engine per database for the life of the process; this class does that (a bounded number of
run databases at once, least recently used closed first) and, in WAL mode, syncs at
checkpoints instead of at every commit (`synchronous=NORMAL`: a power cut may lose the
last events, never corrupts the file).

Everything else (schema, migrations, queries, the index shard) is Dagster's own. The
instance's dagster.yaml names this class for the event log (pipelines/instance.py); with
Postgres (pooled already) it is not used.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import sqlalchemy as db
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    SQLITE_BUSY_TIMEOUT_SECONDS,
    SqliteEventLogStorage,
)
from dagster._serdes import ConfigurableClassData
from sqlalchemy.pool import QueuePool

OPEN_DATABASES = 8  # the index shard and the run databases being written (one per run)


def _sync_at_checkpoints(connection: Any, _record: Any) -> None:
    connection.execute("PRAGMA synchronous=NORMAL")


class KeptOpenSqliteEventLogStorage(SqliteEventLogStorage):
    """SqliteEventLogStorage with one engine and one open connection per database file."""

    def __init__(self, base_dir: str, inst_data: ConfigurableClassData | None = None) -> None:
        self._engines: OrderedDict[str, db.engine.Engine] = OrderedDict()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def from_config_value(  # type: ignore[override]
        cls, inst_data: ConfigurableClassData | None, config_value: Mapping[str, Any]
    ) -> KeptOpenSqliteEventLogStorage:
        return cls(inst_data=inst_data, **config_value)

    def _engine(self, shard: str) -> db.engine.Engine:
        engine = self._engines.pop(shard, None)
        if engine is None:
            # One connection kept per database (`_connect` holds the storage's lock while one
            # is in use); Dagster's schema set-up opens a second, closed again after use.
            engine = db.create_engine(
                self.conn_string_for_shard(shard), poolclass=QueuePool, pool_size=1, max_overflow=4,
                connect_args={"timeout": SQLITE_BUSY_TIMEOUT_SECONDS},
            )
            db.event.listen(engine, "connect", _sync_at_checkpoints)
            while len(self._engines) >= OPEN_DATABASES:
                _, oldest = self._engines.popitem(last=False)
                oldest.dispose()
        self._engines[shard] = engine
        return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[db.engine.Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as connection, connection.begin():
                yield connection

    def _close_all(self) -> None:
        with self._db_lock:
            while self._engines:
                self._engines.popitem()[1].dispose()

    def wipe(self) -> None:
        self._close_all()  # its files are deleted
        super().wipe()

    def dispose(self) -> None:
        self._close_all()
        super().dispose()
