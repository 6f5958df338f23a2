"""Command-line tools: `flask --app wsgi catalogue ...` and friends.

Heavy modules (YAML, python-docx, argon2) are imported inside the commands
that need them, so that starting the web app does not pay for them.
"""

from __future__ import annotations

import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from . import db as database
from .db import backup, curators, drafts, editions
from .formats.catalogue_json import export_json
from .model.choices import ChoicesError, check_against, from_data, refusal

catalogue_cli = AppGroup("catalogue", help="Check, load and export the catalogue of agreements.")


def _catalogue_dir(path: str | None) -> Path:
    return Path(path or current_app.config["CATALOGUE_DIR"])


@catalogue_cli.command("check")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help="Catalogue folder (default: agreements/).")
def check_command(folder: str | None) -> None:
    """Validate the catalogue files; exit 1 and name file and field for each problem."""
    from .formats.catalogue_files import check_tree

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
    from .formats.catalogue_files import CatalogueError, read_tree

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
            existing = editions.edition(db, edition_id)
            if existing is None:
                editions.insert_catalogue(db, catalogue)
                click.echo(f"Edition {edition_id}: loaded {len(catalogue.agreements)} agreements.")
                continue
        if editions.load(db, edition_id) == catalogue:
            click.echo(f"Edition {edition_id}: unchanged.")
            continue
        with database.write(db):
            added = editions.add_terminology(db, catalogue)
        if added:
            click.echo(f"Edition {edition_id}: terminology tables added.")
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
    edition_id = edition_id or editions.latest_published(db)
    if edition_id is None or editions.edition(db, edition_id) is None:
        raise click.ClickException("No such edition in the database; run `flask --app wsgi catalogue load` first.")
    click.echo(export_json(editions.load(db, edition_id)))


@catalogue_cli.command("dump")
@click.argument("edition_id")
@click.option("--dir", "folder", type=click.Path(file_okay=False), help="Catalogue folder (default: agreements/).")
def dump_command(edition_id: str, folder: str | None) -> None:
    """Write an edition from the database to agreements/EDITION/ in the format `load` reads."""
    from .formats.catalogue_files import write_edition

    db = database.get_db()
    if editions.edition(db, edition_id) is None:
        raise click.ClickException(f"No edition '{edition_id}' in the database.")
    path = write_edition(editions.load(db, edition_id), _catalogue_dir(folder))
    click.echo(f"Wrote edition {edition_id} to {path}.")


curator_cli = AppGroup("curator", help="Manage the accounts of Kortom's curators (/beheer).")


def _new_password(password: str) -> str:
    from .curation.passwords import hash_password, weak_reason

    reason = weak_reason(password)
    if reason:
        raise click.ClickException(f"Password refused: {reason}")
    return hash_password(password)


@curator_cli.command("add")
@click.argument("name")
@click.password_option(help="Asked for when not given (twice, hidden).")
def curator_add(name: str, password: str) -> None:
    """Create a curator account; the password is asked twice and stored as an argon2id hash."""
    db = database.get_db()
    if curators.curator_by_name(db, name):
        raise click.ClickException(f"A curator named '{name}' already exists.")
    with database.write(db):
        curators.add_curator(db, name, _new_password(password))
    click.echo(f"Curator '{name}' can now log in at /beheer.")


@curator_cli.command("passwd")
@click.argument("name")
@click.password_option(help="Asked for when not given (twice, hidden).")
def curator_passwd(name: str, password: str) -> None:
    """Set a new password for a curator; their open sessions end."""
    db = database.get_db()
    curator = curators.curator_by_name(db, name)
    if curator is None:
        raise click.ClickException(f"No curator named '{name}'.")
    with database.write(db):
        curators.set_password(db, curator["id"], _new_password(password))
    click.echo(f"New password set for '{name}'.")


@curator_cli.command("remove")
@click.argument("name")
def curator_remove(name: str) -> None:
    """Delete a curator account and end its sessions (their history lines stay)."""
    db = database.get_db()
    curator = curators.curator_by_name(db, name)
    if curator is None:
        raise click.ClickException(f"No curator named '{name}'.")
    with database.write(db):
        curators.remove_curator(db, curator["id"])
    click.echo(f"Curator '{name}' removed.")


note_cli = AppGroup("note", help="Render notes from choices files and inspect drafts.")


@note_cli.command("render")
@click.argument("choices_file", type=click.File("r", encoding="utf-8"))
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False), help="Where to write the .docx.")
@click.option("--template", type=click.File("rb"), help="Build the note on this house-style .docx or .dotx.")
def render_command(choices_file, output: str, template) -> None:
    """Render a choices JSON file (or - for standard input) to a Word document, as the web download does
    (with the contents' page numbers where LibreOffice is installed)."""
    from .formats.house_style import HouseStyle, template_base
    from .formats.upload import UploadRefused
    from .formats.word import note_docx

    style = None
    if template is not None:
        try:
            prepared = template_base(template.read())
        except UploadRefused as refused:
            raise click.ClickException(f"{template.name}: {refused}") from None
        style = HouseStyle(template=prepared.base, template_name=Path(template.name).name)

    try:
        choices = from_data(json.load(choices_file))
        db = database.get_db()
        if editions.edition(db, choices.edition) is None:
            raise ChoicesError(f"edition: '{choices.edition}' is not loaded in the database")
        catalogue = editions.load(db, choices.edition)
        check_against(choices, catalogue)
        if (problem := refusal(choices)) is not None:
            raise ChoicesError(str(problem))
    except json.JSONDecodeError as exc:
        raise click.ClickException(f"{choices_file.name}: not valid JSON ({exc.msg}, line {exc.lineno})") from None
    except ChoicesError as exc:
        raise click.ClickException(f"{choices_file.name}: {exc}") from None
    path = Path(output)
    path.parent.mkdir(parents=True, exist_ok=True)
    converter = current_app.extensions.get("pdf")
    path.write_bytes(note_docx(choices, catalogue, converter, style=style))
    pages = "page numbers laid out by LibreOffice" if converter else "no LibreOffice: the contents say how to add pages"
    click.echo(f"Wrote {path} ({choices.agreement_count} agreements; {pages}).")


@note_cli.command("show")
@click.argument("token")
def show_command(token: str) -> None:
    """Print the choices JSON of the draft that a private link token opens."""
    draft = drafts.find(database.get_db(), token)
    if draft is None:
        raise click.ClickException("No draft for that token (unknown, malformed or deleted).")
    click.echo(json.dumps(draft.choices.to_data(), ensure_ascii=False, indent=2))


@note_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
def import_command(path: str) -> None:
    """Make a new draft from a downloaded note (.docx, also edited in Word) or a choices .json; print its link.

    A note built on a house-style template keeps it, as the web upload does."""
    from .formats.note_file import import_note
    from .formats.upload import UploadRefused
    from .wizard.house_style import bring_back

    db = database.get_db()

    def published(edition_id: str):
        found = editions.edition(db, edition_id)
        return editions.load(db, edition_id) if found is not None and found.is_published else None

    data = Path(path).read_bytes()
    try:
        imported = import_note(data, path, published)
    except UploadRefused as refused:
        raise click.ClickException(f"{path}: {refused.message}") from None
    token = drafts.new_token()
    draft = drafts.create(db, token, imported.choices, imported.progress())
    if template := bring_back(draft.id, data, imported.house_style):  # as the web upload does
        click.echo(f"Built on its house-style template '{template}' again.", err=True)
    base = (current_app.config.get("PUBLIC_URL") or "").rstrip("/")
    click.echo(f"{base}/hervat/{token}")
    if imported.changes:
        click.echo(f"{len(imported.changes)} change(s) made in Word wait for the user on /nota/wijzigingen-uit-word.")


@note_cli.command("upgrade")
@click.argument("token")
@click.option("--edition", "edition_id", required=True, help="The edition to move the note to.")
@click.option("--plan", "show_plan", is_flag=True, help="Print what would change, as JSON; nothing is changed.")
def upgrade_command(token: str, edition_id: str, show_plan: bool) -> None:
    """Show what moving a draft to another edition means for each of its agreements (the user decides online)."""
    from .model import upgrade

    if not show_plan:
        raise click.ClickException("Only --plan is available: users choose what to take on /nota/nieuwe-editie.")
    db = database.get_db()
    draft = drafts.find(db, token)
    if draft is None:
        raise click.ClickException("No draft for that token (unknown, malformed or deleted).")
    if editions.edition(db, edition_id) is None:
        raise click.ClickException(f"No edition '{edition_id}' in the database.")
    steps = upgrade.plan(draft.choices, editions.load(db, draft.edition_id), editions.load(db, edition_id))
    click.echo(json.dumps([s.to_data() for s in steps], ensure_ascii=False, indent=2))


drafts_cli = AppGroup("drafts", help="Maintain users' drafts.")


@drafts_cli.command("purge")
@click.option("--days", type=int, help="Retention in days (default: DRAFT_RETENTION_DAYS, 180).")
def purge_command(days: int | None) -> None:
    """Remove drafts that were not changed (or kept) for the retention period (not while published); run daily."""
    import datetime as dt

    days = days if days is not None else current_app.config["DRAFT_RETENTION_DAYS"]
    cutoff = (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    removed = drafts.purge_untouched(database.get_db(), cutoff)
    click.echo(f"Removed {removed} draft(s) untouched for {days} days.")


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Back up the live database to PATH with SQLite's backup API (never a file copy)."""
    target = Path(path)
    if target.exists():
        raise click.ClickException(f"{target} exists; choose a new file name.")
    target.parent.mkdir(parents=True, exist_ok=True)
    found = backup.backup(database.get_db(), target)
    click.echo(f"Backed up to {target}: integrity ok; " + ", ".join(f"{n} {t}" for t, n in found.items()))


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: str, yes: bool) -> None:
    """Replace the database's content by the backup at PATH (checked first); the app may keep running."""
    if not yes:
        click.confirm(f"Replace everything in {current_app.config['DATABASE']} by {path}?", abort=True)
    try:
        found = backup.restore(path, database.get_db())
    except RuntimeError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored from {path}: " + ", ".join(f"{n} {t}" for t, n in found.items()))


class _Stopped(Exception):
    """Ctrl+C (SIGINT) or SIGTERM arrived: stop serving."""


def _stop_on_signal(signum, frame) -> None:
    raise _Stopped()


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address nginx listens on.")
@click.option("--port", default=5000, show_default=True, type=int, help="Port nginx listens on.")
@click.option("--workers", type=int, help="gunicorn sync workers (default: gunicorn.conf.py's, 2).")
@click.option("--run-dir", type=click.Path(file_okay=False), help="Folder for nginx and the socket (instance/serving).")
@click.option("--show-config", is_flag=True, help="Print the nginx configuration and exit.")
@with_appcontext
def serve_command(host: str, port: int, workers: int | None, run_dir: str | None, show_config: bool) -> None:
    """Serve the app as in production: nginx on HOST:PORT in front of gunicorn's sync workers; Ctrl+C stops both."""
    import signal

    from .web import proxy

    plan = proxy.plan_for(current_app, host, port, run_dir, workers)
    if show_config:
        try:
            click.echo(proxy.render(plan), nl=False)
        except proxy.ServeError as error:
            raise click.ClickException(str(error)) from None
        return
    stack = proxy.Stack(plan)
    for stop in (signal.SIGINT, signal.SIGTERM):  # also where a shell started us with SIGINT ignored
        signal.signal(stop, _stop_on_signal)
    code = 0
    try:
        stack.start()
        click.echo(f"Bouwpakket on {plan.url} (nginx in front of gunicorn; Ctrl+C stops both)", err=True)
        code = stack.wait()
        click.echo(f"A server process ended (exit code {code}); stopping.", err=True)
    except proxy.ServeError as error:
        raise click.ClickException(str(error)) from None
    except _Stopped:
        pass
    finally:
        for stop in (signal.SIGINT, signal.SIGTERM):  # a second Ctrl+C must not cut the stopping short
            signal.signal(stop, signal.SIG_IGN)
        stack.stop()
    if code:
        raise SystemExit(code)


def init_app(app: Flask) -> None:
    """Register every command group (catalogue, curator, note, drafts), backup/restore and serve on the app's CLI."""
    app.cli.add_command(serve_command)
    app.cli.add_command(backup_command)
    app.cli.add_command(restore_command)
    app.cli.add_command(drafts_cli)
    app.cli.add_command(catalogue_cli)
    app.cli.add_command(note_cli)
    app.cli.add_command(curator_cli)
