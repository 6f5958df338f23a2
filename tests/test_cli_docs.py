"""Every command a developer can run explains itself (as in sqlite-utils' test_docs)."""

from __future__ import annotations

import click
import pytest

from builder import create_app


def all_commands():
    app = create_app({"TESTING": True, "SECRET_KEY": "k" * 40, "DATABASE": ":memory:"})  # not instance/
    found = []

    def walk(command, path):
        found.append((" ".join(path), command))
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, [*path, name])

    for name, command in app.cli.commands.items():
        walk(command, [name])
    return found


@pytest.mark.parametrize(("path", "command"), all_commands(), ids=lambda v: v if isinstance(v, str) else "")
def test_command_has_help_text(path, command):
    assert command.help and len(command.help) > 20, path
