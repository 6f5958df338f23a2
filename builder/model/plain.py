"""Frozen dataclasses to plain data and back, driven by their fields and type hints.

Plain data is what YAML, JSON and a TEXT column hold: dicts, lists, str, int and bool. A
dataclass becomes a dict with one key per field, in declaration order; a `tuple[X, ...]` becomes
a list; a nested dataclass a nested dict. Reading goes the other way. Given a `problems` list,
`from_plain` checks every value against its field as it reads and appends each `Problem` with
its path (`agreements[6].text[0]`), so a file checker is built on it; without one the data is
trusted (what this app stored itself) and read without checks.

A field that needs more than its type says gets rules in `dataclasses.field(metadata=...)`:

- `REQUIRED`: the key must be there although the field has a default;
- `POSITIVE`: a whole number of at least 1;
- `PATTERN`: `(regex, what it means)`; a text, or each text of a list, must match;
- `ONE_OF`: the values allowed;
- `DATE`: an ISO date (YYYY-MM-DD), or empty;
- `LINE`: one line of text (what a reader's `tidy` makes of it, see `from_plain`);
- `MAX_LENGTH`, `MAX_ITEMS`: how long a text, and how long a list, may be. They are not checked
  while reading (a file may hold more than the model allows, and says so in its own words):
  `limits.over_limits()` names every value beyond them.

A field without a default is required: its key must be there, and as text (or a list of texts)
it must not be empty. Texts inside a list are never empty. A class with `plain_one_of = True`
(a `ClassVar`) has exactly one field set: its plain form is a mapping with that one key; a class
with `plain_ignores_unknown = True` reads past keys it does not know (a format open to additions).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import typing
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from .. import caches

T = TypeVar("T")

REQUIRED = "required"
POSITIVE = "positive"
PATTERN = "pattern"
ONE_OF = "one of"
DATE = "date"
LINE = "line"
MAX_LENGTH = "max length"
MAX_ITEMS = "max items"

Tidy = Callable[[str, Mapping[str, Any]], str]  # a text as read, and its field's rules -> the text to keep

_SCALARS = (str, int, bool)


@dataclass(frozen=True)
class Problem:
    """One value that does not fit its field, named by its path in the plain data."""

    path: str
    message: str


@dataclass(frozen=True)
class _Field:
    name: str
    hint: Any  # str, int, bool, a dataclass, or tuple[X, ...] of one of these
    required: bool
    rules: Mapping[str, Any]
    trust: Callable[[Any], Any] | None  # builds the value from trusted plain data; None: taken as it is
    write: Callable[[Any, bool], Any] | None  # the value as plain data (given `compact`); None: taken as it is
    default_bool: bool | None  # a yes/no field's default (None for other fields)


@dataclass(frozen=True)
class _Shape:
    cls: type
    fields: tuple[_Field, ...]
    by_name: Mapping[str, _Field]
    names: tuple[str, ...]
    nested: frozenset[str]
    one_of: bool
    ignores_unknown: bool
    trust: Mapping[str, Callable[[Any], Any] | None]  # by field name: how trusted plain data becomes its value
    as_is: frozenset[str]  # the fields whose trusted plain value is their value (texts, numbers, yes/no)
    limited: tuple[tuple[str, int | None, int | None, bool], ...]  # (name, MAX_ITEMS, MAX_LENGTH, holds objects)
    make: Callable[[Mapping[str, Any]], Any]  # an object of the class from trusted values by field name


def _shape(cls: type) -> _Shape:
    return caches.plain_shapes.get(cls, lambda: _describe(cls))


def _describe(cls: type) -> _Shape:
    """The fields of a dataclass with their resolved type hints; TypeError for a type plain data cannot hold."""
    hints = typing.get_type_hints(cls)
    found = []
    for f in dataclasses.fields(cls):
        hint = hints[f.name]
        _check_hint(hint, cls)
        has_default = f.default is not dataclasses.MISSING or f.default_factory is not dataclasses.MISSING
        required = not has_default or bool(f.metadata.get(REQUIRED))
        default_bool = f.default if hint is bool and isinstance(f.default, bool) else None
        found.append(_Field(f.name, hint, required, f.metadata, _truster(hint), _writer(hint), default_bool))
    fields = tuple(found)
    return _Shape(
        cls=cls,
        fields=fields,
        by_name={f.name: f for f in fields},
        names=tuple(f.name for f in fields),
        nested=frozenset(f.name for f in fields if f.hint not in _SCALARS),
        one_of=bool(getattr(cls, "plain_one_of", False)),
        ignores_unknown=bool(getattr(cls, "plain_ignores_unknown", False)),
        trust={f.name: f.trust for f in fields},
        as_is=frozenset(f.name for f in fields if f.trust is None),
        limited=tuple(
            (f.name, f.rules.get(MAX_ITEMS), f.rules.get(MAX_LENGTH), _holds_objects(f.hint))
            for f in fields
            if f.rules.get(MAX_ITEMS) is not None or f.rules.get(MAX_LENGTH) is not None or _holds_objects(f.hint)
        ),
        make=_maker(cls),
    )


def _maker(cls: type[T]) -> Callable[[Mapping[str, Any]], T]:
    """How trusted values become a `cls`: a frozen dataclass that only sets its fields gets them in its `__dict__`
    (its generated `__init__` sets each through `object.__setattr__`: two thirds of the time, ~100 objects a note)."""
    fields = dataclasses.fields(cls)
    simple = all(f.init and f.default is not dataclasses.MISSING for f in fields) and "__slots__" not in vars(cls)
    if hasattr(cls, "__post_init__") or not simple:
        return lambda values: cls(**values)
    defaults = {f.name: f.default for f in fields}
    new, set_field = object.__new__, object.__setattr__

    def make(values: Mapping[str, Any]) -> T:
        made = new(cls)
        set_field(made, "__dict__", {**defaults, **values})  # one dict, made whole (not filled key by key)
        return made

    return make


def limited_fields(cls: type) -> tuple[tuple[str, int | None, int | None, bool], ...]:
    """The fields of `cls` with a MAX_ITEMS or MAX_LENGTH or objects of their own: (name, items, length, objects)."""
    return _shape(cls).limited


def _holds_objects(hint: Any) -> bool:
    """True for a dataclass field or a tuple of dataclasses: its values have fields of their own to check."""
    return dataclasses.is_dataclass(hint) or (
        typing.get_origin(hint) is tuple and dataclasses.is_dataclass(_item(hint))
    )


def _check_hint(hint: Any, cls: type) -> None:
    if hint in _SCALARS or dataclasses.is_dataclass(hint):
        return
    args = typing.get_args(hint)
    if typing.get_origin(hint) is tuple and len(args) == 2 and args[1] is Ellipsis:
        _check_hint(args[0], cls)
        return
    raise TypeError(f"{cls.__name__}: plain data holds str, int, bool, dataclasses and tuple[X, ...], not {hint}")


def _item(hint: Any) -> Any:
    """The X of tuple[X, ...]."""
    return typing.get_args(hint)[0]


def field_names(cls: type) -> tuple[str, ...]:
    """The fields of a dataclass, in the order its plain data lists them."""
    return _shape(cls).names


def nested_fields(cls: type) -> frozenset[str]:
    """The fields whose plain value is a list or a mapping (tuples and dataclasses), not a str, int or bool."""
    return _shape(cls).nested


# ---------------------------------------------------------------- to plain data


def to_plain(obj: Any, compact: bool = False) -> dict[str, Any]:
    """A dataclass as plain data, field by field; `compact` leaves out optional fields that are empty
    (a yes/no field is empty when it says what its default says)."""
    shape = _shape(type(obj))
    plain: dict[str, Any] = {}
    for f in shape.fields:
        value = getattr(obj, f.name)
        if f.write is not None:
            value = f.write(value, compact)
        if (compact or shape.one_of) and not f.required and (_is_empty(value) or value is f.default_bool):
            continue
        plain[f.name] = value
    if shape.one_of and not plain:
        first = shape.fields[0]
        value = getattr(obj, first.name)
        plain[first.name] = value if first.write is None else first.write(value, compact)
    return plain


def _writer(hint: Any) -> Callable[[Any, bool], Any] | None:
    """How a value of `hint` becomes plain data, worked out once per field (the inverse of `_truster`)."""
    if hint in _SCALARS:
        return None
    if dataclasses.is_dataclass(hint):
        return to_plain
    inner = _writer(_item(hint))
    if inner is None:
        return lambda values, compact: list(values)
    return lambda values, compact: [inner(v, compact) for v in values]


def _is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list) and not value)


# ---------------------------------------------------------------- from plain data


def from_plain(
    cls: type[T], data: Any, problems: list[Problem] | None = None, path: str = "", tidy: Tidy | None = None
) -> T:
    """Build `cls` from plain data; with `problems`, check as it reads (a usable object is returned all the same).

    `tidy(text, rules)` cleans every text read from outside before its rules are checked. Trusted data may
    hold objects built already where their plain data would be: taken as they are (db/packing.py).
    """
    if problems is None:
        return _building(_shape(cls), data)
    return _Reader(problems, tidy).object(cls, data, path)


def _building(shape: _Shape, data: Mapping[str, Any]) -> Any:
    if data.__class__ is shape.cls:  # built already
        return data
    if data.keys() <= shape.as_is:  # most of a note's agreements: an id and texts, taken as they are
        return shape.make(data)
    trust = shape.trust
    return shape.make({k: v if (t := trust[k]) is None else t(v) for k, v in data.items() if k in trust})


def _truster(hint: Any) -> Callable[[Any], Any] | None:
    """How to build a value of `hint` from trusted plain data, worked out once per field.

    A nested dataclass's own fields are worked out here too (the model's types never contain themselves).
    """
    if hint in _SCALARS:
        return None
    if dataclasses.is_dataclass(hint):
        return functools.partial(_building, _shape(hint))
    inner = _truster(_item(hint))
    if inner is None:
        return tuple
    return lambda values: tuple(map(inner, values))


def join_path(path: str, name: object) -> str:
    """A field's path in plain data: `name` under `path` (`agreements[6].text`), for problems and limits."""
    return f"{path}.{name}" if path else str(name)


_PLURALS = {str: "texts", int: "whole numbers", bool: "yes/no values"}


def _plural(hint: Any) -> str:
    """What a list of `hint` holds, for "expected a list of ...": texts, blocks, references."""
    if dataclasses.is_dataclass(hint):
        return f"{hint.__name__.lower()}s"
    return _PLURALS.get(hint, "lists")


def _blank(hint: Any) -> Any:
    """A stand-in for a value that is missing or wrong, so reading can go on and report the rest."""
    if hint in _SCALARS:
        return hint()
    if dataclasses.is_dataclass(hint):
        return hint(**{f.name: _blank(f.hint) for f in _shape(hint).fields if f.required})
    return ()


class _Reader:
    """Reads plain data into dataclasses, appending a `Problem` for every value that does not fit."""

    def __init__(self, problems: list[Problem], tidy: Tidy | None = None):
        self.problems, self.tidy = problems, tidy

    def problem(self, path: str, message: str) -> None:
        """Report one problem at `path`."""
        self.problems.append(Problem(path, message))

    def object(self, cls: type[T], data: Any, path: str) -> T:
        """A dataclass from a mapping: unknown and missing keys reported, then each field read."""
        shape = _shape(cls)
        if isinstance(data, dict):
            self.keys(shape, data, path)
        else:
            self.problem(path, "expected a mapping of fields")
            data = {}  # its fields are read as absent; the missing mapping was reported once
        if shape.one_of:
            return self.one_of(cls, shape, data, path)
        values = {}
        for f in shape.fields:
            if f.name in data:
                values[f.name] = self.value(f.hint, data[f.name], join_path(path, f.name), f.required, f.rules)
            elif f.required:
                values[f.name] = self.absent(f.hint, join_path(path, f.name))
        return cls(**values)

    def keys(self, shape: _Shape, data: dict, path: str) -> None:
        """Report keys that are no field, then required fields that are not there (each sorted)."""
        for key in [] if shape.ignores_unknown else sorted(set(data) - set(shape.by_name), key=str):
            self.problem(join_path(path, key), "unknown field")
        for name in sorted({f.name for f in shape.fields if f.required} - set(data)):
            self.problem(join_path(path, name), "required field is missing")

    def absent(self, hint: Any, path: str) -> Any:
        """A required field that is not there: a text is also reported as empty; anything else gets a stand-in."""
        if hint is str or (typing.get_origin(hint) is tuple and _item(hint) is str):
            self.problem(path, "required text is missing")
        return _blank(hint)

    def one_of(self, cls: type[T], shape: _Shape, data: dict, path: str) -> T:
        """A `plain_one_of` class: a mapping with exactly one of its fields, which must not be empty."""
        if len(data) != 1:
            names = [f.name for f in shape.fields]
            choice = f"{', '.join(names[:-1])} or {names[-1]}"
            self.problem(path, f"a {cls.__name__.lower()} has exactly one of {choice}")
            return cls()
        ((name, value),) = data.items()
        f = shape.by_name.get(name)
        if f is None:  # reported as an unknown field
            return cls()
        return cls(**{f.name: self.value(f.hint, value, join_path(path, name), True, f.rules)})

    def value(self, hint: Any, value: Any, path: str, required: bool, rules: Mapping[str, Any]) -> Any:
        """One value read as its type hint says."""
        if hint is str:
            return self.text(value, path, required, rules)
        if hint is int:
            return self.number(value, path, rules)
        if hint is bool:
            if not isinstance(value, bool):
                self.problem(path, "expected yes or no (true or false)")
                return False
            return value
        if dataclasses.is_dataclass(hint):
            return self.object(hint, value, path)
        return self.sequence(_item(hint), value, path, required, rules)

    def text(self, value: Any, path: str, required: bool, rules: Mapping[str, Any]) -> str:
        """Text; a number is taken as its text, empty is "" (reported when required); then the rules."""
        if value is None or value == "":
            if required:
                self.problem(path, "required text is missing")
            text = ""
        elif isinstance(value, bool) or not isinstance(value, str | int | float):
            self.problem(path, "expected text")
            return ""
        else:
            text = str(value)  # YAML reads `updates: 2019` as a number; it is meant as text
            if self.tidy is not None:
                text = self.tidy(text, rules)
        if text and rules.get(DATE) and not _is_date(text):
            self.problem(path, f"'{text}' is not a date as YYYY-MM-DD")
        pattern, means = rules.get(PATTERN, (None, ""))
        if text and pattern is not None and not pattern.match(text):
            self.problem(path, f"'{text}' is not {means}")
        allowed = rules.get(ONE_OF)
        if allowed and text not in allowed:
            self.problem(path, "must be " + " or ".join(f"'{a}'" for a in allowed))
        return text

    def number(self, value: Any, path: str, rules: Mapping[str, Any]) -> int:
        """A whole number (true and false are not), positive when the rules say so; 0 when wrong."""
        positive = bool(rules.get(POSITIVE))
        if isinstance(value, bool) or not isinstance(value, int) or (positive and value < 1):
            self.problem(path, f"expected a {'positive ' if positive else ''}whole number")
            return 0
        return value

    def sequence(self, item: Any, value: Any, path: str, required: bool, rules: Mapping[str, Any]) -> tuple:
        """A list as a tuple, each item read in turn (texts in a list are required, rules apply to each)."""
        if value is None:
            value = []
        if not isinstance(value, list):
            self.problem(path, f"expected a list of {_plural(item)}")
            return ()
        if required and not value and item is str:
            self.problem(path, "required text is missing")
        return tuple(self.value(item, v, f"{path}[{i}]", True, rules) for i, v in enumerate(value))


def _is_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text)
    except ValueError:
        return False
    return len(text) == 10
