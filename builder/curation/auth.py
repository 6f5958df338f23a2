"""Logging in and out of /beheer, with rate limits per account and per address."""

from __future__ import annotations

import datetime as dt

from flask import current_app, flash, g, redirect, render_template, request, session, url_for

from ..db import curators, get_db, moment, write
from ..web.i18n import gettext as _
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
        g.typed_by = curators.session_owner(db, token) or ""
        session.pop(SESSION_KEY, None)
        g.session_expired = True
        return None
    seen = moment(curator["last_seen"])
    if dt.datetime.now(dt.UTC) - seen > dt.timedelta(minutes=1):
        with write(db):
            curators.touch_session(db, token)
    return curator


def _reserve_attempt(name: str, address: str) -> list[int] | None:
    """Check the limits and count this attempt as failed, in one write transaction; None when over a limit.

    An account is locked for the address its wrong passwords came from (5 per 15 minutes), not for
    everyone: knowing a curator's name is not enough to lock them out from their own desk. An address
    has its own limit (20), and an account one for all addresses together (50), against guessing
    from many addresses. Counting first and taking the failure back after a right password means
    parallel wrong passwords are serialised by the write lock: the sixth of twenty sees five failures.
    """
    db = get_db()
    since = dt.datetime.now(dt.UTC) - WINDOW
    config = current_app.config
    counted = [  # (kind, value, limit); an address for one account is stored as "address\naccount"
        ("address", _pair(name, address), config["LOGIN_LIMIT_PER_ACCOUNT"]),
        ("address", address, config["LOGIN_LIMIT_PER_ADDRESS"]),
        ("account", name, config["LOGIN_LIMIT_PER_ACCOUNT_ANYWHERE"]),
    ]
    with write(db):
        if any(curators.failures_since(db, kind, value, since) >= limit for kind, value, limit in counted):
            return None
        return [curators.record_failure(db, kind, value) for kind, value, _limit in counted]


def _pair(name: str, address: str) -> str:
    """Failed logins for one account from one address are counted under this value (of kind "address")."""
    return f"{address}\n{name}"


CARRY, CARRY_TO, CARRY_BY = "carry:", "carry-to", "carry-by"
NOT_CARRIED = {"csrf_token"}


def login_keeping_input():
    """The login page in place of a form posted after the session ended, carrying what was typed.

    Only a post with a valid CSRF token is carried: it came from a page of ours in this browser,
    so a page elsewhere cannot slip text in to be saved after the curator logs in.
    """
    from flask_wtf.csrf import CSRFError, validate_csrf
    from wtforms import ValidationError

    try:
        validate_csrf(request.form.get("csrf_token"))
    except (CSRFError, ValidationError):
        return redirect(url_for("curation.login", next=request.path))
    carried = [(k, v) for k, v in request.form.items(multi=True) if k not in NOT_CARRIED]
    return _login_page(LoginForm(formdata=None), carried, request.path, 401, g.get("typed_by", ""))


def _login_page(form, carried: list[tuple[str, str]], carry_to: str, status: int, typed_by: str = ""):
    page = render_template("beheer/login.html", form=form, carried=carried, carry_to=carry_to, typed_by=typed_by)
    return page, status


def _carried() -> tuple[list[tuple[str, str]], str, str]:
    """What the login form carries from a form posted while logged out, where it went, and who typed it."""
    carried = [(k.removeprefix(CARRY), v) for k, v in request.form.items(multi=True) if k.startswith(CARRY)]
    return carried, safe_next(request.form.get(CARRY_TO), "", prefix="/beheer/"), request.form.get(CARRY_BY, "")


@bp.route("/login", methods=["GET", "POST"])
def login():
    """Log a curator in; 5 failed tries for an account from one address (20 per address, 50 per account from
    anywhere) within 15 minutes block further tries."""
    form = LoginForm()
    carried, carry_to, typed_by = _carried() if request.method == "POST" else ([], "", "")
    if g.curator is not None and request.method == "GET":
        return redirect(url_for("curation.dashboard"))
    if form.validate_on_submit():
        address = request.remote_addr or "onbekend"
        name = form.name.data
        db = get_db()
        attempt = _reserve_attempt(name, address)
        if attempt is None:
            form.password.errors.append(_("Te veel mislukte pogingen. Probeer het over 15 minuten opnieuw."))
            return _login_page(form, carried, carry_to, 429, typed_by)
        curator = curators.curator_by_name(db, name)
        if not verify_password(curator["password_hash"] if curator else None, form.password.data):
            form.password.errors.append(_("Deze naam en dit wachtwoord horen niet bij elkaar."))
            return _login_page(form, carried, carry_to, 400, typed_by)
        with write(db):
            curators.forget_failures(db, attempt)
            curators.clear_failures(db, "address", _pair(name, address))
            curators.clear_failures(db, "account", name)
            curators.end_session(db, session.get(SESSION_KEY))
            token = curators.start_session(db, curator["id"])
        session[SESSION_KEY] = token  # a fresh session id at every login
        session.permanent = True
        if carried and carry_to:
            return _resume(carried, carry_to, name, typed_by if typed_by != name else "")
        return redirect(safe_next(request.args.get("next"), url_for("curation.dashboard"), prefix="/beheer"))
    return _login_page(form, carried, carry_to, 400 if form.errors else 200, typed_by)


def _resume(carried: list[tuple[str, str]], action: str, me: str, other: str = ""):
    """After logging in: what was typed, posted again to where it was going (at once where JavaScript runs).

    That page saves it like any other post, with its version check: a change made by someone
    else meanwhile shows the conflict page. When `other` (another curator) typed it, it waits for a click,
    and the page says it will be saved under the name of who logged in.
    """
    texts = [v for k, v in carried if k not in ("version", "action") and len(v) > 1]
    return render_template("beheer/resume.html", fields=carried, texts=texts, action=action, me=me, other=other)


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
