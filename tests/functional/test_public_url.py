"""Links people keep are built from PUBLIC_URL; production refuses other Host headers."""

import pytest

from tests.functional.test_planner import _answer_all
from tests.helpers import make_test_config
from webapp import create_app
from webapp.config import Config


def _app(database_url, search_index_dir, **settings):
    config = make_test_config(database_url, search_index_dir)
    return create_app(type("PublicConfig", (config,), settings))


def test_the_saved_plan_link_uses_public_url_not_the_host_header(database_url, search_index_dir):
    app = _app(database_url, search_index_dir, PUBLIC_URL="https://care.example.org")
    app.config["WTF_CSRF_ENABLED"] = False
    client = app.test_client()
    _answer_all(client)
    path = client.post("/planner/save").location
    html = client.get(path, headers={"Host": "evil.example.net"}).get_data(as_text=True)
    assert f'href="https://care.example.org{path}"' in html
    assert "evil.example.net" not in html


def test_unknown_hosts_are_refused_with_a_plain_400(database_url, search_index_dir):
    app = _app(
        database_url,
        search_index_dir,
        PUBLIC_URL="https://care.example.org",
        TRUSTED_HOSTS=["care.example.org"],
    )
    client = app.test_client()
    refused = client.get("/", headers={"Host": "evil.example.net"})
    assert refused.status_code == 400
    assert "evil.example.net" not in refused.get_data(as_text=True)
    assert client.get("/", headers={"Host": "care.example.org"}).status_code == 200


def test_production_trusts_only_the_public_address(monkeypatch):
    monkeypatch.setenv("PUBLIC_URL", "https://care.example.org/")
    monkeypatch.delenv("TRUSTED_HOSTS", raising=False)
    from webapp import config

    assert config._trusted_hosts("https://care.example.org") == ["care.example.org"]
    monkeypatch.setenv("TRUSTED_HOSTS", "care.example.org, www.care.example.org")
    assert config._trusted_hosts("https://care.example.org") == [
        "care.example.org",
        "www.care.example.org",
    ]


@pytest.mark.parametrize(
    ("public_url", "message"),
    [("", "PUBLIC_URL must be set in production"), ("care.example.org", "must be the site")],
)
def test_production_refuses_to_start_without_a_public_address(monkeypatch, public_url, message):
    monkeypatch.setattr(Config, "SECRET_KEY", "x" * 64)
    monkeypatch.setattr(Config, "FEEDBACK_EMAIL", "care.guide@dorsetcouncil.gov.uk")
    monkeypatch.setattr(Config, "PUBLIC_URL", public_url)
    with pytest.raises(RuntimeError, match=message):
        create_app(Config)
