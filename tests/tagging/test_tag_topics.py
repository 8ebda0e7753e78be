"""Topics: vocabulary in four languages, section, URL, keywords and source hints."""

import pytest

from archive.taxonomy import TOPIC_BY_SLUG
from crawler.topic_vocabulary import SECTIONS, VOCABULARY
from crawler.topics import classify_topics, matcher, text_hits


def topics(title, body="", language="en", **kw):
    return classify_topics(title, None, body, language=language, **kw)


@pytest.mark.parametrize(
    ("language", "title", "expected"),
    [
        ("en", "Ceasefire collapses as troops shell rebel stronghold", "conflict-war-peace"),
        ("en", "Parliament rejects the budget, prime minister calls snap election", "politics"),
        (
            "en",
            "Central bank raises interest rates as inflation hits 5 percent",
            "economy-business-finance",
        ),
        ("en", "Striker's late goal wins the cup final for the champions", "sport"),
        ("en", "Hospitals struggle as cholera outbreak spreads, doctors warn", "health"),
        ("en", "Astronomers discover a planet with a new telescope", "science-technology"),
        (
            "en",
            "Film festival opens with a premiere of the director's new movie",
            "arts-culture-entertainment",
        ),
        (
            "en",
            "Earthquake kills dozens, rescuers search the rubble",
            "disaster-accident-emergency",
        ),
        (
            "fr",
            "Les députés adoptent la réforme constitutionnelle après le vote au Parlement",
            "politics",
        ),
        (
            "fr",
            "Le club s'impose en finale du championnat grâce à un but de son attaquant",
            "sport",
        ),
        (
            "fr",
            "La Bourse de Paris recule, l'inflation pèse sur les marchés",
            "economy-business-finance",
        ),
        ("fr", "Des frappes et des combats malgré le cessez-le-feu", "conflict-war-peace"),
        (
            "de",
            "Bundestag stimmt über die Reform ab, Opposition kritisiert die Regierung",
            "politics",
        ),
        ("de", "Bayern gewinnt das Spiel, zwei Tore in der Bundesliga", "sport"),
        (
            "de",
            "Die Zentralbank senkt den Leitzins, die Inflation sinkt",
            "economy-business-finance",
        ),
        ("de", "Luftangriffe trotz Waffenruhe, Truppen rücken vor", "conflict-war-peace"),
        ("ar", "البرلمان يصوت على قانون الانتخابات الجديد", "politics"),
        ("ar", "المنتخب يفوز في المباراة النهائية للبطولة", "sport"),
        ("ar", "البنك المركزي يرفع أسعار الفائدة لمواجهة التضخم", "economy-business-finance"),
        ("ar", "غارات وقصف مدفعي رغم الهدنة", "conflict-war-peace"),
    ],
)
def test_text_alone(language, title, expected):
    assert topics(title, language=language)[0].slug == expected


@pytest.mark.parametrize(
    ("section", "url", "expected", "method"),
    [
        ("sport", None, "sport", "section"),
        ("Politik", None, "politics", "section"),
        ("economie", None, "economy-business-finance", "section"),
        (None, "https://example.com/sports/2024/05/03/some-story.html", "sport", "url"),
        (None, "https://example.com/wirtschaft/article-1.html", "economy-business-finance", "url"),
    ],
)
def test_section_and_url(section, url, expected, method):
    found = topics("Statement on Monday", section=section, url=url)
    assert [(t.slug, t.method) for t in found] == [(expected, method)]


def test_the_slug_of_the_url_is_not_a_section():
    assert topics("Statement", url="https://example.com/news/sport-star-speaks") == ()


def test_section_and_text_agree():
    found = topics("Late goal wins the derby", section="football")
    assert found[0].slug == "sport"
    assert found[0].method in ("section+text", "text+section")


def test_keywords_and_hints():
    found = topics("Statement on Monday", keywords=["Elections", "Parliament"])
    assert [(t.slug, t.method) for t in found] == [("politics", "keywords")]
    hinted = topics("Statement on Monday", source_topics=["sport", "no-such-topic"])
    assert [(t.slug, t.method) for t in hinted] == [("sport", "hint")]


def test_world_section_names_no_topic():
    assert topics("Statement on Monday", section="world") == ()


def test_multi_label_with_scores_strongest_first():
    found = topics(
        "Troops shell rebel town as opposition parliament members demand peace talks",
        "Airstrikes and artillery fire continued while the government and the opposition "
        "negotiated in parliament over the election and the ceasefire.",
    )
    assert {t.slug for t in found} == {"conflict-war-peace", "politics"}
    assert 1 >= found[0].score >= found[1].score > 0


def test_a_phrase_is_counted_once():
    # "air strikes" is war; the word "strikes" alone would also count for labour.
    assert "labour" not in text_hits("Air strikes hit the town.", "en")


def test_german_compounds():
    assert set(text_hits("Bürgerkrieg", "de")) == {"conflict-war-peace"}
    assert set(text_hits("Feuerpause", "de")) == {"conflict-war-peace"}  # not "Feuer"


@pytest.mark.parametrize("language", ["en", "fr", "de", "ar"])
def test_every_topic_has_words_in_every_language(language):
    assert set(VOCABULARY) == set(TOPIC_BY_SLUG)
    assert all(VOCABULARY[topic][language].split() for topic in VOCABULARY)
    assert matcher(language).exact  # the vocabulary parses


def test_sections_name_known_topics():
    assert set(SECTIONS) <= set(TOPIC_BY_SLUG)
