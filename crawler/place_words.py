"""The words around a place name that tell what the name means there, per language.

All folded like the text (:func:`crawler.tokens.fold`). Used by :mod:`crawler.mentions`.
"""

from __future__ import annotations


def words_set(text: str) -> frozenset[str]:
    return frozenset(text.split())


LOCATIVES = {
    "en": words_set(
        "in at near across throughout inside outside around within from into to towards "
        "toward via off"
    ),
    "fr": words_set("a au aux en dans pres vers depuis chez"),
    "de": words_set("in im nach aus bei nahe ins um"),
    "ar": words_set("في الي من قرب داخل نحو شمال جنوب شرق غرب وسط ضواحي مدينه محيط عبر"),
}
DETERMINERS = {
    "en": words_set(
        "the a an this that these those his her its their our my your every each no some any"
    ),
    "fr": words_set(
        "le la les un une des du ce cet cette ces son sa ses leur leurs mon ma mes notre "
        "nos votre vos"
    ),
    "de": words_set(
        "der die das den dem des ein eine einen einem einer eines kein keine keinen sein "
        "seine seinen ihr ihre ihren unser unsere dieser diese dieses diesen jeder jede "
        "jedes"
    ),
    "ar": frozenset(),
}
METONYM_VERBS = {
    "en": words_set(
        "has have had is was says said will would wants wanted accused accuses backed "
        "backs rejected rejects denied denies insists insisted warned warns urged urges "
        "called calls announced announces claims claimed believes believed hopes fears "
        "sees sent sends supports supported condemned condemns welcomed welcomes refused "
        "refuses responded responds demanded demands threatened threatens signed agreed "
        "agrees expects expected plans planned must should could may might can also "
        "imposed imposes blamed blames vowed vows pledged pledges considers argues argued "
        "retaliated recognised recognized approved launched"
    ),
    "fr": words_set(
        "a avait est etait accuse affirme denonce estime juge refuse soutient reclame "
        "exige menace veut souhaite appelle rejette nie assure insiste condamne dement "
        "annonce craint doit pourrait va entend"
    ),
    "de": words_set(
        "hat hatte ist war wirft fordert warnt kritisiert will wollte lehnt droht sagte "
        "erklarte bestreitet unterstutzt verurteilte verurteilt reagierte setzt sieht "
        "befurchtet wies beschuldigt drohte forderte warnte kritisierte"
    ),
    # Arabic puts the verb first: "وقالت موسكو".
    "ar": words_set(
        "قالت اعلنت اتهمت رفضت اكدت حذرت دعت طالبت نفت هددت ايدت دعمت وافقت تري تريد "
        "تتهم ترفض تؤكد تدعو تطالب قال اعلن اتهم رفض اكد حذر دعا طالب نفي هدد ايد دعم "
        "وافق ادانت ادان"
    ),
}
CONJUNCTIONS = words_set("and et und")
RELATIVES = words_set("who which qui die")
ALL_VERBS = frozenset().union(*METONYM_VERBS.values())
TYPE_WORDS = {
    "en": {
        "province": "province",
        "governorate": "province",
        "region": "region",
        "district": "district",
        "state": "state",
        "county": "county",
        "oblast": "region",
        "prefecture": "province",
    },
    "fr": {
        "province": "province",
        "gouvernorat": "province",
        "region": "region",
        "district": "district",
        "etat": "state",
        "prefecture": "province",
        "departement": "province",
    },
    "de": {
        "provinz": "province",
        "region": "region",
        "bezirk": "district",
        "bundesstaat": "state",
        "gouvernement": "province",
        "oblast": "region",
    },
    "ar": {
        "محافظه": "province",
        "ولايه": "state",
        "اقليم": "region",
        "منطقه": "region",
        "ريف": "province",
    },
}
TYPE_LINKS = words_set("of de d")  # "the province of Homs", "la province de Homs"
# Words before a place that belong to it rather than to a person's name.
PLACE_MODIFIERS = words_set(
    "north south east west northern southern eastern western central greater new old upper "
    "lower downtown nord sud est ouest grand ost sud west alt gross"
)
# Capitalised words after a place that do not make it a person's name.
DESIGNATORS = words_set(
    "airport university province governorate region district state county city street square "
    "international port bay river valley stadium hospital municipality municipal council "
    "summit talks conference agreement accord accords process protocol declaration fc united "
    "police court stock exchange times post metro marathon club government administration "
    "wall mayor governor aeroport universite flughafen universitat"
)
# Words of club names before a city ("Real Madrid", "AS Tripoli", "FC Beyrouth"): the club
# is from that city, it is not a person's name.
CLUB_WORDS = words_set(
    "real inter ac as fc cf sc sv racing sporting athletic atletico olympique stade dynamo "
    "dinamo club vfb vfl tsv borussia eintracht fortuna rapid hapoel maccabi union us"
)
BLOCK_BEFORE = {
    "en": words_set("latin south north central native african asian pan"),
    "fr": words_set("latino sud nord afro"),
    "de": frozenset(),
    "ar": frozenset(),
}
BLOCK_AFTER = {
    "en": frozenset(),
    "fr": words_set("latine du"),
    "de": frozenset(),
    "ar": words_set("اللاتينيه الجنوبيه الشماليه الوسطي"),
}
ARABIC_CONJUNCTIONS = ("و", "ف")
ARABIC_PREPOSITIONS = ("ب", "ل", "ك")
