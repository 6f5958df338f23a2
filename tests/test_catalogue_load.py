"""`flask catalogue load` fills the database; running it twice changes nothing."""

from __future__ import annotations

import sqlite3

from flask import Flask

from builder import create_app, default_settings


def counts(path):
    conn = sqlite3.connect(path)
    try:
        return {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("editions", "chapters", "sections", "agreements", "variants", "reference_links")
        }
    finally:
        conn.close()


def empty_app(tmp_path):
    return create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": str(tmp_path / "fresh.sqlite3")})


def test_load_fills_an_empty_database(tmp_path):
    app = empty_app(tmp_path)
    result = app.test_cli_runner().invoke(args=["catalogue", "load"])
    assert result.exit_code == 0, result.output
    assert "Edition 2024: loaded 87 agreements." in result.output
    assert "Edition 2024.1: loaded 87 agreements." in result.output, "the fix edition beside it"
    assert counts(tmp_path / "fresh.sqlite3") == {
        "editions": 2,
        "chapters": 4 * 2,
        "sections": 14 * 2,
        "agreements": 87 * 2,
        "variants": 6 * 2,
        "reference_links": 20 * 2,
    }


def test_load_twice_changes_nothing(tmp_path):
    app = empty_app(tmp_path)
    runner = app.test_cli_runner()
    runner.invoke(args=["catalogue", "load"])
    before = counts(tmp_path / "fresh.sqlite3")
    dump_before = "\n".join(sqlite3.connect(tmp_path / "fresh.sqlite3").iterdump())
    result = runner.invoke(args=["catalogue", "load"])
    assert result.exit_code == 0, result.output
    assert "Edition 2024: unchanged." in result.output
    assert counts(tmp_path / "fresh.sqlite3") == before
    assert "\n".join(sqlite3.connect(tmp_path / "fresh.sqlite3").iterdump()) == dump_before


def test_load_refuses_to_overwrite_a_loaded_edition_with_other_text(runner, catalogue_copy):
    path = catalogue_copy / "2024" / "sections" / "02-diensten.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("beelddatabank.", "fotobank."), encoding="utf-8")
    result = runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)])
    assert result.exit_code == 1
    assert "Edition 2024: the database holds a different version" in result.output


def test_load_refuses_invalid_files_and_names_the_problem(runner, catalogue_copy):
    (catalogue_copy / "2024" / "chapters.yaml").write_text("chapters: [", encoding="utf-8")
    result = runner.invoke(args=["catalogue", "load", "--dir", str(catalogue_copy)])
    assert result.exit_code == 1
    assert "agreements/2024/chapters.yaml: line 1: malformed YAML" in result.output


def test_the_database_lives_in_the_instance_folder_by_default(tmp_path):
    probe = Flask("builder", instance_path=str(tmp_path))  # not the developer's own instance/
    assert default_settings(probe)["DATABASE"] == str(tmp_path / "bouwpakket.sqlite3")


def test_database_path_comes_from_the_environment(tmp_path, monkeypatch):
    target = tmp_path / "elsewhere.sqlite3"
    monkeypatch.setenv("BOUWPAKKET_DATABASE", str(target))
    monkeypatch.setenv("BOUWPAKKET_SECRET_KEY", "s" * 40)
    app = create_app()
    assert app.config["DATABASE"] == str(target)
    assert target.exists(), "the schema is created at start-up"
