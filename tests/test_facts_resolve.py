"""Resolving names to entities on both databases: exact, normalised, alias, fuzzy, per kind."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.clock import FixedClock
from bot.db import Database
from bot.extract.model import Fact as SaidFact
from bot.extract.model import Person
from bot.facts.resolve import EntityResolver
from bot.facts.store import FactStore
from bot.models import Alias, Entity
from tests.fact_builders import add_article, count, extraction, release


async def _resolve(db: Database, clock: FixedClock, kind: str, name: str,
                   artist_id: int | None = None, guild_id: int | None = None
                   ) -> tuple[int, str]:
    async with db.transaction() as session:
        resolved = await EntityResolver(session, clock.now(), guild_id).resolve(
            kind, name, artist_id)
        return resolved.entity.id, resolved.how


async def test_exact_and_normalised_names(db: Database, clock: FixedClock) -> None:
    mara, how = await _resolve(db, clock, "artist", "Mara Vale")
    assert how == "new"
    assert await _resolve(db, clock, "artist", "Mara Vale") == (mara, "exact")
    assert await _resolve(db, clock, "artist", "MARA  VALE!") == (mara, "exact")
    harbour, _ = await _resolve(db, clock, "release", "Glass Harbour", mara)
    assert await _resolve(db, clock, "release", "glass harbour (official video)", mara) == (
        harbour, "exact")
    assert await _resolve(db, clock, "release", "Glass Harbour [MV]") == (harbour, "exact")


async def test_canonical_name_is_the_undecorated_display_name(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    await _resolve(db, clock, "release", "Glass Harbour (Official Video)")
    found = await store.find_entity("release", "glass harbour")
    assert found is not None and found.name == "Glass Harbour"


async def test_fuzzy_spelling_resolves_and_is_recorded_as_alias(
        db: Database, clock: FixedClock) -> None:
    mara, _ = await _resolve(db, clock, "artist", "Mara Vale")
    assert await _resolve(db, clock, "artist", "Mara Vail") == (mara, "fuzzy")
    async with db.transaction() as session:
        aliases = list(await session.scalars(select(Alias)))
    assert [(a.entity_id, a.name, a.norm_name, a.scope) for a in aliases] == [
        (mara, "Mara Vail", "mara vail", 0)]
    # Next time the alias answers before any fuzzy matching.
    assert await _resolve(db, clock, "artist", "mara vail") == (mara, "alias")


async def test_no_fuzzy_match_across_kinds(db: Database, clock: FixedClock) -> None:
    mara, _ = await _resolve(db, clock, "artist", "Mara Vale")
    person, how = await _resolve(db, clock, "person", "Mara Vail")
    assert how == "new" and person != mara
    label, how = await _resolve(db, clock, "label", "Mara Vale")
    assert how == "new" and label != mara


async def test_a_longer_title_is_a_different_release(db: Database, clock: FixedClock) -> None:
    mara, _ = await _resolve(db, clock, "artist", "Mara Vale")
    harbour, _ = await _resolve(db, clock, "release", "Glass Harbour", mara)
    nights, how = await _resolve(db, clock, "release", "Glass Harbour Nights", mara)
    assert how == "new" and nights != harbour
    vol2, _ = await _resolve(db, clock, "release", "Harbour Sessions Vol. 2", mara)
    vol3, how = await _resolve(db, clock, "release", "Harbour Sessions Vol. 3", mara)
    assert how == "new" and vol3 != vol2


async def test_releases_are_per_artist(db: Database, clock: FixedClock) -> None:
    mara, _ = await _resolve(db, clock, "artist", "Mara Vale")
    other, _ = await _resolve(db, clock, "artist", "Tom Okafor")
    harbour, _ = await _resolve(db, clock, "release", "Glass Harbour", mara)
    theirs, how = await _resolve(db, clock, "release", "Glass Harbour", other)
    assert how == "new" and theirs != harbour
    # A misspelt title resolves within the artist's own releases.
    assert await _resolve(db, clock, "release", "Glass Harbor", mara) == (harbour, "fuzzy")


async def test_the_prefix_is_an_alias_variant(db: Database, clock: FixedClock) -> None:
    tides, _ = await _resolve(db, clock, "artist", "The Salt Tides")
    assert await _resolve(db, clock, "artist", "Salt Tides") == (tides, "exact")


async def test_guild_aliases_stay_in_their_guild(db: Database, clock: FixedClock) -> None:
    mara, _ = await _resolve(db, clock, "artist", "Mara Vale")
    async with db.transaction() as session:
        resolver = EntityResolver(session, clock.now(), guild_id=10)
        found = await resolver.find("artist", "Mara Vale")
        assert found is not None
        await resolver.add_alias(found[0], "MV Queen")
    assert await _resolve(db, clock, "artist", "MV Queen", guild_id=10) == (mara, "alias")
    store = FactStore(db, clock)
    assert await store.find_entity("artist", "MV Queen") is None
    assert await store.find_entity("artist", "MV Queen", guild_id=20) is None
    found_entity = await store.find_entity("artist", "MV Queen", guild_id=10)
    assert found_entity is not None and found_entity.id == mara


async def test_find_entity_creates_nothing(db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    assert await store.find_entity("artist", "Nobody Here") is None
    article = await add_article(db, "2026-11-01")
    await store.store_extraction(article, extraction(release()))
    before = await count(db, Alias)
    harbour = await store.find_entity("release", "Glass Harbor", artist="Mara Vail")
    assert harbour is not None and harbour.name == "Glass Harbour"
    assert await count(db, Alias) == before


async def test_stored_extraction_records_surface_names(db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    first = await add_article(db, "2026-11-01", "a")
    second = await add_article(db, "2026-11-02", "b")
    await store.store_extraction(first, extraction(release()))
    result = await store.store_extraction(second, extraction(
        release("Glass Harbour (Official Video)", artist="Mara Vail"), artists=("Mara Vail",),
        people=[Person("Jun Park", "director", "Jun Park directed it.", of="Glass Harbour")]))
    assert result.entities_created == 1  # only the director is new
    async with db.transaction() as session:
        names = sorted(a.name for a in await session.scalars(select(Alias)))
    assert names == ["Mara Vail"]  # the decorated title normalises to the canonical one


async def test_placeholders_are_never_entities(db: Database, clock: FixedClock) -> None:
    """An article's "unknown" subject, a "TBA" label or an "N/A" producer stores no entity."""
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    await store.store_extraction(article, extraction(
        release(),
        artists=("Mara Vale", "Unknown", "TBA"),
        people=[Person("N/A", "producer", "Producer: N/A."),
                Person("Kai Lind", "partner", "Her partner Kai Lind.", "unknown")],
        facts=[SaidFact("Mara Vale", "label", "TBA", "Label: TBA."),
               SaidFact("unknown", "born", "1990-02-01", "Born February 1, 1990."),
               SaidFact("Mara Vale", "label", "Tidewater Records", "She signed to Tidewater.")]))
    async with db.transaction() as session:
        names = {e.name.casefold() for e in await session.scalars(select(Entity))}
    assert not names & {"unknown", "tba", "n/a", ""}
    assert {"mara vale", "glass harbour", "tidewater records"} <= names
    async with db.transaction() as session:
        resolver = EntityResolver(session, clock.now())
        for blank in ("unknown", " TBA ", "n/a", "", "Untitled"):
            with pytest.raises(ValueError):
                await resolver.resolve("artist", blank)


async def test_new_entities_written_together_keep_their_links(
        db: Database, clock: FixedClock) -> None:
    """An article's new entities are written together (their ids taken first): a release
    stored without an act that gains a new act, and a new act's new releases and guests, are
    stored with the ids their rows got, the release's act linked, whatever the order."""
    store = FactStore(db, clock)
    first = await add_article(db, "2026-11-01", "a")
    second = await add_article(db, "2026-11-02", "b")
    await store.store_extraction(first, extraction(release("Paper Moon", artist=None),
                                                   artists=()))
    result = await store.store_extraction(second, extraction(
        release("Paper Moon", artist="Kid Orbit"),
        release("Neon Pulse", artist="Kid Orbit", featuring=("Tom Reyes",)),
        artists=("Kid Orbit",)))
    assert result.entities_created == 3  # Kid Orbit, Neon Pulse, Tom Reyes
    async with db.transaction() as session:
        rows = {e.name: (e.id, e.kind, e.artist_id) for e in await session.scalars(
            select(Entity).order_by(Entity.id))}
    orbit = rows["Kid Orbit"][0]
    assert rows["Paper Moon"][1:] == ("release", orbit)
    assert rows["Neon Pulse"][1:] == ("release", orbit)
    assert rows["Tom Reyes"][1:] == ("artist", None)
    assert [name for name, _ in sorted(rows.items(), key=lambda kv: kv[1][0])] == [
        "Paper Moon", "Kid Orbit", "Neon Pulse", "Tom Reyes"]


async def test_fuzzy_candidates_of_an_acts_releases_follow_the_article_itself(
        db: Database, clock: FixedClock) -> None:
    """Storing reads the fuzzy candidates of releases of known acts once an article (a pool),
    so the pool must follow what the article itself does: an act-less release that one
    sentence gives an act is no longer a candidate for another act's title, but is one for
    its new act's misspellings, whatever its first letter; a release the article created is a
    candidate for the next sentence's misspelling of it. As the query a name was."""
    store = FactStore(db, clock)
    first = await add_article(db, "2026-11-01", "a")
    second = await add_article(db, "2026-11-02", "b")
    await store.store_extraction(first, extraction(
        release("Glass Harbour", artist=None), release("Paper Moon", artist=None),
        release("Quiet Rooms", artist="Kid Orbit"), artists=("Kid Orbit",)))
    result = await store.store_extraction(second, extraction(
        # Gives the act-less "Glass Harbour" to Mara Vale (a misspelling: a fuzzy match).
        release("Glass Harbor", artist="Mara Vale"),
        # Another act's title spelt like it: once given to Mara Vale, it is no candidate.
        release("Glass Harbuor", artist="Kid Orbit"),
        # Mara Vale's own misspelling of it, after it became hers: the same release.
        release("Glas Harbour", artist="Mara Vale"),
        # A new release of a known act, then a misspelling of it in the same article.
        release("Neon Pulse Forever", artist="Kid Orbit"),
        release("Neon Pulse Forevr", artist="Kid Orbit"),
        # Kid Orbit's release misspelt: its act's releases, whatever the pool read first.
        release("Quiet Roms", artist="Kid Orbit"),
        artists=("Mara Vale", "Kid Orbit")))
    async with db.transaction() as session:
        entities = list(await session.scalars(select(Entity).order_by(Entity.id)))
        aliases = sorted(a.name for a in await session.scalars(select(Alias)))
    rows = {e.name: (e.kind, e.artist_id) for e in entities}
    ids = {e.name: e.id for e in entities}
    assert rows["Glass Harbour"] == ("release", ids["Mara Vale"])
    assert rows["Glass Harbuor"] == ("release", ids["Kid Orbit"])  # a release of its own
    assert rows["Paper Moon"] == ("release", None)
    assert rows["Neon Pulse Forever"] == ("release", ids["Kid Orbit"])
    assert "Neon Pulse Forevr" not in rows and "Quiet Roms" not in rows
    assert aliases == ["Glas Harbour", "Glass Harbor", "Neon Pulse Forevr", "Quiet Roms"]
    assert result.entities_created == 3  # Mara Vale, Glass Harbuor, Neon Pulse Forever
