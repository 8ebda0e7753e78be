"""Demonyms and the country names a gazetteer lacks, in English, French, German and Arabic.

Country names come mostly from CLDR (Babel) and ISO 3166 (pycountry); this module adds what
those do not carry: the adjectives and nouns of nationality ("Syrian", "libanais",
"syrisch", "سوري") and the short names newsrooms use ("US", "Britain", "RDC",
"Großbritannien", "أمريكا"). Only the base form is written down; the inflected forms are
generated (French feminine and plural, German adjective endings and noun forms, Arabic
feminine and plural), see :func:`demonym_forms`.

Left out on purpose: words that name a language as often as a people ("English",
"anglais", "englisch"), pan-national words ("Arab", "European", "Kurdish"), and forms that
collide with common words (Arabic مالي is also "financial").
"""

from __future__ import annotations

LANGUAGES = ("en", "fr", "de", "ar")

# code | English | French (masculine singular) | German (adjective; Nouns) | Arabic (masculine)
# Several forms are separated by commas; "-" or an empty field means none.
_DEMONYMS = """
AF | Afghan | afghan | afghanisch; Afghane | أفغاني
AL | Albanian | albanais | albanisch; Albaner | ألباني
DZ | Algerian | algérien | algerisch; Algerier | جزائري
AD | Andorran | andorran | andorranisch | أندوري
AO | Angolan | angolais | angolanisch; Angolaner | أنغولي
AR | Argentine, Argentinian, Argentinean | argentin | argentinisch; Argentinier | أرجنتيني
AM | Armenian | arménien | armenisch; Armenier | أرميني
AU | Australian | australien | australisch; Australier | أسترالي
AT | Austrian | autrichien | österreichisch; Österreicher | نمساوي
AZ | Azerbaijani, Azeri | azerbaïdjanais | aserbaidschanisch; Aserbaidschaner | أذربيجاني
BS | Bahamian | bahaméen | bahamaisch | -
BH | Bahraini | bahreïni, bahreïnien | bahrainisch; Bahrainer | بحريني
BD | Bangladeshi | bangladais | bangladeschisch; Bangladescher | بنغلاديشي
BB | Barbadian | barbadien | barbadisch | -
BY | Belarusian, Belarussian | biélorusse | belarussisch, weißrussisch; Belarusse | بيلاروسي
BE | Belgian | belge | belgisch; Belgier | بلجيكي
BZ | Belizean | bélizien | belizisch | -
BJ | Beninese | béninois | beninisch | بنيني
BT | Bhutanese | bhoutanais | bhutanisch | بوتاني
BO | Bolivian | bolivien | bolivianisch; Bolivianer | بوليفي
BA | Bosnian | bosnien | bosnisch; Bosnier | بوسني
BW | Botswanan | botswanais | botswanisch | -
BR | Brazilian | brésilien | brasilianisch; Brasilianer | برازيلي
BN | Bruneian | brunéien | bruneiisch | -
BG | Bulgarian | bulgare | bulgarisch; Bulgare | بلغاري
BF | Burkinabe, Burkinabè | burkinabé | burkinisch | بوركيني
BI | Burundian | burundais | burundisch | بوروندي
KH | Cambodian | cambodgien | kambodschanisch; Kambodschaner | كمبودي
CM | Cameroonian | camerounais | kamerunisch; Kameruner | كاميروني
CA | Canadian | canadien | kanadisch; Kanadier | كندي
CV | Cape Verdean | cap-verdien | kapverdisch | -
CF | - | centrafricain | zentralafrikanisch | -
TD | Chadian | tchadien | tschadisch | تشادي
CL | Chilean | chilien | chilenisch; Chilene | تشيلي
CN | Chinese | chinois | chinesisch; Chinese | صيني
CO | Colombian | colombien | kolumbianisch; Kolumbianer | كولومبي
CD | Congolese | congolais | kongolesisch; Kongolese | كونغولي
CR | Costa Rican | costaricien, costaricain | costa-ricanisch | كوستاريكي
CI | Ivorian | ivoirien | ivorisch | إيفواري
HR | Croatian, Croat | croate | kroatisch; Kroate | كرواتي
CU | Cuban | cubain | kubanisch; Kubaner | كوبي
CY | Cypriot | chypriote | zyprisch; Zyprer | قبرصي
CZ | Czech | tchèque | tschechisch; Tscheche | تشيكي
DK | Danish, Dane | danois | dänisch; Däne | دنماركي
DJ | Djiboutian | djiboutien | dschibutisch | -
DO | Dominican | dominicain | dominikanisch | دومينيكاني
EC | Ecuadorian, Ecuadoran | équatorien | ecuadorianisch; Ecuadorianer | إكوادوري
EG | Egyptian | égyptien | ägyptisch; Ägypter | مصري
SV | Salvadoran, Salvadorean | salvadorien | salvadorianisch | سلفادوري
GQ | Equatorial Guinean, Equatoguinean | équato-guinéen | äquatorialguineisch | -
ER | Eritrean | érythréen | eritreisch; Eritreer | إريتري
EE | Estonian | estonien | estnisch; Este | إستوني
SZ | Swazi | swazi | swasiländisch | -
ET | Ethiopian | éthiopien | äthiopisch; Äthiopier | إثيوبي
FJ | Fijian | fidjien | fidschianisch | فيجي
FI | Finnish | finlandais | finnisch; Finne | فنلندي
FR | French | français | französisch; Franzose | فرنسي
GA | Gabonese | gabonais | gabunisch | غابوني
GM | Gambian | gambien | gambisch | غامبي
GE | Georgian | géorgien | georgisch; Georgier | جورجي
DE | German | allemand | deutsch | ألماني
GH | Ghanaian | ghanéen | ghanaisch; Ghanaer | غاني
GR | Greek | grec | griechisch; Grieche | يوناني
GT | Guatemalan | guatémaltèque | guatemaltekisch | غواتيمالي
GN | Guinean | guinéen | guineisch | غيني
GW | Bissau-Guinean | bissau-guinéen | guinea-bissauisch | -
GY | Guyanese | guyanien | guyanisch | -
HT | Haitian | haïtien | haitianisch; Haitianer | هايتي
HN | Honduran | hondurien | honduranisch | هندوراسي
HU | Hungarian | hongrois | ungarisch; Ungar | مجري
IS | Icelandic, Icelander | islandais | isländisch; Isländer | آيسلندي
IN | Indian | indien | indisch; Inder | هندي
ID | Indonesian | indonésien | indonesisch; Indonesier | إندونيسي
IR | Iranian | iranien | iranisch; Iraner | إيراني
IQ | Iraqi | irakien | irakisch; Iraker | عراقي
IE | Irish | irlandais | irisch; Ire | إيرلندي, أيرلندي
IL | Israeli | israélien | israelisch; Israeli | إسرائيلي
IT | Italian | italien | italienisch; Italiener | إيطالي
JM | Jamaican | jamaïcain | jamaikanisch; Jamaikaner | جامايكي
JP | Japanese | japonais | japanisch; Japaner | ياباني
JO | Jordanian | jordanien | jordanisch; Jordanier | أردني
KZ | Kazakh, Kazakhstani | kazakh, kazakhstanais | kasachisch; Kasache | كازاخي, كازاخستاني
KE | Kenyan | kényan | kenianisch; Kenianer | كيني
KP | North Korean | nord-coréen | nordkoreanisch; Nordkoreaner | -
KR | South Korean, Korean | sud-coréen, coréen | südkoreanisch, koreanisch; Südkoreaner | -
KW | Kuwaiti | koweïtien | kuwaitisch | كويتي
KG | Kyrgyz, Kyrgyzstani | kirghize | kirgisisch | قرغيزي
LA | Laotian | laotien | laotisch | لاوسي
LV | Latvian | letton | lettisch; Lette | لاتفي
LB | Lebanese | libanais | libanesisch; Libanese | لبناني
LR | Liberian | libérien | liberianisch | ليبيري
LY | Libyan | libyen | libysch; Libyer | ليبي
LI | Liechtensteiner | liechtensteinois | liechtensteinisch | -
LT | Lithuanian | lituanien | litauisch; Litauer | ليتواني
LU | Luxembourgish, Luxembourger | luxembourgeois | luxemburgisch; Luxemburger | لوكسمبورغي
MG | Malagasy | malgache | madagassisch | مدغشقري
MW | Malawian | malawite | malawisch | -
MY | Malaysian | malaisien | malaysisch; Malaysier | ماليزي
MV | Maldivian | maldivien | maledivisch | مالديفي
ML | Malian | malien | malisch | -
MT | Maltese | maltais | maltesisch; Malteser | مالطي
MR | Mauritanian | mauritanien | mauretanisch | موريتاني
MU | Mauritian | mauricien | mauritisch | -
MX | Mexican | mexicain | mexikanisch; Mexikaner | مكسيكي
MD | Moldovan | moldave | moldauisch | مولدوفي
MC | Monegasque | monégasque | monegassisch | -
MN | Mongolian | mongol | mongolisch | منغولي
ME | Montenegrin | monténégrin | montenegrinisch | -
MA | Moroccan | marocain | marokkanisch; Marokkaner | مغربي
MZ | Mozambican | mozambicain | mosambikanisch | موزمبيقي
MM | Burmese | birman | myanmarisch, birmanisch | بورمي
NA | Namibian | namibien | namibisch | ناميبي
NP | Nepali, Nepalese | népalais | nepalesisch | نيبالي
NL | Dutch | néerlandais, hollandais | niederländisch; Niederländer | هولندي
NZ | New Zealander | néo-zélandais | neuseeländisch; Neuseeländer | نيوزيلندي
NI | Nicaraguan | nicaraguayen | nicaraguanisch | نيكاراغوي
NE | Nigerien | nigérien | nigrisch | -
NG | Nigerian | nigérian | nigerianisch; Nigerianer | نيجيري
MK | North Macedonian, Macedonian | macédonien | nordmazedonisch, mazedonisch | مقدوني
NO | Norwegian | norvégien | norwegisch; Norweger | نرويجي
OM | Omani | omanais | omanisch | عماني
PK | Pakistani | pakistanais | pakistanisch; Pakistaner | باكستاني
PS | Palestinian | palestinien | palästinensisch; Palästinenser | فلسطيني
PA | Panamanian | panaméen | panamaisch | بنمي
PG | Papua New Guinean | papouan-néo-guinéen | papua-neuguineisch | -
PY | Paraguayan | paraguayen | paraguayisch | -
PE | Peruvian | péruvien | peruanisch; Peruaner | بيروفي
PH | Filipino, Philippine | philippin | philippinisch; Philippiner | فلبيني
PL | Polish | polonais | polnisch; Pole | بولندي
PT | Portuguese | portugais | portugiesisch; Portugiese | برتغالي
PR | Puerto Rican | portoricain | puerto-ricanisch | -
QA | Qatari | qatarien, qatari | katarisch; Katarer | قطري
RO | Romanian | roumain | rumänisch; Rumäne | روماني
RU | Russian | russe | russisch; Russe | روسي
RW | Rwandan | rwandais | ruandisch | رواندي
WS | Samoan | samoan | samoanisch | -
SM | Sammarinese | saint-marinais | san-marinesisch | -
SA | Saudi | saoudien | saudisch | سعودي
SN | Senegalese | sénégalais | senegalesisch; Senegalese | سنغالي
RS | Serbian, Serb | serbe | serbisch; Serbe | صربي
SC | Seychellois | seychellois | seychellisch | -
SL | Sierra Leonean | sierra-léonais | sierra-leonisch | -
SG | Singaporean | singapourien | singapurisch | سنغافوري
SK | Slovak | slovaque | slowakisch; Slowake | سلوفاكي
SI | Slovenian, Slovene | slovène | slowenisch; Slowene | سلوفيني
SO | Somali | somalien | somalisch; Somalier | صومالي
ZA | South African | sud-africain | südafrikanisch; Südafrikaner | -
SS | South Sudanese | sud-soudanais | südsudanesisch | -
ES | Spanish, Spaniard | espagnol | spanisch; Spanier | إسباني
LK | Sri Lankan | sri-lankais | sri-lankisch | سريلانكي
SD | Sudanese | soudanais | sudanesisch; Sudanese | سوداني
SR | Surinamese | surinamien | surinamisch | -
SE | Swedish, Swede | suédois | schwedisch; Schwede | سويدي
CH | Swiss | suisse | schweizerisch; Schweizer | سويسري
SY | Syrian | syrien | syrisch; Syrer | سوري
TW | Taiwanese | taïwanais | taiwanisch | تايواني
TJ | Tajik | tadjik | tadschikisch | طاجيكي
TZ | Tanzanian | tanzanien | tansanisch | تنزاني
TH | Thai | thaïlandais | thailändisch | تايلاندي
TL | Timorese | timorais | osttimoresisch | -
TG | Togolese | togolais | togoisch | توغولي
TT | Trinidadian | trinidadien | trinidadisch | -
TN | Tunisian | tunisien | tunesisch; Tunesier | تونسي
TR | Turkish | turc | türkisch; Türke | تركي
TM | Turkmen | turkmène | turkmenisch | تركماني
UG | Ugandan | ougandais | ugandisch | أوغندي
UA | Ukrainian | ukrainien | ukrainisch; Ukrainer | أوكراني
AE | Emirati | émirati, émirien | emiratisch | إماراتي
GB | British, Briton | britannique | britisch; Brite | بريطاني
GB | Scottish, Welsh | écossais, gallois | schottisch, walisisch | -
US | American | américain | amerikanisch; Amerikaner | أمريكي, أميركي
UY | Uruguayan | uruguayen | uruguayisch | -
UZ | Uzbek | ouzbek | usbekisch | أوزبكي
VE | Venezuelan | vénézuélien | venezolanisch; Venezolaner | فنزويلي
VN | Vietnamese | vietnamien | vietnamesisch; Vietnamese | فيتنامي
YE | Yemeni | yéménite | jemenitisch; Jemenit | يمني
ZM | Zambian | zambien | sambisch | زامبي
ZW | Zimbabwean | zimbabwéen | simbabwisch | زيمبابوي
XK | Kosovar | kosovar | kosovarisch | كوسوفي
"""

# code | names per language (comma-separated), added to the CLDR and ISO names.
_ALIASES = """
US | en: US, U.S., USA, U.S.A., America, United States of America
US | fr: USA, Etats-Unis, Amérique
US | de: USA, US, Amerika, Vereinigten Staaten
US | ar: أمريكا, أميركا, الولايات المتحدة الأمريكية, الولايات المتحدة الأميركية
GB | en: UK, U.K., Britain, Great Britain, England, Scotland, Wales, Northern Ireland
GB | fr: Grande-Bretagne, Angleterre, Écosse, Pays de Galles, Irlande du Nord
GB | de: Großbritannien, England, Schottland, Wales, Nordirland, Vereinigten Königreich
GB | ar: بريطانيا, إنجلترا, إنكلترا, اسكتلندا, ويلز
AE | en: UAE, U.A.E., Emirates
AE | fr: EAU, Émirats
AE | de: VAE, Emirate, Emiraten, Vereinigten Arabischen Emirate, Vereinigten Arabischen Emiraten
AE | ar: الإمارات
SA | en: Saudi Arabia
SA | fr: Arabie saoudite
SA | ar: السعودية, المملكة العربية السعودية
SY | ar: سوريا, سورية
RU | en: Russian Federation
KR | en: South Korea, Republic of Korea
KR | fr: Corée du Sud
KR | de: Südkorea
KR | ar: كوريا الجنوبية
KP | en: North Korea, DPRK
KP | fr: Corée du Nord
KP | de: Nordkorea
KP | ar: كوريا الشمالية
CD | en: DR Congo, DRC, Democratic Republic of Congo, Democratic Republic of the Congo, Congo
CD | fr: RDC, RD Congo, Congo
CD | de: DR Kongo, Kongo
CD | ar: الكونغو الديمقراطية
CG | en: Republic of Congo, Congo-Brazzaville
CG | fr: Congo-Brazzaville
CI | en: Ivory Coast
CI | de: Elfenbeinküste
CZ | en: Czech Republic, Czechia
CZ | fr: Tchéquie, République tchèque
NL | en: Netherlands, Holland
NL | fr: Hollande
NL | de: Holland, Niederlanden
MM | en: Burma, Myanmar
MM | fr: Birmanie, Myanmar
MM | de: Birma, Myanmar
TL | en: East Timor
SZ | en: Swaziland, Eswatini
MK | en: Macedonia, North Macedonia
PS | en: Palestine, Palestinian territories
PS | fr: Palestine, Territoires palestiniens
PS | de: Palästina, Palästinensergebiete
PS | ar: فلسطين, الأراضي الفلسطينية
VA | en: Vatican, Holy See
VA | fr: Vatican, Saint-Siège
VA | de: Vatikan
VA | ar: الفاتيكان
TW | en: Taiwan
TW | fr: Taïwan
TR | en: Türkiye, Turkiye
CV | en: Cape Verde
BY | fr: Biélorussie
BY | de: Weißrussland
XK | en: Kosovo
XK | fr: Kosovo
XK | de: Kosovo
XK | ar: كوسوفو
HK | en: Hong Kong
MO | en: Macau, Macao
"""

#: Country names that are also common first names or surnames ("Michael Jordan", "Chad
#: Smith", "Maurice Papon"): beside another capitalised word they are taken as a person.
PERSON_LIKE_NAMES: dict[str, frozenset[str]] = {
    "en": frozenset({"jordan", "chad", "georgia", "israel", "guinea"}),
    "fr": frozenset({"maurice", "jordanie"}),
    "de": frozenset({"jordan"}),
    "ar": frozenset(),
}

#: Country names that are also frequent common words in that language: they count only
#: after a locative preposition ("في مالي") or when the country is named otherwise too.
WEAK_NAMES: dict[str, frozenset[str]] = {
    "en": frozenset({"chad", "guinea", "georgia", "jordan"}),
    "fr": frozenset({"maurice"}),
    "de": frozenset(),
    "ar": frozenset({"مالي", "عمان", "المغرب"}),
}


def _split(field: str) -> list[str]:
    field = field.strip()
    if field in ("", "-"):
        return []
    return [f.strip() for f in field.split(",") if f.strip()]


def _french_forms(base: str) -> list[str]:
    """syrien -> syrien, syrienne, syriens, syriennes; libanais -> libanais(e)(s)."""
    if base.endswith(("ien", "éen", "en")):
        feminine = base + "ne"
    elif base.endswith("e"):
        feminine = base
    else:
        feminine = base + "e"
    plural = base if base.endswith(("s", "x")) else base + "s"
    return list(dict.fromkeys([base, feminine, plural, feminine + "s"]))


def _german_adjective_forms(base: str) -> list[str]:
    return [base] + [base + ending for ending in ("e", "en", "er", "es", "em")]


def _german_noun_forms(base: str) -> list[str]:
    """Syrer -> Syrer, Syrern, Syrerin, Syrerinnen; Brite -> Brite, Briten, Britin."""
    if base.endswith("e"):
        stem = base[:-1]
        return [base, base + "n", stem + "in", stem + "innen"]
    if base.endswith("i"):  # Israeli
        return [base, base + "s"]
    return [base, base + "n", base + "s", base + "in", base + "innen"]


def _arabic_forms(base: str) -> list[str]:
    """سوري -> سوري, سورية, سوريون, سوريين, سوريات (the article ال is handled by lookup)."""
    return [base, base + "ة", base + "ون", base + "ين", base + "ات"]


def _english_forms(base: str) -> list[str]:
    forms = [base]
    if not base.endswith(("ese", "ish", "ch", "ss", "i", "s")):
        forms.append(base + "s")  # Syrians, Israelis are covered below
    if base.endswith("i"):
        forms.append(base + "s")
    return forms


def demonym_forms() -> dict[str, list[tuple[str, str]]]:
    """language -> [(form, country code)], every inflected form of every demonym."""
    result: dict[str, list[tuple[str, str]]] = {lang: [] for lang in LANGUAGES}
    for line in _DEMONYMS.strip().splitlines():
        code, en, fr, de, ar = (part.strip() for part in line.split("|"))
        for base in _split(en):
            result["en"] += [(form, code) for form in _english_forms(base)]
        for base in _split(fr):
            result["fr"] += [(form, code) for form in _french_forms(base)]
        adjectives, _, nouns = de.partition(";")
        for base in _split(adjectives):
            result["de"] += [(form, code) for form in _german_adjective_forms(base)]
        for base in _split(nouns):
            result["de"] += [(form, code) for form in _german_noun_forms(base)]
        for base in _split(ar):
            result["ar"] += [(form, code) for form in _arabic_forms(base)]
    return result


def country_aliases() -> dict[str, list[tuple[str, str]]]:
    """language -> [(name, country code)] for names CLDR and ISO 3166 lack."""
    result: dict[str, list[tuple[str, str]]] = {lang: [] for lang in LANGUAGES}
    for line in _ALIASES.strip().splitlines():
        code, rest = (part.strip() for part in line.split("|"))
        lang, _, names = rest.partition(":")
        result[lang.strip()] += [(name, code) for name in _split(names)]
    return result
