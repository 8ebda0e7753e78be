"""The demo's news, as compact data: publishers, places, and per language a few headline,
standfirst and sentence patterns per topic. :mod:`newsdesk.demo.site` draws article ``k``
from these with a generator seeded by ``k``, so the same article always reads the same.

Each article takes three of a topic's seven sentences and fills in its own place, people
and figures, so two articles never read as copies of one story; only the wire stories that
two English publishers share are meant to (the feeds show them as one entry).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The demo's topics, with each language's section slug and title.
TOPICS = ("politics", "economy", "sport", "health", "science")


@dataclass(frozen=True)
class Publisher:
    id: str
    name: str
    language: str
    country: str
    timezone: str
    feed_format: str  # rss or atom
    places: tuple[tuple[str, str], ...]  # (place as written, ISO 3166-1 country)
    authors: tuple[str, ...]


@dataclass(frozen=True)
class Language:
    sections: dict[str, tuple[str, str]]  # topic -> (slug, title)
    countries: dict[str, str]  # ISO code -> name in this language
    people: tuple[str, ...]
    titles: dict[str, tuple[str, ...]]
    standfirsts: dict[str, str]
    leads: dict[str, str]
    sentences: dict[str, tuple[str, ...]]
    closers: tuple[str, ...]
    by: str  # "By {author}"
    read_more: str
    home: str
    rtl: bool = False


PUBLISHERS: tuple[Publisher, ...] = (
    Publisher(
        "levantpost", "The Levant Post", "en", "LB", "Asia/Beirut", "rss",
        (("Beirut", "LB"), ("Damascus", "SY"), ("Amman", "JO"), ("Baghdad", "IQ"),
         ("Cairo", "EG"), ("Aleppo", "SY"), ("Sidon", "LB"), ("Erbil", "IQ")),
        ("Rana Haddad", "Karim Mansour", "Leila Azar"),
    ),
    Publisher(
        "gulfcourier", "The Gulf Courier", "en", "AE", "Asia/Dubai", "atom",
        (("Dubai", "AE"), ("Abu Dhabi", "AE"), ("Doha", "QA"), ("Riyadh", "SA"),
         ("Muscat", "OM"), ("Manama", "BH"), ("Jeddah", "SA")),
        ("Omar Farouk", "Priya Nair", "James Whitfield"),
    ),
    Publisher(
        "courrier", "Le Courrier du Matin", "fr", "FR", "Europe/Paris", "rss",
        (("Lyon", "FR"), ("Marseille", "FR"), ("Bordeaux", "FR"), ("Dakar", "SN"),
         ("Abidjan", "CI"), ("Tunis", "TN"), ("Bruxelles", "BE"), ("Genève", "CH")),
        ("Claire Dubois", "Mamadou Diallo", "Sophie Martin"),
    ),
    Publisher(
        "rundschau", "Rheinland-Rundschau", "de", "DE", "Europe/Berlin", "atom",
        (("Köln", "DE"), ("Düsseldorf", "DE"), ("Bonn", "DE"), ("Hamburg", "DE"),
         ("Wien", "AT"), ("Zürich", "CH"), ("Leipzig", "DE")),
        ("Anna Becker", "Jonas Weber", "Mehmet Yilmaz"),
    ),
    Publisher(
        "sada", "صدى المدينة", "ar", "JO", "Asia/Amman", "rss",
        (("عمّان", "JO"), ("إربد", "JO"), ("الزرقاء", "JO"), ("بيروت", "LB"),
         ("دمشق", "SY"), ("القاهرة", "EG"), ("بغداد", "IQ")),
        ("سامر الخطيب", "هالة يوسف", "طارق النابلسي"),
    ),
)  # fmt: skip

EN = Language(
    sections={
        "politics": ("politics", "Politics"),
        "economy": ("business", "Business"),
        "sport": ("sport", "Sport"),
        "health": ("health", "Health"),
        "science": ("science", "Science"),
    },
    countries={
        "LB": "Lebanon",
        "SY": "Syria",
        "JO": "Jordan",
        "IQ": "Iraq",
        "EG": "Egypt",
        "AE": "the United Arab Emirates",
        "QA": "Qatar",
        "SA": "Saudi Arabia",
        "OM": "Oman",
        "BH": "Bahrain",
    },
    people=(
        "Nadia Karam",
        "Youssef Haddad",
        "Samir Khoury",
        "Hana Saleh",
        "Adel Nasser",
        "Maya Rahal",
        "Tariq Aziz",
        "Lina Fares",
    ),
    titles={
        "politics": (
            "Parliament in {place} rejects budget amendment by {n} votes",
            "Coalition talks in {place} stall over cabinet posts",
            "{person} named interior minister as {place} reshuffles government",
        ),
        "economy": (
            "Central bank in {place} holds interest rate at {pct} percent",
            "Exports from {place} rise {pct} percent on energy demand",
            "{place} port operator plans ${big} million expansion",
        ),
        "sport": (
            "{place} side wins derby {n}-1 to top the league",
            "Marathon in {place} draws a record {big} runners",
            "{person} signs three-year deal with {place} club",
        ),
        "health": (
            "Hospitals in {place} add {big} beds ahead of winter",
            "Measles vaccination drive reaches {big} children in {place}",
            "Clinic in {place} cuts waiting times by {n} days",
        ),
        "science": (
            "Researchers in {place} map {big} new plant species",
            "University in {place} opens solar research centre",
            "Satellite built in {place} sends first images",
        ),
    },
    standfirsts={
        "politics": "Lawmakers remain divided over spending and reform.",
        "economy": "Analysts expect growth to pick up later in the year.",
        "sport": "The result lifts spirits among fans after a difficult season.",
        "health": "Health officials say demand for care keeps rising.",
        "science": "Scientists hope the work will attract more funding.",
    },
    leads={
        "politics": "Members of parliament in {place}, {country}, voted on {weekday} after a "
        "debate that lasted until late at night, the speaker's office said.",
        "economy": "Figures published on {weekday} in {place}, {country}, showed the economy "
        "growing faster than the finance ministry had forecast.",
        "sport": "Supporters filled the stadium in {place}, {country}, on {weekday} for a game "
        "that the home coach called the most important of the season.",
        "health": "The health ministry in {place}, {country}, announced the measures on "
        "{weekday} as clinics reported more patients than last year.",
        "science": "The team in {place}, {country}, presented its results on {weekday} at a "
        "conference attended by researchers from {n} countries.",
    },
    sentences={
        "politics": (
            "{person}, who leads the opposition bloc, said the government had ignored "
            "warnings from its own advisers.",
            "The prime minister's office promised a new draft within {n} weeks.",
            "Several ministers threatened to resign if the election law is not changed.",
            "Diplomats in {place} said the dispute could delay talks with donors.",
            "Turnout at the last election was barely {turnout} percent, the electoral "
            "commission said.",
            "Protesters gathered outside the parliament building, chanting against "
            "corruption and rising prices.",
            "The president is expected to sign the decree before the end of the month.",
        ),
        "economy": (
            "Inflation slowed to {pct} percent in the last quarter, the statistics office said.",
            "{person}, chief economist at a regional bank, said households were still "
            "cutting spending.",
            "The currency has gained {n} percent against the dollar since January.",
            "Shares of the largest lenders rose after the announcement, traders in {place} said.",
            "The government wants to attract {big} million dollars in foreign investment "
            "this year.",
            "Business owners complain that electricity prices have doubled in two years.",
            "The stock exchange index closed at a six-month high.",
        ),
        "sport": (
            "{person} scored twice in the second half, including a penalty in added time.",
            "The coach praised his defenders and said the title race was far from over.",
            "A crowd of {crowd} watched the game despite the heavy rain.",
            "The visitors had a goal disallowed for offside after a video review.",
            "The federation said ticket sales were up {pct} percent on last season.",
            "The team travels to the capital next week for the cup semi-final.",
            "Injuries have kept {n} first-team players out for most of the month.",
        ),
        "health": (
            "{person}, a doctor at the main public hospital, said nurses were working "
            "double shifts.",
            "The ministry has ordered {big} thousand doses of vaccine for the coming months.",
            "Doctors urged parents to keep children at home when they have a fever.",
            "Private clinics in {place} have raised their fees by {pct} percent.",
            "The World Health Organization said the region's cases were falling.",
            "A new emergency ward with {n} operating theatres will open in the spring.",
            "Pharmacies reported shortages of common antibiotics last week.",
        ),
        "science": (
            "{person}, who led the study, said the data would be shared openly.",
            "The project received funding from {n} universities and a private foundation.",
            "Field teams collected more than {big} samples over two years.",
            "The instruments were built and tested in laboratories in {place}.",
            "Engineers expect the equipment to last at least {n} years.",
            "The findings were published in a peer-reviewed journal.",
            "Students will be able to use the new telescope from next term.",
        ),
    },
    closers=(
        "Officials said more details would be released in the coming days.",
        "Neither side responded to requests for comment.",
        "The story will be updated as more information becomes available.",
        "Local media described the decision as a turning point.",
    ),
    by="By {author}",
    read_more="Read more",
    home="Home",
)

FR = Language(
    sections={
        "politics": ("politique", "Politique"),
        "economy": ("economie", "Économie"),
        "sport": ("sport", "Sport"),
        "health": ("sante", "Santé"),
        "science": ("sciences", "Sciences"),
    },
    countries={
        "FR": "France",
        "SN": "Sénégal",
        "CI": "Côte d'Ivoire",
        "TN": "Tunisie",
        "BE": "Belgique",
        "CH": "Suisse",
    },
    people=(
        "Julien Moreau",
        "Aïssatou Ba",
        "Nicolas Lefèvre",
        "Camille Roux",
        "Karim Benali",
        "Élodie Fontaine",
        "Ousmane Sy",
    ),
    titles={
        "politics": (
            "À {place}, le conseil municipal adopte le budget par {n} voix",
            "{person} nommé ministre de l'Intérieur après le remaniement",
            "À {place}, l'opposition réclame des élections anticipées",
        ),
        "economy": (
            "À {place}, le chômage recule de {pct} point",
            "Le port de {place} annonce {big} millions d'euros d'investissements",
            "Les exportations de {place} progressent de {pct} %",
        ),
        "sport": (
            "L'équipe de {place} s'impose {n}-1 et prend la tête du championnat",
            "Le marathon de {place} bat son record avec {big} coureurs",
            "{person} signe pour trois saisons au club de {place}",
        ),
        "health": (
            "À {place}, les hôpitaux ouvrent {big} lits supplémentaires",
            "Campagne de vaccination contre la rougeole à {place}",
            "À {place}, les urgences réduisent l'attente de {n} heures",
        ),
        "science": (
            "À {place}, des chercheurs décrivent {big} espèces de plantes",
            "L'université de {place} inaugure un centre sur l'énergie solaire",
            "Un satellite conçu à {place} envoie ses premières images",
        ),
    },
    standfirsts={
        "politics": "Les élus restent divisés sur les dépenses et les réformes.",
        "economy": "Les économistes prévoient une reprise d'ici la fin de l'année.",
        "sport": "Ce résultat redonne le sourire aux supporters après une saison difficile.",
        "health": "Les autorités sanitaires constatent une demande de soins en hausse.",
        "science": "Les chercheurs espèrent attirer de nouveaux financements.",
    },
    leads={
        "politics": "Les députés réunis à {place} ({country}) ont voté {weekday} soir, à "
        "l'issue d'un débat qui s'est prolongé tard dans la nuit.",
        "economy": "Les chiffres publiés {weekday} à {place} ({country}) montrent une "
        "croissance plus forte que ne le prévoyait le ministère des Finances.",
        "sport": "Les supporters ont rempli le stade de {place} ({country}) {weekday} pour un "
        "match que l'entraîneur jugeait décisif.",
        "health": "Le ministère de la Santé a annoncé ces mesures {weekday} à {place} "
        "({country}), alors que les centres de soins accueillent plus de patients.",
        "science": "L'équipe de {place} ({country}) a présenté ses résultats {weekday} lors "
        "d'un colloque réunissant des chercheurs de {n} pays.",
    },
    sentences={
        "politics": (
            "{person}, chef de file de l'opposition, accuse le gouvernement d'avoir ignoré "
            "les avertissements de ses propres conseillers.",
            "Le cabinet du Premier ministre promet un nouveau texte d'ici {n} semaines.",
            "Plusieurs ministres menacent de démissionner si la loi électorale n'est pas modifiée.",
            "Des diplomates en poste à {place} craignent un report des discussions avec les "
            "bailleurs.",
            "La participation n'avait atteint que {turnout} % lors du dernier scrutin.",
            "Des manifestants se sont rassemblés devant l'Assemblée contre la corruption et "
            "la vie chère.",
            "Le président devrait signer le décret avant la fin du mois.",
        ),
        "economy": (
            "L'inflation a ralenti à {pct} % au dernier trimestre, selon l'institut de "
            "statistique.",
            "{person}, économiste dans une banque régionale, estime que les ménages "
            "continuent de réduire leurs dépenses.",
            "La monnaie a gagné {n} % face au dollar depuis janvier.",
            "Les actions des grandes banques ont progressé après l'annonce, selon des "
            "courtiers de {place}.",
            "Le gouvernement veut attirer {big} millions d'euros d'investissements étrangers.",
            "Les chefs d'entreprise se plaignent du doublement du prix de l'électricité.",
            "L'indice de la Bourse a terminé à son plus haut niveau depuis six mois.",
        ),
        "sport": (
            "{person} a marqué deux fois en seconde période, dont un penalty dans le temps "
            "additionnel.",
            "L'entraîneur a salué sa défense et assuré que la course au titre restait ouverte.",
            "Quelque {crowd} spectateurs ont assisté à la rencontre malgré la pluie.",
            "Les visiteurs se sont vu refuser un but pour hors-jeu après recours à la vidéo.",
            "La fédération annonce une hausse de {pct} % de la billetterie.",
            "L'équipe se déplacera la semaine prochaine pour la demi-finale de la coupe.",
            "Les blessures ont privé l'équipe de {n} titulaires pendant presque tout le mois.",
        ),
        "health": (
            "{person}, médecin à l'hôpital public, indique que les infirmières enchaînent les "
            "gardes.",
            "Le ministère a commandé {big} mille doses de vaccin pour les prochains mois.",
            "Les médecins demandent aux parents de garder les enfants fiévreux à la maison.",
            "Les cliniques privées de {place} ont augmenté leurs tarifs de {pct} %.",
            "L'Organisation mondiale de la santé fait état d'une baisse des cas dans la région.",
            "Un nouveau service d'urgences doté de {n} blocs opératoires ouvrira au printemps.",
            "Les pharmacies ont signalé des pénuries d'antibiotiques courants.",
        ),
        "science": (
            "{person}, qui a dirigé l'étude, promet que les données seront publiées librement.",
            "Le projet est financé par {n} universités et une fondation privée.",
            "Les équipes de terrain ont recueilli plus de {big} échantillons en deux ans.",
            "Les instruments ont été conçus et testés dans des laboratoires de {place}.",
            "Les ingénieurs comptent sur une durée de vie d'au moins {n} ans.",
            "Les résultats ont paru dans une revue à comité de lecture.",
            "Les étudiants pourront utiliser le nouveau télescope dès la rentrée.",
        ),
    },
    closers=(
        "Les autorités promettent davantage de précisions dans les prochains jours.",
        "Aucune des parties n'a répondu à nos questions.",
        "Cet article sera mis à jour.",
        "La presse locale parle d'un tournant.",
    ),
    by="Par {author}",
    read_more="Lire la suite",
    home="Accueil",
)

DE = Language(
    sections={
        "politics": ("politik", "Politik"),
        "economy": ("wirtschaft", "Wirtschaft"),
        "sport": ("sport", "Sport"),
        "health": ("gesundheit", "Gesundheit"),
        "science": ("wissenschaft", "Wissenschaft"),
    },
    countries={"DE": "Deutschland", "AT": "Österreich", "CH": "Schweiz"},
    people=(
        "Katrin Schulz",
        "Lukas Hoffmann",
        "Sabine Wagner",
        "Tobias Fischer",
        "Aylin Demir",
        "Stefan Braun",
        "Julia Koch",
    ),
    titles={
        "politics": (
            "Stadtrat in {place} lehnt Haushaltsentwurf mit {n} Stimmen ab",
            "{person} wird neue Innenministerin",
            "Koalitionsgespräche in {place} geraten ins Stocken",
        ),
        "economy": (
            "Arbeitslosigkeit in {place} sinkt um {pct} Prozent",
            "Hafen {place} investiert {big} Millionen Euro",
            "Exporte aus {place} legen um {pct} Prozent zu",
        ),
        "sport": (
            "{place} gewinnt das Derby {n}:1 und übernimmt die Tabellenführung",
            "Rekord beim Marathon in {place}: {big} Läufer am Start",
            "{person} unterschreibt Dreijahresvertrag in {place}",
        ),
        "health": (
            "Kliniken in {place} schaffen {big} zusätzliche Betten",
            "Masern-Impfaktion in {place} erreicht {big} Kinder",
            "Notaufnahme in {place} verkürzt Wartezeiten um {n} Stunden",
        ),
        "science": (
            "Forscher in {place} beschreiben {big} neue Pflanzenarten",
            "Universität {place} eröffnet Zentrum für Solarenergie",
            "In {place} gebauter Satellit sendet erste Bilder",
        ),
    },
    standfirsts={
        "politics": "Die Abgeordneten bleiben bei Ausgaben und Reformen uneins.",
        "economy": "Fachleute rechnen im Laufe des Jahres mit mehr Wachstum.",
        "sport": "Nach einer schwierigen Saison schöpfen die Fans wieder Hoffnung.",
        "health": "Die Gesundheitsbehörden verzeichnen eine steigende Nachfrage.",
        "science": "Die Forscher hoffen auf zusätzliche Fördermittel.",
    },
    leads={
        "politics": "Die Abgeordneten in {place} ({country}) stimmten am {weekday} nach einer "
        "Debatte ab, die bis spät in die Nacht dauerte.",
        "economy": "Am {weekday} in {place} ({country}) veröffentlichte Zahlen zeigen ein "
        "stärkeres Wachstum, als das Finanzministerium erwartet hatte.",
        "sport": "Die Fans füllten am {weekday} das Stadion in {place} ({country}) für ein "
        "Spiel, das der Trainer für entscheidend hielt.",
        "health": "Das Gesundheitsministerium kündigte die Maßnahmen am {weekday} in {place} "
        "({country}) an, während die Praxen mehr Patienten melden.",
        "science": "Das Team aus {place} ({country}) stellte seine Ergebnisse am {weekday} auf "
        "einer Tagung mit Forschern aus {n} Ländern vor.",
    },
    sentences={
        "politics": (
            "{person}, Fraktionschefin der Opposition, warf der Regierung vor, die Warnungen "
            "ihrer eigenen Berater ignoriert zu haben.",
            "Die Staatskanzlei kündigte einen neuen Entwurf binnen {n} Wochen an.",
            "Mehrere Minister drohten mit Rücktritt, falls das Wahlgesetz nicht geändert wird.",
            "Diplomaten in {place} befürchten Verzögerungen bei den Gesprächen mit Gebern.",
            "Bei der letzten Wahl lag die Beteiligung bei nur {turnout} Prozent.",
            "Vor dem Parlament demonstrierten Menschen gegen Korruption und steigende Preise.",
            "Der Präsident soll den Erlass noch vor Monatsende unterzeichnen.",
        ),
        "economy": (
            "Die Inflation sank im letzten Quartal auf {pct} Prozent, teilte das Statistikamt mit.",
            "{person}, Chefvolkswirtin einer Regionalbank, sagte, die Haushalte sparten weiter.",
            "Die Währung hat seit Januar {n} Prozent gegenüber dem Dollar gewonnen.",
            "Die Aktien der großen Banken legten nach der Ankündigung zu, sagten Händler in "
            "{place}.",
            "Die Regierung will in diesem Jahr {big} Millionen Euro an Auslandsinvestitionen "
            "anziehen.",
            "Unternehmer klagen, dass sich der Strompreis in zwei Jahren verdoppelt hat.",
            "Der Börsenindex schloss auf dem höchsten Stand seit sechs Monaten.",
        ),
        "sport": (
            "{person} traf in der zweiten Halbzeit doppelt, darunter ein Elfmeter in der "
            "Nachspielzeit.",
            "Der Trainer lobte seine Abwehr und sagte, das Titelrennen sei offen.",
            "Trotz Regens verfolgten {crowd} Zuschauer die Partie.",
            "Den Gästen wurde nach Videobeweis ein Tor wegen Abseits aberkannt.",
            "Der Verband meldete {pct} Prozent mehr verkaufte Eintrittskarten.",
            "Nächste Woche reist die Mannschaft zum Pokal-Halbfinale.",
            "Verletzungen kosteten das Team fast den ganzen Monat {n} Stammspieler.",
        ),
        "health": (
            "{person}, Ärztin am städtischen Klinikum, sagte, Pflegekräfte arbeiteten "
            "Doppelschichten.",
            "Das Ministerium hat {big} tausend Impfdosen für die kommenden Monate bestellt.",
            "Ärzte rieten Eltern, Kinder mit Fieber zu Hause zu lassen.",
            "Privatkliniken in {place} haben ihre Preise um {pct} Prozent erhöht.",
            "Die Weltgesundheitsorganisation meldete sinkende Fallzahlen in der Region.",
            "Eine neue Notaufnahme mit {n} Operationssälen soll im Frühjahr öffnen.",
            "Apotheken meldeten in der vergangenen Woche Engpässe bei Antibiotika.",
        ),
        "science": (
            "{person}, die die Studie leitete, sagte, die Daten würden frei zugänglich gemacht.",
            "Das Projekt wird von {n} Universitäten und einer Stiftung finanziert.",
            "Die Teams sammelten in zwei Jahren mehr als {big} Proben.",
            "Die Instrumente wurden in Laboren in {place} gebaut und getestet.",
            "Die Ingenieure rechnen mit einer Lebensdauer von mindestens {n} Jahren.",
            "Die Ergebnisse erschienen in einer begutachteten Fachzeitschrift.",
            "Studierende können das neue Teleskop ab dem nächsten Semester nutzen.",
        ),
    },
    closers=(
        "Weitere Einzelheiten sollen in den kommenden Tagen folgen.",
        "Eine Anfrage blieb zunächst unbeantwortet.",
        "Dieser Artikel wird aktualisiert.",
        "Lokale Medien sprachen von einem Wendepunkt.",
    ),
    by="Von {author}",
    read_more="Weiterlesen",
    home="Startseite",
)

AR = Language(
    sections={
        "politics": ("siyasa", "سياسة"),
        "economy": ("iqtisad", "اقتصاد"),
        "sport": ("riyada", "رياضة"),
        "health": ("sihha", "صحة"),
        "science": ("ulum", "علوم"),
    },
    countries={"JO": "الأردن", "LB": "لبنان", "SY": "سوريا", "EG": "مصر", "IQ": "العراق"},
    people=("ليلى حداد", "محمد العلي", "رنا خوري", "يوسف سالم", "نور الدين عيسى",
            "سلمى فارس"),
    titles={
        "politics": ("البرلمان في {place} يرفض تعديل الموازنة بفارق {n} أصوات",
                     "تعثر مشاورات تشكيل الحكومة في {place}",
                     "تعيين {person} وزيراً للداخلية في {place}"),
        "economy": ("البنك المركزي في {place} يبقي الفائدة عند {pct} بالمئة",
                    "صادرات {place} ترتفع {pct} بالمئة",
                    "خطة لتوسيع ميناء {place} بكلفة {big} مليون دولار"),
        "sport": ("فريق {place} يفوز {n}-1 ويتصدر الدوري",
                  "رقم قياسي في ماراثون {place} بمشاركة {big} عداء",
                  "{person} يوقع عقداً لثلاثة مواسم مع نادي {place}"),
        "health": ("مستشفيات {place} تضيف {big} سرير قبل الشتاء",
                   "حملة تطعيم ضد الحصبة تشمل {big} طفل في {place}",
                   "عيادات {place} تقلص فترات الانتظار {n} أيام"),
        "science": ("باحثون في {place} يوثقون {big} نوعاً جديداً من النباتات",
                    "جامعة {place} تفتتح مركزاً لأبحاث الطاقة الشمسية",
                    "قمر صناعي صُنع في {place} يرسل أولى صوره"),
    },
    standfirsts={
        "politics": "النواب منقسمون حول الإنفاق والإصلاحات.",
        "economy": "يتوقع محللون تحسن النمو في وقت لاحق من العام.",
        "sport": "النتيجة تعيد الأمل إلى الجماهير بعد موسم صعب.",
        "health": "مسؤولو الصحة يقولون إن الطلب على العلاج يتزايد.",
        "science": "يأمل الباحثون أن يجذب العمل مزيداً من التمويل.",
    },
    leads={
        "politics": "صوّت النواب في {place} في {country} يوم {weekday} بعد نقاش استمر حتى "
        "ساعة متأخرة من الليل، بحسب مكتب رئيس المجلس.",
        "economy": "أظهرت أرقام نشرت في {place} في {country} يوم {weekday} أن الاقتصاد ينمو "
        "أسرع مما توقعته وزارة المالية.",
        "sport": "امتلأ الملعب في {place} في {country} يوم {weekday} بالمشجعين لمباراة وصفها "
        "المدرب بأنها الأهم هذا الموسم.",
        "health": "أعلنت وزارة الصحة في {place} في {country} الإجراءات يوم {weekday} مع "
        "ارتفاع أعداد المرضى في العيادات.",
        "science": "عرض الفريق في {place} في {country} نتائجه يوم {weekday} في مؤتمر حضره "
        "باحثون من {n} دول.",
    },
    sentences={
        "politics": (
            "وقال {person}، رئيس كتلة المعارضة، إن الحكومة تجاهلت تحذيرات مستشاريها.",
            "ووعد مكتب رئيس الوزراء بتقديم مسودة جديدة خلال {n} أسابيع.",
            "وهدد عدد من الوزراء بالاستقالة إذا لم يُعدّل قانون الانتخاب.",
            "وقال دبلوماسيون في {place} إن الخلاف قد يؤخر المحادثات مع المانحين.",
            "ولم تتجاوز نسبة المشاركة في الانتخابات الماضية {turnout} بالمئة.",
            "وتجمع محتجون أمام مبنى البرلمان مرددين هتافات ضد الفساد وغلاء الأسعار.",
            "ومن المتوقع أن يوقع الرئيس المرسوم قبل نهاية الشهر.",
        ),
        "economy": (
            "وتباطأ التضخم إلى {pct} بالمئة في الربع الأخير بحسب دائرة الإحصاء.",
            "وقال {person}، كبير الاقتصاديين في مصرف إقليمي، إن الأسر ما زالت تقلص إنفاقها.",
            "وارتفعت العملة {n} بالمئة أمام الدولار منذ كانون الثاني.",
            "وصعدت أسهم كبرى المصارف بعد الإعلان بحسب متعاملين في {place}.",
            "وتسعى الحكومة إلى جذب استثمارات أجنبية بقيمة {big} مليون دولار هذا العام.",
            "ويشكو أصحاب الأعمال من تضاعف أسعار الكهرباء خلال عامين.",
            "وأغلق مؤشر البورصة عند أعلى مستوى له منذ ستة أشهر.",
        ),
        "sport": (
            "وسجل {person} هدفين في الشوط الثاني بينهما ركلة جزاء في الوقت بدل الضائع.",
            "وأشاد المدرب بخط الدفاع وقال إن المنافسة على اللقب ما زالت مفتوحة.",
            "وتابع المباراة نحو {crowd} متفرج رغم الأمطار الغزيرة.",
            "وألغي هدف للضيوف بداعي التسلل بعد العودة إلى تقنية الفيديو.",
            "وأعلن الاتحاد ارتفاع مبيعات التذاكر {pct} بالمئة مقارنة بالموسم الماضي.",
            "ويسافر الفريق الأسبوع المقبل لخوض نصف نهائي الكأس.",
            "وغاب {n} لاعبين أساسيين بسبب الإصابات معظم الشهر.",
        ),
        "health": (
            "وقال {person}، الطبيب في المستشفى الحكومي، إن الممرضين يعملون نوبات مضاعفة.",
            "وطلبت الوزارة {big} ألف جرعة من اللقاح للأشهر المقبلة.",
            "ودعا الأطباء الأهالي إلى إبقاء الأطفال المصابين بالحمى في المنازل.",
            "ورفعت العيادات الخاصة في {place} أسعارها {pct} بالمئة.",
            "وقالت منظمة الصحة العالمية إن الإصابات في المنطقة تتراجع.",
            "ومن المقرر افتتاح قسم طوارئ جديد يضم {n} غرف عمليات في الربيع.",
            "وأبلغت الصيدليات عن نقص في المضادات الحيوية الشائعة الأسبوع الماضي.",
        ),
        "science": (
            "وقال {person}، الذي قاد الدراسة، إن البيانات ستتاح للجميع.",
            "وحصل المشروع على تمويل من {n} جامعات ومؤسسة خاصة.",
            "وجمعت الفرق الميدانية أكثر من {big} عينة خلال عامين.",
            "وصُممت الأجهزة واختبرت في مختبرات في {place}.",
            "ويتوقع المهندسون أن تعمل المعدات {n} سنوات على الأقل.",
            "ونشرت النتائج في مجلة علمية محكمة.",
            "وسيتمكن الطلاب من استخدام المقراب الجديد اعتباراً من الفصل المقبل.",
        ),
    },
    closers=(
        "وقال مسؤولون إن مزيداً من التفاصيل سيعلن في الأيام المقبلة.",
        "ولم يرد أي من الطرفين على طلبات التعليق.",
        "وسيجري تحديث هذا الخبر.",
        "ووصفت وسائل إعلام محلية القرار بأنه نقطة تحول.",
    ),
    by="بقلم {author}",
    read_more="اقرأ المزيد",
    home="الرئيسية",
    rtl=True,
)  # fmt: skip

LANGUAGES: dict[str, Language] = {"en": EN, "fr": FR, "de": DE, "ar": AR}

WEEKDAYS: dict[str, tuple[str, ...]] = {
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
    "fr": ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"),
    "de": ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag"),
    "ar": ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"),
}

#: The two other stories of the seed feed (The Levant Post's Syria feed, May 2013), so that
#: every item of that feed leads to an article: (path, title, standfirst, published, body).
SEED_SIDE_STORIES: tuple[tuple[str, str, str, str, tuple[str, ...]], ...] = (
    (
        "/en/news/lebanon/549488-lebanese-mps-fail-again-to-agree-on-electoral-law",
        "Lebanese MPs fail again to agree on electoral law",
        "Parliament's joint committees ended another session without a deal on a new "
        "electoral law, less than a month before the polls are due.",
        "2013-05-19T17:12:00+03:00",
        (
            "Lebanon's parliamentary committees ended another session in Beirut on Sunday "
            "without agreeing on a new electoral law, raising the prospect that the June "
            "elections will be postponed.",
            "Deputies from the rival March 8 and March 14 blocs remain split over how many "
            "seats should be elected by proportional representation and how districts "
            "should be drawn.",
            "Speaker Nabih Berri said the committees would meet again on Tuesday, but several "
            "MPs said privately that an extension of parliament's mandate now looked likely.",
            "The cabinet of caretaker Prime Minister Najib Mikati resigned in March, and "
            "Prime Minister-designate Tammam Salam has yet to form a government.",
        ),
    ),
    (
        "/en/business/gulf/549470-gulf-bourses-edge-higher-on-bank-earnings",
        "Gulf bourses edge higher on bank earnings",
        "Stock markets in Dubai, Abu Dhabi and Doha closed higher on Sunday, led by banking "
        "shares after strong first-quarter results.",
        "2013-05-19T14:40:00+03:00",
        (
            "Stock markets in Dubai, Abu Dhabi and Doha closed higher on Sunday, led by "
            "banking shares after lenders reported strong first-quarter profits.",
            "Dubai's main index rose 0.8 percent, extending its gains for the year to more "
            "than 40 percent, while Abu Dhabi's index added 0.5 percent.",
            "In Qatar, the benchmark index gained 0.3 percent as investors bought bank "
            "shares ahead of dividend payments.",
            "Traders said rising property prices and a recovery in tourism were supporting "
            "confidence in the United Arab Emirates.",
        ),
    ),
)
