"""Regions: ambiguous names, metonyms, people, datelines, the publisher hint, Arabic clitics."""

import pytest

from archive.models import Place
from crawler.regions import detect_regions


def regions(title, body="", language="en", **kw):
    return detect_regions(title, None, body, language=language, **kw)


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Fighting broke out in Tripoli. Officials in Benghazi said the airport closed.", "LY"),
        ("Fighting broke out in Tripoli. Officials in Beirut said the airport closed.", "LB"),
        ("Fighting broke out in Tripoli, the Libyan capital.", "LY"),
        ("Fighting broke out in Tripoli in northern Lebanon.", "LB"),
        ("Fighting broke out in Tripoli.", "LY"),  # no context: the capital
    ],
)
def test_tripoli_follows_the_rest_of_the_article(body, expected):
    assert regions("Clashes overnight", body).primary == expected


@pytest.mark.parametrize(
    ("language", "title", "expected"),
    [
        ("en", "Syrian troops enter the town", "SY"),
        ("fr", "L'armée syrienne entre dans la ville", "SY"),
        ("de", "Syrische Truppen rücken in die Stadt ein", "SY"),
        ("ar", "القوات السورية تدخل المدينة", "SY"),
        ("fr", "Des frappes au Liban", "LB"),
        ("de", "Angriffe im Libanon", "LB"),
        ("ar", "غارات على لبنان", "LB"),
        ("ar", "وزير الخارجية اللبناني يلتقي نظيره", "LB"),
        ("ar", "وزير الخارجية اللبناني في باريس", "FR"),  # where it happens wins
        ("de", "Syriens Präsident warnt vor einer Eskalation", "SY"),
        ("en", "US-Russian talks stall", "US"),
    ],
)
def test_demonyms_and_country_names(language, title, expected):
    assert regions(title, language=language).primary == expected


@pytest.mark.parametrize(
    ("text", "name", "is_metonym"),
    [
        ("While Washington has backed the uprising, the fighting goes on.", "Washington", True),
        ("Moscow is one of his staunchest allies.", "Moscow", True),
        ("Diplomats met in Moscow on Monday.", "Moscow", False),
        ("Washington and Paris said they were worried.", "Paris", True),
        ("Talks were held in Rome and Paris last week.", "Paris", False),
        ("Moskau wies die Vorwürfe zurück.", "Moskau", True),
    ],
)
def test_capitals_standing_for_governments(text, name, is_metonym):
    language = "de" if "Moskau" in text else "en"
    places = {p.name: p for p in regions("News", text, language=language).places}
    assert places[name].is_metonym is is_metonym


@pytest.mark.parametrize(
    "body",
    [
        "Nancy Williams, a spokeswoman, said the decision was final.",
        '"We will appeal," Patricia Taylor told reporters. Taylor said the ruling was unfair.',
        "The mosaics date from the Roman era.",
        "Sofia Fernández won the race.",
    ],
)
def test_people_and_words_are_not_places(body):
    assert regions("Statement", body).places == ()


def test_province_type_comes_from_the_context():
    found = regions("Fighting", "The whole province of Homs will fall, he said in Damascus.")
    assert Place("Homs", "SY", "province") in found.places


def test_dateline_names_the_place_and_keeps_its_usual_spelling():
    found = regions("Markets fall", "BEIRUT, May 3 (Reuters) - Shares fell on Friday.")
    assert found.primary == "LB"
    assert found.places == (Place("Beirut", "LB", "city"),)


def test_publisher_country_alone_is_a_low_confidence_region():
    found = regions("Council approves budget", "The vote was 12 to 3.", source_country="lb")
    assert [(c.code, c.method) for c in found.countries] == [("LB", "hint")]
    assert found.countries[0].score < 0.5
    assert found.mentioned == ()


def test_publisher_country_does_not_beat_the_text():
    found = regions("Floods in Kenya", "Heavy rain hit Nairobi.", source_country="LB")
    assert found.primary == "KE"
    assert "LB" not in found.mentioned


def test_nothing_to_find():
    assert regions("", "") == detect_regions("", None, "", language="xx")
    assert regions("Markets rally", "Shares rose.").countries == ()


@pytest.mark.parametrize(
    ("word", "expected"),
    [("والسعودية", "SA"), ("بالعراق", "IQ"), ("للسوريين", "SY"), ("وبيروت", "LB")],
)
def test_arabic_clitics_are_stripped(word, expected):
    assert regions(f"زيارة {word}", language="ar").primary == expected


def test_arabic_adjective_is_not_a_town():
    # الجديدة is also El Jadida (Morocco): after a definite noun it is the adjective "new".
    found = regions("الحكومة الجديدة تعقد اجتماعها الأول", language="ar")
    assert found.places == ()


def test_scores_are_shares_and_primary_first():
    found = regions("Syrian army storms Al-Qusayr", "Rockets from Syria hit villages in Lebanon.")
    assert [c.code for c in found.countries] == ["SY", "LB"]
    assert found.countries[0].score > found.countries[1].score
    assert sum(c.score for c in found.countries) <= 1.0
