"""Image credits: split from captions and normalised to "Agency/Name" or "Name"."""

from __future__ import annotations

import pytest

from crawler.extract import extract_article
from crawler.extract.images import normalize_credit

SITE = {"the daily courier", "le quotidien du matin"}


@pytest.mark.parametrize(
    ("printed", "credit"),
    [
        ("(AFP/Joseph Eid)", "AFP/Joseph Eid"),
        ("REUTERS/Andrew Miller", "Reuters/Andrew Miller"),
        ("REUTERS/Kevin Lamarque/File Photo", "Reuters/Kevin Lamarque"),
        ("AP Photo/Noah Berger", "AP/Noah Berger"),
        ("Foto: dpa/Jan Woitas", "dpa/Jan Woitas"),
        ("Photo: Kenji Watanabe / The Daily Courier", "Kenji Watanabe"),
        ("(Nour Farhat/Le Quotidien du Matin)", "Nour Farhat"),
        ("Sara Lee / AFP", "AFP/Sara Lee"),
        ("© Grace Wanjiru", "Grace Wanjiru"),
        ("تصوير: وليد عيسى", "وليد عيسى"),
        ("(أ ف ب)", "AFP"),
        ("Gazette photo by Amy Lind", "Amy Lind"),
    ],
)
def test_normalize_credit(printed: str, credit: str) -> None:
    assert normalize_credit(printed, SITE) == credit


PAGE = b"""<html><head><title>Floods close the coast road</title></head><body><article>
<h1>Floods close the coast road</h1>
<a class="logo" href="/"><img src="/logo.png" width="200" height="40" alt="Coast News"></a>
<figure><img src="/img/flood.jpg" width="800" height="500"><figcaption>Water covers the road
near Byblos on Monday. <span class="credit">(AFP/Joseph Eid)</span></figcaption></figure>
<div class="article-body"><p>Heavy rain flooded the coast road north of Beirut on Monday, closing
it for hours and trapping dozens of cars, the civil defence said in a statement.</p>
<p>Schools in the area were closed and residents were told to avoid travel until the water level
drops, which forecasters expect by Wednesday evening at the latest.</p>
<div class="photo"><img class="lazyload" src="data:image/gif;base64,R0lGOD" data-src="/img/cars.jpg"
width="600" height="400"><p class="caption">Stranded cars. Photo: Rami Haddad</p></div>
<p>It was the third flood on the same stretch of road this winter, a local official said.</p></div>
<aside class="related"><a href="/other"><img src="/img/thumb.jpg" width="120" height="80"></a></aside>
<img src="/pixel.gif" width="1" height="1"></article></body></html>"""


def test_article_images_only_with_caption_and_credit() -> None:
    images = extract_article(PAGE, "http://news.example.com/a/floods").images
    assert [(i.url, i.caption, i.credit) for i in images] == [
        (
            "http://news.example.com/img/flood.jpg",
            "Water covers the road near Byblos on Monday.",
            "AFP/Joseph Eid",
        ),
        ("http://news.example.com/img/cars.jpg", "Stranded cars.", "Rami Haddad"),
    ]
