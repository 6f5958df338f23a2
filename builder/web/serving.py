"""gunicorn logging that never writes a private link, review link or publication token to the access log."""

from __future__ import annotations

import re

from gunicorn.glogging import Logger

TOKEN_IN_PATH = re.compile(r"(/(?:hervat|beoordelen|gepubliceerd)/)[^/?\s\"]+")


def redact(text: str) -> str:
    """'/hervat/abc…' becomes '/hervat/[verborgen]'; so do '/beoordelen/…' and '/gepubliceerd/…'."""
    return TOKEN_IN_PATH.sub(r"\1[verborgen]", text)


class RedactingLogger(Logger):
    """Access log atoms with private link and review link tokens replaced."""

    def atoms(self, resp, req, environ, request_time):
        """gunicorn's access log atoms, with private link tokens hidden in request line, path, referer and query."""
        atoms = super().atoms(resp, req, environ, request_time)
        for key in ("r", "U", "f", "q"):
            if isinstance(atoms.get(key), str):
                atoms[key] = redact(atoms[key])
        return atoms
