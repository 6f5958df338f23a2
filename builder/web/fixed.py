"""`{% fixed %}`: a part of a page that reads the same for everyone in a language, drawn once per language.

Most of what a page says never changes: headings, leads, button labels, hints. Drawn through the
template, each is a translation call per request (~6 µs each, some 30 a page). A template marks
such a part, with a `slot()` for each value that is worked out per request (a link, a count):

    {% fixed %}
    <h2>{{ _('Klaar?') }}</h2>
    <p><a class="button" href="{{ slot(url_for('wizard.review')) }}">{{ _('Je nota nalezen') }}</a></p>
    {% endfixed %}

The part is drawn once with a marker in place of each slot, split at the markers and kept
(`caches.fixed_parts`) per place in the template, interface language and the catalogue objects
named after the tag (`{% fixed section %}`); per request the slots' expressions are worked out and
filled in, escaped as `{{ … }}` escapes them. Links stay in slots: `url_for` depends on where the
app is mounted. This is Jinja's documented extension mechanism (its documentation's own example
is a fragment cache); nothing of Jinja is replaced.

What a part may use is checked when its template is compiled, so nothing a request sends can be
kept: outside its slots, only translations, the names given after the tag and names it sets
itself (a TemplateSyntaxError names anything else: the user's draft, `request`, a macro, a link).
A slot is a whole `{{ slot(…) }}`, outside loops, and may not use a name the part sets itself.
A name given after the tag must hold catalogue data, a tuple of it, or None (TypeError otherwise).
tests/test_fixed_parts.py checks that every page draws the same with its fixed parts as without.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from typing import TypeVar

from jinja2 import nodes
from jinja2.exceptions import TemplateSyntaxError
from jinja2.ext import Extension
from markupsafe import Markup, escape

from .. import caches
from ..model.catalogue import Agreement, Catalogue, Chapter, Reference, Section, Terminology
from .i18n import language

MARKER = "\x00"  # never in a catalogue text or a translation: model/text.py removes it from every text
TRANSLATIONS = frozenset({"_", "gettext", "ngettext"})
SLOT = "slot"
CATALOGUE_DATA = (Catalogue, Chapter, Section, Agreement, Reference, Terminology)
LOCAL_SCOPES = (nodes.For, nodes.Macro, nodes.CallBlock, nodes.FilterBlock)  # where a slot's names would differ
T = TypeVar("T")


def per_language(place: str, make: Callable[[], T], *data: object) -> T:
    """What `make()` says in the interface language, made once per language: fixed text drawn in Python.

    `place` names what is made (code, never data); `make` may use translations and `data` only: the
    catalogue objects it depends on (a section), part of the key like the names after `{% fixed %}`.
    """
    return caches.fixed_parts.get((place, language(), *_checked(place, data)), make)


def _names(top: Iterable[nodes.Node], ctx: str) -> set[str]:
    """The names these nodes (and everything inside them) use in context `ctx` ("load", "store", "param")."""
    found = set()
    for node in top:
        candidates = [node, *node.find_all(nodes.Name)]
        found.update(n.name for n in candidates if isinstance(n, nodes.Name) and n.ctx == ctx)
    return found


def _is_slot(node: nodes.Node) -> bool:
    return isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name == SLOT


class _Slots:
    """Takes the slots out of a fixed part's body: each `{{ slot(x) }}` becomes a marker, `x` is kept."""

    def __init__(self, fail: Callable[[str], None]):
        self.fail, self.expressions = fail, []

    def take(self, node: nodes.Node, local: bool = False) -> None:
        """Replace every slot under `node` by its marker; refuse one in a loop or a macro, or not a whole output."""
        local = local or isinstance(node, LOCAL_SCOPES)
        for name in node.fields:
            value = getattr(node, name)
            children = value if isinstance(value, list) else [value]
            for i, child in enumerate(children):
                if not isinstance(child, nodes.Node):
                    continue
                if _is_slot(child):
                    if not isinstance(node, nodes.Output) or local or len(child.args) != 1 or child.kwargs:
                        self.fail("a slot is a whole {{ slot(value) }} of a fixed part, outside loops and macros")
                    children[i] = nodes.TemplateData(f"{MARKER}{len(self.expressions)}{MARKER}")
                    self.expressions.append(child.args[0])
                else:
                    self.take(child, local)
            if not isinstance(value, list) and children[0] is not value:
                setattr(node, name, children[0])


class FixedParts(Extension):
    """The `{% fixed [name, …] %}…{% endfixed %}` tag and its `slot()` (see the module's docstring)."""

    tags = {"fixed"}
    _parts = itertools.count(1)  # tells apart two parts that start on the same line

    def parse(self, parser) -> nodes.Node:
        """Read the tag, its names and its body; take the slots out and refuse anything else the body may not use."""
        lineno = next(parser.stream).lineno

        def fail(message: str) -> None:
            raise TemplateSyntaxError(message, lineno, parser.name, parser.filename)

        keys: list[nodes.Name] = []
        while parser.stream.current.type != "block_end":
            if keys:
                parser.stream.expect("comma")
            keys.append(nodes.Name(parser.stream.expect("name").value, "load", lineno=lineno))
        body = parser.parse_statements(("name:endfixed",), drop_needle=True)
        if any(isinstance(n, nodes.Block) for node in body for n in [node, *node.find_all(nodes.Block)]):
            fail("a fixed part cannot hold a {% block %}")
        slots = _Slots(fail)
        for node in body:
            slots.take(node)
        stored = _names(body, "store") | _names(body, "param")
        if stored & _names(slots.expressions, "load"):
            fail(f"a slot cannot use what the fixed part sets: {', '.join(sorted(stored))}")
        allowed = TRANSLATIONS | {k.name for k in keys} | stored
        if any(isinstance(n, nodes.For) for node in body for n in [node, *node.find_all(nodes.For)]):
            allowed |= {"loop"}
        if refused := sorted(_names(body, "load") - allowed):
            fail(f"a fixed part reads the same for everyone: put {', '.join(refused)} in a slot")
        n = next(self._parts)
        return _kept_or_drawn(self, f"{parser.name}:{lineno}:{n}", f"_fixed_{n}", keys, slots.expressions, body)

    def _kept(self, place: str, keys: tuple, values: list) -> Markup | None:
        """The part as kept, its slots filled with `values`; None the first time (the template then draws it)."""
        parts = caches.fixed_parts.get_kept((place, language(), *_checked(place, keys)))
        return None if parts is None else _filled(parts, values)

    def _keep(self, place: str, keys: tuple, drawn: Markup, values: list) -> Markup:
        """Keep the part as drawn (markers where its slots go), and return it with its slots filled."""
        parts = caches.fixed_parts.get((place, language(), *keys), lambda: _split(drawn))
        return _filled(parts, values)


def _kept_or_drawn(ext: FixedParts, place: str, name: str, keys: list, slots: list, body: list) -> list[nodes.Node]:
    """The part as template code: `name = _kept(…)`; if that is none, `{% set name %}body{% endset %}` and
    `name = _keep(…)`; then `{{ name }}`. Per request that is one call (a caller macro per part would be two)."""
    key, values = nodes.Tuple(keys, "load"), nodes.List(slots)
    kept = ext.call_method("_kept", [nodes.Const(place), key, values])
    keep = ext.call_method("_keep", [nodes.Const(place), key, nodes.Name(name, "load"), values])
    missing = nodes.Test(nodes.Name(name, "load"), "none", [], [], None, None)
    draw = [nodes.AssignBlock(nodes.Name(name, "store"), None, body), nodes.Assign(nodes.Name(name, "store"), keep)]
    return [
        nodes.Assign(nodes.Name(name, "store"), kept),
        nodes.If(missing, draw, [], []),
        nodes.Output([nodes.Name(name, "load")]),
    ]


def _checked(place: str, keys: tuple) -> tuple:
    """`keys` as they are, when each is catalogue data (or a tuple of it, or None); TypeError otherwise."""
    for key in keys:
        if not _is_catalogue_data(key):
            raise TypeError(f"{place}: a fixed part is kept per catalogue data, not per {type(key).__name__}")
    return keys


def _split(drawn: Markup) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """The drawn part split at its markers: its static texts, and after each the number of the slot that follows."""
    pieces = str(drawn).split(MARKER)
    return tuple(pieces[0::2]), tuple(int(n) for n in pieces[1::2])


def _filled(parts: tuple[tuple[str, ...], tuple[int, ...]], values: list) -> Markup:
    texts, slots = parts
    if not slots:
        return Markup(texts[0])
    drawn = [texts[0]]
    for text, slot in zip(texts[1:], slots, strict=True):
        drawn += (escape(values[slot]), text)
    return Markup("".join(drawn))


def _is_catalogue_data(value: object) -> bool:
    if isinstance(value, tuple):
        return all(isinstance(v, CATALOGUE_DATA) for v in value)
    return value is None or isinstance(value, CATALOGUE_DATA)
