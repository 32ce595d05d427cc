"""What the page cache tests share: the Redis database they may use."""

import os

import pytest

REDIS_TEST_URL = os.environ.get("REDIS_TEST_URL", "redis://127.0.0.1:6379/5")


def redis_or_skip():
    """The Redis test database, emptied; skipped without Redis, except in CI, where it fails."""
    import redis

    client = redis.Redis.from_url(REDIS_TEST_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        if os.environ.get("CI"):
            pytest.fail(f"Redis is unreachable at {REDIS_TEST_URL}")
        pytest.skip(f"Redis is unreachable at {REDIS_TEST_URL}")
    client.flushdb()
    return client
