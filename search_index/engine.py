"""Searching the index: words with synonyms and stemming, combinable filters with counts,
distance, pages, highlighting and spelling suggestions.

A search's words are read as concepts (a vocabulary phrase, or a word that is not filler). Every
concept must match; when no document matches them all, documents matching most of them are
shown instead, those matching more first, and the results say so.

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

from rapidfuzz import process
from rapidfuzz.distance import DamerauLevenshtein
from whoosh import highlight
from whoosh.query import And, Or, Query, Term

from search_index.analysis import (
    FILLER_WORDS,
    SYNONYMS,
    WORDS,
    group_token,
    stems,
    wanted,
    words_of,
)
from search_index.schema import BOOLEAN_FACETS, FACET_FIELDS, SPELLING_FIELDS
from search_index.store import IndexStore

EARTH_RADIUS_MILES = 3958.8
RESULT_CACHE_SIZE = 512
# "Did you mean" looks at this many unknown words at most, each compared with the index's words
# in one pass of compiled code: a bounded cost, whatever is typed.
MOST_WORDS_TO_CORRECT = 4
# Each index version keeps the documents of this many recent terms as bitsets.
TERM_CACHE_SIZE = 1024


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
    # True when no document matched every word and these match most of them.
    partial: bool = False


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
            latitudes = _column(reader, "latitude_e6")
            longitudes = _column(reader, "longitude_e6")
            self.coordinates = {
                docnum: (latitudes[docnum] / 1e6, longitudes[docnum] / 1e6)
                for docnum in _positions(self.all)
                if _is_position(latitudes[docnum], longitudes[docnum])
            }
            titles = _column(reader, "title")
            self.by_title = sorted(_positions(self.all), key=lambda d: titles[d])
        self.results: OrderedDict[tuple, SearchResults] = OrderedDict()
        self._spelling_words: list[str] | None = None
        self._term_bits: OrderedDict[str, int] = OrderedDict()

    def bits_of(self, query: Query) -> int:
        """The documents a concept's query matches, as a bitset; kept for recent queries, as
        the same words come up again and again with different filters and places."""
        key = repr(query)
        bits = self._term_bits.get(key)
        if bits is None:
            bits = _bits(query.matcher(self.searcher).all_ids()) & self.all
            self._term_bits[key] = bits
            if len(self._term_bits) > TERM_CACHE_SIZE:
                self._term_bits.popitem(last=False)
        else:
            self._term_bits.move_to_end(key)
        return bits

    def spelling_words(self) -> list[str]:
        """The whole words of the fields kept for spelling, read once per index version."""
        if self._spelling_words is None:
            reader = self.searcher.reader()
            words: set[str] = set()
            for name in SPELLING_FIELDS:
                field_name = self.index.schema[name].spelling_fieldname(name)
                for term in reader.lexicon(field_name):
                    word = term.decode("utf-8") if isinstance(term, bytes) else term
                    if len(word) > 2 and word.isalpha():
                        words.add(word)
            self._spelling_words = sorted(words)
        return self._spelling_words

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
    parts, highlight_terms = query_parts(request.words)
    concept_bits = [snapshot.bits_of(part) for part in parts]

    # Documents passing each filter group, and near enough if a distance is asked for.
    group_bits = {
        name: _union(snapshot.values.get(name, {}), chosen)
        for name, chosen in request.filters.items()
        if chosen
    }
    if request.near and request.within_miles:
        group_bits["distance"] = _within(snapshot, request.near, request.within_miles)
    passing = snapshot.all
    for bits in group_bits.values():
        passing &= bits

    # Tiers of documents by how many concepts they match, most first.
    tiers = [(len(parts), _all_of(concept_bits, snapshot.all))]
    full_found = bool(tiers[0][1] & passing)
    partial = len(parts) > 1 and not full_found
    if partial:
        tiers = _tiers_matching_most(concept_bits)
    matched = 0
    for _, bits in tiers:
        matched |= bits
    if parts and matched and not (request.sort == "distance" and request.near is not None):
        # Within a tier, documents about the words (HEADLINE_FIELDS) come first.
        about = _all_of([snapshot.bits_of(_on_field(p, "headline")) for p in parts], matched)
        tiers = [
            split for size, bits in tiers for split in ((size, bits & about), (size, bits & ~about))
        ]

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

    allowed_tiers = [(size, bits & passing) for size, bits in tiers]
    total = sum(bits.bit_count() for _, bits in allowed_tiers)
    pages = max(1, math.ceil(total / request.per_page))
    start = (request.page - 1) * request.per_page
    end = start + request.per_page
    distances = {}
    if request.near:
        distances = {
            docnum: miles_between(request.near, snapshot.coordinates[docnum])
            for bits in (bits for _, bits in allowed_tiers)
            for docnum in _positions(bits)
            if docnum in snapshot.coordinates
        }
    page: list[tuple[int, float | None]] = []
    skipped = 0
    for _size, allowed in allowed_tiers:
        count = allowed.bit_count()
        if len(page) == request.per_page or not count:
            continue
        if skipped + count <= start:
            skipped += count
            continue
        first, last = max(0, start - skipped), end - skipped
        skipped += count
        ranked = _ranked(snapshot, request, parts, partial, allowed, matched, distances, last)
        page += ranked[first:last][: request.per_page - len(page)]

    hits = [
        _hit(searcher, docnum, score, distances.get(docnum), highlight_terms)
        for docnum, score in page
    ]
    # Offered only when nothing matched every word, and only if it would find something.
    suggestion = suggest(snapshot, request.words, passing) if parts and not full_found else None
    return SearchResults(total, hits, facets, suggestion, request.page, pages, partial)


def _ranked(snapshot, request, parts, partial, allowed, matched, distances, end) -> list:
    """One tier's first `end` documents in order."""
    if request.sort == "distance" and request.near is not None:
        order = sorted(_positions(allowed), key=lambda d: (distances.get(d, math.inf), d))
        return [(docnum, None) for docnum in order[:end]]
    if not parts:
        return [(d, None) for d in _take(snapshot.by_title, allowed, 0, end)]
    query = Or(parts) if partial else _and(parts)
    # A filter unless the query alone finds exactly these (Or finds those matching fewer).
    only = set(_positions(allowed)) if partial or allowed != matched else None
    scored = snapshot.searcher.search(query, limit=end, filter=only)
    return [(hit.docnum, hit.score) for hit in scored]


def _on_field(query: Query, name: str) -> Query:
    """The same terms looked for in another field."""
    if isinstance(query, Term):
        return Term(name, query.text)
    return And([_on_field(part, name) for part in query.subqueries])


def _and(parts: list[Query]) -> Query:
    return parts[0] if len(parts) == 1 else And(parts)


def _all_of(concept_bits: list[int], everything: int) -> int:
    bits = everything
    for concept in concept_bits:
        bits &= concept
    return bits


def _tiers_matching_most(concept_bits: list[int]) -> list[tuple[int, int]]:
    """Documents matching exactly k of the concepts, for k from all but one down to half."""
    count = len(concept_bits)
    at_least = [-1] + [0] * count  # at_least[k]: documents matching k or more (-1: every bit)
    for bits in concept_bits:
        for k in range(count, 0, -1):
            at_least[k] |= at_least[k - 1] & bits
    fewest = max(1, (count + 1) // 2)
    return [
        (k, at_least[k] & ~at_least[k + 1] if k < count else at_least[k])
        for k in range(count - 1, fewest - 1, -1)
    ]


def query_parts(text: str) -> tuple[list[Query], set[str]]:
    """One query for each concept the words ask for, and the stems to highlight."""
    parts: list[Query] = []
    highlight_stems: set[str] = set()
    for group, words in wanted(words_of(text)):
        if group is not None:
            parts.append(Term("content", group_token(group)))
            for phrase in SYNONYMS[group]:
                highlight_stems.update(stems(phrase))
            continue
        word_stems = stems(words[0])  # empty for stop words, like "the"
        if word_stems:
            parts.append(_and([Term("content", stem) for stem in word_stems]))
        highlight_stems.update(word_stems)
    return parts, highlight_stems


def suggest(snapshot: _Snapshot, text: str, passing: int | None = None) -> str | None:
    """The words with each unknown one replaced by the closest real word in the index, if that
    finds documents (among `passing`, when given) where the words as typed found none.

    Filler words and anything with a digit (a postcode, a house number) are never changed."""
    words = words_of(text)
    searcher = snapshot.searcher
    corrected = []
    budget = MOST_WORDS_TO_CORRECT
    for word in words:
        best = word
        if (
            budget
            and len(word) > 2
            and word.isalpha()
            and word not in FILLER_WORDS
            and not _known(searcher, word)
        ):
            budget -= 1
            best = _closest(snapshot, word) or word
        corrected.append(best)
    if corrected == words:
        return None
    suggestion = " ".join(corrected)
    parts, _ = query_parts(suggestion)
    bits = [snapshot.bits_of(part) for part in parts]
    found = _all_of(bits, snapshot.all if passing is None else passing)
    return suggestion if found else None


def _closest(snapshot: _Snapshot, word: str) -> str | None:
    """The index's word nearest in spelling: one edit away for short words, two for longer;
    ties go to the word in most documents."""
    most = 1 if len(word) < 6 else 2
    found = process.extract(
        word,
        snapshot.spelling_words(),
        scorer=DamerauLevenshtein.distance,
        score_cutoff=most,
        limit=10,
    )
    if not found:
        return None
    fewest = min(distance for _, distance, _ in found)
    nearest = [candidate for candidate, distance, _ in found if distance == fewest]
    return max(
        nearest,
        key=lambda c: (sum(snapshot.searcher.doc_frequency("content", s) for s in stems(c)), c),
    )


def _known(searcher, word: str) -> bool:
    word_stems = stems(word)
    return not word_stems or any(searcher.doc_frequency("content", s) for s in word_stems)


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


def box_around(point: tuple[float, float], miles: float) -> tuple[float, float, float, float]:
    """(south, north, west, east): latitudes and longitudes that hold every point within
    `miles` of `point` by miles_between, so a database can leave out the rest before distances
    are worked out."""
    angle = miles / EARTH_RADIUS_MILES
    lat = math.degrees(angle)
    # The widest a circle on the sphere gets in longitude; near a pole it covers them all.
    spread = math.sin(angle) / max(math.cos(math.radians(point[0])), 1e-9)
    lon = math.degrees(math.asin(spread)) if spread < 1 else 180.0
    return point[0] - lat, point[0] + lat, point[1] - lon, point[1] + lon


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


def _column(reader, name: str) -> list:
    """A column's values by document number, read segment by segment.

    Whoosh's MultiReader.column_reader leaves out segments without the column (one holding
    only advice pages has no map positions) and then reads the documents after them at the
    wrong place, which fails (struct.error). A segment's own reader always answers, with the
    column's default where it has none.
    """
    values = []
    for segment, _offset in reader.leaf_readers():
        values.extend(segment.column_reader(name))
    return values


def _is_position(latitude_e6: int, longitude_e6: int) -> bool:
    """Whether a document has a place on the map: 0, 0 is "none given", and a document without
    the fields (an advice page) reads the column's default, far outside the globe."""
    on_globe = abs(latitude_e6) <= 90_000_000 and abs(longitude_e6) <= 180_000_000
    return on_globe and bool(latitude_e6 or longitude_e6)


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
