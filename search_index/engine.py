"""Searching the index: words with synonyms and stemming, combinable filters with counts,
distance, pages, highlighting and spelling suggestions.

Speed comes from three things. Each filter value's documents are held as a bitset (a Python int,
one bit per document) built once per index version, so filtering and counting are a few integer
operations. Words are matched first without scoring; only the page of results is scored, and only
among documents the filters allow. And results are cached per index version.
"""

import math
import re
import threading
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, field

from whoosh import highlight
from whoosh.query import And, Query, Term

from search_index.analysis import SYNONYMS, WORDS, concepts, group_token, stems, words_of
from search_index.schema import BOOLEAN_FACETS, FACET_FIELDS, SPELLING_FIELDS
from search_index.store import IndexStore

EARTH_RADIUS_MILES = 3958.8
RESULT_CACHE_SIZE = 512


@dataclass(frozen=True)
class SearchRequest:
    words: str = ""
    # Filter group -> chosen values; within a group any value matches, groups all apply.
    filters: Mapping[str, frozenset[str]] = field(default_factory=dict)
    near: tuple[float, float] | None = None
    within_miles: float | None = None
    sort: str = "relevance"  # or "distance"
    page: int = 1
    per_page: int = 20

    def cache_key(self) -> tuple:
        return (
            self.words.strip().lower(),
            tuple(sorted((k, tuple(sorted(v))) for k, v in self.filters.items() if v)),
            self.near,
            self.within_miles,
            self.sort,
            self.page,
            self.per_page,
        )


@dataclass(frozen=True)
class Hit:
    id: str
    fields: dict
    score: float | None
    miles: float | None
    summary_html: str


@dataclass(frozen=True)
class SearchResults:
    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]
    suggestion: str | None
    page: int
    pages: int


class _Snapshot:
    """One version of the index, opened once: its searcher and its filter bitsets."""

    def __init__(self, store: IndexStore):
        self.index = store.open()
        self.searcher = self.index.searcher()
        self.lock = threading.Lock()
        reader = self.searcher.reader()
        self.all = _bits(reader.all_doc_ids())
        self.values: dict[str, dict[str, int]] = {}
        for name in FACET_FIELDS:
            field_type = self.index.schema[name]
            by_value = {}
            for term in reader.lexicon(name):
                if name in BOOLEAN_FACETS:
                    value = "yes" if term == b"t" else "no"
                else:
                    value = field_type.from_bytes(term)
                docs = _bits(reader.postings(name, term).all_ids()) & self.all
                if docs:
                    by_value[value] = docs
            self.values[name] = by_value
        self.coordinates: dict[int, tuple[float, float]] = {}
        self.by_title: list[int] = []
        if self.all:  # an empty index has no columns to read
            latitudes = reader.column_reader("latitude_e6")
            longitudes = reader.column_reader("longitude_e6")
            self.coordinates = {
                docnum: (latitudes[docnum] / 1e6, longitudes[docnum] / 1e6)
                for docnum in _positions(self.all)
                if latitudes[docnum] or longitudes[docnum]
            }
            titles = reader.column_reader("title")
            self.by_title = sorted(_positions(self.all), key=lambda d: titles[d])
        self.results: OrderedDict[tuple, SearchResults] = OrderedDict()

    def is_current(self, store: IndexStore) -> bool:
        return self.index.storage.folder == str(store.current.resolve()) and (
            self.searcher.up_to_date()
        )

    def close(self) -> None:
        self.searcher.close()


class SearchEngine:
    """Searches one IndexStore; safe to share between threads."""

    def __init__(self, store: IndexStore):
        self.store = store
        self._snapshot: _Snapshot | None = None
        self._lock = threading.Lock()

    def snapshot(self) -> _Snapshot:
        with self._lock:
            current = self._snapshot
            if current is None or not current.is_current(self.store):
                self._snapshot = _Snapshot(self.store)
                if current is not None:
                    current.close()
            return self._snapshot

    def search(self, request: SearchRequest) -> SearchResults:
        snapshot = self.snapshot()
        key = request.cache_key()
        with snapshot.lock:
            cached = snapshot.results.get(key)
            if cached is not None:
                snapshot.results.move_to_end(key)
                return cached
            results = _search(snapshot, request)
            snapshot.results[key] = results
            if len(snapshot.results) > RESULT_CACHE_SIZE:
                snapshot.results.popitem(last=False)
            return results


def _search(snapshot: _Snapshot, request: SearchRequest) -> SearchResults:
    searcher = snapshot.searcher
    query, highlight_terms = build_query(request.words)
    matched = snapshot.all if query is None else _bits(query.matcher(searcher).all_ids())
    matched &= snapshot.all

    # Documents passing each filter group, and near enough if a distance is asked for.
    group_bits = {
        name: _union(snapshot.values.get(name, {}), chosen)
        for name, chosen in request.filters.items()
        if chosen
    }
    if request.near and request.within_miles:
        group_bits["distance"] = _within(snapshot, request.near, request.within_miles)
    allowed = matched
    for bits in group_bits.values():
        allowed &= bits

    facets = {}
    for name in FACET_FIELDS:
        # A group's counts ignore its own choices, so other values show what choosing them adds.
        base = matched
        for other, bits in group_bits.items():
            if other != name:
                base &= bits
        facets[name] = {
            value: count
            for value, docs in snapshot.values.get(name, {}).items()
            if (count := (docs & base).bit_count())
        }

    total = allowed.bit_count()
    pages = max(1, math.ceil(total / request.per_page))
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    distances = {}
    if request.near:
        distances = {
            docnum: miles_between(request.near, snapshot.coordinates[docnum])
            for docnum in _positions(allowed)
            if docnum in snapshot.coordinates
        }
    if request.sort == "distance" and request.near:
        order = sorted(_positions(allowed), key=lambda d: (distances.get(d, math.inf), d))
        page = [(docnum, None) for docnum in order[start:end]]
    elif query is None:
        page = [(d, None) for d in _take(snapshot.by_title, allowed, start, end)]
    else:
        only = set(_positions(allowed)) if allowed != matched else None
        scored = searcher.search(query, limit=end, filter=only)
        page = [(hit.docnum, hit.score) for hit in scored[start:end]]

    hits = [
        _hit(searcher, docnum, score, distances.get(docnum), highlight_terms)
        for docnum, score in page
    ]
    suggestion = None
    if query is not None and total == 0:
        suggestion = suggest(searcher, request.words)
    return SearchResults(total, hits, facets, suggestion, request.page, pages)


def build_query(text: str) -> tuple[Query | None, set[str]]:
    """All the words must match; a word or phrase with synonyms matches any of them.
    Returns the query and the stems to highlight."""
    parts: list[Query] = []
    highlight_stems: set[str] = set()
    for group, words in concepts(words_of(text)):
        if group is not None:
            parts.append(Term("content", group_token(group)))
            for phrase in SYNONYMS[group]:
                highlight_stems.update(stems(phrase))
            continue
        word_stems = stems(words[0])  # empty for stop words, like "the"
        parts += [Term("content", stem) for stem in word_stems]
        highlight_stems.update(word_stems)
    if not parts:
        return None, set()
    return (parts[0] if len(parts) == 1 else And(parts)), highlight_stems


def suggest(searcher, text: str) -> str | None:
    """The words with each unknown one replaced by the closest known word, or None."""
    words = words_of(text)
    changed = False
    corrected = []
    for word in words:
        best = word
        if not _known(searcher, word):
            for name in SPELLING_FIELDS:
                found = searcher.corrector(name).suggest(word, limit=1)
                if found:
                    best = found[0]
                    changed = True
                    break
        corrected.append(best)
    return " ".join(corrected) if changed else None


def _known(searcher, word: str) -> bool:
    stems = [token.text for token in WORDS(word)]
    return not stems or any(searcher.doc_frequency("content", stem) for stem in stems)


_FORMATTER = highlight.HtmlFormatter(tagname="mark", classname="dcg-match", between=" ")


def _hit(searcher, docnum: int, score, miles, terms: set[str]) -> Hit:
    stored = searcher.stored_fields(docnum)
    summary = stored.get("summary", "")
    summary_html = (
        highlight.highlight(summary, terms, WORDS, highlight.WholeFragmenter(), _FORMATTER)
        if terms
        else ""
    ) or highlight.htmlescape(summary)
    return Hit(stored["id"], stored, score, miles, summary_html)


def _within(snapshot: _Snapshot, near: tuple[float, float], miles: float) -> int:
    return _bits(
        docnum
        for docnum, point in snapshot.coordinates.items()
        if miles_between(near, point) <= miles
    )


def miles_between(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance in miles between two (latitude, longitude) points (haversine)."""
    lat1, lat2 = math.radians(a[0]), math.radians(b[0])
    dlat, dlon = lat2 - lat1, math.radians(b[1] - a[1])
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def _take(order: list[int], allowed: int, start: int, end: int) -> list[int]:
    wanted = set(_positions(allowed))
    taken = []
    seen = 0
    for docnum in order:
        if docnum in wanted:
            if seen >= start:
                taken.append(docnum)
                if len(taken) == end - start:
                    break
            seen += 1
    return taken


def _union(by_value: dict[str, int], chosen: frozenset[str]) -> int:
    bits = 0
    for value in chosen:
        bits |= by_value.get(value, 0)
    return bits


def _bits(docnums) -> int:
    """A set of document numbers as one integer, bit n set for document n."""
    positions = bytearray()
    for docnum in docnums:
        if docnum >= len(positions) * 8:
            positions.extend(bytes(docnum // 8 + 1 - len(positions)))
        positions[docnum // 8] |= 1 << (docnum % 8)
    return int.from_bytes(positions, "little")


def _positions(bits: int) -> list[int]:
    """The document numbers in a bitset, in order."""
    text = bin(bits)[:1:-1]  # least significant bit first
    return [match.start() for match in re.finditer("1", text)]
