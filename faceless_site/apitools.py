"""Pieces every API router shares (kept apart from faceless_site.api so routers can import them
without importing the NinjaAPI that imports the routers)."""

from __future__ import annotations

import typing
from collections.abc import Callable
from typing import Annotated, Any

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination
from pydantic import AfterValidator, ConfigDict
from pydantic import Field as PydanticField

# Django's largest integer primary key; bigger ids from a client can only be "not found".
MAX_ID = 2**63 - 1


class Pagination(LimitOffsetPagination):
    """?limit (1-200, default 50) & offset; bounded so no request asks the database for the absurd."""

    class Input(Schema):
        limit: int = Field(50, ge=1, le=200)
        offset: int = Field(0, ge=0, le=1_000_000)


class BodyIn(Schema):
    """Request bodies: strict types, so `0` is not taken for `false` nor "1" for 1."""

    model_config = ConfigDict(strict=True)


class ErrorOut(Schema):
    detail: Any


def _no_nul(value: str) -> str:
    # PostgreSQL text cannot hold NUL; say so as a 422 instead of failing in the database.
    if "\x00" in value:
        raise ValueError("Text may not contain NUL (\\u0000) characters.")
    return value


Text = Annotated[str, AfterValidator(_no_nul)]
Id = Annotated[int, PydanticField(ge=1, le=MAX_ID)]


def resolve_hints(func: Callable) -> Callable:
    """Turn postponed (string) annotations into types before ninja's @paginate copies the signature:
    the copy is evaluated in ninja's module, where our schema names do not exist."""
    func.__annotations__ = typing.get_type_hints(func, include_extras=True)
    return func
