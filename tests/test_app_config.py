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


def test_a_rate_limit_left_out_of_the_environment_keeps_its_default(tmp_path, monkeypatch):
    monkeypatch.setenv("BOUWPAKKET_SECRET_KEY", "e" * 40)
    monkeypatch.setenv("BOUWPAKKET_RATE_LIMITS", '{"new-note": [5, 5, 60]}')
    app = create_app({"DATABASE": str(tmp_path / "env.sqlite3")})
    limits = app.config["RATE_LIMITS"]
    assert limits["new-note"] == [5, 5, 60]
    assert limits["house-style"] == [120, 30, 60] and limits["comment"] == [120, 60, 60]


def test_links_follow_where_the_app_is_mounted(browser):
    """Links in pages are remembered per mount point: the same app behind /bouwpakket and at / both work."""
    browser.start()
    for prefix in ("/bouwpakket", "", "/bouwpakket"):
        start = browser.client.get("/", environ_overrides={"SCRIPT_NAME": prefix}).get_data(as_text=True)
        assert f'href="{prefix}/static/style.css"' in start and f'action="{prefix}/nota/nieuw"' in start
        overview = browser.client.get("/nota/overzicht", environ_overrides={"SCRIPT_NAME": prefix})
        assert f'href="{prefix}/nota/onderdeel/5.8"' in overview.get_data(as_text=True)
