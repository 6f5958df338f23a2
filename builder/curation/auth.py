"""Logging in and out of /beheer, with rate limits per account and per address."""

from __future__ import annotations

import datetime as dt

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from ..db import curators, get_db, write
from ..web.security import safe_next
from . import bp
from .forms import ButtonForm, LoginForm
from .passwords import verify_password

SESSION_KEY = "curator_session"
WINDOW = dt.timedelta(minutes=15)


def current_curator() -> dict | None:
    """The logged-in curator, or None; idle sessions expire."""
    token = session.get(SESSION_KEY)
    if not token:
        return None
    idle = dt.timedelta(minutes=current_app.config["CURATOR_IDLE_MINUTES"])
    db = get_db()
    curator = curators.session_curator(db, token, idle)
    if curator is None:
        session.pop(SESSION_KEY, None)
        return None
    seen = dt.datetime.strptime(curator["last_seen"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=dt.UTC)
    if dt.datetime.now(dt.UTC) - seen > dt.timedelta(minutes=1):
        with write(db):
            curators.touch_session(db, token)
    return curator


def _reserve_attempt(name: str, address: str) -> list[int] | None:
    """Check the limits and count this attempt as failed, in one write transaction; None when over a limit.

    Counting first and taking the failure back after a right password means parallel wrong
    passwords are serialised by the write lock: the sixth of twenty sees five failures.
    """
    db = get_db()
    since = dt.datetime.now(dt.UTC) - WINDOW
    config = current_app.config
    with write(db):
        if (
            curators.failures_since(db, "account", name, since) >= config["LOGIN_LIMIT_PER_ACCOUNT"]
            or curators.failures_since(db, "address", address, since) >= config["LOGIN_LIMIT_PER_ADDRESS"]
        ):
            return None
        return [curators.record_failure(db, "account", name), curators.record_failure(db, "address", address)]


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log a curator in; 5 failed tries per account (20 per address) within 15 minutes block further tries."""
    form = LoginForm()
    if g.curator is not None and request.method == "GET":
        return redirect(url_for("curation.dashboard"))
    if form.validate_on_submit():
        address = request.remote_addr or "onbekend"
        name = form.name.data
        db = get_db()
        attempt = _reserve_attempt(name, address)
        if attempt is None:
            form.password.errors.append(_("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."))
            return render_template("beheer/login.html", form=form), 429
        curator = curators.curator_by_name(db, name)
        if not verify_password(curator["password_hash"] if curator else None, form.password.data):
            form.password.errors.append(_("Deze naam en dit wachtwoord horen niet bij elkaar."))
            return render_template("beheer/login.html", form=form), 400
        with write(db):
            curators.forget_failures(db, attempt)
            curators.clear_failures(db, "account", name)
            curators.end_session(db, session.get(SESSION_KEY))
            token = curators.start_session(db, curator["id"])
        session[SESSION_KEY] = token  # a fresh session id at every login
        session.permanent = True
        return redirect(safe_next(request.args.get("next"), url_for("curation.dashboard"), prefix="/beheer"))
    return render_template("beheer/login.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    """End the curator's session and return to the login page; without a valid CSRF token nothing happens."""
    form = ButtonForm()
    if form.validate_on_submit():
        db = get_db()
        with write(db):
            curators.end_session(db, session.pop(SESSION_KEY, None))
        flash(_("Je bent afgemeld."), "status")
        return redirect(url_for("curation.login"))
    return redirect(url_for("curation.dashboard"))
