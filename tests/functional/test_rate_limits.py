"""Rate limits count each visitor, behind the proxy too, and workers share the count."""

import os
import uuid

import pytest
import redis

from tests.helpers import make_test_config
from webapp import create_app

CALCULATOR = "/api/v1/calculators/care-cost"
BODY = {"option": "live_in"}
PROXY = "10.0.0.1"
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379")


def _app(database_url, search_index_dir, **settings):
    config = make_test_config(database_url, search_index_dir)
    return create_app(type("LimitedConfig", (config,), {"API_REQUESTS_PER_MINUTE": 2, **settings}))


def _call(client, forwarded_for: str):
    return client.post(
        CALCULATOR,
        json=BODY,
        environ_base={"REMOTE_ADDR": PROXY},
        headers={"X-Forwarded-For": forwarded_for},
    )


def test_behind_one_proxy_each_visitor_has_their_own_count(database_url, search_index_dir):
    app = _app(database_url, search_index_dir, TRUSTED_PROXY_COUNT=1)
    client = app.test_client()
    assert _call(client, "203.0.113.5").status_code == 200
    assert _call(client, "203.0.113.5").status_code == 200
    limited = _call(client, "203.0.113.5")
    assert limited.status_code == 429
    assert limited.json == {"error": "Too many requests", "status": 429}
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    # Another visitor through the same proxy is not locked out.
    assert _call(client, "203.0.113.6").status_code == 200
    # The proxy appends the address it saw: what a client wrote before it is not trusted.
    assert _call(client, "198.51.100.1, 203.0.113.5").status_code == 429


def test_without_a_trusted_proxy_a_forged_forwarded_for_is_ignored(database_url, search_index_dir):
    client = _app(database_url, search_index_dir).test_client()
    assert _call(client, "203.0.113.1").status_code == 200
    assert _call(client, "203.0.113.2").status_code == 200
    assert _call(client, "203.0.113.3").status_code == 429


@pytest.fixture
def redis_prefix():
    try:
        connection = redis.Redis.from_url(REDIS_URL)
        connection.ping()
    except redis.RedisError:
        pytest.skip(f"no Redis at {REDIS_URL}")
    prefix = f"dcg-test-{uuid.uuid4().hex}"
    yield prefix
    for key in connection.scan_iter(f"*{prefix}*"):
        connection.delete(key)


def test_two_workers_sharing_redis_share_one_count(database_url, search_index_dir, redis_prefix):
    settings = {"REDIS_URL": REDIS_URL, "RATE_LIMIT_KEY_PREFIX": redis_prefix}
    first = _app(database_url, search_index_dir, **settings).test_client()
    second = _app(database_url, search_index_dir, **settings).test_client()
    assert first.post(CALCULATOR, json=BODY).status_code == 200
    assert second.post(CALCULATOR, json=BODY).status_code == 200
    assert first.post(CALCULATOR, json=BODY).status_code == 429
    assert second.post(CALCULATOR, json=BODY).status_code == 429


def test_without_redis_each_process_counts_alone(database_url, search_index_dir):
    first = _app(database_url, search_index_dir).test_client()
    second = _app(database_url, search_index_dir).test_client()
    for client in (first, first, second, second):
        assert client.post(CALCULATOR, json=BODY).status_code == 200


def test_forms_that_write_share_one_limit_per_visitor(database_url, search_index_dir):
    app = _app(database_url, search_index_dir, WRITE_REQUESTS_PER_MINUTE=2)
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    assert client.post("/planner/save").status_code == 302  # nothing answered yet: the questions
    assert client.post("/planner/plan/no-such-plan/delete").status_code == 404
    limited = client.post("/planner/save")
    assert limited.status_code == 429
    assert limited.mimetype == "text/html"
    assert "Wait a minute, then try again" in limited.get_data(as_text=True)
    assert 1 <= int(limited.headers["Retry-After"]) <= 60
    # Reading is not limited.
    assert client.get("/planner/plan/no-such-plan").status_code == 404
