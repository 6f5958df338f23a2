"""Tailoring: the catalogue's municipal words as another kind of organisation says them.

An edition's `Terminology` per organisation type (catalogue data: agreements/<edition>/terminology.yaml,
reasons in docs/terminology.md) is a list of replacements. `Tailor` applies one table to a text:

- whole words only: a line never matches inside a longer word or a compound ("intergemeentelijk",
  "OCMW-voorzitter", "schepen(en)" and a slug such as "mandatarissen-in-gemeentelijke-kanalen"
  stay whole);
- the longest phrase first, so "het college van burgemeester en schepenen" is replaced as one
  phrase before "burgemeester" or "schepenen" could be;
- inflection by listing each form ("gemeentelijk" and "gemeentelijke" are lines of their own),
  articles by listing the phrase with its article ("het college" → "de deputatie");
- case: a line written in lower case also matches with a capital first letter (a sentence or a
  title that starts with it), and the replacement then starts with a capital too;
- `keep` phrases stay as they are, even where a shorter line would change them.

`tailored_text()` is the one function that decides what a catalogue text says in a note: the
section page, the review page and the Word document all go through it. With `marked`, every
replaced stretch is wrapped in MARK…END (private-use characters), which the wizard's HTML turns
into <mark>; the document asks without marks. What a user wrote themselves never goes through here.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from .. import caches
from .catalogue import Agreement, Block, Catalogue, Replacement, Terminology
from .tailored import END, MARK, ChangedSentence, compared, marked_change, sentences
from .text import clean, to_editable

_BEFORE = r"(?<![\w-])"
_AFTER = r"(?![\w-]|[(’']\w)"  # not glued to a word, a "-" compound, "(en)" or "'s"
_SPACE = re.compile(r"[ \u00a0]+")
MAX_LINES = 300  # replacements and kept phrases in one table; the 2024 tables have at most ~40
MAX_WORDS = 120  # characters on either side of a replacement, or in a kept phrase


@dataclass(frozen=True)
class Replaced:
    """A stretch of text that tailoring changed: what the catalogue says, and what the note says."""

    original: str
    text: str


def _pattern(find: str) -> str:
    first, rest = find[0], find[1:]
    head = f"[{re.escape(first)}{re.escape(first.upper())}]" if first.islower() else re.escape(first)
    return head + "[ \u00a0]+".join(re.escape(word) for word in rest.split(" "))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class Tailor:
    """One terminology table, compiled: the texts of a note as that kind of organisation says them."""

    def __init__(self, terms: Terminology):
        self.terms = terms
        found: dict[str, str | None] = {r.find: r.replace for r in terms.replacements if r.find}
        found.update({phrase: None for phrase in terms.keep if phrase})
        self._finds = sorted(found, key=lambda f: (-len(f), f))
        self._targets = [found[f] for f in self._finds]
        alternatives = "|".join(f"(?P<t{i}>{_pattern(f)})" for i, f in enumerate(self._finds))
        self._regex = re.compile(f"{_BEFORE}(?:{alternatives}){_AFTER}") if self._finds else None

    def segments(self, text: str) -> tuple[str | Replaced, ...]:
        """The text in pieces: plain text, and a `Replaced` for every stretch the table changes."""
        if self._regex is None or not text:
            return (text,) if text else ()
        pieces: list[str | Replaced] = []
        at = 0
        for match in self._regex.finditer(text):
            line = int(match.lastgroup[1:])
            target = self._targets[line]
            if target is None:  # a phrase that stays
                continue
            found = match.group(0)
            if found[0].isupper() and not self._finds[line][0].isupper():
                target = _capitalised(target)
            if match.start() > at:
                pieces.append(text[at : match.start()])
            pieces.append(Replaced(_SPACE.sub(" ", found), target))
            at = match.end()
        if at < len(text):
            pieces.append(text[at:])
        return tuple(pieces)

    def text(self, text: str, marked: bool = False) -> str:
        """The text as the note says it; `marked` wraps each replaced stretch in MARK…END."""
        if marked:
            return "".join(p if isinstance(p, str) else f"{MARK}{p.text}{END}" for p in self.segments(text))
        return "".join(p if isinstance(p, str) else p.text for p in self.segments(text))

    def changes(self, text: str) -> bool:
        """True when the table changes anything in the text."""
        return any(isinstance(p, Replaced) for p in self.segments(text))

    def written(self, agreement: Agreement, variant: str, original: str, marked: bool = False) -> str | None:
        """The curators' wording of the agreement (and variant) for this kind, as a text box holds it; None
        without one. `original` is the catalogue's wording as a text box holds it: what `marked` compares with."""
        found = self.terms.text_for(agreement.id, variant)
        if found is None:
            return None
        said = clean(to_editable(found.text, found.items or tuple(self.text(i) for i in agreement.items)))
        return marked_change(original, said) if marked else said

    def agreement(self, agreement: Agreement, marked: bool = False) -> Agreement:
        """The agreement with every text as this kind says it: the curators' wordings where there are, else the
        table's (its notes too: a section page shows them)."""

        def said(texts: tuple[str, ...]) -> tuple[str, ...]:
            return tuple(self.text(t, marked) for t in texts)

        def wording(label: str, catalogue: tuple[str, ...]) -> tuple[str, ...]:
            found = self.terms.text_for(agreement.id, label)
            return said(catalogue) if found is None else compared(catalogue, found.text, marked)

        own = self.terms.text_for(agreement.id)
        items = compared(agreement.items, own.items, marked) if own is not None and own.items else None
        return dataclasses.replace(
            agreement,
            text=wording("", agreement.text),
            items=said(agreement.items) if items is None else items,
            notes=said(agreement.notes),
            variants=tuple(dataclasses.replace(v, text=wording(v.label, v.text)) for v in agreement.variants),
        )

    def has_texts(self, agreement_id: str) -> bool:
        """True when curators wrote a wording of this agreement for this kind."""
        return any(t.agreement == agreement_id for t in self.terms.texts)

    def block(self, block: Block, marked: bool = False) -> Block:
        """A block with its words tailored (tips too: the wizard shows them)."""
        return Block(
            text=self.text(block.text, marked),
            heading=self.text(block.heading, marked),
            items=tuple(self.text(i, marked) for i in block.items),
            tip=self.text(block.tip, marked),
        )


def tailor_for(catalogue: Catalogue, organisation: str) -> Tailor | None:
    """The compiled table of the edition for this kind of organisation (kept per table), or None without one."""
    terms = catalogue.terminology_for(organisation)
    if terms is None or not terms.replacements:
        return None
    return caches.tailors.get(terms, lambda: Tailor(terms))


def tailored_text(tailor: Tailor | None, text: str, marked: bool = False) -> str:
    """A catalogue text as the note says it: tailored by the table, unchanged without one."""
    return tailor.text(text, marked) if tailor is not None else text


def tailored_blocks(tailor: Tailor | None, blocks: tuple[Block, ...], marked: bool = False) -> tuple[Block, ...]:
    """Chapter blocks as the note says them."""
    return blocks if tailor is None else tuple(tailor.block(b, marked) for b in blocks)


def unmarked(text: str) -> str:
    """A marked text without its marks: what the document says."""
    return text.replace(MARK, "").replace(END, "")


@dataclass(frozen=True)
class TableProblem:
    """A line of a table that cannot apply as written: where, which kind of problem, and the words concerned."""

    where: str  # "replacements[3]", "replacements[3].find", "keep[0]"
    kind: str  # incomplete, spaces, duplicate (of line `other`), same, kept, too_many, too_long
    words: str = ""
    other: int = 0  # the line number (from 1) a duplicate repeats

    @property
    def message(self) -> str:
        """In English, for `catalogue check`."""
        return {
            "incomplete": "needs both find and replace",
            "spaces": "has spaces at its ends or two in a row",
            "duplicate": f"'{self.words}' is also line {self.other}",
            "same": "is the same as find: list it under keep",
            "kept": f"'{self.words}' is also a replacement",
            "too_many": f"has more than {MAX_LINES} lines",
            "too_long": f"is longer than {MAX_WORDS} characters",
        }[self.kind]


def table_problems(terms: Terminology) -> list[TableProblem]:
    """What `catalogue check` and the curators' page say about one table: the lines that cannot apply as written."""
    problems: list[TableProblem] = []
    if len(terms.replacements) + len(terms.keep) > MAX_LINES:
        problems.append(TableProblem("replacements", "too_many"))
    seen: dict[str, int] = {}
    for i, line in enumerate(terms.replacements):
        if max(len(line.find), len(line.replace)) > MAX_WORDS:
            problems.append(TableProblem(f"replacements[{i}]", "too_long", line.find[:MAX_WORDS]))
        if not line.find.strip() or not line.replace.strip():
            problems.append(TableProblem(f"replacements[{i}]", "incomplete"))
            continue
        if line.find != " ".join(line.find.split()):
            problems.append(TableProblem(f"replacements[{i}].find", "spaces", line.find))
        key = line.find[:1].lower() + line.find[1:]
        if key in seen:
            problems.append(TableProblem(f"replacements[{i}].find", "duplicate", line.find, seen[key] + 1))
        seen.setdefault(key, i)
        if line.find == line.replace:
            problems.append(TableProblem(f"replacements[{i}].replace", "same", line.find))
    for j, phrase in enumerate(terms.keep):
        if len(phrase) > MAX_WORDS:
            problems.append(TableProblem(f"keep[{j}]", "too_long", phrase[:MAX_WORDS]))
        if phrase[:1].lower() + phrase[1:] in seen:
            problems.append(TableProblem(f"keep[{j}]", "kept", phrase))
    return problems


# ---------------------------------------------------------------- every text a note can hold


def edition_texts(catalogue: Catalogue):
    """Every catalogue text that tailoring applies to, as (where, text): what a note can hold or a page show."""
    for chapter in catalogue.chapters:
        yield chapter.title, chapter.title
        for block in chapter.body:
            for text in (block.text, block.heading, block.tip, *block.items):
                if text:
                    yield chapter.title, text
    for section in catalogue.sections:
        where = f"{section.number} {section.title}"
        yield where, section.title
        yield from ((where, p) for p in section.intro)
        for a in section.agreements:
            here = f"{section.number}, afspraak {a.number}"
            texts = (a.subheading, *a.text, *a.items, *a.notes, *(p for v in a.variants for p in v.text))
            yield from ((here, t) for t in texts if t)


def changed_sentences(catalogue: Catalogue, tailor: Tailor) -> list[ChangedSentence]:
    """Every sentence of the edition that this kind's tailoring changes, in catalogue order, for curators to check:
    each sentence a table line changes, and each wording curators wrote for the kind (whole)."""
    found: list[ChangedSentence] = []
    done: set[str] = set()
    for section in catalogue.sections:
        for a in section.agreements:
            for v in ("", *(x.label for x in a.variants)):
                written = tailor.terms.text_for(a.id, v)
                if written is None:
                    continue
                where = f"{section.number}, afspraak {a.number}" + (f", {v.lower()}" if v else "")
                original = "\n\n".join(a.wording(v))
                found.append(ChangedSentence(where, original, marked_change(original, "\n\n".join(written.text)), True))
                done.update(a.wording(v))
    for where, text in edition_texts(catalogue):
        if text in done:
            continue
        for sentence in sentences(text):
            if tailor.changes(sentence):
                found.append(ChangedSentence(where, sentence, tailor.text(sentence, marked=True), False))
    return found


# ---------------------------------------------------------------- what curators edit

_ARROW = re.compile(r"\s*(?:→|->|=>)\s*")


def table_lines(terms: Terminology | None) -> str:
    """A table's replacements as the curators' text box shows them: one "old → new" a line."""
    return "\n".join(f"{r.find} → {r.replace}" for r in terms.replacements) if terms else ""


def replacement_key(line: str) -> str:
    """What a line of the curators' text box is about: the words it replaces, as a table compares them."""
    find = _ARROW.split(line.strip(), maxsplit=1)[0]
    find = " ".join(find.split())
    return find[:1].lower() + find[1:]


def read_table(organisation: str, lines: str, keep: str) -> tuple[Terminology, list[tuple[int, str]], list[int]]:
    """A table from the curators' two text boxes; (line number, line) for each line without "old → new";
    and the box's line number of each replacement (lines count from 1, blank ones too)."""
    found: list[Replacement] = []
    wrong: list[tuple[int, str]] = []
    numbers: list[int] = []
    for number, line in enumerate(lines.splitlines(), start=1):
        parts = _ARROW.split(line.strip(), maxsplit=1)
        if not line.strip():
            continue
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            wrong.append((number, line.strip()))
            continue
        found.append(Replacement(find=" ".join(parts[0].split()), replace=" ".join(parts[1].split())))
        numbers.append(number)
    kept = tuple(" ".join(p.split()) for p in keep.splitlines() if p.strip())
    return Terminology(organisation=organisation, replacements=tuple(found), keep=kept), wrong, numbers


def with_terminology(catalogue: Catalogue, terms: Terminology) -> Catalogue:
    """The catalogue with this table for its kind (in place of the old one; an empty table removes it)."""
    tables = [t for t in catalogue.edition.terminology if t.organisation != terms.organisation]
    if terms.replacements or terms.keep:
        tables.append(terms)
    order = {t.organisation: i for i, t in enumerate(catalogue.edition.terminology)}
    tables.sort(key=lambda t: order.get(t.organisation, len(order)))
    return dataclasses.replace(catalogue, edition=dataclasses.replace(catalogue.edition, terminology=tuple(tables)))


def replacement_count(catalogue: Catalogue, terms: Terminology) -> int:
    """How many stretches of the edition's texts the table changes."""
    tailor = Tailor(terms)
    return sum(sum(isinstance(p, Replaced) for p in tailor.segments(t)) for _where, t in edition_texts(catalogue))


def _key(words: str) -> str:
    return words[:1].lower() + words[1:]


def applied(catalogue: Catalogue, terms: Terminology) -> set[str]:
    """The lines of a table (by the words they replace, first letter lower case) that change a text of the edition."""
    tailor = Tailor(terms)
    found: set[str] = set()
    for _where, text in edition_texts(catalogue):
        found.update(_key(p.original) for p in tailor.segments(text) if isinstance(p, Replaced))
    return found


def unused_lines(catalogue: Catalogue, terms: Terminology, previous: Catalogue | None = None) -> list[tuple[str, bool]]:
    """Lines that change nothing in the edition, each with whether it did in `previous` (a text they fitted went).

    A line that changed nothing before either is left alone when it was in the previous table too (a
    safety net for forms the catalogue does not use yet); a new one that changes nothing is likely a typo.
    """
    used = applied(catalogue, terms)
    before = previous.terminology_for(terms.organisation) if previous else None
    used_before = applied(previous, before) if previous and before else set()
    had = {_key(r.find) for r in before.replacements} if before else set()
    found = []
    for line in terms.replacements:
        key = _key(line.find)
        if key not in used and (key in used_before or key not in had):
            found.append((f"{line.find} → {line.replace}", key in used_before))
    return found
