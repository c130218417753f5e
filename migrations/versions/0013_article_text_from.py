"""Articles say where their text came from, keep their own link, and name the story they share.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06

`text_from` is "page" (the article's own page, fetched by the bot), "feed" (a feed item's
words) or "file" (a moderator's file): only a page's text is shared with other feeds' items
that carry the same link. Articles stored before this revision are counted as "feed": where
their text came from was not recorded, so they are shared only with items of the same text.
`link` is the link each was stored from (its canonical URL, else its first feed item's link),
and `story_id` the article whose posts an article's are, when two texts of one link are kept
apart. The downgrade refuses while a text came from elsewhere than a feed, two articles share a
story (old code would post them twice and mix their facts), or a link would be lost.
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.migrate import refuse_to_lose


revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.add_column(sa.Column('link', sa.String(length=2048), nullable=True))
        batch_op.add_column(sa.Column('text_from', sa.String(length=8),
                                      server_default='feed', nullable=False))
        batch_op.add_column(sa.Column('story_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'),
                                      nullable=True))
        batch_op.create_foreign_key(op.f('fk_articles_story_id_articles'), 'articles',
                                    ['story_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(op.f('ck_articles_text_from'),
                                         "text_from IN ('page', 'feed', 'file')")
    op.get_bind().execute(sa.text(
        "UPDATE articles SET link = COALESCE(canonical_url, (SELECT i.link FROM feed_items i "
        "WHERE i.article_id = articles.id ORDER BY i.id LIMIT 1))"))


def downgrade() -> None:
    bind = op.get_bind()
    refuse_to_lose(bind, revision, 'articles', "where article texts came from",
                   "text_from <> 'feed'")
    # Old code would post them twice, and learn one's words for the other's guilds.
    refuse_to_lose(bind, revision, 'articles', "articles sharing a story", "story_id IS NOT NULL")
    # A link neither its URL nor one of its items' says, as a split-off file's.
    refuse_to_lose(bind, revision, 'articles', "articles' own links",
                   "link IS NOT NULL AND link <> COALESCE(canonical_url, '') AND NOT EXISTS "
                   "(SELECT 1 FROM feed_items i WHERE i.article_id = articles.id "
                   "AND i.link = articles.link)")
    with op.batch_alter_table('articles', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_articles_text_from'), type_='check')
        batch_op.drop_constraint(op.f('fk_articles_story_id_articles'), type_='foreignkey')
        batch_op.drop_column('story_id')
        batch_op.drop_column('text_from')
        batch_op.drop_column('link')
