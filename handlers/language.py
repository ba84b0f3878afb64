"""/bahasa id|en (/language): the reply language of a person (in private) or of an agency
(in its group, admins only; prompts and summaries follow it too).

Every update asks which language to answer in, so the answers are kept in memory: the
first update from a user or group reads the database once, later ones are one dict
lookup, and /bahasa writes the database and the cache together. Only /bahasa changes a
language (one process serves the bot), so nothing else has to invalidate the cache.
"""

from __future__ import annotations

from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import privacy as privacy_repo
from storage.db import Database
from storage.tables_privacy import LANGUAGES


def parse_language(text: str) -> str | None:
    code = text.strip().lower()
    aliases = {"indonesia": "id", "indonesian": "id", "english": "en", "inggris": "en"}
    code = aliases.get(code, code)
    return code if code in LANGUAGES else None


class LanguageService:
    def __init__(self, *, db: Database, clock: Clock, default: str) -> None:
        self._db = db
        self._clock = clock
        self.default = default
        self._users: dict[int, str | None] = {}
        self._chats: dict[int, str] = {}

    # the lookups the transport makes for every update --------------------------------------
    async def for_user(self, *, user_id: int) -> str:
        """A user's own choice (private chats), else the default."""
        if user_id not in self._users:
            async with self._db.read() as session:
                self._users[user_id] = await privacy_repo.user_language(session, user_id=user_id)
        return self._users[user_id] or self.default

    async def for_group(self, *, chat_id: int) -> str:
        """The agency's language in its group, else the default. Groups that are no agency
        (yet) are not cached: /setup may turn them into one at any moment."""
        found = self._chats.get(chat_id)
        if found is not None:
            return found
        async with self._db.read() as session:
            language = await privacy_repo.agency_language(session, chat_id=chat_id)
        if language is None:
            return self.default
        self._chats[chat_id] = language
        return language

    # /bahasa --------------------------------------------------------------------------------
    async def show(self, *, current: str) -> Reply:
        return done("language.show", language=current)

    async def set_for_user(self, *, user_id: int, text: str) -> Reply:
        language = parse_language(text)
        if language is None:
            return fail("language.usage")
        async with self._db.transaction() as session:
            await privacy_repo.set_user_language(
                session, user_id=user_id, language=language, now=self._clock.now()
            )
        self._users[user_id] = language
        return done("language.set_user", language=language)

    async def set_for_group(self, *, chat_id: int, text: str) -> Reply:
        language = parse_language(text)
        if language is None:
            return fail("language.usage")
        async with self._db.transaction() as session:
            found = await privacy_repo.set_agency_language(
                session, chat_id=chat_id, language=language, now=self._clock.now()
            )
        if not found:
            return fail("agency.missing")
        self._chats[chat_id] = language
        return done("language.set_agency", language=language)
