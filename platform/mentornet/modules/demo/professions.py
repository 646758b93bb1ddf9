"""Professions of demo members: an ISCO-08 unit group with the education that usually leads to it.

Tags are the sector keys the reference questionnaires use (Denmark's "sectors", Morocco's
"business_sectors", the men's network's "interests"), so a member's answers fit her profession.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profession:
    isco: str  # ISCO-08 unit group
    field: str  # ISCED-F 2013 detailed field
    levels: tuple[int, int]  # ISCED 2011 levels, lowest and highest
    tags: frozenset[str]


def _p(isco: str, field: str, levels: tuple[int, int], tags: str) -> Profession:
    return Profession(isco, field, levels, frozenset(tags.split()))


PROFESSIONS: dict[str, Profession] = {
    p.isco: p
    for p in (
        # Health and care
        _p("2211", "0912", (7, 8), "health"),
        _p("2221", "0913", (6, 6), "health"),
        _p("2222", "0913", (6, 6), "health"),
        _p("2261", "0911", (7, 7), "health"),
        _p("2262", "0916", (7, 7), "health"),
        _p("2264", "0915", (6, 6), "health"),
        _p("2634", "0313", (7, 7), "health social"),
        _p("3212", "0914", (5, 6), "health engineering"),
        _p("3221", "0913", (5, 5), "health"),
        _p("5321", "0921", (3, 4), "health social"),
        _p("5322", "0921", (3, 3), "health social"),
        # Teaching and childcare
        _p("2310", "0114", (8, 8), "teaching teaching_social"),
        _p("2330", "0114", (6, 7), "teaching teaching_social"),
        _p("2341", "0113", (6, 6), "teaching teaching_social education_care"),
        _p("2342", "0112", (5, 6), "teaching teaching_social education_care"),
        _p("5311", "0922", (3, 4), "teaching teaching_social education_care social"),
        _p("5312", "0922", (3, 4), "teaching teaching_social education_care"),
        # IT
        _p("2511", "0613", (6, 7), "it digital"),
        _p("2512", "0613", (6, 7), "it digital"),
        _p("2513", "0613", (5, 6), "it digital"),
        _p("2521", "0612", (6, 7), "it digital"),
        _p("2522", "0612", (5, 6), "it digital"),
        _p("3512", "0611", (4, 5), "it digital"),
        _p("3514", "0613", (4, 5), "it digital"),
        # Engineering and science
        _p("2113", "0531", (7, 8), "engineering"),
        _p("2131", "0511", (7, 8), "engineering"),
        _p("2132", "0811", (6, 7), "engineering agrifood"),
        _p("2142", "0732", (6, 7), "engineering"),
        _p("2144", "0715", (6, 7), "engineering"),
        _p("2145", "0711", (7, 7), "engineering"),
        _p("2149", "0719", (7, 7), "engineering"),
        _p("2151", "0713", (6, 7), "engineering"),
        _p("2161", "0731", (7, 7), "engineering"),
        _p("3112", "0732", (5, 5), "engineering trades"),
        # Business, finance and administration
        _p("1120", "0413", (7, 7), "business commerce"),
        _p("1211", "0412", (7, 7), "business"),
        _p("1212", "0413", (7, 7), "business"),
        _p("1213", "0413", (7, 7), "business law_public"),
        _p("1219", "0413", (6, 7), "business"),
        _p("1420", "0416", (4, 6), "business commerce"),
        _p("2411", "0411", (6, 7), "business"),
        _p("2412", "0412", (6, 7), "business"),
        _p("2413", "0412", (7, 7), "business"),
        _p("2421", "0413", (7, 7), "business"),
        _p("2423", "0413", (6, 7), "business"),
        _p("2431", "0414", (6, 7), "business culture_media digital commerce"),
        _p("2631", "0311", (7, 7), "business law_public"),
        _p("3313", "0411", (4, 5), "business"),
        _p("3322", "0416", (4, 5), "business commerce"),
        _p("3343", "0415", (4, 5), "business"),
        _p("4110", "0415", (3, 4), "business"),
        _p("4222", "0415", (3, 3), "business"),
        _p("4311", "0411", (3, 4), "business"),
        _p("4321", "1041", (3, 3), "transport business"),
        # Law and public administration
        _p("2422", "0312", (7, 7), "law_public"),
        _p("2611", "0421", (7, 7), "law_public"),
        _p("2619", "0421", (6, 7), "law_public"),
        _p("3411", "0421", (5, 5), "law_public"),
        _p("5412", "1032", (4, 5), "law_public"),
        _p("5414", "1032", (3, 3), "law_public"),
        # Culture, media and languages
        _p("2166", "0212", (5, 6), "culture_media digital culture_sport"),
        _p("2622", "0322", (6, 7), "culture_media"),
        _p("2641", "0232", (6, 7), "culture_media culture_sport"),
        _p("2642", "0321", (6, 7), "culture_media culture_sport"),
        _p("2643", "0232", (6, 7), "culture_media law_public"),
        _p("2652", "0215", (5, 6), "culture_media culture_sport"),
        _p("3422", "1014", (4, 5), "culture_sport teaching_social"),
        # Social work
        _p("2635", "0923", (6, 6), "social teaching_social"),
        _p("3412", "0923", (5, 5), "social teaching_social"),
        # Hospitality, food and tourism
        _p("1411", "1013", (5, 6), "hospitality tourism"),
        _p("1412", "1013", (4, 5), "hospitality food_service"),
        _p("4221", "1015", (4, 4), "hospitality tourism"),
        _p("5113", "1015", (3, 4), "hospitality tourism"),
        _p("5120", "1013", (3, 3), "hospitality food_service"),
        _p("5131", "1013", (2, 3), "hospitality food_service"),
        _p("7512", "0721", (3, 3), "trades food_service agrifood"),
        _p("7514", "0721", (2, 3), "agrifood"),
        _p("9112", "1011", (1, 2), "hospitality"),
        _p("9412", "1013", (1, 2), "hospitality food_service"),
        # Sales
        _p("5221", "0416", (2, 4), "commerce business"),
        _p("5223", "0416", (2, 3), "commerce business hospitality"),
        _p("5230", "0416", (2, 3), "commerce"),
        # Beauty
        _p("5141", "1012", (3, 3), "beauty"),
        _p("5142", "1012", (3, 3), "beauty"),
        # Crafts and trades
        _p("7115", "0732", (3, 4), "trades"),
        _p("7126", "0732", (3, 4), "trades"),
        _p("7212", "0715", (3, 3), "trades"),
        _p("7231", "0716", (3, 4), "trades transport"),
        _p("7318", "0214", (1, 3), "crafts"),
        _p("7411", "0713", (3, 4), "trades"),
        _p("7522", "0722", (3, 3), "trades crafts"),
        _p("7531", "0723", (2, 3), "crafts trades"),
        _p("9313", "0732", (1, 2), "trades"),
        _p("9329", "0729", (1, 2), "trades"),
        # Agriculture
        _p("6111", "0811", (1, 3), "agrifood"),
        _p("6121", "0811", (1, 3), "agrifood"),
        # Transport
        _p("8322", "1041", (2, 3), "transport"),
        _p("8332", "1041", (3, 3), "transport"),
        _p("9621", "1041", (1, 2), "transport"),
    )
}
