"""Storing extractions on both databases: sources kept, conflicts, revisions, re-ingest, dates."""

from __future__ import annotations

from bot.clock import FixedClock
from bot.db import Database
from bot.extract.model import Event, Person
from bot.extract.model import Fact as SaidFact
from bot.facts.store import DateChange, FactStore
from bot.models import Alias, Entity, Fact
from bot.partial_dates import PartialDate
from tests.fact_builders import add_article, count, entity, extraction, facts_of, release


async def _harbour(store: FactStore) -> int:
    found = await store.find_entity("release", "Glass Harbour", artist="Mara Vale")
    assert found is not None
    return found.id


async def test_a_release_is_stored_with_its_source(db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    result = await store.store_extraction(article, extraction(
        release(featuring=("Tom Okafor",)), artists=("Mara Vale", "Tom Okafor")))
    assert (result.entities_created, result.facts_added) == (3, 4)
    harbour = await _harbour(store)
    assert result.changes == [
        DateChange(harbour, "release_date", None, PartialDate(2027, 3, 14))]
    facts = await store.facts_about(harbour)
    assert {f.predicate for f in facts} == {"by", "kind", "release_date", "featuring"}
    assert all(f.article_id == article and f.evidence.startswith("Mara Vale's") for f in facts)
    row = await entity(db, harbour)
    assert (row.release_kind, row.date_value.isoformat() if row.date_value else None,
            row.date_precision, row.status) == ("album", "2027-03-14", "day", "upcoming")
    mara = await store.find_entity("artist", "Mara Vale")
    assert mara is not None and row.artist_id == mara.id


async def test_storing_the_same_article_again_changes_nothing(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    # The same article also calls it a music video: a conflict inside one article, settled once.
    video = release("Glass Harbour (Official Video)", None, kind="music_video")
    said = extraction(release(), video,
                      people=[Person("Jun Park", "wife", "Mara Vale married Jun Park.")],
                      events=(Event("birthday", "Mara Vale", PartialDate(1996, 5, 2), "Born."),))
    await store.store_extraction(article, said)
    counts = [await count(db, m) for m in (Entity, Fact, Alias)]
    again = await store.store_extraction(article, said)
    assert (again.entities_created, again.facts_added, again.changes) == (0, 0, [])
    assert [await count(db, m) for m in (Entity, Fact, Alias)] == counts


async def test_disagreeing_sources_are_both_kept_newest_accepted(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    old = await add_article(db, "2026-11-01", "old")
    new = await add_article(db, "2026-11-05", "new")
    await store.store_extraction(old, extraction(release(when="2027-03-14")))
    result = await store.store_extraction(new, extraction(release(when="2027-04-02")))
    harbour = await _harbour(store)
    assert result.changes == [DateChange(harbour, "release_date", PartialDate(2027, 3, 14),
                                         PartialDate(2027, 4, 2))]
    first, second = await facts_of(db, harbour, "release_date")
    assert (first.article_id, first.status, first.superseded_by_id) == (old, "superseded",
                                                                        second.id)
    assert (second.article_id, second.status) == (new, "accepted")
    assert (await entity(db, harbour)).date_value is not None
    assert str((await entity(db, harbour)).date_value) == "2027-04-02"


async def test_an_older_article_stored_later_does_not_win(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    new = await add_article(db, "2026-11-05", "new")
    old = await add_article(db, "2026-11-01", "old")
    await store.store_extraction(new, extraction(release(when="2027-04-02")))
    result = await store.store_extraction(old, extraction(release(when="2027-03-14")))
    assert result.changes == []
    harbour = await _harbour(store)
    by_article = {f.article_id: f.status for f in await facts_of(db, harbour, "release_date")}
    assert by_article == {new: "accepted", old: "superseded"}
    assert str((await entity(db, harbour)).date_value) == "2027-04-02"


async def test_a_newer_but_much_less_confident_source_does_not_win(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    old = await add_article(db, "2026-11-01", "old")
    new = await add_article(db, "2026-11-05", "new")
    await store.store_extraction(old, extraction(release(when="2027-03-14", confidence=0.95)))
    result = await store.store_extraction(new, extraction(
        release(when="2027-04-02", confidence=0.5)))
    assert result.changes == []
    harbour = await _harbour(store)
    by_article = {f.article_id: f.status for f in await facts_of(db, harbour, "release_date")}
    assert by_article == {old: "accepted", new: "superseded"}


async def test_a_revision_supersedes_and_reports_the_move(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    # Two sources agree on March 14; one later article says it moved: the move still wins.
    for day in ("01", "02"):
        article = await add_article(db, f"2026-11-{day}", f"a{day}")
        await store.store_extraction(article, extraction(release(when="2027-03-14")))
    moved = await add_article(db, "2026-11-09", "moved")
    result = await store.store_extraction(moved, extraction(
        release(when="2027-05-30", previous="2027-03-14")))
    harbour = await _harbour(store)
    assert result.changes == [DateChange(harbour, "release_date", PartialDate(2027, 3, 14),
                                         PartialDate(2027, 5, 30))]
    facts = await facts_of(db, harbour, "release_date")
    accepted = [f for f in facts if f.status == "accepted"]
    assert [f.article_id for f in accepted] == [moved]
    assert all(f.superseded_by_id == accepted[0].id for f in facts if f.status == "superseded")
    assert str((await entity(db, harbour)).date_value) == "2027-05-30"


async def test_a_postponement_without_a_new_date_removes_the_date(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    first = await add_article(db, "2026-11-01", "a")
    await store.store_extraction(first, extraction(release(when="2027-03-14")))
    later = await add_article(db, "2026-11-09", "b")
    result = await store.store_extraction(later, extraction(
        release(when=None, previous="2027-03-14")))
    harbour = await _harbour(store)
    assert result.changes == [
        DateChange(harbour, "release_date", PartialDate(2027, 3, 14), None)]
    row = await entity(db, harbour)
    assert (row.date_value, row.date_precision) == (None, None)


async def test_month_precision_stays_month(db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    result = await store.store_extraction(article, extraction(release(when="2027-03")))
    harbour = await _harbour(store)
    assert result.changes == [DateChange(harbour, "release_date", None, PartialDate(2027, 3))]
    (fact,) = await facts_of(db, harbour, "release_date")
    assert (str(fact.object_date), fact.object_precision) == ("2027-03-01", "month")
    row = await entity(db, harbour)
    assert (str(row.date_value), row.date_precision) == ("2027-03-01", "month")
    # A later article with the day refines it; "March" and "March 14" do not conflict.
    later = await add_article(db, "2026-11-02", "later")
    result = await store.store_extraction(later, extraction(release(when="2027-03-14")))
    assert result.changes == [DateChange(harbour, "release_date", PartialDate(2027, 3),
                                         PartialDate(2027, 3, 14))]


async def test_a_birthday_is_a_date_of_birth(db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    result = await store.store_extraction(article, extraction(events=(
        Event("birthday", "Mara Vale", PartialDate(1996, 5, 2), "Mara Vale was born 2 May 1996."),
        Event("birthday", "Jun Park", PartialDate(1994), "Jun Park, born 1994."),
        Event("tour_date", "Mara Vale", PartialDate(2027, 6, 1), "She plays Oslo on 1 June."),
    )))
    mara = await store.find_entity("artist", "Mara Vale")
    jun = await store.find_entity("person", "Jun Park")
    assert mara is not None and jun is not None
    (born,) = await facts_of(db, mara.id, "born")
    assert (str(born.object_date), born.object_precision) == ("1996-05-02", "day")
    assert set(result.changes) == {
        DateChange(mara.id, "born", None, PartialDate(1996, 5, 2)),
        DateChange(jun.id, "born", None, PartialDate(1994)),
        DateChange(mara.id, "tour_date", None, PartialDate(2027, 6, 1)),
    }


async def test_people_and_said_facts(db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    await store.store_extraction(article, extraction(
        release(),
        people=[Person("Jun Park", "her husband", "Mara Vale and her husband Jun Park."),
                Person("Ines Roa", "director", "Ines Roa directed the video.")],
        facts=[SaidFact("Mara Vale", "label", "Tidewater Records", "She signed to Tidewater."),
               SaidFact("Mara Vale", "records_sold", "over 2 million", "Over 2 million sold."),
               SaidFact("Glass Harbour", "produced_by", "Kai Lind", "Kai Lind produced it.")]))
    mara = await store.find_entity("artist", "Mara Vale")
    harbour = await _harbour(store)
    assert mara is not None
    said = {(f.predicate, f.object_text) for f in await store.facts_about(mara.id)}
    assert ("records_sold", "over 2 million") in said
    by_predicate = {f.predicate: f.object_entity_id for f in await store.facts_about(mara.id)}
    label = await store.find_entity("label", "Tidewater Records")
    jun = await store.find_entity("person", "Jun Park")
    assert label is not None and jun is not None
    assert (by_predicate["label"], by_predicate["partner"]) == (label.id, jun.id)
    about_release = {f.predicate for f in await store.facts_about(harbour)}
    assert {"directed_by", "produced_by"} <= about_release


async def test_guild_facts_compete_only_in_their_guild(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    article = await add_article(db, "2026-11-01")
    await store.store_extraction(article, extraction(release(when="2027-03-14")))
    fix = await add_article(db, "2026-10-01", "fix")
    result = await store.store_extraction(fix, extraction(release(when="2027-03-20")),
                                          guild_id=10)
    harbour = await _harbour(store)
    assert result.changes == [DateChange(harbour, "release_date", None,
                                         PartialDate(2027, 3, 20), guild_id=10)]
    assert str((await entity(db, harbour)).date_value) == "2027-03-14"

    def dates(facts: list[Fact]) -> list[str]:
        return [str(f.object_date) for f in facts if f.predicate == "release_date"]

    assert dates(await store.facts_about(harbour)) == ["2027-03-14"]
    assert dates(await store.facts_about(harbour, guild_id=10)) == ["2027-03-20"]
    assert dates(await store.facts_about(harbour, guild_id=20)) == ["2027-03-14"]


async def test_release_status_follows_the_date_and_stays_released(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)  # the clock says 2026-11-25
    first = await add_article(db, "2026-11-01", "a")
    await store.store_extraction(first, extraction(release(when="2026-11-20", status="unknown")))
    harbour = await _harbour(store)
    assert (await entity(db, harbour)).status == "released"
    # An older preview calling it upcoming, stored later, does not un-release it.
    older = await add_article(db, "2026-10-01", "b")
    await store.store_extraction(older, extraction(release(when="2026-11-20")))
    assert (await entity(db, harbour)).status == "released"
    second = await add_article(db, "2026-11-02", "c")
    await store.store_extraction(second, extraction(
        release("Salt Lines", "2027-02", status="unknown")))
    salt = await store.find_entity("release", "Salt Lines")
    assert salt is not None and salt.status == "upcoming"


async def test_a_revision_stored_before_the_old_news_still_holds(
        db: Database, clock: FixedClock) -> None:
    store = FactStore(db, clock)
    moved = await add_article(db, "2026-11-09", "moved")
    await store.store_extraction(moved, extraction(
        release(when="2027-05-30", previous="2027-03")))
    old = await add_article(db, "2026-11-01", "old")
    result = await store.store_extraction(old, extraction(release(when="2027-03-14")))
    assert result.changes == []
    harbour = await _harbour(store)
    by_article = {f.article_id: f.status for f in await facts_of(db, harbour, "release_date")}
    assert by_article == {moved: "accepted", old: "superseded"}
