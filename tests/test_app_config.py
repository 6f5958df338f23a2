"""Configuration: defaults, BOUWPAKKET_* environment variables, the secret key."""

from __future__ import annotations

import pytest

from builder import create_app


def test_refuses_to_start_without_a_strong_secret_key(tmp_path, monkeypatch):
    monkeypatch.delenv("BOUWPAKKET_SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_DEBUG", raising=False)
    with pytest.raises(RuntimeError, match="SECRET_KEY"):
        create_app({"SECRET_KEY": "short", "DATABASE": str(tmp_path / "x.sqlite3")})


def test_reads_the_key_that_make_run_wrote_to_the_instance_folder(tmp_path):
    from flask import Flask

    from builder import _secret_key

    app = Flask("probe", instance_path=str(tmp_path))
    (tmp_path / "secret_key").write_text("f" * 64 + "\n")
    assert _secret_key(app) == "f" * 64


def test_settings_come_from_prefixed_environment_variables(tmp_path, monkeypatch):
    monkeypatch.setenv("BOUWPAKKET_SECRET_KEY", "e" * 40)
    monkeypatch.setenv("BOUWPAKKET_DRAFT_RETENTION_DAYS", "90")
    monkeypatch.setenv("BOUWPAKKET_DATABASE", str(tmp_path / "env.sqlite3"))
    app = create_app()
    assert app.config["SECRET_KEY"] == "e" * 40
    assert app.config["DRAFT_RETENTION_DAYS"] == 90


def test_links_follow_where_the_app_is_mounted(client):
    """Links in pages are remembered per mount point: the same app behind /bouwpakket and at / both work."""
    mounted = client.get("/", environ_overrides={"SCRIPT_NAME": "/bouwpakket"}).get_data(as_text=True)
    assert 'href="/bouwpakket/static/style.css"' in mounted
    assert 'action="/bouwpakket/nota/nieuw"' in mounted
    plain = client.get("/").get_data(as_text=True)
    assert 'href="/static/style.css"' in plain and 'action="/nota/nieuw"' in plain
