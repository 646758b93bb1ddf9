"""What each reference network's members look like: origins, ages, towns, languages, work, goals.

A network without a recipe of its own (a pack added to tenants/) gets the Danish one; goals and
questionnaire answers always come from the network's own pack.
"""

from __future__ import annotations

from dataclasses import dataclass

from mentornet.modules.demo.world import COUNTRIES

Weighted = tuple[tuple[str, float], ...]
AgeBands = tuple[tuple[int, int, float], ...]


@dataclass(frozen=True)
class City:
    name: str
    latitude: float
    longitude: float
    weight: float


@dataclass(frozen=True)
class LanguageRule:
    """A language besides the mother tongue: how often it is spoken, and at which CEFR levels."""

    code: str
    chance: float
    levels: Weighted


@dataclass(frozen=True)
class Recipe:
    mentee_share: float
    mentee_gender: str  # "f" or "m": which given names fit
    mentor_gender: str
    home_country: str
    mentee_origins: Weighted
    mentor_origins: Weighted
    born_here: float  # mentees born in the network's country to immigrant parents
    cities: tuple[City, ...]
    mentee_ages: AgeBands
    mentor_ages: AgeBands
    local_language: str | None  # learnt by newcomers; its level grows with their years here
    mentee_languages: tuple[LanguageRule, ...]
    mentor_languages: tuple[LanguageRule, ...]
    usable: tuple[str, ...]  # a pair works in one of these; every mentee speaks one at B1+
    locales: Weighted
    mentee_before: Weighted  # ISCO codes of the occupation a mentee had; "" for none
    mentee_target: Weighted
    mentor_work: Weighted
    goals: dict[str, float]
    writing: str  # the language coordinators write notes in
    no_education: Weighted  # ISCED levels of mentees without an occupation


def _w(text: str) -> Weighted:
    """ "SY 9, TR 7" -> (("SY", 9.0), ("TR", 7.0)); "- 10" stands for "none"."""
    pairs = (item.split() for item in text.split(","))
    return tuple(("" if key == "-" else key, float(weight)) for key, weight in pairs)


def _levels(text: str) -> Weighted:
    return _w(text)


DANISH_CITIES = (
    City("København", 55.676, 12.568, 30),
    City("Aarhus", 56.157, 10.211, 12),
    City("Odense", 55.403, 10.402, 8),
    City("Aalborg", 57.048, 9.919, 5),
    City("Frederiksberg", 55.679, 12.534, 4),
    City("Esbjerg", 55.476, 8.459, 3),
    City("Ishøj", 55.615, 12.352, 2.5),
    City("Albertslund", 55.657, 12.353, 2),
    City("Høje-Taastrup", 55.650, 12.300, 2.5),
    City("Brøndby", 55.649, 12.418, 2),
    City("Hvidovre", 55.657, 12.474, 2),
    City("Gladsaxe", 55.733, 12.489, 2),
    City("Ballerup", 55.731, 12.363, 1.5),
    City("Herlev", 55.724, 12.440, 1),
    City("Kolding", 55.490, 9.472, 2.5),
    City("Vejle", 55.709, 9.536, 2.5),
    City("Horsens", 55.861, 9.850, 2),
    City("Randers", 56.461, 10.036, 2.5),
    City("Silkeborg", 56.169, 9.545, 1.5),
    City("Herning", 56.138, 8.973, 1.5),
    City("Roskilde", 55.642, 12.080, 2),
    City("Køge", 55.458, 12.182, 1.5),
    City("Næstved", 55.230, 11.761, 1.5),
    City("Slagelse", 55.403, 11.354, 1.5),
    City("Holbæk", 55.717, 11.713, 1),
    City("Helsingør", 56.036, 12.614, 1.5),
    City("Hillerød", 55.927, 12.301, 1),
    City("Sønderborg", 54.914, 9.792, 1),
    City("Svendborg", 55.060, 10.607, 1),
    City("Viborg", 56.453, 9.402, 1),
    City("Fredericia", 55.565, 9.752, 1),
    City("Holstebro", 56.360, 8.616, 1),
    City("Haderslev", 55.253, 9.489, 0.7),
    City("Aabenraa", 55.044, 9.419, 0.7),
    City("Hjørring", 57.464, 9.982, 0.7),
    City("Frederikshavn", 57.441, 10.537, 0.6),
    City("Skive", 56.567, 9.027, 0.5),
    City("Nyborg", 55.312, 10.790, 0.5),
    City("Thisted", 56.957, 8.695, 0.4),
    City("Rønne", 55.100, 14.706, 0.4),
)

MOROCCAN_CITIES = (
    City("Casablanca", 33.573, -7.589, 25),
    City("Rabat", 34.020, -6.841, 10),
    City("Salé", 34.053, -6.798, 5),
    City("Marrakech", 31.629, -7.981, 8),
    City("Fès", 34.033, -5.000, 8),
    City("Tanger", 35.759, -5.834, 8),
    City("Agadir", 30.427, -9.598, 6),
    City("Meknès", 33.895, -5.555, 5),
    City("Oujda", 34.681, -1.908, 4),
    City("Kénitra", 34.261, -6.580, 4),
    City("Tétouan", 35.578, -5.368, 4),
    City("Témara", 33.928, -6.907, 3),
    City("Mohammédia", 33.686, -7.383, 2),
    City("Safi", 32.299, -9.237, 2.5),
    City("El Jadida", 33.254, -8.507, 2.5),
    City("Béni Mellal", 32.337, -6.350, 2.5),
    City("Nador", 35.168, -2.933, 2),
    City("Khouribga", 32.881, -6.906, 1.5),
    City("Settat", 33.001, -7.620, 1.5),
    City("Berrechid", 33.265, -7.587, 1),
    City("Larache", 35.193, -6.156, 1),
    City("Khémisset", 33.824, -6.066, 1),
    City("Taza", 34.210, -4.010, 1),
    City("Errachidia", 31.932, -4.424, 1),
    City("Ouarzazate", 30.920, -6.894, 1),
    City("Essaouira", 31.513, -9.770, 1),
    City("Al Hoceïma", 35.247, -3.937, 1),
    City("Laâyoune", 27.125, -13.162, 1),
    City("Guelmim", 28.987, -10.057, 0.8),
    City("Taroudant", 30.470, -8.877, 0.8),
    City("Chefchaouen", 35.171, -5.270, 0.5),
    City("Dakhla", 23.684, -15.958, 0.5),
    City("Ifrane", 33.527, -5.107, 0.3),
)

# Denmark: the largest groups of immigrant women, then a long tail (about 130 countries in all).
_DENMARK_TOP = _w(
    "SY 9, TR 7, UA 6, IR 5, IQ 5, AF 5, PL 5, SO 4, PK 4, RO 4, PH 4, TH 4, VN 3, ER 3, LB 3, "
    "IN 3, PS 2, BA 2, CN 2, MA 2, RU 2, ET 1.5, LK 1.5, DE 1, BR 1, BD 1, NG 1, LT 1, BG 1, "
    "EG 1, SD 0.7, KE 0.7, XK 0.7, LV 0.5, HU 0.5, DZ 0.5, TN 0.5, JO 0.5, YE 0.5, MK 0.5, "
    "AL 0.5, GB 0.5, CO 0.5, NP 0.6, ID 0.5, MX 0.4, GH 0.4, UG 0.4, ES 0.4, IT 0.4, FR 0.4, "
    "US 0.4, MM 0.4, KR 0.3, JP 0.3, CM 0.3, CD 0.3, GE 0.3, AM 0.3"
)
# Countries few immigrant women in Denmark come from (and Denmark itself).
_DENMARK_RARE = frozenset(
    _w(
        "DK 0, FO 0, GL 0, BN 0, TM 0, KG 0, MT 0, LU 0, CY 0, TT 0, JM 0, BW 0, NA 0, CF 0, TD 0, "
        "MR 0, GA 0, CG 0, BI 0, MU 0, CV 0, LA 0, HT 0, PY 0, UY 0, PA 0, CR 0, NI 0, HN 0, GT 0"
    )
)
_DENMARK_TAIL = tuple(
    (code, 0.12)
    for code in COUNTRIES
    if code not in dict(_DENMARK_RARE) and code not in dict(_DENMARK_TOP)
)

_WOMEN_AGES: AgeBands = (
    (18, 24, 0.10),
    (25, 34, 0.35),
    (35, 44, 0.30),
    (45, 54, 0.17),
    (55, 69, 0.08),
)
_DANISH_YEARS_LEVELS = {  # the local language by years in the country
    2: _levels("A2 0.4, B1 0.5, B2 0.1"),
    6: _levels("B1 0.4, B2 0.45, C1 0.15"),
    99: _levels("B2 0.4, C1 0.45, C2 0.15"),
}

DENMARK = Recipe(
    mentee_share=0.56,
    mentee_gender="f",
    mentor_gender="f",
    home_country="DK",
    mentee_origins=_DENMARK_TOP + _DENMARK_TAIL,
    mentor_origins=_w(
        "DK 86, SE 2, DE 2, NO 1.5, GB 1, IR 1, TR 1, IS 0.5, FI 0.5, US 0.5, NL 0.5, PL 0.5, "
        "BA 0.5, IQ 0.5, FR 0.3, PK 0.3"
    ),
    born_here=0.10,
    cities=DANISH_CITIES,
    mentee_ages=_WOMEN_AGES,
    mentor_ages=((30, 39, 0.15), (40, 49, 0.28), (50, 59, 0.30), (60, 72, 0.27)),
    local_language="da",
    mentee_languages=(
        LanguageRule("en", 0.55, _levels("A2 0.15, B1 0.3, B2 0.35, C1 0.2")),
        LanguageRule("de", 0.04, _levels("A2 0.5, B1 0.5")),
    ),
    mentor_languages=(
        LanguageRule("da", 1.0, _levels("C2 1")),
        LanguageRule("en", 0.95, _levels("B2 0.35, C1 0.55, C2 0.1")),
        LanguageRule("de", 0.25, _levels("A2 0.3, B1 0.5, B2 0.2")),
        LanguageRule("sv", 0.2, _levels("B1 0.4, B2 0.4, C1 0.2")),
        LanguageRule("fr", 0.12, _levels("A2 0.4, B1 0.4, B2 0.2")),
        LanguageRule("es", 0.1, _levels("A2 0.4, B1 0.4, B2 0.2")),
    ),
    usable=("da", "en"),
    locales=_w("da 0.6, en 0.4"),
    mentee_before=_w(
        "2341 6, 2330 4, 2221 6, 2211 3, 2262 2, 2261 1.5, 3212 1.5, 5321 4, 5311 5, 2342 3, "
        "2411 4, 2412 1.5, 2631 2, 2512 3, 2511 1.5, 2142 2, 2144 1, 2151 1, 2161 1.5, 2113 1, "
        "2131 1.5, 2611 2, 2643 2, 2642 1.5, 2635 2, 2634 1, 3343 3, 4110 4, 4311 2, 5223 4, "
        "5230 2, 5141 3, 5120 2.5, 9112 3, 7531 2, 2431 1.5, 2423 1, 1412 0.5, 2166 1, - 10"
    ),
    mentee_target=_w(
        "5321 6, 2221 5, 2342 4, 5311 4, 2341 4, 2330 2, 3343 4, 4110 4, 2411 3, 3313 2, 2512 3, "
        "3512 2, 2142 1.5, 2149 1, 2611 1, 3411 1, 2635 2, 3412 2, 2643 1.5, 2431 1.5, 2423 1.5, "
        "5223 2, 5120 1.5, 1412 0.5, 3212 1.5, 2262 1, 2211 1.5, 2131 0.5, 2161 0.5, 5141 1, 4222 1"
    ),
    mentor_work=_w(
        "2341 4, 2330 4, 2310 2, 2221 4, 2211 2.5, 2262 1, 2634 1.5, 2423 4, 1212 3, 1213 2, "
        "1219 2, 1211 1.5, 2411 3, 2421 3, 2422 4, 2611 3, 2512 3, 2511 2, 2142 2, 2149 1.5, "
        "2151 1, 2161 1, 2131 1, 2113 0.5, 2642 2, 2622 1.5, 2635 3, 2342 2, 2431 2.5, 2631 2, "
        "1411 0.5, 1120 1, 5321 0.5, 3343 1"
    ),
    goals={
        "job": 0.6,
        "network": 0.35,
        "education": 0.2,
        "danish_society": 0.2,
        "recognition": 0.18,
        "danish_language": 0.18,
        "career": 0.15,
        "start_business": 0.05,
    },
    writing="da",
    no_education=_w("1 0.2, 2 0.3, 3 0.3, 4 0.1, 6 0.1"),
)

MOROCCO = Recipe(
    mentee_share=0.6,
    mentee_gender="f",
    mentor_gender="f",
    home_country="MA",
    mentee_origins=_w(
        "MA 95, DZ 0.8, SN 0.8, TN 0.6, CI 0.6, CM 0.5, FR 0.5, SY 0.5, ML 0.4, GN 0.4, MR 0.4, "
        "CD 0.4, ES 0.3, BE 0.2, NL 0.2"
    ),
    mentor_origins=_w(
        "MA 88, FR 5, ES 2, BE 1, CA 1, US 0.5, GB 0.5, SN 0.5, TN 0.5, DE 0.5, NL 0.5"
    ),
    born_here=0.0,
    cities=MOROCCAN_CITIES,
    mentee_ages=((18, 24, 0.15), (25, 34, 0.38), (35, 44, 0.28), (45, 54, 0.14), (55, 65, 0.05)),
    mentor_ages=((28, 39, 0.2), (40, 49, 0.32), (50, 59, 0.3), (60, 70, 0.18)),
    local_language=None,
    mentee_languages=(
        LanguageRule("fr", 0.8, _levels("A2 0.2, B1 0.3, B2 0.3, C1 0.15, C2 0.05")),
        LanguageRule("en", 0.3, _levels("A1 0.2, A2 0.35, B1 0.3, B2 0.15")),
        LanguageRule("es", 0.1, _levels("A2 0.4, B1 0.4, B2 0.2")),
    ),
    mentor_languages=(
        LanguageRule("fr", 1.0, _levels("B2 0.1, C1 0.5, C2 0.4")),
        LanguageRule("ar", 0.3, _levels("A2 0.5, B1 0.5")),
        LanguageRule("en", 0.7, _levels("B1 0.2, B2 0.45, C1 0.35")),
        LanguageRule("es", 0.12, _levels("A2 0.3, B1 0.4, B2 0.3")),
    ),
    usable=("ar", "fr"),
    locales=_w("ar 0.5, fr 0.45, en 0.05"),
    mentee_before=_w(
        "7531 7, 7318 5, 5120 4, 7512 3, 5141 4, 5142 3, 5221 4, 5223 4, 6111 3, 6121 2, 7514 2, "
        "9112 3, 4110 3, 3343 2, 2341 2, 5311 2, 2431 1, 2512 1, 4311 1.5, 5113 1, 2166 1, - 12"
    ),
    mentee_target=_w(
        "5221 5, 1420 3, 7531 5, 7318 4, 5120 3, 1412 3, 7512 3, 5141 3, 5142 3, 7514 2.5, "
        "6111 2, 6121 1.5, 1411 1, 5113 1.5, 4221 1, 2431 1.5, 2166 1.5, 2513 1, 3322 2, 3343 2, "
        "4110 2, 4311 1.5, 2342 1.5, 5311 1.5"
    ),
    mentor_work=_w(
        "1120 5, 2411 5, 2412 3, 2421 4, 2431 4, 1211 3, 2611 3, 2631 2, 1420 3, 1411 2, 1412 1.5, "
        "3322 2, 2132 2, 2512 1.5, 2166 1, 2341 1, 2330 1, 2221 1, 2423 2, 1219 2, 2413 1.5, "
        "5221 1, 7531 1, 5141 1"
    ),
    goals={
        "start_business": 0.45,
        "finance": 0.3,
        "grow_business": 0.25,
        "financial_management": 0.25,
        "job": 0.25,
        "leadership": 0.2,
        "network": 0.2,
        "formalise_business": 0.15,
    },
    writing="fr",
    no_education=_w("1 0.25, 2 0.3, 3 0.3, 4 0.1, 6 0.05"),
)

MEN = Recipe(
    mentee_share=0.58,
    mentee_gender="m",
    mentor_gender="m",
    home_country="DK",
    mentee_origins=_w(
        "SY 12, AF 9, SO 7, TR 7, IQ 6, ER 5, PK 4, IR 4, UA 4, LB 3, PS 3, MA 3, PL 2, RO 2, "
        "BA 2, ET 1.5, VN 1, IN 1, SD 1, NG 1, EG 1, YE 1, XK 1, LK 1, TH 0.5, GH 0.5, JO 0.5, "
        "AL 0.5, BD 0.5, PH 0.5, CD 0.5, RU 0.5, KE 0.4, LT 0.4, BG 0.4, DZ 0.4, TN 0.4, UG 0.3, "
        "BR 0.3, CO 0.3, LY 0.3, KW 0.3, CN 0.3, MM 0.3, GE 0.2"
    ),
    mentor_origins=_w(
        "DK 82, TR 2, IQ 1.5, IR 1.5, MA 1, SE 1, DE 1, PK 1, BA 1, LB 1, SY 1, NO 1, GB 0.5, "
        "PS 0.5, SO 0.5, PL 0.5"
    ),
    born_here=0.35,
    cities=DANISH_CITIES,
    mentee_ages=((16, 17, 0.08), (18, 21, 0.30), (22, 25, 0.35), (26, 30, 0.27)),
    mentor_ages=((23, 29, 0.12), (30, 39, 0.25), (40, 49, 0.28), (50, 59, 0.22), (60, 70, 0.13)),
    local_language="da",
    mentee_languages=(
        LanguageRule("en", 0.75, _levels("A2 0.1, B1 0.3, B2 0.35, C1 0.25")),
        LanguageRule("de", 0.05, _levels("A2 0.6, B1 0.4")),
    ),
    mentor_languages=(
        LanguageRule("da", 1.0, _levels("C2 1")),
        LanguageRule("en", 0.95, _levels("B2 0.4, C1 0.5, C2 0.1")),
        LanguageRule("de", 0.2, _levels("A2 0.4, B1 0.4, B2 0.2")),
    ),
    usable=("da", "en"),
    locales=_w("da 0.75, en 0.15, ar 0.1"),
    mentee_before=_w(
        "- 45, 5223 6, 9329 4, 9621 4, 9412 4, 9313 4, 8322 3, 5131 3, 4321 3, 5414 2, 5120 1.5, "
        "7411 1, 7231 1, 3512 1"
    ),
    mentee_target=_w(
        "7411 6, 7231 5, 7115 4, 7126 4, 2512 4, 3512 4, 5321 3, 4321 3, 7212 2, 2144 2, 2142 2, "
        "8332 2, 3422 2, 3412 2, 5120 2, 5412 2, 2151 1.5, 2341 1.5, 2635 1.5, 2411 1.5, "
        "3313 1.5, 3221 1, 2221 1, 8322 1, 2166 1, 1412 0.5, 2611 0.5"
    ),
    mentor_work=_w(
        "7411 4, 2512 4, 7126 3, 7115 3, 2142 3, 2144 3, 2341 3, 2330 3, 2635 3, 7231 2, 2151 2, "
        "2511 2, 2522 2, 3412 2, 1212 2, 2423 2, 2411 2, 1219 2, 5412 2, 3422 2, 2221 1.5, "
        "2611 1.5, 1120 1.5, 2211 1, 8332 1"
    ),
    goals={
        "job": 0.45,
        "education": 0.3,
        "future_plans": 0.3,
        "apprenticeship": 0.25,
        "complete_education": 0.2,
        "network": 0.2,
        "work_life": 0.2,
    },
    writing="da",
    no_education=_w("2 0.35, 3 0.45, 4 0.1, 5 0.05, 6 0.05"),
)

RECIPES = {"denmark": DENMARK, "morocco": MOROCCO, "men": MEN}
LOCAL_LEVELS = _DANISH_YEARS_LEVELS


def recipe_for(slug: str) -> Recipe:
    return RECIPES.get(slug, DENMARK)
