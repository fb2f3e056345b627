"""ask-sdk's DynamoDB adapter with the tombstone rules of `skill.memory.tombstone`.

- "forget me" empties the item and stamps ``erased_at`` (condition: the item exists;
  otherwise `NothingToErase`), instead of deleting it;
- a save writes the attributes only (``update_item``, so ``erased_at`` stays) and only
  when the item carries no ``erased_at`` or the session opened after it
  (DynamoDB checks the condition in the same write); otherwise `ErasedMeanwhile`;
- the salt's fingerprint is kept in an item of its own; a table keyed with another
  salt raises `SaltChanged` for every operation.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from ask_sdk_core.exceptions import PersistenceException
from ask_sdk_dynamodb.adapter import DynamoDbAdapter

from skill.memory.tombstone import (
    ErasedMeanwhile,
    NothingToErase,
    SaltChanged,
    request_time,
    salt_check,
    session_opened_at,
)
from skill.memory.userkey import UserKeyer

if TYPE_CHECKING:
    from ask_sdk_model import RequestEnvelope

ERASED_AT = "erased_at"
SALT_CHECK_ID = "nightlegs-salt-check"  # not a hex key: never a user's item


def _conditional_failed(exc: Exception) -> bool:
    response = getattr(exc, "response", None)
    error = response.get("Error") if isinstance(response, dict) else None
    return isinstance(error, dict) and error.get("Code") == "ConditionalCheckFailedException"


class TombstoneDynamoDbAdapter(DynamoDbAdapter):  # type: ignore[misc]
    def __init__(self, *, keyer: UserKeyer, partition_keygen: Callable[[RequestEnvelope], str], **kwargs: Any) -> None:
        super().__init__(partition_keygen=partition_keygen, **kwargs)
        self._keyer = keyer
        self._salt_checked = False

    def _table(self) -> Any:
        table = self.dynamodb.Table(self.table_name)
        if not self._salt_checked:
            fingerprint = salt_check(self._keyer)
            try:
                table.put_item(
                    Item={self.partition_key_name: SALT_CHECK_ID, "value": fingerprint},
                    ConditionExpression="attribute_not_exists(#k) OR #v = :v",
                    ExpressionAttributeNames={"#k": self.partition_key_name, "#v": "value"},
                    ExpressionAttributeValues={":v": fingerprint},
                )
            except Exception as exc:
                if _conditional_failed(exc):
                    raise SaltChanged("the table's records were keyed with another salt") from None
                raise PersistenceException(f"Failed to check the salt ({type(exc).__name__})") from exc
            self._salt_checked = True
        return table

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        self._table()
        return super().get_attributes(request_envelope)  # type: ignore[no-any-return]

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        table = self._table()
        key = self.partition_keygen(request_envelope)
        opened = session_opened_at(request_envelope)
        condition = "attribute_not_exists(#e)" + (" OR #e < :opened" if opened is not None else "")
        values: dict[str, Any] = {":a": attributes}
        if opened is not None:
            values[":opened"] = opened
        try:
            table.update_item(
                Key={self.partition_key_name: key},
                UpdateExpression="SET #a = :a",
                ConditionExpression=condition,
                ExpressionAttributeNames={"#a": self.attribute_name, "#e": ERASED_AT},
                ExpressionAttributeValues=values,
            )
        except Exception as exc:
            if _conditional_failed(exc):
                raise ErasedMeanwhile("the record was erased after this session opened") from None
            raise PersistenceException(f"Failed to save attributes to DynamoDb table ({type(exc).__name__})") from exc

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        table = self._table()
        key = self.partition_keygen(request_envelope)
        try:
            table.update_item(
                Key={self.partition_key_name: key},
                UpdateExpression="SET #a = :empty, #e = :now",
                ConditionExpression="attribute_exists(#k)",
                ExpressionAttributeNames={"#a": self.attribute_name, "#e": ERASED_AT, "#k": self.partition_key_name},
                ExpressionAttributeValues={":empty": {}, ":now": request_time(request_envelope)},
            )
        except Exception as exc:
            if _conditional_failed(exc):
                raise NothingToErase("no stored record was found for this user") from None
            raise PersistenceException(f"Failed to erase attributes in DynamoDb table ({type(exc).__name__})") from exc
