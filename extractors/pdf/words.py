"""Characters and words of PDF text: ligatures, odd spaces and pdfium's hyphen marks fixed,
and words split at a line end joined again (or their real hyphen kept)."""
from __future__ import annotations

import re
from typing import Iterable

LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi",
             "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
HYPHEN_MARKS = "\ufffe\x02"          # pdfium's marks for a hyphen that ends a line
# ligatures to letters, odd spaces to spaces, pdfium's hyphen marks and soft hyphens to '-'
_FIXES = {**LIGATURES, "\xa0": " ", "\u200b": "", "\ufeff": "", "\u2010": "-", "\u2011": "-",
          "\t": " ", **dict.fromkeys(HYPHEN_MARKS + "\u00ad", "-")}
_ODD_CHAR = re.compile("[" + "".join(re.escape(ch) for ch in _FIXES) + "]")

COMMON_WORDS = frozenset("""
a about after all also an and any are as at based be been being best both but by can
case cases chief control crime crimes data decision decisions down end every for force
forces from full good has have high how in into is it its joined led level line long
low make making making member more most much national new non not of off on one or
other out over part people police policing post pre process public record recorded
recording report risk safe self set so some such term than that the their them then
there these they this those three time to two under up use well what when where which
who will with within work year years
""".split())
SUFFIX_FRAGMENTS = frozenset("""
tion tions sion sions ment ments ing ings ed er ers est ly ness ity ities ance ances ence
ences able ably ible ibly al ally ive ives ous ise ised ises ising ize ized izes izing
ate ated ates ating ation ations ure ures ful fully less ship ships ism ist ists ant ants
ent ents ial ially ic ics ical ically ary ory ery age ages ward wards ee ees
""".split())


# ---------------------------------------------------------------- character fixes

def fix_chars(text: str) -> str:
    """Ligatures to letters, odd spaces to spaces, pdfium hyphen marks to '-' (one regex
    scan: ``str.translate`` with a table of non-ASCII keys took ~20 us a line)."""
    return _ODD_CHAR.sub(_fix, text)


def _fix(m: re.Match[str]) -> str:
    return _FIXES[m.group()]


def printed_lines(page_text: str) -> list[str]:
    """Split pdfium text into printed lines (a hyphen mark also ends a line)."""
    text = page_text.replace("\r\n", "\n").replace("\r", "\n")
    for mark in HYPHEN_MARKS + "\u00ad":
        text = text.replace(mark, "-\n")
    return [" ".join(fix_chars(line).split()) for line in text.split("\n")]


# ---------------------------------------------------------------- hyphenation

_WORD = re.compile(r"[A-Za-z]+(?:['\u2019][A-Za-z]+)?")
_COMPOUND = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)+")
_SPLIT_LEFT = re.compile(r"([A-Za-z]+)-$")
_SPLIT_RIGHT = re.compile(r"^([A-Za-z]+)")
_SPLIT_WORD = re.compile(r"(?<![a-z])[a-z]+-\n\W*[a-z]+")   # from a word start: no re-reading


class Vocabulary:
    """Words and hyphenated compounds the document prints away from line ends.

    Built on first use from the lines it was given, so a document with no word split
    at a line end never pays for it."""

    def __init__(self, lines: Iterable[str] = ()) -> None:
        self._lines: Iterable[str] | None = lines
        self._words: set[str] = set()
        self._compounds: set[str] = set()

    @classmethod
    def from_lines(cls, lines: Iterable[str]) -> "Vocabulary":
        return cls(lines)

    @property
    def words(self) -> set[str]:
        self._build()
        return self._words

    @property
    def compounds(self) -> set[str]:
        self._build()
        return self._compounds

    def _build(self) -> None:
        """Read in chunks of lines, so that memory holds the vocabulary, not every word."""
        if self._lines is None:
            return
        lines, self._lines = self._lines, None
        chunk: list[str] = []
        for line in lines:
            chunk.append(line)
            if len(chunk) >= 400 and not line.endswith("-"):
                self._read("\n".join(chunk))
                chunk = []
        self._read("\n".join(chunk))

    def _read(self, text: str) -> None:
        """Words and compounds of ``text``, read from each distinct whitespace-separated
        token (neither pattern spans a space), so a long report's repeated words cost
        one set insertion each, not one regex match."""
        text = drop_split_words(text.lower())   # both halves of split words
        for token in set(text.split()):
            self._words.update(_WORD.findall(token))
            if "-" in token:
                self._compounds.update(_COMPOUND.findall(token))

    def is_word(self, word: str) -> bool:
        w = word.lower()
        return w in self.words or w in COMMON_WORDS


def drop_split_words(text: str) -> str:
    """``_SPLIT_WORD.sub(" ", text)``, tried only where a match can start: at the run of
    lower-case letters before each line-end hyphen (trying every position cost 6 ms of
    a 100-page report's 250,000 characters)."""
    out, done = [], 0
    hyphen = text.find("-\n")
    while hyphen >= 0:
        start = hyphen
        while start > done and text[start - 1] in _LOWER:
            start -= 1
        found = _SPLIT_WORD.match(text, start) if start < hyphen else None
        if found:
            out += (text[done:start], " ")
            done = found.end()
        hyphen = text.find("-\n", max(hyphen + 2, done))
    return "".join(out) + text[done:] if out else text


_LOWER = frozenset("abcdefghijklmnopqrstuvwxyz")


def join_hyphenated(left: str, right: str, vocab: Vocabulary) -> str:
    """Join two lines where ``left`` ends with a hyphen: split word or real hyphen?

    Heuristic, in order: the next line starting with a capital keeps the hyphen
    ("non-Home Office"); a compound the document prints elsewhere on one line keeps it
    ("crime-recording"); a joined word the document prints elsewhere is joined
    ("recommendation"); a second half that is a common suffix ("-tion", "-ment",
    "-ing") is joined; two halves that are both words keep the hyphen
    ("decision-making"); anything else (fragments such as "recom" + "mendation") joins.
    """
    m_left, m_right = _split_left(left), _SPLIT_RIGHT.match(right)
    if not (m_left and m_right):
        return f"{left}{right}" if left.endswith("-") and not left.endswith(" -") \
            and right[:1].isdigit() else f"{left} {right}"
    a, b = m_left.group(1), m_right.group(1)
    keep = f"{left}{right}"
    join = f"{left[:-1]}{right}"
    if b[0].isupper():
        return keep
    if f"{a}-{b}".lower() in vocab.compounds:
        return keep
    if f"{a}{b}".lower() in vocab.words:
        return join
    if b.lower() in SUFFIX_FRAGMENTS:
        return join
    if len(a) > 1 and len(b) > 1 and vocab.is_word(a) and vocab.is_word(b):
        return keep
    return join


def _split_left(left: str) -> re.Match[str] | None:
    """``_SPLIT_LEFT.search(left)``, started where it can first match: at the letters before
    the closing hyphen (a search from the start of a long paragraph re-read every word)."""
    core = left[:-1] if left.endswith("-") else left[:-2] if left.endswith("-\n") else None
    return None if core is None else _SPLIT_LEFT.search(left, len(core.rstrip(_LETTERS)))


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def join_lines(lines: list[str], vocab: Vocabulary) -> str:
    """Unwrap printed lines into one paragraph string with single spaces."""
    text = ""
    for line in lines:
        line = line.strip()
        if not line:
            continue
        if not text:
            text = line
        elif text.endswith("-") and not text.endswith(" -"):
            text = join_hyphenated(text, line, vocab)
        else:
            text = f"{text} {line}"
    return " ".join(text.split())


FINDING_WORDS = ("recommend", "improvement", "concern", "argymh", "i'w gwella", "i\u2019w gwella",
                 "pryder")


def names_findings(text: str) -> bool:
    """True when the text uses a word that findings are headed by (any case)."""
    low = text.lower()
    return any(word in low for word in FINDING_WORDS)


def line_segments(text: str) -> Iterable[tuple[int, str]]:
    """(text index, printed line) pairs; a pdfium hyphen mark ends its line with '-'."""
    pos = 0
    for line in re.split(r"(\r\n|\r|\n)", text):
        if line in ("\r\n", "\r", "\n"):
            pos += len(line)
            continue
        start = 0
        if "\ufffe" in line or "\x02" in line:
            for i, ch in enumerate(line):
                if ch in HYPHEN_MARKS:
                    yield pos + start, line[start:i] + "-"
                    start = i + 1
        if line[start:].strip():
            yield pos + start, line[start:]
        pos += len(line)


def last_index(text: str, test) -> int | None:
    return next((i for i in range(len(text) - 1, -1, -1) if test(text[i])), None)
