"""The resource directory as arrays in this process, for search and facet counts.

A search used to score and count in SQL over every index row of its terms and every facet link
of its result set: seconds at 100,000 resources (docs/benchmarks.md). Here the directory's
services, facet links, places and schedules are loaded once per process and per directory
version into numpy arrays (one position per service, in the database's `ORDER BY name, id`),
and each term's postings (service, weight) on first use. A search is then array arithmetic:
filters are boolean masks, scores are accumulated per position, the order is one lexsort,
facet counts are bincounts. Only the shown page's rows are fetched from the database.

The version is the token of `DirectoryVersion`, changed by database triggers in the same
transaction as any insert, update or delete on the tables below (whatever the write path:
services, imports, institution links, bulk SQL), so the very next search after a commit sees
the change. The token is random, so a rolled-back change never names another state. The index
is a cache: nothing is lost when a process ends, and each process checks the token on every
search (docs/decisions/0004-search-index-in-process.md).
"""

from __future__ import annotations

import datetime as dt
import math
import threading
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db import connection

from opengu.welfare import opening

# The tables whose rows a search reads through this index: a write to any of them changes the token.
WATCHED_TABLES = (
    "welfare_service",
    "welfare_searchterm",
    "welfare_service_taxonomy_terms",
    "welfare_organization",
    "welfare_location",
    "welfare_serviceatlocation",
    "welfare_schedule",
    "welfare_taxonomy",
    "welfare_taxonomyterm",
    "welfare_synonymgroup",
)
VERSION_TABLE = "welfare_directoryversion"
# Postings kept per process before the cache of terms starts over (about 12 bytes each).
MAX_POSTINGS = 5_000_000

_lock = threading.Lock()
_current: DirectoryIndex | None = None
_builds = 0  # indexes built by this process (tests check an edit rebuilds, a read does not)


def install_triggers(*, using: Any = None) -> None:
    """Create (or replace) the triggers that change the directory token. Idempotent; run after
    every migrate, since SQLite drops a table's triggers when a migration rebuilds the table."""
    conn = using or connection
    with conn.cursor() as cursor:
        if conn.vendor == "postgresql":
            cursor.execute(
                "CREATE OR REPLACE FUNCTION welfare_directory_changed() RETURNS trigger LANGUAGE plpgsql AS $$ "
                f"BEGIN UPDATE {VERSION_TABLE} SET token = md5(random()::text || clock_timestamp()::text); "
                "RETURN NULL; END $$")
            for table in WATCHED_TABLES:
                cursor.execute(
                    f"CREATE OR REPLACE TRIGGER {table}_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                    f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION welfare_directory_changed()")
        else:
            for table in WATCHED_TABLES:
                for event in ("INSERT", "UPDATE", "DELETE"):
                    cursor.execute(
                        f"CREATE TRIGGER IF NOT EXISTS {table}_version_{event.lower()} AFTER {event} ON {table} "
                        f"BEGIN UPDATE {VERSION_TABLE} SET token = lower(hex(randomblob(16))); END")


def directory_token() -> str | None:
    """The current directory version as this transaction sees it (None: no version row)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT token FROM {VERSION_TABLE} ORDER BY id LIMIT 1")
        row = cursor.fetchone()
    return row[0] if row else None


def current() -> DirectoryIndex:
    """The index of the directory as this transaction sees it: the process's one when its token
    is current, else a new one (kept for the next search, unless there is no version row)."""
    global _current, _builds
    token = directory_token()
    with _lock:
        index = _current
        if index is None or token is None or index.token != token or index.vendor != connection.vendor:
            index = DirectoryIndex.load(token)
            _builds += 1
            if token is not None:
                _current = index
    return index


def builds() -> int:
    return _builds


@dataclass
class DirectoryIndex:
    token: str | None
    vendor: str
    ids: np.ndarray  # service id at each position; positions are in the database's ORDER BY name, id
    active: np.ndarray  # bool
    source_type: np.ndarray  # code into source_values
    source_values: list[str]
    sector: np.ndarray  # code into sector_values
    sector_values: list[str]
    code_point_rank: np.ndarray  # rank of (name in code-point order, id): the tie-break of ranked results
    sorted_ids: np.ndarray  # ids ascending, and the position of each
    sorted_positions: np.ndarray
    link_positions: np.ndarray  # one per (service, taxonomy term) link
    link_terms: np.ndarray  # the term's taxonomy term id
    link_codes: np.ndarray  # the term's position in term_ids (for counting)
    term_ids: np.ndarray  # the taxonomy term ids that have links
    term_links: dict[int, np.ndarray]  # taxonomy term id → positions
    dong_positions: dict[int, np.ndarray]  # dong id → positions of services with a location there
    location_positions: dict[int, np.ndarray]  # location id → positions of services there
    schedules: list[tuple[Any, ...]]
    taxonomies: list[tuple[str, str, list[tuple[int, str]]]]  # (key, name, [(term id, name)]) in display order
    term_taxonomy: dict[int, int]  # taxonomy term id → taxonomy id
    synonym_groups: list[list[str]]  # the active groups' phrases
    postings: dict[str, tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)  # term → (positions, weights)
    posting_count: int = 0

    @classmethod
    def load(cls, token: str | None) -> DirectoryIndex:
        from opengu.welfare.models import (
            Schedule,
            Service,
            ServiceAtLocation,
            SynonymGroup,
            Taxonomy,
            TaxonomyTerm,
        )

        rows = list(Service.objects.order_by("name", "id").values_list(
            "id", "name", "status", "organization__source_type", "organization__sector"))
        ids = np.array([r[0] for r in rows], dtype=np.int64)
        source_values = sorted({r[3] or "" for r in rows})
        sector_values = sorted({r[4] or "" for r in rows})
        source_code = {v: n for n, v in enumerate(source_values)}
        sector_code = {v: n for n, v in enumerate(sector_values)}
        order = sorted(range(len(rows)), key=lambda n: (rows[n][1], rows[n][0]))
        rank = np.empty(len(rows), dtype=np.int64)
        rank[order] = np.arange(len(rows))
        sorted_positions = np.argsort(ids, kind="stable")
        index = cls(
            token=token, vendor=connection.vendor, ids=ids,
            active=np.array([r[2] == Service.Status.ACTIVE for r in rows], dtype=bool),
            source_type=np.array([source_code[r[3] or ""] for r in rows], dtype=np.int16), source_values=source_values,
            sector=np.array([sector_code[r[4] or ""] for r in rows], dtype=np.int16), sector_values=sector_values,
            code_point_rank=rank, sorted_ids=ids[sorted_positions], sorted_positions=sorted_positions,
            link_positions=np.empty(0, dtype=np.int64), link_terms=np.empty(0, dtype=np.int64),
            link_codes=np.empty(0, dtype=np.int64), term_ids=np.empty(0, dtype=np.int64), term_links={},
            dong_positions={}, location_positions={}, schedules=[],
            taxonomies=[(t.key, t.name, [(term.id, term.name) for term in t.terms.all()])
                        for t in Taxonomy.objects.prefetch_related("terms")],
            term_taxonomy=dict(TaxonomyTerm.objects.values_list("id", "taxonomy_id")),
            synonym_groups=[g.phrase_list for g in SynonymGroup.objects.filter(active=True)],
        )
        through = Service.taxonomy_terms.through
        links = np.array(list(through.objects.values_list("service_id", "taxonomyterm_id")), dtype=np.int64).reshape(-1, 2)
        positions, found = index.positions(links[:, 0])
        index.link_positions, index.link_terms = positions[found], links[found, 1]
        index.term_links = _grouped(index.link_terms, index.link_positions)
        index.term_ids, index.link_codes = np.unique(index.link_terms, return_inverse=True)
        places = np.array([(s, loc, dong if dong is not None else -1) for s, loc, dong in ServiceAtLocation.objects.values_list(
            "service_id", "location_id", "location__dong_id")], dtype=np.int64).reshape(-1, 3)
        positions, found = index.positions(places[:, 0])
        index.location_positions = _grouped(places[found, 1], positions[found])
        with_dong = found & (places[:, 2] >= 0)
        index.dong_positions = _grouped(places[with_dong, 2], positions[with_dong])
        index.schedules = list(Schedule.objects.values_list(
            "service_id", "location_id", "service_at_location__service_id", "freq", "interval", "byday", "dtstart",
            "until", "opens_at", "closes_at"))
        return index

    @property
    def size(self) -> int:
        return len(self.ids)

    def positions(self, ids: Any) -> tuple[np.ndarray, np.ndarray]:
        """Positions of `ids` and whether each is in the index."""
        ids = np.asarray(ids, dtype=np.int64)
        if not self.size:
            return np.zeros(len(ids), dtype=np.int64), np.zeros(len(ids), dtype=bool)
        at = np.minimum(np.searchsorted(self.sorted_ids, ids), self.size - 1)
        return self.sorted_positions[at], self.sorted_ids[at] == ids

    def filter_mask(self, *, include_inactive: bool, source_type: str, sector: str, dong: int | None,
                    term_groups: list[list[int]]) -> np.ndarray:
        """Services passing the filters: AND across filters and taxonomies, OR within a taxonomy."""
        mask = np.ones(self.size, dtype=bool) if include_inactive else self.active.copy()
        if source_type:
            mask &= self._equal(self.source_type, self.source_values, source_type)
        if sector:
            mask &= self._equal(self.sector, self.sector_values, sector)
        if dong:
            mask &= self._any([self.dong_positions.get(dong)])
        for term_ids in term_groups:
            mask &= self._any([self.term_links.get(t) for t in term_ids])
        return mask

    def _equal(self, codes: np.ndarray, values: list[str], value: str) -> np.ndarray:
        return codes == values.index(value) if value in values else np.zeros(self.size, dtype=bool)

    def _any(self, groups: list[np.ndarray | None]) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        for positions in groups:
            if positions is not None:
                mask[positions] = True
        return mask

    def listed(self, mask: np.ndarray) -> np.ndarray:
        """Positions of the services in `mask`, by name then id as the database orders them."""
        return np.flatnonzero(mask)

    def ids_at(self, positions: np.ndarray) -> list[int]:
        return self.ids[positions].tolist()  # type: ignore[no-any-return]

    def ranked(self, concepts: list[list[list[str]]], mask: np.ndarray) -> np.ndarray:
        """Positions of the services in `mask` matching a concept, ordered as `selectors._ranked_ids`:
        concepts matched, score to a millionth, name in code-point order, id. An alternative
        matches when the service has all its terms and scores the mean of weight × idf; a
        concept scores its best alternative; a service sums its concepts."""
        matched, score = self._scores(concepts)
        chosen = np.flatnonzero((matched > 0) & mask)
        rounded = np.floor(score[chosen] * 1_000_000 + 0.5)
        order = np.lexsort((self.code_point_rank[chosen], -rounded, -matched[chosen]))
        return chosen[order]

    def concepts_matched(self, concepts: list[list[list[str]]]) -> np.ndarray:
        """How many of the query's concepts each position matches."""
        return self._scores(concepts)[0]

    def _scores(self, concepts: list[list[list[str]]]) -> tuple[np.ndarray, np.ndarray]:
        vocabulary = {t for concept in concepts for alternative in concept for t in alternative}
        postings = {term: self.postings_of(term) for term in vocabulary}
        idf = {term: math.log(1 + max(self.size, 1) / len(p[0])) for term, p in postings.items() if len(p[0])}
        matched = np.zeros(self.size, dtype=np.int32)
        score = np.zeros(self.size, dtype=np.float64)
        for concept in concepts:
            best = np.full(self.size, -np.inf)
            for alternative in concept:
                if not all(term in idf for term in alternative):
                    continue
                count = np.zeros(self.size, dtype=np.int32)
                total = np.zeros(self.size, dtype=np.float64)
                for term in alternative:
                    positions, weights = postings[term]
                    count[positions] += 1
                    total[positions] += weights * idf[term]
                has_all = count == len(alternative)
                best = np.where(has_all, np.maximum(best, total / len(alternative)), best)
            found = best > -np.inf
            matched += found
            score += np.where(found, best, 0.0)
        return matched, score

    def postings_of(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        """(positions, weights) of the services whose index has `term`, read once per version."""
        found = self.postings.get(term)
        if found is None:
            from opengu.welfare.models import SearchTerm

            rows = np.array(list(SearchTerm.objects.filter(term=term).values_list("service_id", "weight")),
                            dtype=np.float64).reshape(-1, 2)
            positions, known = self.positions(rows[:, 0].astype(np.int64))
            found = (positions[known], rows[known, 1])
            if self.posting_count + len(found[0]) > MAX_POSTINGS:
                self.postings.clear()
                self.posting_count = 0
            self.postings[term] = found
            self.posting_count += len(found[0])
        return found

    def open_ids(self, moment: dt.datetime) -> set[int]:
        """Services with a schedule (their own, at a location, or their location's) open at `moment`."""
        open_positions: list[np.ndarray] = []
        open_ids: set[int] = set()
        for service_id, location_id, sal_service_id, freq, interval, byday, dtstart, until, opens_at, closes_at \
                in self.schedules:
            if not opening.is_open(moment, freq=freq, interval=interval, byday=byday, dtstart=dtstart, until=until,
                                   opens_at=opens_at, closes_at=closes_at):
                continue
            open_ids.update(i for i in (service_id, sal_service_id) if i)
            if location_id and not service_id and location_id in self.location_positions:
                open_positions.append(self.location_positions[location_id])
        if open_positions:
            open_ids.update(self.ids[np.concatenate(open_positions)].tolist())
        return open_ids

    def counts(self, positions: np.ndarray) -> tuple[dict[int, int], dict[str, int]]:
        """Facet counts of the result set at `positions`: links per taxonomy term, services per source type."""
        mask = np.zeros(self.size, dtype=bool)
        mask[positions] = True
        terms = np.bincount(self.link_codes[mask[self.link_positions]], minlength=len(self.term_ids))
        sources = np.bincount(self.source_type[positions], minlength=len(self.source_values))
        return ({term: n for term, n in zip(self.term_ids.tolist(), terms.tolist(), strict=True) if n},
                {value: int(n) for value, n in zip(self.source_values, sources, strict=True) if n})


def _grouped(keys: np.ndarray, positions: np.ndarray) -> dict[int, np.ndarray]:
    """key → the positions paired with it."""
    if not len(keys):
        return {}
    order = np.argsort(keys, kind="stable")
    keys, positions = keys[order], positions[order]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]])
    ends = np.r_[starts[1:], len(keys)]
    return {int(keys[s]): positions[s:e] for s, e in zip(starts, ends, strict=True)}
