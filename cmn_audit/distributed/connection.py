"""The Redis a run and its workers share: reached once up front, or refused in Russian."""

from __future__ import annotations

from urllib.parse import urlsplit

import redis

from cmn_audit import messages
from cmn_audit.messages import UserError

CONNECT_SECONDS = 5.0


def redis_client(url: str) -> redis.Redis:
    """A client of the Redis at `url` that answered a PING; a bad address or a server that does
    not answer is a UserError (never a traceback)."""
    if urlsplit(url).scheme not in ("redis", "rediss", "unix"):
        raise UserError(messages.REDIS_BAD_URL.format(url=url))
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_SECONDS)
        client.ping()
    except ValueError as error:
        raise UserError(messages.REDIS_BAD_URL.format(url=url)) from error
    except redis.RedisError as error:
        raise UserError(messages.REDIS_UNREACHABLE.format(url=url, error=error)) from error
    return client
