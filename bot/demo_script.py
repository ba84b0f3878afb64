"""Who is in the demo agency, and what each of them does on Wednesday 25 November 2026."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from bot.demo_chat import JSON, Person
from bot.demo_feed import ChatFeed

Point = tuple[float, float]
OFFICE: Point = (-6.28862, 106.71791)  # Pamulang, Tangerang Selatan
MALL: Point = (-6.24100, 106.65300)  # Bintaro, about 6 km from Budi's home


def home(n: int) -> Point:
    """A member's home, a few kilometres from the office."""
    return (round(OFFICE[0] + 0.011 * n, 5), round(OFFICE[1] - 0.007 * n, 5))


class Cast:
    """The people of the demo agency (ids are Telegram user ids)."""

    admin: Person = Person(5001, "Hendra", "Wijaya", "hendra_kadis")
    budi: Person = Person(5002, "Budi", "Santoso", "budisan")
    sri: Person = Person(5003, "Sri", "Wahyuni", "sri_sekdis")
    agus: Person = Person(5004, "Agus", "Salim")
    dewi: Person = Person(5005, "Dewi", "Lestari", "dewi_l")
    rudi: Person = Person(5006, "Rudi", "Hartono")
    siti: Person = Person(5007, "Siti", "Nurhaliza")
    rina: Person = Person(5008, "Rina", "Marlina")
    joko: Person = Person(5009, "Joko", "Susilo")
    fitri: Person = Person(5010, "Fitri", "Handayani")
    wahyu: Person = Person(5011, "Wahyu", "Pratama")
    andi: Person = Person(5012, "Andi", "(magang)")  # an intern who never registers

    def __init__(self) -> None:
        self.members = [self.budi, self.sri, self.agus, self.dewi, self.rudi]
        self.members += [self.siti, self.rina, self.joko, self.fitri, self.wahyu]
        self.everyone = [self.admin, self.andi, *self.members]


NIPS = {
    "Budi": "198503122010011002",
    "Sri": "197806152005012001",
    "Agus": "198001012006041003",
    "Dewi": "199002142015032004",
    "Rudi": "198711202012121005",
    "Siti": "199205052019022006",
    "Rina": "198809092014022007",
    "Joko": "197512312000031008",
    "Fitri": "199003302018012009",
    "Wahyu": "199407072020011010",
}
BAD_NIP = "199002302018012009"  # Fitri's first try: 30 February
LIVE_PERIOD = 8 * 3600  # Telegram's longest fixed live period: 28800 s

Step = Callable[[], Awaitable[None]]


class DayScript:
    """The day minute by minute: ``plan()`` maps "HH:MM" (WIB) to (caption, step)."""

    def __init__(self, feed: ChatFeed, cast: Cast) -> None:
        self.feed, self.cast = feed, cast
        self._registered: dict[int, JSON] = {}
        self._live: JSON | None = None

    def plan(self) -> dict[str, tuple[str, Step]]:
        return {
            "06:55": ("the admin registers the group", self.setup),
            "06:56": ("members register", self.register_first),
            "06:57": ("more members register; one NIP has a typo", self.register_rest),
            "06:58": ("a member who is not an admin tries /tenggat", self.not_admin),
            "06:59": ("the admin names two supervisors", self.supervisors),
            "07:00": ("Joko, head of division, becomes pimpinan: no location, /lapor", self.roles),
            "07:01": ("Budi sends his home point privately (/rumah, then the button)", self.home),
            "07:02": ("Sri approves Budi's home point with the button", self.approve),
            "07:03": ("the admin sets the office point and today's piket roster", self.office),
            "07:05": ("Fitri asks for sick leave; each supervisor gets the buttons", self.sick),
            "07:10": ("Sri approves in her private chat", self.approve),
            "07:33": ("staff answer; an intern who never registered shares too", self.morning_a),
            "07:36": ("Dewi shares a live location for 8 hours", self.live_start),
            "07:38": ("more answers", self.morning_b),
            "07:41": ("Rudi forwards a colleague's location", self.forwarded),
            "07:44": ("Rudi shares his own", self.rudi_own),
            "07:50": ("Dewi's phone updates her live location", self.live_move),
            "08:12": ("Rina answers after the deadline", self.late),
            "11:33": ("staff answer; Budi shares from a mall 6 km from home", self.midday_a),
            "11:37": ("Siti sends a venue instead of her location", self.venue),
            "11:39": ("Siti shares her location", self.siti_own),
            "11:41": ("more answers; Dewi's live location counts without moving", self.midday_b),
            "15:02": ("staff answer (Wahyu forgets this time)", self.afternoon),
            "15:45": ("Sri asks for the day's recap", self.recap),
        }

    async def setup(self) -> None:
        admin = self.cast.admin
        await self.feed.say(admin, "/setup DISKOMINFO Dinas Komunikasi dan Informatika")
        await self.feed.say(admin, "/jadwal 07:30 11:30 15:00")
        await self.feed.say(admin, "/tenggat 30")

    async def register_first(self) -> None:
        c = self.cast
        await self._register(c.budi, c.sri, c.agus, c.dewi, c.rudi)

    async def register_rest(self) -> None:
        c = self.cast
        await self._register(c.siti, c.rina, c.joko)
        await self.feed.say(c.fitri, f"/daftar {BAD_NIP} {c.fitri.name}")
        await self._register(c.fitri, c.wahyu)

    async def not_admin(self) -> None:
        await self.feed.say(self.cast.budi, "/tenggat 10")

    async def supervisors(self) -> None:
        c = self.cast
        await self.feed.say(c.admin, "/atasan", reply_to=self._registered[c.sri.id])
        await self.feed.say(c.admin, "/atasan", reply_to=self._registered[c.agus.id])
        await self.feed.say(c.sri, "/start", private=True)  # Agus never opens the bot

    async def home(self) -> None:
        budi = self.cast.budi
        await self.feed.say(budi, "/rumah", private=True)
        await self.feed.share(budi, home(1), accuracy=9.0, private=True)

    async def office(self) -> None:
        c = self.cast
        await self.feed.say(c.admin, "/kantor")
        await self.feed.share(c.admin, OFFICE, accuracy=8.0)
        await self.feed.say(c.admin, "/piket Rudi Hartono, Siti Nurhaliza, Rina Marlina")

    async def roles(self) -> None:
        c = self.cast
        await self.feed.say(c.admin, "/peran pimpinan", reply_to=self._registered[c.joko.id])

    async def sick(self) -> None:
        await self.feed.say(self.cast.fitri, "/sakit demam sejak semalam, surat dokter menyusul")

    async def approve(self) -> None:
        sri = self.cast.sri
        await self.feed.press(sri, sri.id, 0)  # ✅ Setujui

    async def recap(self) -> None:
        await self.feed.say(self.cast.sri, "/rekap", private=True)

    async def morning_a(self) -> None:
        c = self.cast
        await self._static(c.budi, c.sri, c.agus)
        await self.feed.share(c.andi, home(12))

    async def live_start(self) -> None:
        self._live = await self.feed.share(self.cast.dewi, home(4), live_period=LIVE_PERIOD)

    async def morning_b(self) -> None:
        await self._static(self.cast.siti, self.cast.wahyu)

    async def forwarded(self) -> None:
        await self.feed.share(self.cast.rudi, home(1), forwarded_from=self.cast.budi)

    async def rudi_own(self) -> None:
        await self._static(self.cast.rudi)

    async def live_move(self) -> None:
        assert self._live is not None
        lat, lon = home(4)
        await self.feed.move(self._live, (lat + 0.0004, lon - 0.0003))

    async def late(self) -> None:
        await self._static(self.cast.rina)

    async def midday_a(self) -> None:
        c = self.cast
        await self.feed.share(c.budi, MALL, accuracy=11.0)
        await self._static(c.sri, c.agus, c.rina)

    async def venue(self) -> None:
        place = ("Kantor Kecamatan Pamulang", "Jl. Siliwangi No. 1, Pamulang")
        await self.feed.share(self.cast.siti, OFFICE, venue=place)

    async def siti_own(self) -> None:
        await self._static(self.cast.siti)

    async def midday_b(self) -> None:
        await self._static(self.cast.rudi, self.cast.wahyu)

    async def afternoon(self) -> None:
        c = self.cast
        await self._static(c.budi, c.sri, c.agus, c.rina, c.siti, c.rudi)

    async def _register(self, *people: Person) -> None:
        for person in people:
            text = f"/daftar {NIPS[person.first_name]} {person.name}"
            self._registered[person.id] = await self.feed.say(person, text)

    async def _static(self, *people: Person) -> None:
        for person in people:
            n = self.cast.members.index(person) + 1
            await self.feed.share(person, home(n), accuracy=12.0 + n)
