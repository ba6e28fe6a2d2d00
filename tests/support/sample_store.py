"""A small hand-annotated corpus for the API and web tests: wire reports and an analysis with
actors, quotes and coded events placed on their exact characters, a second outlet's report of
the same event, a non-English article and an article whose text carries HTML (the XSS case).

The text is written for these tests; the annotations are made by hand (not by extractors) so
that the tests check what the API and pages show, whatever the extractors do.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from newsgraph import corpus
from newsgraph.ingest.prepare import article_id
from newsgraph.model import (
    Actor,
    Article,
    Event,
    EventActor,
    InputRef,
    Location,
    Mention,
    Plover,
    Quote,
    Speaker,
    TextSpan,
    Tone,
)
from newsgraph.store import Store

# CAMEO facts used below: code → (name, QuadClass, Goldstein, PLOVER type).
CAMEO = {
    "030": ("Express intent to cooperate", 1, 4.0, "COOPERATE"),
    "040": ("Consult", 1, 1.0, "CONSULT"),
    "042": ("Make a visit", 1, 1.9, "CONSULT"),
    "051": ("Praise or endorse", 1, 3.4, "SUPPORT"),
    "072": ("Provide military aid", 2, 8.3, "AID"),
    "111": ("Criticize or denounce", 3, -2.0, "DISAPPROVE"),
    "112": ("Accuse", 3, -2.0, "ACCUSE"),
    "130": ("Threaten", 3, -4.4, "THREATEN"),
    "163": ("Impose embargo, boycott, or sanctions", 4, -8.0, "SANCTION"),
    "174": ("Expel or deport individuals", 4, -5.0, "COERCE"),
    "195": ("Employ aerial weapons", 4, -10.0, "ASSAULT"),
}

COUNTRIES = {
    "POL": "Poland",
    "BLR": "Belarus",
    "RUS": "Russia",
    "CHN": "China",
    "DEU": "Germany",
    "UKR": "Ukraine",
    "HUN": "Hungary",
    "TUR": "Turkey",
}

XSS_SCRIPT = "<script>alert('xss')</script>"
XSS_IMG = '<img src=x onerror="alert(1)">'


def _find(text: str, phrase: str) -> Mention:
    """The characters of ``phrase`` in ``text``; ``"word#2"`` is the second occurrence."""
    phrase, _, count = phrase.partition("#")
    nth = int(count or 1)
    start = -1
    for _ in range(nth):
        start = text.find(phrase, start + 1)
        if start < 0:
            raise ValueError(f"{phrase!r} (occurrence {nth}) not in text")
    return Mention(start, start + len(phrase), phrase)


@dataclass
class _Builder:
    """Places actors, quotes and events on the characters of one article's text."""

    text: str
    actors: dict[str, Actor] = field(default_factory=dict)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)

    def country(self, iso3: str, *phrases: str) -> str:
        return self.actor(f"country:{iso3}", COUNTRIES[iso3], "country", iso3, iso3, None, *phrases)

    def actor(
        self,
        ident: str,
        name: str,
        kind: str,
        code: str | None,
        country: str | None,
        sector: str | None,
        *phrases: str,
        roles: tuple[str, ...] = (),
    ) -> str:
        actor = self.actors.setdefault(
            ident,
            Actor(id=ident, name=name, type=kind, code=code, country=country, sector=sector, roles=list(roles)),  # type: ignore[arg-type]
        )
        for phrase in phrases:
            actor.mentions.append(_find(self.text, phrase))
        actor.mentions.sort(key=lambda m: m.start)
        return ident

    def quote(self, content: str, kind: str, cue: str, speaker: str, speaker_phrase: str) -> None:
        span = _find(self.text, content)
        actor = self.actors[speaker]
        ident = hashlib.sha1(f"{self.text[:40]}|q|{span.start}".encode()).hexdigest()[:16]
        self.quotes.append(
            Quote(
                id=ident,
                kind=kind,  # type: ignore[arg-type]
                text=content,
                start=span.start,
                end=span.end,
                cue=_find(self.text, cue),
                speaker=Speaker(actor=speaker, name=actor.name, mention=_find(self.text, speaker_phrase)),
            )
        )

    def event(
        self,
        cameo: str,
        source: str | None,
        target: str | None,
        trigger: str,
        date: str | None = None,
        modality: str = "asserted",
        place: Location | None = None,
    ) -> None:
        name, quad, goldstein, plover = CAMEO[cameo]
        span = _find(self.text, trigger)
        stop = self.text.rfind(". ", 0, span.start)
        sentence_start = max(stop + 2 if stop >= 0 else 0, self.text.rfind("\n", 0, span.start) + 1)
        sentence_end = self.text.find(".", span.end)
        ident = hashlib.sha1(f"{self.text[:40]}|e|{span.start}|{cameo}".encode()).hexdigest()[:16]
        self.events.append(
            Event(
                id=ident,
                cameo=cameo,
                root=cameo[:2],
                name=name,
                quad_class=quad,
                goldstein=goldstein,
                trigger=span,
                sentence=TextSpan(sentence_start, sentence_end + 1 if sentence_end >= 0 else len(self.text)),
                plover=Plover(type=plover),
                source=self._side(source),
                target=self._side(target),
                modality=modality,  # type: ignore[arg-type]
                date=date,
                place=place,
            )
        )

    def _side(self, ident: str | None) -> EventActor | None:
        if ident is None:
            return None
        actor = self.actors[ident]
        return EventActor(actor=ident, name=actor.name, code=actor.code, country=actor.country, sector=actor.sector)

    def article(self, title: str, outlet: str, published: str, path: str, tone: float) -> Article:
        return Article(
            id=article_id(self.text),
            input=InputRef(path=path),
            text=self.text,
            title=title,
            outlet=outlet,
            published=published,
            language="en",
            format="txt",
            actors=list(self.actors.values()),
            quotes=self.quotes,
            events=self.events,
            tone=Tone(score=tone, positive=2.0, negative=2.0 - tone, polarity=4.0, words=len(self.text.split())),
        )


def _poland_expels() -> Article:
    b = _Builder(
        "WARSAW, April 2 (Eastern Wire) - Poland expelled a Belarusian diplomat on Tuesday after a series of "
        "incidents on the border, the foreign ministry in Warsaw said.\n\n"
        'Foreign Minister Radoslaw Sikorski accused Minsk of organising the crossings. "This is a deliberate '
        'operation run by the Belarusian state, and we will not tolerate it," Sikorski told reporters.\n\n'
        "Belarus denounced the expulsion as an unfriendly step and threatened to respond in kind. The European "
        "Union said it stood with Poland and would discuss further sanctions on Minsk when foreign ministers meet "
        "later this month."
    )
    pol = b.country("POL", "Poland", "Warsaw", "Poland#2")
    blr = b.country("BLR", "Belarusian", "Minsk", "Belarus", "Minsk#2")
    sik = b.actor(
        "person:radoslaw-sikorski",
        "Radoslaw Sikorski",
        "person",
        "POLGOV",
        "POL",
        "GOV",
        "Radoslaw Sikorski",
        "Sikorski#2",
        roles=("Foreign Minister",),
    )
    eu = b.actor("igo:european-union", "European Union", "igo", "IGOEUREEC", None, None, "European Union")
    b.quote("This is a deliberate operation run by the Belarusian state, and we will not tolerate it", "direct", "told", sik, "Sikorski#2")
    warsaw = Location("Warsaw", "POL", 52.23, 21.01)
    b.event("174", pol, blr, "expelled", "2024-04-02", place=warsaw)
    b.event("112", sik, blr, "accused", "2024-04-02")
    b.event("111", blr, pol, "denounced", "2024-04-02")
    b.event("130", blr, pol, "threatened", "2024-04-02", modality="future")
    b.event("051", eu, pol, "stood with", "2024-04-02")
    b.event("163", eu, blr, "sanctions", None, modality="hypothetical")
    return b.article("Poland expels Belarusian diplomat after border incidents", "Eastern Wire", "2024-04-02", "ew_poland.txt", -3.1)


def _lavrov_beijing() -> Article:
    b = _Builder(
        "BEIJING, March 14. /TASS/. Russian Foreign Minister Sergey Lavrov held talks with Chinese Foreign "
        "Minister Wang Yi in Beijing on Thursday, the Russian Foreign Ministry said.\n\n"
        "The ministers discussed the situation around Ukraine and cooperation within BRICS, which Russia chairs "
        'this year. Lavrov thanked Beijing for its "balanced and responsible position" on the crisis.\n\n'
        'Wang said China was ready to strengthen strategic coordination with Moscow. "Our relations are not '
        'directed against any third country," he stressed.'
    )
    rus = b.country("RUS", "Russian", "Russia", "Moscow")
    chn = b.country("CHN", "Chinese", "Beijing#2", "China")
    b.country("UKR", "Ukraine")
    lav = b.actor(
        "person:sergey-lavrov", "Sergey Lavrov", "person", "RUSGOV", "RUS", "GOV", "Sergey Lavrov", "Lavrov#2", roles=("Foreign Minister",)
    )
    wang = b.actor("person:wang-yi", "Wang Yi", "person", "CHNGOV", "CHN", "GOV", "Wang Yi", "Wang#2", "he", roles=("Foreign Minister",))
    b.quote("balanced and responsible position", "term", "thanked", lav, "Lavrov#2")
    b.quote("Our relations are not directed against any third country", "direct", "stressed", wang, "he")
    beijing = Location("Beijing", "CHN", 39.9, 116.4)
    b.event("042", lav, chn, "held talks", "2024-03-14", place=beijing)
    b.event("040", lav, wang, "discussed", "2024-03-14", place=beijing)
    b.event("051", lav, chn, "thanked", "2024-03-14")
    b.event("030", chn, rus, "ready to strengthen", "2024-03-14", modality="future")
    return b.article("Lavrov and Wang Yi discuss Ukraine and BRICS in Beijing", "TASS", "2024-03-14", "tass_beijing.txt", 1.8)


def _patriot_rhine() -> Article:
    b = _Builder(
        "BERLIN, April 10 (Rhine Post) - Germany will deliver a third Patriot air defence system to Ukraine, "
        "Defence Minister Boris Pistorius said on Wednesday.\n\n"
        "Pistorius announced the decision after a call with his Ukrainian counterpart Rustem Umerov. "
        '"Ukraine needs air defence now, not in six months," Pistorius said.\n\n'
        'Russia criticised the pledge. Kremlin spokesman Dmitry Peskov said the deliveries would "prolong the '
        'conflict" and warned Berlin against further escalation.'
    )
    deu = b.country("DEU", "Germany", "Berlin")
    ukr = b.country("UKR", "Ukraine", "Ukrainian", "Ukraine#2")
    rus = b.country("RUS", "Russia")
    pis = b.actor(
        "person:boris-pistorius",
        "Boris Pistorius",
        "person",
        "DEUGOV",
        "DEU",
        "GOV",
        "Boris Pistorius",
        "Pistorius#2",
        "Pistorius#3",
        roles=("Defence Minister",),
    )
    b.actor("person:rustem-umerov", "Rustem Umerov", "person", "UKRGOV", "UKR", "GOV", "Rustem Umerov")
    pes = b.actor("person:dmitry-peskov", "Dmitry Peskov", "person", "RUSGOV", "RUS", "GOV", "Dmitry Peskov", roles=("Kremlin spokesman",))
    b.quote("Ukraine needs air defence now, not in six months", "direct", "said", pis, "Pistorius#3")
    b.quote("prolong the conflict", "mixed", "said the deliveries", pes, "Dmitry Peskov")
    b.event("072", deu, ukr, "deliver", "2024-04-10", modality="future")
    b.event("040", pis, "person:rustem-umerov", "call", "2024-04-10")
    b.event("111", rus, deu, "criticised", "2024-04-10")
    b.event("130", pes, deu, "warned", "2024-04-10")
    return b.article("Germany pledges third Patriot system to Ukraine", "Rhine Post", "2024-04-10", "rhine_patriot.txt", -0.6)


def _patriot_eastern() -> Article:
    b = _Builder(
        "Germany will send another Patriot system to Ukraine, Berlin said on Wednesday, as Kyiv pressed its "
        "allies for more air defences after a wave of Russian missile strikes on power plants.\n\n"
        "Ukrainian President Volodymyr Zelensky thanked Germany and urged other partners to follow. "
        '"Every system saves lives," Zelensky wrote on social media.'
    )
    deu = b.country("DEU", "Germany", "Berlin", "Germany#2")
    ukr = b.country("UKR", "Ukraine", "Kyiv", "Ukrainian")
    rus = b.country("RUS", "Russian")
    zel = b.actor(
        "person:volodymyr-zelensky",
        "Volodymyr Zelensky",
        "person",
        "UKRGOV",
        "UKR",
        "GOV",
        "Volodymyr Zelensky",
        "Zelensky#2",
        roles=("President",),
    )
    b.quote("Every system saves lives", "direct", "wrote", zel, "Zelensky#2")
    b.event("072", deu, ukr, "send", "2024-04-10", modality="future")
    b.event("195", rus, ukr, "strikes", "2024-04-09")
    b.event("051", zel, deu, "thanked", "2024-04-10")
    return b.article("Berlin to send another Patriot system to Kyiv", "Eastern Wire", "2024-04-10", "ew_patriot.txt", -1.2)


def _sanctions_analysis() -> Article:
    b = _Builder(
        "The European Union agreed on Wednesday to ban the transshipment of Russian liquefied natural gas "
        "through its ports, the first measure aimed directly at Moscow's LNG trade.\n\n"
        "Hungary had threatened to block the package until the final day of talks. Josep Borrell, the EU's "
        'foreign policy chief, said the measures would "cut revenues that finance the war".\n\n'
        "Marta Kowalczyk, an energy analyst in Warsaw, said the impact would stay limited while buyers outside "
        'Europe kept taking Russian cargoes. "Sanctions that leave the main buyers untouched are a signal, not a '
        'blockade," she said.'
    )
    eu = b.actor("igo:european-union", "European Union", "igo", "IGOEUREEC", None, None, "European Union", "EU")
    rus = b.country("RUS", "Russian", "Moscow", "Russian#2")
    hun = b.country("HUN", "Hungary")
    bor = b.actor(
        "person:josep-borrell", "Josep Borrell", "person", "IGOEUREEC", None, "GOV", "Josep Borrell", roles=("foreign policy chief",)
    )
    kow = b.actor(
        "person:marta-kowalczyk", "Marta Kowalczyk", "person", None, "POL", None, "Marta Kowalczyk", "she", roles=("energy analyst",)
    )
    b.quote("cut revenues that finance the war", "mixed", "said the measures", bor, "Josep Borrell")
    b.quote("Sanctions that leave the main buyers untouched are a signal, not a blockade", "direct", "said.", kow, "she")
    b.event("163", eu, rus, "ban", "2024-03-20")
    b.event("130", hun, eu, "threatened", "2024-03-20")
    return b.article("Why the EU's new sanctions package goes after LNG", "Kyiv Policy Review", "2024-03-21", "kpr_lng.txt", -2.4)


def _sanctions_copy() -> Article:
    """A content farm's copy of the analysis: same text, the analyst's paragraph cut, an
    author bio added (the corpus stage links it to the original)."""
    original = _sanctions_analysis()
    body = original.text.split("\n\n")
    kept = "\n\n".join(body[:2])
    text = kept + "\n\nAlex Morgan is a freelance writer covering markets and energy for Global Market Pulse."
    # The kept paragraphs start the copy too, so their actor mentions keep their offsets.
    actors = [
        dataclasses.replace(a, mentions=[m for m in a.mentions if m.end <= len(kept)])
        for a in original.actors
        if a.mentions[0].end <= len(kept)
    ]
    return Article(
        id=article_id(text),
        input=InputRef(path="gmp_copy.txt"),
        text=text,
        title="EU sanctions package targets Russian LNG",
        outlet="Global Market Pulse",
        published="2024-03-23",
        language="en",
        format="txt",
        actors=actors,
    )


def _xss_article() -> Article:
    b = _Builder(
        "ANKARA, March 8 (Bosphorus Daily) - Turkey offered on Friday to host new talks on Black Sea shipping, "
        f"a page scraped with its markup left in: {XSS_SCRIPT} and an image tag {XSS_IMG} stayed in the text.\n\n"
        'Foreign Minister Hakan Fidan said Ankara was "ready to host both sides <b>again</b>" in Istanbul.'
    )
    tur = b.country("TUR", "Turkey", "Ankara")
    fidan = b.actor(
        "person:hakan-fidan", "Hakan <i>Fidan</i>", "person", "TURGOV", "TUR", "GOV", "Hakan Fidan", roles=("Foreign Minister",)
    )
    b.quote("ready to host both sides <b>again</b>", "mixed", "said", fidan, "Hakan Fidan")
    b.event("030", tur, None, "offered", "2024-03-08", modality="future")
    return b.article(f"Turkey offers talks {XSS_SCRIPT}", "Bosphorus Daily", "2024-03-08", "bd_xss.txt", 0.9)


def _french_skipped() -> Article:
    text = "La Pologne a expulsé mardi un diplomate biélorusse après une série d'incidents à la frontière."
    return Article(
        id=article_id(text),
        input=InputRef(path="fr.txt"),
        text=text,
        title="La Pologne expulse un diplomate",
        outlet="Rhine Post",
        published="2024-04-03",
        language="fr",
        status="skipped",
    )


def sample_articles() -> list[Article]:
    """The sample corpus: eight articles from six outlets, March–April 2024, one of them a
    republished copy of another."""
    return [
        _poland_expels(),
        _lavrov_beijing(),
        _patriot_rhine(),
        _patriot_eastern(),
        _sanctions_analysis(),
        _sanctions_copy(),
        _xss_article(),
        _french_skipped(),
    ]


def build_sample_store(path: Path) -> list[Article]:
    """Write the sample corpus into a new store at ``path``, run the corpus stage (copies,
    event clusters) and return its articles."""
    articles = sample_articles()
    with Store.open(path) as store:
        store.write(articles)
        corpus.update(store)
    return articles
