"""What the schema's parts share: a list of named migrations in the order they are written, and a SQL runner."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from sqlite_utils import Database

Migration = Callable[[Database], None]


class Steps:
    """Named migrations in the order they are declared (`@STEPS(name="0015_…")`), for `Migrations` to apply."""

    def __init__(self) -> None:
        self.found: list[tuple[str, Migration]] = []

    def __call__(self, *, name: str) -> Callable[[Migration], Migration]:
        """A decorator that adds a migration under `name`."""

        def add(function: Migration) -> Migration:
            self.found.append((name, function))
            return function

        return add

    def __iter__(self) -> Iterator[tuple[str, Migration]]:
        return iter(self.found)


def run_script(db: Database, script: str) -> None:
    """Run statements one by one: executescript() would COMMIT the migration's transaction."""
    for statement in script.split(";\n"):
        if statement.strip():
            db.execute(statement)
