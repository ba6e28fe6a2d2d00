"""Flatten Articles into rows of the store's tables (columns as in ``schema.TABLES``)."""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from typing import Any

from newsgraph.model import Actor, Article, DateRef, Event, EventActor, InputFailure, Place, Quote, SentenceTone


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _side(prefix: str, side: EventActor | None) -> dict[str, Any]:
    side = side or EventActor()
    return {f"{prefix}_{k}": getattr(side, k) for k in ("actor", "name", "code", "country", "sector")}


def _article_row(article: Article, now: dt.datetime) -> dict[str, Any]:
    return {
        "id": article.id,
        "input_id": article.input.id,
        "input_path": article.input.path,
        "input_line": article.input.line,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": _date(article.published),
        "language": article.language,
        "status": article.status,
        "format": article.format,
        "author": article.author,
        "site_name": article.site_name,
        "words": article.tone.words if article.tone else len(article.text.split()),
        "tone": article.tone.score if article.tone else None,
        "text": article.text,
        "record": json.dumps(article.to_dict(), ensure_ascii=False),
        "ingested_at": now,
    }


def _actor_rows(aid: str, actor: Actor, rows: dict[str, list[dict[str, Any]]]) -> None:
    rows["actors"].append({k: getattr(actor, k) for k in ("id", "name", "type", "code", "country", "sector")})
    rows["article_actors"].append(
        {
            "article_id": aid,
            "actor_id": actor.id,
            "name": actor.name,
            "type": actor.type,
            "code": actor.code,
            "country": actor.country,
            "sector": actor.sector,
            "roles": list(actor.roles),
            "mentions": len(actor.mentions),
        }
    )
    for m in actor.mentions:
        rows["mentions"].append({"article_id": aid, "actor_id": actor.id, "start_char": m.start, "end_char": m.end, "text": m.text})


def _quote_row(aid: str, q: Quote) -> dict[str, Any]:
    speaker = q.speaker
    smention = speaker.mention if speaker else None
    return {
        "id": q.id,
        "article_id": aid,
        "kind": q.kind,
        "text": q.text,
        "start_char": q.start,
        "end_char": q.end,
        "cue_start": q.cue.start if q.cue else None,
        "cue_end": q.cue.end if q.cue else None,
        "cue_text": q.cue.text if q.cue else None,
        "speaker_actor": speaker.actor if speaker else None,
        "speaker_name": speaker.name if speaker else None,
        "speaker_start": smention.start if smention else None,
        "speaker_end": smention.end if smention else None,
        "speaker_text": smention.text if smention else None,
    }


def _event_row(aid: str, e: Event) -> dict[str, Any]:
    place = e.place
    return {
        "id": e.id,
        "article_id": aid,
        "cameo": e.cameo,
        "root": e.root,
        "name": e.name,
        "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "plover_type": e.plover.type if e.plover else None,
        "plover_mode": e.plover.mode if e.plover else None,
        **_side("source", e.source),
        **_side("target", e.target),
        "negated": e.negated,
        "modality": e.modality,
        "claimed_by": e.claimed_by,
        "date": _date(e.date),
        "date_text": e.date_text,
        "place_name": place.name if place else None,
        "place_country": place.country if place else None,
        "place_lat": place.lat if place else None,
        "place_lon": place.lon if place else None,
        "trigger_start": e.trigger.start,
        "trigger_end": e.trigger.end,
        "trigger_text": e.trigger.text,
        "sentence_start": e.sentence.start,
        "sentence_end": e.sentence.end,
    }


def _place_rows(aid: str, p: Place) -> list[dict[str, Any]]:
    return [
        {
            "article_id": aid,
            "name": p.name,
            "country": p.country,
            "lat": p.lat,
            "lon": p.lon,
            "start_char": m.start,
            "end_char": m.end,
            "text": m.text,
        }
        for m in p.mentions
    ]


def _date_row(aid: str, d: DateRef) -> dict[str, Any]:
    return {
        "article_id": aid,
        "text": d.text,
        "start_char": d.start,
        "end_char": d.end,
        "value": _date(d.value),
        "granularity": d.granularity,
    }


def _tone_row(aid: str, s: SentenceTone) -> dict[str, Any]:
    return {
        "article_id": aid,
        "start_char": s.start,
        "end_char": s.end,
        "score": s.score,
        "positive": s.positive,
        "negative": s.negative,
        "polarity": s.polarity,
        "words": s.words,
    }


def article_rows(article: Article, now: dt.datetime) -> dict[str, list[dict[str, Any]]]:
    """Every row one article contributes, by table."""
    rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
    aid = article.id
    rows["articles"].append(_article_row(article, now))
    for actor in article.actors:
        _actor_rows(aid, actor, rows)
    rows["quotes"].extend(_quote_row(aid, q) for q in article.quotes)
    rows["events"].extend(_event_row(aid, e) for e in article.events)
    for p in article.places:
        rows["places"].extend(_place_rows(aid, p))
    rows["dates"].extend(_date_row(aid, d) for d in article.dates)
    rows["sentence_tones"].extend(_tone_row(aid, s) for s in (article.tone.sentences if article.tone else []))
    return {table: table_rows for table, table_rows in rows.items() if table_rows}


def failure_row(failure: InputFailure, now: dt.datetime) -> dict[str, Any]:
    """The row that records one failed input."""
    return {"path": failure.path, "line": failure.line, "reason": failure.reason, "failed_at": now}
