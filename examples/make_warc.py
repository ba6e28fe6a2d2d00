"""Rebuild ``warc/press_pages.warc.gz`` from the two HTML pages below (run from anywhere).

The WARC holds two HTML responses, a robots.txt response (not an article, so ignored) and a
request record, as a crawler would write them.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PAGES = {
    "https://rhinepost.example/politics/berlin-summons-russian-ambassador": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Berlin summons Russian ambassador over cyberattack on party headquarters - Rhine Post</title>
<meta property="og:site_name" content="Rhine Post">
<meta name="author" content="Katrin Vogel">
<meta property="article:published_time" content="2024-05-03T11:20:00+02:00">
</head><body>
<nav><a href="/">Start</a> | <a href="/politics">Politics</a> | <a href="/login">Log in</a></nav>
<article>
<h1>Berlin summons Russian ambassador over cyberattack on party headquarters</h1>
<p>BERLIN — Germany summoned the Russian ambassador on Friday and recalled its own ambassador from Moscow for consultations after investigators blamed a Russian military intelligence unit for a cyberattack on the headquarters of the Social Democratic Party.</p>
<p>Foreign Minister Annalena Baerbock, speaking during a visit to Australia, said the attack was "absolutely unacceptable and will not remain without consequences." She said Berlin had evidence that hackers working for the GRU had broken into the email accounts of party officials last year.</p>
<p>The European Union and NATO condemned the attack in separate statements. Russia's embassy in Berlin rejected the accusations as unfounded and said Germany had provided no proof.</p>
<p>Interior Minister Nancy Faeser said the government would strengthen the protection of parties ahead of the European Parliament elections in June.</p>
</article>
<footer>Share this article · Follow us on Mastodon</footer>
</body></html>""",
    "https://easternwire.example/2024/06/24/eu-belarus-sanctions": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>EU imposes sanctions on Belarus over support for Russia's war - Eastern Wire</title>
<meta property="og:site_name" content="Eastern Wire">
<meta property="article:published_time" content="2024-06-24T16:00:00+00:00">
</head><body>
<article>
<h1>EU imposes sanctions on Belarus over support for Russia's war</h1>
<p>LUXEMBOURG, June 24 (Eastern Wire) - The European Union on Monday imposed new trade restrictions on Belarus, extending to Minsk measures it has already applied to Russia in order to close loopholes used to evade sanctions.</p>
<p>EU foreign ministers meeting in Luxembourg also adopted the bloc's fourteenth package of sanctions against Russia after Germany dropped its objections to a clause on subsidiaries of European companies.</p>
<p>"Lukashenko's regime is complicit in Russia's aggression and it will pay a price for it," Josep Borrell, the EU's foreign policy chief, told reporters. The Belarusian foreign ministry said the sanctions were illegal and promised countermeasures.</p>
<p>Hungarian Foreign Minister Peter Szijjarto said Budapest had not vetoed the package but would not support any measures that harm its energy security.</p>
</article></body></html>""",
}


def main() -> None:
    out = Path(__file__).resolve().parent / "warc" / "press_pages.warc.gz"
    out.parent.mkdir(exist_ok=True)
    with out.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        robots = StatusAndHeaders("200 OK", [("Content-Type", "text/plain")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://rhinepost.example/robots.txt", "response", payload=BytesIO(b"User-agent: *\nAllow: /\n"), http_headers=robots
            )
        )
        for url, html in PAGES.items():
            body = html.encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            request = StatusAndHeaders("GET / HTTP/1.1", [("Host", url.split("/")[2])], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=BytesIO(b""), http_headers=request))
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body), http_headers=headers))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
