"""Command-line tools: `flask --app wsgi catalogue ...` and friends."""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from . import db as database
from .catalogue import export_data
from .catalogue_files import CatalogueError, check_tree, read_tree
from .choices import ChoicesError, check_against, from_data
from .db import catalogue as stored
from .db import drafts
from .export import render_note, to_bytes

catalogue_cli = AppGroup("catalogue", help="Check, load and export the catalogue of agreements.")


def _catalogue_dir(path: str | None) -> Path:
    return Path(path or current_app.config["CATALOGUE_DIR"])


@catalogue_cli.command("check")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help="Catalogue folder (default: agreements/).")
def check_command(folder: str | None) -> None:
    """Validate the catalogue files; exit 1 and name file and field for each problem."""
    problems = check_tree(_catalogue_dir(folder))
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise SystemExit(1)
    click.echo("Catalogue OK.")


@catalogue_cli.command("load")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help="Catalogue folder (default: agreements/).")
def load_command(folder: str | None) -> None:
    """Load every edition into the database; editions already loaded stay as they are."""
    try:
        catalogues = read_tree(_catalogue_dir(folder))
    except CatalogueError as exc:
        for problem in exc.problems:
            click.echo(str(problem), err=True)
        raise SystemExit(1) from None
    db = database.get_db()
    failed = False
    for catalogue in catalogues:
        edition_id = catalogue.edition.id
        with database.write(db):
            existing = stored.edition(db, edition_id)
            if existing is None:
                stored.insert_catalogue(db, catalogue)
                click.echo(f"Edition {edition_id}: loaded {len(catalogue.agreements)} agreements.")
                continue
        if stored.load(db, edition_id) == catalogue:
            click.echo(f"Edition {edition_id}: unchanged.")
        else:
            failed = True
            click.echo(
                f"Edition {edition_id}: the database holds a different version; editions are not "
                "overwritten. Give the changed files a new edition id.",
                err=True,
            )
    if failed:
        raise SystemExit(1)


@catalogue_cli.command("export")
@click.option("--format", "fmt", type=click.Choice(["json"]), default="json", show_default=True)
@click.option("--edition", "edition_id", help="Edition id (default: the newest published edition).")
def export_command(fmt: str, edition_id: str | None) -> None:
    """Print the loaded catalogue as JSON with a stable key order."""
    db = database.get_db()
    edition_id = edition_id or stored.latest_published(db)
    if edition_id is None or stored.edition(db, edition_id) is None:
        raise click.ClickException("No such edition in the database; run `flask --app wsgi catalogue load` first.")
    click.echo(json.dumps(export_data(stored.load(db, edition_id)), ensure_ascii=False, indent=2))


note_cli = AppGroup("note", help="Render notes from choices files and inspect drafts.")


@note_cli.command("render")
@click.argument("choices_file", type=click.File("r", encoding="utf-8"))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Where to write the .docx.")
def render_command(choices_file, output: str) -> None:
    """Render a choices JSON file (or - for standard input) to a Word document, as the web download does."""
    try:
        choices = from_data(json.load(choices_file))
        db = database.get_db()
        if stored.edition(db, choices.edition) is None:
            raise ChoicesError(f"edition: '{choices.edition}' is not loaded in the database")
        catalogue = stored.load(db, choices.edition)
        check_against(choices, catalogue)
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{choices_file.name}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except ChoicesError as exc:
        raise click.ClickException(f"{choices_file.name}: {exc}") from None
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(to_bytes(render_note(choices, catalogue)))
    click.echo(f"Wrote {path} ({choices.agreement_count} agreements).")


@note_cli.command("show")
@click.argument("token")
def show_command(token: str) -> None:
    """Print the choices JSON of the draft that a private link token opens."""
    draft = drafts.find(database.get_db(), token)
    if draft is None:
        raise click.ClickException("No draft for that token (unknown, malformed or deleted).")
    click.echo(json.dumps(draft.choices.to_data(), ensure_ascii=False, indent=2))


def init_app(app: Flask) -> None:
    app.cli.add_command(catalogue_cli)
    app.cli.add_command(note_cli)
