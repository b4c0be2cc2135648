"""The same directory, queries and facet counts in SQLite FTS5, for comparison with Whoosh."""

import sqlite3
from collections.abc import Iterable, Mapping

from search_index.analysis import SYNONYMS, concepts, words_of

MULTI_VALUED = ("help_types", "funding")
SINGLE_VALUED = ("kind", "area", "registered", "dementia_friendly", "wheelchair_accessible")


class Fts5Directory:
    def __init__(self, documents: Iterable[Mapping]):
        self.db = sqlite3.connect(":memory:")
        self.db.executescript(
            """
            CREATE VIRTUAL TABLE fts USING fts5(
                title, summary, topics, body, place, tokenize='porter unicode61');
            CREATE TABLE doc (rowid INTEGER PRIMARY KEY, kind TEXT, area TEXT, registered TEXT,
                dementia_friendly TEXT, wheelchair_accessible TEXT, title TEXT);
            CREATE TABLE doc_value (rowid INTEGER, facet TEXT, value TEXT);
            CREATE INDEX doc_value_facet ON doc_value (facet, value, rowid);
            """
        )
        for rowid, document in enumerate(documents, start=1):
            self.db.execute(
                "INSERT INTO fts (rowid, title, summary, topics, body, place) VALUES (?,?,?,?,?,?)",
                (
                    rowid,
                    *(document.get(f, "") for f in ("title", "summary", "topics", "body", "place")),
                ),
            )
            flags = [_flag(document.get(name)) for name in SINGLE_VALUED[2:]]
            self.db.execute(
                "INSERT INTO doc VALUES (?,?,?,?,?,?,?)",
                (rowid, document["kind"], document["area"], *flags, document["title"]),
            )
            for facet in MULTI_VALUED:
                for value in filter(None, document.get(facet, "").split(",")):
                    self.db.execute("INSERT INTO doc_value VALUES (?,?,?)", (rowid, facet, value))
        self.db.commit()

    def search(
        self,
        words: str,
        filters: Mapping[str, frozenset[str]],
        per_page: int = 20,
        counts: bool = True,
    ):
        match = _match(words)
        base = "SELECT rowid FROM fts WHERE fts MATCH ?" if match else "SELECT rowid FROM doc"
        params: list = [match] if match else []
        conditions = {name: _condition(name, values) for name, values in filters.items() if values}
        where = " AND ".join(sql for sql, _ in conditions.values()) or "1"
        filter_params = [p for _, ps in conditions.values() for p in ps]
        page = self.db.execute(
            (
                "SELECT fts.rowid FROM fts JOIN doc ON doc.rowid = fts.rowid WHERE fts MATCH ? "
                f"AND {where} ORDER BY rank LIMIT ?"
            )
            if match
            else f"SELECT rowid FROM doc WHERE {where} ORDER BY title LIMIT ?",
            [*params, *filter_params, per_page],
        ).fetchall()
        total = self.db.execute(
            f"SELECT count(*) FROM doc WHERE rowid IN ({base}) AND {where}",
            [*params, *filter_params],
        ).fetchone()[0]
        facets = {}
        for name in (*SINGLE_VALUED, *MULTI_VALUED) if counts else ():
            others = [(sql, ps) for other, (sql, ps) in conditions.items() if other != name]
            other_where = " AND ".join(sql for sql, _ in others) or "1"
            other_params = [p for _, ps in others for p in ps]
            if name in MULTI_VALUED:
                sql = (
                    "SELECT value, count(*) FROM doc_value JOIN doc ON doc.rowid = doc_value.rowid "
                    f"WHERE facet = ? AND doc.rowid IN ({base}) AND {other_where} GROUP BY value"
                )
                rows = self.db.execute(sql, [name, *params, *other_params])
            else:
                sql = (
                    f"SELECT {name}, count(*) FROM doc WHERE rowid IN ({base}) AND {other_where} "
                    f"GROUP BY {name}"
                )
                rows = self.db.execute(sql, [*params, *other_params])
            facets[name] = dict(rows.fetchall())
        return total, page, facets


def _flag(value) -> str | None:
    return None if value is None else ("yes" if value else "no")


def _condition(name: str, values: frozenset[str]) -> tuple[str, list]:
    marks = ",".join("?" * len(values))
    if name in MULTI_VALUED:
        return (
            f"doc.rowid IN (SELECT rowid FROM doc_value WHERE facet = ? AND value IN ({marks}))",
            [name, *values],
        )
    return f"doc.{name} IN ({marks})", list(values)


def _match(text: str) -> str:
    """The engine's words and synonyms as an FTS5 query: each concept's alternatives ORed,
    concepts ANDed, every word quoted so nothing typed is read as syntax."""
    parts = []
    for group, words in concepts(words_of(text)):
        phrases = SYNONYMS[group] if group is not None else [words[0]]
        parts.append("(" + " OR ".join(f'"{phrase}"' for phrase in phrases) + ")")
    return " AND ".join(parts)
