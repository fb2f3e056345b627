"""Which memory store the skill uses: SQLite by default, DynamoDB when
NIGHTLEGS_DYNAMODB_TABLE is set (Lambda), always behind the fault guard."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from skill.memory.envelope import user_id_of
from skill.memory.guard import GuardedAdapter, describe
from skill.memory.sqlite_store import DefaultSqliteAdapter, SqliteAdapter
from skill.memory.userkey import UserKeyer, salt_from_env

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

TABLE_ENV = "NIGHTLEGS_DYNAMODB_TABLE"
ENDPOINT_ENV = "NIGHTLEGS_DYNAMODB_ENDPOINT"
CREATE_TABLE_ENV = "NIGHTLEGS_DYNAMODB_CREATE_TABLE"


def hashed_user_keygen(keyer: UserKeyer) -> Callable[[RequestEnvelope], str]:
    """A partition keygen for the DynamoDB adapter that stores hashes, not user ids."""

    def keygen(request_envelope: RequestEnvelope) -> str:
        return keyer.key(user_id_of(request_envelope))

    return keygen


def sqlite_persistence(path: Path | None = None, *, busy_timeout: float = 2.0) -> GuardedAdapter:
    """SQLite at `path`, or at NIGHTLEGS_DB / the user data folder (followed per call)."""
    if path is None:
        return GuardedAdapter(DefaultSqliteAdapter(busy_timeout=busy_timeout), name="sqlite")
    return GuardedAdapter(SqliteAdapter(path, busy_timeout=busy_timeout), name="sqlite")


def dynamodb_persistence(table_name: str) -> GuardedAdapter:
    """ask-sdk's DynamoDB adapter keyed by hashed user ids (NIGHTLEGS_USER_SALT required)."""
    salt = salt_from_env()
    if salt is None:
        # A random salt would live only as long as one Lambda container: every cold start
        # would forget everyone. Refuse to store rather than store under throwaway keys.
        return GuardedAdapter(None, name="dynamodb", reason="NIGHTLEGS_USER_SALT is not set")
    try:
        import boto3
        from botocore.config import Config

        from skill.memory.dynamodb_store import TombstoneDynamoDbAdapter  # ask-sdk's adapter needs a region at import

        endpoint = os.environ.get(ENDPOINT_ENV) or None
        # Alexa waits about 8 s for an answer: fail fast and answer without memory.
        config = Config(connect_timeout=1, read_timeout=2, retries={"max_attempts": 2, "mode": "standard"})
        resource = boto3.resource("dynamodb", endpoint_url=endpoint, config=config)
        keyer = UserKeyer(salt)
        inner = TombstoneDynamoDbAdapter(
            keyer=keyer,
            table_name=table_name,
            partition_key_name="id",
            attribute_name="attributes",
            create_table=os.environ.get(CREATE_TABLE_ENV, "") == "1",
            partition_keygen=hashed_user_keygen(keyer),
            dynamodb_resource=resource,
        )
    except Exception as exc:
        return GuardedAdapter(None, name="dynamodb", reason=describe(exc))
    return GuardedAdapter(inner, name="dynamodb")


def persistence_from_env() -> GuardedAdapter:
    """DynamoDB when NIGHTLEGS_DYNAMODB_TABLE is set, else SQLite (NIGHTLEGS_DB or the user data folder)."""
    table = os.environ.get(TABLE_ENV, "").strip()
    if table:
        return dynamodb_persistence(table)
    return sqlite_persistence()
