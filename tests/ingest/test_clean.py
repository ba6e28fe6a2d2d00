from __future__ import annotations

from newsgraph.ingest.clean import clean_paragraphs, leftover_date, split_paragraphs

SCRAPED = """All news
Updated at: 2023-11-02 10:15

Finland closes two more crossings on the Russian border

HELSINKI, November 2. /Northern Wire/. Finland will close two more checkpoints on its border
with Russia, Interior Minister Mari Rantanen said on Thursday.
Share
Facebook | Twitter | Email
The government accuses Moscow of steering asylum seekers towards the frontier.

Read more: Border guards report a rise in crossings
Anna-77Brightwell, a distinguished contributor at dailymarketwave, is celebrated for her prowess in writing. Her contributions reflect a passion for finance.
"""


def test_clean_removes_navigation_share_lines_and_bio() -> None:
    kept, removed = clean_paragraphs(split_paragraphs(SCRAPED))
    reasons = [(r.reason, r.text) for r in removed]
    assert ("navigation", "All news") in reasons
    assert ("navigation", "Share") in reasons
    assert ("navigation", "Facebook | Twitter | Email") in reasons
    assert ("navigation", "Read more: Border guards report a rise in crossings") in reasons
    assert any(reason == "author bio" and text.startswith("Anna-77Brightwell") for reason, text in reasons)
    assert kept[0] == "Finland closes two more crossings on the Russian border"
    assert kept[-1] == "The government accuses Moscow of steering asylum seekers towards the frontier."


def test_hard_wrapped_lines_are_rejoined() -> None:
    paragraphs = split_paragraphs(SCRAPED)
    assert any(p.startswith("HELSINKI, November 2.") and p.endswith("said on Thursday.") for p in paragraphs)


def test_leftover_date_is_read_from_updated_line() -> None:
    _, removed = clean_paragraphs(split_paragraphs(SCRAPED))
    assert leftover_date(removed) == "2023-11-02 10:15"


def test_ordinary_last_paragraph_is_not_taken_for_a_bio() -> None:
    text = "The minister met his counterpart in Vienna.\nShe is a seasoned negotiator with a passion for arms control, officials said."
    kept, removed = clean_paragraphs(split_paragraphs(text))
    assert len(kept) == 2
    assert removed == []


def test_sentence_starting_with_share_is_kept() -> None:
    text = "Share prices in Moscow fell sharply after the central bank raised its key rate to 16 percent on Friday, traders said."
    kept, removed = clean_paragraphs(split_paragraphs(text))
    assert kept == [text]
    assert removed == []
