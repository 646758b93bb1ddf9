"""Countries and names for demo members: which names and languages fit a person's origin.

A small built-in table, no downloads: every ISO 3166 code maps to a naming region and the languages
(ISO 639-1) people from there commonly speak, mother tongue first.
"""

from __future__ import annotations

import unicodedata
from functools import cache

COUNTRIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # Middle East and North Africa
    "SY": ("levant", ("ar", "ku")),
    "LB": ("levant", ("ar", "fr")),
    "JO": ("levant", ("ar",)),
    "PS": ("levant", ("ar",)),
    "IQ": ("levant", ("ar", "ku")),
    "EG": ("levant", ("ar",)),
    "SD": ("levant", ("ar",)),
    "LY": ("levant", ("ar",)),
    "YE": ("levant", ("ar",)),
    "SA": ("levant", ("ar",)),
    "KW": ("levant", ("ar",)),
    "AE": ("levant", ("ar",)),
    "QA": ("levant", ("ar",)),
    "BH": ("levant", ("ar",)),
    "OM": ("levant", ("ar",)),
    "MA": ("maghreb", ("ar", "fr")),
    "DZ": ("maghreb", ("ar", "fr")),
    "TN": ("maghreb", ("ar", "fr")),
    "MR": ("maghreb", ("ar", "fr")),
    "IR": ("persian", ("fa",)),
    "TJ": ("persian", ("tg", "ru")),
    "AF": ("afghan", ("fa", "ps")),
    "TR": ("turkish", ("tr", "ku")),
    "AZ": ("turkish", ("az", "ru")),
    # Horn of Africa
    "SO": ("somali", ("so", "ar")),
    "DJ": ("somali", ("so", "fr")),
    "ER": ("habesha", ("ti", "ar")),
    "ET": ("habesha", ("am", "om")),
    # South and South-East Asia
    "PK": ("south_asia_muslim", ("ur", "pa", "en")),
    "BD": ("south_asia_muslim", ("bn", "en")),
    "IN": ("south_asia", ("hi", "en", "ta")),
    "NP": ("south_asia", ("ne", "en")),
    "LK": ("sri_lankan", ("si", "ta", "en")),
    "MU": ("south_asia", ("en", "fr")),
    "VN": ("vietnam", ("vi",)),
    "TH": ("thai", ("th",)),
    "LA": ("thai", ("lo", "th")),
    "KH": ("khmer", ("km",)),
    "MM": ("burmese", ("my",)),
    "PH": ("filipino", ("tl", "en")),
    "ID": ("malay", ("id",)),
    "MY": ("malay", ("ms", "en")),
    "BN": ("malay", ("ms", "en")),
    "CN": ("chinese", ("zh",)),
    "TW": ("chinese", ("zh",)),
    "HK": ("chinese", ("zh", "en")),
    "SG": ("chinese", ("en", "zh")),
    "KR": ("korean", ("ko",)),
    "JP": ("japanese", ("ja",)),
    "MN": ("mongolian", ("mn", "ru")),
    # Europe
    "UA": ("east_slavic", ("uk", "ru")),
    "RU": ("east_slavic", ("ru",)),
    "BY": ("east_slavic", ("be", "ru")),
    "KZ": ("central_asia", ("kk", "ru")),
    "PL": ("polish", ("pl",)),
    "RO": ("romanian", ("ro",)),
    "MD": ("romanian", ("ro", "ru")),
    "RS": ("balkan", ("sr",)),
    "BA": ("balkan", ("bs", "hr")),
    "HR": ("balkan", ("hr",)),
    "MK": ("bulgarian", ("mk",)),
    "ME": ("balkan", ("sr",)),
    "AL": ("albanian", ("sq",)),
    "XK": ("albanian", ("sq", "sr")),
    "BG": ("bulgarian", ("bg",)),
    "SI": ("balkan", ("sl",)),
    "HU": ("hungarian", ("hu",)),
    "CZ": ("czech_slovak", ("cs",)),
    "SK": ("czech_slovak", ("sk",)),
    "LT": ("lithuanian", ("lt",)),
    "LV": ("latvian", ("lv",)),
    "EE": ("estonian", ("et",)),
    "DE": ("german", ("de",)),
    "NL": ("dutch", ("nl",)),
    "FR": ("french", ("fr",)),
    "BE": ("dutch", ("nl", "fr")),
    "AT": ("german", ("de",)),
    "CH": ("german", ("de", "fr")),
    "IT": ("italian", ("it",)),
    "LU": ("german", ("fr", "de")),
    "GR": ("greek", ("el",)),
    "CY": ("greek", ("el", "tr")),
    "MT": ("italian", ("mt", "en")),
    "DK": ("nordic", ("da",)),
    "SE": ("swedish", ("sv",)),
    "NO": ("norwegian", ("nb",)),
    "IS": ("icelandic", ("is",)),
    "FI": ("finnish", ("fi", "sv")),
    "FO": ("nordic", ("fo", "da")),
    "GL": ("nordic", ("kl", "da")),
    "GB": ("anglo", ("en",)),
    "IE": ("anglo", ("en",)),
    "US": ("anglo", ("en",)),
    "CA": ("anglo", ("en", "fr")),
    "AU": ("anglo", ("en",)),
    "NZ": ("anglo", ("en",)),
    "JM": ("anglo", ("en",)),
    "TT": ("anglo", ("en",)),
    # Caucasus and Central Asia
    "GE": ("caucasus", ("ka", "ru")),
    "AM": ("caucasus", ("hy", "ru")),
    "UZ": ("central_asia", ("uz", "ru")),
    "KG": ("central_asia", ("ky", "ru")),
    "TM": ("central_asia", ("tk", "ru")),
    # Sub-Saharan Africa
    "SN": ("west_africa_fr", ("wo", "fr")),
    "CI": ("west_africa_fr", ("fr",)),
    "ML": ("west_africa_fr", ("fr",)),
    "GN": ("west_africa_fr", ("fr",)),
    "BF": ("west_africa_fr", ("fr",)),
    "NE": ("west_africa_fr", ("fr", "ha")),
    "TG": ("west_africa_fr", ("fr",)),
    "BJ": ("west_africa_fr", ("fr",)),
    "CM": ("west_africa_fr", ("fr", "en")),
    "GA": ("west_africa_fr", ("fr",)),
    "CG": ("west_africa_fr", ("fr", "ln")),
    "CD": ("west_africa_fr", ("fr", "ln", "sw")),
    "CF": ("west_africa_fr", ("fr",)),
    "TD": ("west_africa_fr", ("fr", "ar")),
    "MG": ("west_africa_fr", ("mg", "fr")),
    "HT": ("west_africa_fr", ("ht", "fr")),
    "NG": ("west_africa_en", ("en", "yo", "ig")),
    "GH": ("west_africa_en", ("en", "ak")),
    "GM": ("west_africa_en", ("en",)),
    "SL": ("west_africa_en", ("en",)),
    "LR": ("west_africa_en", ("en",)),
    "KE": ("east_africa", ("sw", "en")),
    "UG": ("east_africa", ("en", "sw")),
    "TZ": ("east_africa", ("sw", "en")),
    "RW": ("east_africa", ("rw", "fr", "en")),
    "BI": ("east_africa", ("rn", "fr")),
    "SS": ("east_africa", ("en", "ar")),
    "ZW": ("southern_africa", ("en", "sn")),
    "ZM": ("southern_africa", ("en",)),
    "MW": ("southern_africa", ("en",)),
    "MZ": ("lusophone", ("pt",)),
    "AO": ("lusophone", ("pt",)),
    "ZA": ("southern_africa", ("en", "af", "zu")),
    "BW": ("southern_africa", ("en",)),
    "NA": ("southern_africa", ("en", "af")),
    # The Americas and Iberia
    "MX": ("latin", ("es",)),
    "CO": ("latin", ("es",)),
    "AR": ("latin", ("es",)),
    "CL": ("latin", ("es",)),
    "PE": ("latin", ("es",)),
    "VE": ("latin", ("es",)),
    "EC": ("latin", ("es",)),
    "BO": ("latin", ("es",)),
    "CU": ("latin", ("es",)),
    "DO": ("latin", ("es",)),
    "GT": ("latin", ("es",)),
    "HN": ("latin", ("es",)),
    "NI": ("latin", ("es",)),
    "SV": ("latin", ("es",)),
    "CR": ("latin", ("es",)),
    "PA": ("latin", ("es",)),
    "PY": ("latin", ("es",)),
    "UY": ("latin", ("es",)),
    "ES": ("latin", ("es",)),
    "BR": ("lusophone", ("pt",)),
    "PT": ("lusophone", ("pt",)),
    "CV": ("lusophone", ("pt",)),
}

# Per region: given names of women, given names of men, family names (Latin script), each a
# comma-separated list (compact, and names may contain spaces); where family names differ by
# gender (Kowalska, Kowalski), the men's forms follow as a fourth list.
NAMES: dict[str, tuple[str, ...]] = {
    "levant": (
        "Amal, Rasha, Hala, Nour, Lina, Rania, Dima, Maha, Reem, Samar, Huda, Salma, Yasmin, Layla, Fatima, Zeinab, Aya, Ghada, Rana, Israa",
        "Ahmad, Mohammad, Omar, Khaled, Yousef, Ali, Hassan, Mahmoud, Ibrahim, Karim, Samer, Tarek, Bilal, Hamza, Ammar, Rami, Zaid, Fadi, Mustafa",
        "Haddad, Khalil, Nasser, Saleh, Hamdan, Darwish, Mansour, Ibrahim, Aziz, Hussein, Abbas, Qasim, Yassin, Suleiman, Barakat, Hijazi, Jaber, Awad",
    ),
    "maghreb": (
        "Fatima Zahra, Khadija, Meryem, Salma, Hajar, Imane, Houda, Nadia, Sanaa, Loubna, Ghizlane, Asmae, Siham, Samira, Naima, Zineb, Kawtar, Hanane, Latifa, Widad, Soukaina, Btissam, Rajae, Hind, Malika, Najat",
        "Youssef, Mehdi, Amine, Hamza, Anas, Ayoub, Soufiane, Reda, Karim, Omar, Rachid, Hicham, Zakaria, Ilyas, Adil, Nabil, Othmane, Badr",
        "Bennani, El Amrani, Alaoui, Benjelloun, Tazi, El Idrissi, Berrada, Chraibi, Lahlou, El Fassi, Ouazzani, Benali, El Mansouri, Bouzid, Naciri, Skalli, Kettani, Bakkali, Ait Ouahmane, Amrani, Belhaj, Mahjoub, Ait Lahcen, Boutaleb, Cherkaoui, Ziani, Haddaoui, Rifi",
    ),
    "persian": (
        "Maryam, Zahra, Fatemeh, Shirin, Parisa, Leila, Nasrin, Mina, Sara, Niloufar, Farzaneh, Roya, Soraya, Mahsa, Yalda, Azadeh, Golnar",
        "Reza, Ali, Hossein, Mehdi, Amir, Hamid, Farhad, Omid, Dariush, Arash, Sohrab, Ehsan, Kaveh, Babak",
        "Hosseini, Ahmadi, Rahimi, Karimi, Mohammadi, Rezaei, Jafari, Moradi, Sadeghi, Tehrani, Nazari, Ebrahimi, Kazemi, Shirazi, Farahani",
    ),
    "afghan": (
        "Zarghuna, Freshta, Marzia, Sakina, Shabnam, Mursal, Nilofar, Fatima, Masuda, Zainab, Parwana, Roya, Hamida, Sima, Farzana",
        "Ahmad, Naveed, Mohammad, Jawad, Hamid, Sayed, Mustafa, Wahid, Farid, Rahim, Nasir, Sohail, Bashir, Ali Reza",
        "Haidari, Sultani, Popal, Wardak, Noori, Azizi, Ghani, Safi, Yousufzai, Rahimi, Sadat, Amiri, Hashimi, Karimi, Stanikzai",
    ),
    "turkish": (
        "Ayşe, Elif, Zeynep, Emine, Hatice, Fatma, Merve, Esra, Büşra, Derya, Gülsüm, Selin, Sevgi, Yasemin, Aylin, Leyla, Nigar",
        "Mehmet, Mustafa, Ahmet, Emre, Murat, Burak, Hakan, Serkan, Onur, Yusuf, Kemal, Cem, Eren, Furkan, Deniz, Elvin",
        "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Öztürk, Aydın, Arslan, Doğan, Kılıç, Aslan, Koç, Kurt, Özdemir, Aliyev, Mammadova",  # noqa: RUF001  (Turkish dotless i)
    ),
    "somali": (
        "Hodan, Sahra, Fadumo, Ifrah, Ayaan, Hibo, Sagal, Nasra, Filsan, Deeqa, Hamdi, Ubah, Asha, Khadra, Naima",
        "Abdi, Mohamed, Ahmed, Hassan, Abdirahman, Mahad, Abdullahi, Liban, Mukhtar, Yusuf, Guled, Said",
        "Warsame, Farah, Abdi, Hassan, Omar, Ali, Jama, Egal, Osman, Nur, Aden, Hirsi, Dualeh, Ismail",
    ),
    "habesha": (
        "Luwam, Senait, Selam, Meron, Helen, Saba, Mebrat, Tigist, Hiwet, Rahel, Almaz, Yordanos, Eden, Bethlehem, Feven",
        "Yonas, Dawit, Filmon, Samuel, Tesfay, Robel, Bereket, Henok, Amanuel, Kidus, Natnael, Abel, Biniam",
        "Tesfaye, Haile, Gebremedhin, Tekle, Kidane, Berhane, Yohannes, Mehari, Ghebre, Woldemariam, Abraha, Asfaw, Girma, Negash",
    ),
    "south_asia_muslim": (
        "Ayesha, Fatima, Sana, Hina, Saima, Nazia, Nasrin, Farhana, Tahmina, Rubina, Sadia, Mehwish, Shabana, Nusrat, Sumaiya",
        "Imran, Bilal, Usman, Hamza, Asif, Tariq, Nadeem, Kamal, Faisal, Arif, Rashid, Shahid, Rakib",
        "Khan, Ahmed, Malik, Hussain, Chaudhry, Iqbal, Butt, Qureshi, Rahman, Islam, Hossain, Chowdhury, Sheikh, Mirza",
    ),
    "south_asia": (
        "Priya, Anjali, Deepa, Kavitha, Lakshmi, Sunita, Pooja, Meena, Divya, Shreya, Nisha, Kamala, Sita, Anusha",
        "Arjun, Rahul, Vikram, Sanjay, Rajesh, Rohan, Suresh, Karthik, Aditya, Bikash, Prakash",
        "Sharma, Patel, Singh, Kumar, Reddy, Iyer, Nair, Gupta, Shrestha, Gurung, Rao, Menon, Thapa",
    ),
    "sri_lankan": (
        "Tharushi, Dilani, Nadeeka, Chamari, Sanduni, Ishara, Anoma, Thilini, Kavitha, Nirmala",
        "Nuwan, Kasun, Chaminda, Ruwan, Dinesh, Tharindu, Suresh",
        "Perera, Fernando, Silva, Jayasinghe, Wickramasinghe, Bandara, Dissanayake, Kumarasinghe, Rajapaksa, Sivakumar",
    ),
    "vietnam": (
        "Mai, Lan, Hoa, Linh, Thuy, Trang, Huong, Ngoc, Phuong, Thao, Yen, Hanh, Nhung",
        "Minh, Tuan, Duc, Anh, Hung, Long, Quang, Khoa, Nam, Thanh",
        "Nguyen, Tran, Le, Pham, Hoang, Phan, Vu, Dang, Bui, Do, Ngo, Duong",
    ),
    "thai": (
        "Siriporn, Nattaya, Kanokwan, Malee, Ploy, Suda, Wanida, Pornthip, Ratana, Achara, Noi, Kannika, Khamla, Souksavanh",
        "Somchai, Niran, Anan, Chaiwat, Sombat, Pichit, Somphone",
        "Srisuk, Chaiyasit, Wongsakul, Boonmee, Suwannarat, Kaewkham, Thongdee, Saetang, Phommachanh, Khamvongsa",
    ),
    "khmer": (
        "Sophea, Sreymom, Channary, Bopha, Sokunthea, Dara, Kanha",
        "Sokha, Vanna, Rithy, Sovann, Pisey",
        "Sok, Chea, Kim, Heng, Chhay, Meas, Phan, Nget",
    ),
    "burmese": (
        "Thida, Hnin Wai, Su Mon, Aye Aye, Khin Myo, Nilar, Ei Mon",
        "Aung, Kyaw, Zaw, Htet, Min Thu",
        "Win, Htun, Oo, Aung, Myint, Kyaw, Thein, Naing",
    ),
    "filipino": (
        "Maria, Joy, Rowena, Maricel, Jocelyn, Lorna, Rosalie, Grace, Analyn, Kristine, Jennifer, Marites, Liza, Cherry",
        "Jose, Mark, Rodel, Jun, Ramon, Christian, Paolo, Arnel, Jerome",
        "Santos, Reyes, Cruz, Bautista, Garcia, Dela Cruz, Mendoza, Ramos, Aquino, Villanueva, Castillo, Flores, Gonzales",
    ),
    "malay": (
        "Dewi, Sari, Putri, Nurul, Aisyah, Siti, Ratna, Intan, Ayu, Farah, Nur Aina",
        "Arief, Budi, Rizky, Hafiz, Aiman, Irfan, Agus, Dimas",
        "Santoso, Wijaya, Rahman, Hidayat, Saputra, Ismail, Hassan, Kusuma, Abdullah, Yusof, Lestari",
    ),
    "chinese": (
        "Li, Mei, Xiaoyan, Jing, Ying, Hui, Ling, Yan, Wei Ling, Xin, Fang, Jia, Qian",
        "Wei, Jun, Hao, Lei, Tao, Ming, Jian, Bo, Chen",
        "Wang, Li, Zhang, Liu, Chen, Yang, Huang, Zhao, Wu, Zhou, Lin, Tan, Lim, Wong",
    ),
    "korean": (
        "Ji-woo, Seo-yeon, Min-ji, Eun-ji, Soo-jin, Hye-won, Yuna",
        "Min-jun, Ji-ho, Seung-hoon, Dong-hyun",
        "Kim, Lee, Park, Choi, Jung, Kang, Cho, Yoon",
    ),
    "japanese": (
        "Yuki, Aiko, Sakura, Naomi, Hana, Emi, Mai, Haruka",
        "Hiroshi, Kenji, Takumi, Daisuke",
        "Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura",
    ),
    "mongolian": (
        "Oyuna, Saraa, Enkhjin, Solongo, Tsetseg, Anu",
        "Bat-Erdene, Temuulen, Ganzorig, Bold",
        "Batbayar, Ganbold, Enkhbayar, Tserendorj, Dorj, Sukhbaatar",
    ),
    "east_slavic": (
        "Olena, Oksana, Iryna, Natalia, Tetiana, Yulia, Svitlana, Kateryna, Anastasia, Olga, Maria, Viktoria, Daria, Alina",
        "Oleksandr, Andriy, Dmytro, Serhiy, Ivan, Mykola, Maksym, Artem, Pavel",
        "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko, Petrenko, Moroz, Lysenko, Ivanova, Smirnova, Sokolova, Kuznetsova",
        "Shevchenko, Kovalenko, Bondarenko, Tkachenko, Kravchenko, Melnyk, Boyko, Petrenko, Moroz, Lysenko, Ivanov, Smirnov, Sokolov, Kuznetsov",
    ),
    "polish": (
        "Anna, Katarzyna, Magdalena, Agnieszka, Joanna, Monika, Ewa, Małgorzata, Karolina, Aleksandra, Natalia, Justyna",
        "Piotr, Krzysztof, Tomasz, Paweł, Michał, Marcin, Jakub, Kamil",
        "Nowak, Kowalska, Wiśniewska, Wójcik, Kowalczyk, Kamińska, Lewandowska, Zielińska, Szymańska, Woźniak, Dąbrowska, Mazur",
        "Nowak, Kowalski, Wiśniewski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Mazur",
    ),
    "romanian": (
        "Ioana, Elena, Andreea, Maria, Alexandra, Cristina, Mihaela, Gabriela, Diana, Raluca, Simona, Corina",
        "Andrei, Alexandru, Ionuț, Mihai, Florin, Adrian, Vasile, Cosmin",
        "Popescu, Ionescu, Popa, Dumitru, Stan, Stoica, Gheorghe, Rusu, Munteanu, Matei, Constantin, Ciobanu",
    ),
    "balkan": (
        "Amra, Lejla, Emina, Jelena, Ivana, Marija, Ana, Milica, Dragana, Vesna, Teodora, Nina, Azra, Maja",
        "Emir, Adnan, Nikola, Marko, Stefan, Luka, Ivan, Haris, Dino",
        "Hodžić, Begić, Jovanović, Petrović, Nikolić, Horvat, Kovačević, Marković, Novak, Hadžić, Babić, Delić",
    ),
    "albanian": (
        "Elira, Besa, Arbëresha, Drita, Blerta, Fatjona, Mimoza, Vjosa, Teuta, Albana",
        "Arben, Dritan, Besnik, Ilir, Fatos, Agron",
        "Hoxha, Krasniqi, Berisha, Gashi, Shala, Morina, Kelmendi, Leka, Dervishi, Bytyqi",
    ),
    "bulgarian": (
        "Maria, Elena, Ivelina, Desislava, Tsvetelina, Gergana, Radka, Snezhana, Biljana, Marija",
        "Georgi, Dimitar, Ivan, Nikolay, Goran",
        "Ivanova, Dimitrova, Petrova, Georgieva, Nikolova, Stojanovska, Trajkovska, Angelova",
        "Ivanov, Dimitrov, Petrov, Georgiev, Nikolov, Stojanovski, Trajkovski, Angelov",
    ),
    "hungarian": (
        "Eszter, Katalin, Zsófia, Anna, Réka, Krisztina, Ildikó, Judit",
        "Bence, László, Gábor, Zoltán, Péter",
        "Nagy, Kovács, Szabó, Tóth, Horváth, Varga, Kiss, Molnár",
    ),
    "czech_slovak": (
        "Tereza, Lucie, Jana, Zuzana, Petra, Lenka, Veronika, Martina",
        "Tomáš, Jakub, Martin, Lukáš, Peter",
        "Novotná, Svobodová, Horváthová, Dvořáková, Černá, Kučerová, Nováková, Procházková",
        "Novotný, Svoboda, Horváth, Dvořák, Černý, Kučera, Novák, Procházka",
    ),
    "lithuanian": (
        "Rūta, Agnė, Ieva, Eglė, Gintarė, Jurgita, Laura, Indrė",
        "Mantas, Tomas, Darius, Lukas, Jonas",
        "Kazlauskienė, Jankauskaitė, Petrauskienė, Stankevičiūtė, Vasiliauskienė, Žukauskaitė, Butkienė",
        "Kazlauskas, Jankauskas, Petrauskas, Stankevičius, Vasiliauskas, Žukauskas, Butkus",
    ),
    "latvian": (
        "Ieva, Kristīne, Laura, Ilze, Zane, Līga, Inese, Anna",
        "Andris, Jānis, Mārtiņš, Edgars",
        "Bērziņa, Kalniņa, Ozola, Jansone, Liepiņa, Krūmiņa, Zariņa",
        "Bērziņš, Kalniņš, Ozols, Jansons, Liepiņš, Krūmiņš, Zariņš",
    ),
    "estonian": (
        "Liis, Kristiina, Triin, Kadri, Maarja, Kerli, Anu",
        "Kristjan, Martin, Rasmus, Marko",
        "Tamm, Saar, Sepp, Mägi, Kask, Kukk, Rebane, Ilves",
    ),
    "german": (
        "Julia, Lena, Sophie, Anna, Katharina, Laura, Sarah, Lisa, Miriam, Johanna",
        "Thomas, Lukas, Jan, Stefan, Felix, Jonas",
        "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Hoffmann, Koch",
    ),
    "dutch": (
        "Anne, Lotte, Sanne, Eva, Fleur, Femke, Marieke, Lieke, Els, Inge",
        "Daan, Jan, Pieter, Bram, Wouter",
        "de Jong, Jansen, de Vries, Bakker, Visser, Smit, Peeters, Janssens, Maes, van Dijk",
    ),
    "french": (
        "Marie, Claire, Camille, Julie, Sophie, Élodie, Chloé, Léa, Mathilde, Céline",
        "Pierre, Julien, Nicolas, Thomas, Antoine",
        "Martin, Bernard, Dubois, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel",
    ),
    "italian": (
        "Giulia, Chiara, Francesca, Sara, Martina, Valentina, Elena, Alessia, Federica",
        "Luca, Marco, Andrea, Matteo, Giuseppe",
        "Rossi, Russo, Bianchi, Ferrari, Esposito, Romano, Colombo, Ricci, Borg, Camilleri",
    ),
    "greek": (
        "Eleni, Maria, Katerina, Sofia, Georgia, Dimitra, Ioanna, Anastasia",
        "Nikos, Giorgos, Dimitris, Kostas, Andreas",
        "Papadopoulou, Georgiou, Nikolaou, Konstantinou, Dimitriou, Ioannou, Christodoulou",
        "Papadopoulos, Georgiou, Nikolaou, Konstantinou, Dimitriou, Ioannou, Christodoulou",
    ),
    "nordic": (
        "Anne, Mette, Hanne, Susanne, Lone, Charlotte, Camilla, Louise, Maria, Helle, Pia, Birgitte, Karen, Lene, Marianne, Tine, Dorte, Kirsten, Lise, Anja, Ida, Sofie, Ingrid, Astrid, Katrine, Malene, Rikke, Gitte, Bente, Signe",
        "Jens, Peter, Lars, Søren, Henrik, Niels, Morten, Anders, Thomas, Martin, Jesper, Rasmus, Mads, Christian, Michael, Jakob, Mikkel, Frederik, Kasper, Ole, Erik, Torben",
        "Jensen, Nielsen, Hansen, Pedersen, Andersen, Christensen, Larsen, Sørensen, Rasmussen, Jørgensen, Petersen, Madsen, Kristensen, Olsen, Thomsen, Christiansen, Poulsen, Johansen, Møller, Mortensen, Holm, Lund, Dahl, Skov, Bach, Frandsen, Kjær, Vestergaard",
    ),
    "swedish": (
        "Anna, Eva, Karin, Sara, Emma, Maja, Linnea, Elin",
        "Erik, Anders, Johan, Lars, Oskar",
        "Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Lindqvist, Berg",
    ),
    "norwegian": (
        "Ingrid, Kari, Silje, Ida, Nora, Hilde, Marit",
        "Ole, Lars, Knut, Håkon, Even",
        "Hansen, Johansen, Olsen, Larsen, Andersen, Berg, Haugen, Bakken",
    ),
    "finnish": (
        "Aino, Helmi, Johanna, Laura, Minna, Satu, Tiina",
        "Mikko, Juha, Antti, Ville",
        "Virtanen, Korhonen, Mäkinen, Nieminen, Mäkelä, Hämäläinen, Laine",
    ),
    "icelandic": (
        "Guðrún, Sigríður, Kristín, Helga, Anna",
        "Jón, Sigurður, Gunnar, Einar",
        "Jónsdóttir, Sigurðardóttir, Magnúsdóttir, Gunnarsdóttir",
        "Jónsson, Sigurðsson, Magnússon, Gunnarsson",
    ),
    "anglo": (
        "Sarah, Emily, Rachel, Jessica, Hannah, Laura, Emma, Claire, Megan, Siobhan, Kate, Olivia",
        "James, John, Michael, David, Daniel, Ryan, Sean, Matthew",
        "Smith, Jones, Williams, Brown, Taylor, Wilson, Murphy, O'Brien, Campbell, Walker, Robinson, Thompson",
    ),
    "caucasus": (
        "Nino, Tamar, Mariam, Ani, Lilit, Anahit, Ketevan, Gayane",
        "Giorgi, Levan, Davit, Aram, Tigran",
        "Beridze, Kapanadze, Gelashvili, Maisuradze, Petrosyan, Hovhannisyan, Sargsyan, Grigoryan",
    ),
    "central_asia": (
        "Dilnoza, Gulnara, Nodira, Aizada, Kamila, Aigerim, Madina, Zarina, Dana",
        "Rustam, Jasur, Azamat, Bakyt, Yerlan, Nurlan",
        "Karimova, Usmonova, Abdyldaeva, Atayeva, Nurlanova, Tursunova, Saparova",
        "Karimov, Usmonov, Abdyldaev, Atayev, Nurlanov, Tursunov, Saparov",
    ),
    "west_africa_fr": (
        "Aminata, Fatou, Awa, Mariam, Aïssatou, Fatoumata, Adjoa, Grâce, Bintou, Rokia, Christelle, Nadège, Mireille, Esther, Merveille",
        "Mamadou, Moussa, Ibrahima, Ousmane, Cheikh, Seydou, Koffi, Serge, Patrick, Blaise, Jean-Baptiste",
        "Diallo, Ndiaye, Traoré, Coulibaly, Diop, Sow, Camara, Keïta, Koné, Ouédraogo, Mbeki, Kabongo, Mbala, Nkounkou, Fofana",
    ),
    "west_africa_en": (
        "Adaeze, Chiamaka, Ngozi, Funmilayo, Abena, Akosua, Efua, Blessing, Grace, Fatmata, Isatou, Comfort",
        "Chinedu, Emeka, Oluwaseun, Kwame, Kofi, Yaw, Abdoulie, Samuel, Ebrima",
        "Okafor, Adeyemi, Okonkwo, Balogun, Mensah, Asante, Boateng, Owusu, Jallow, Ceesay, Kamara, Johnson",
    ),
    "east_africa": (
        "Wanjiru, Achieng, Grace, Faith, Neema, Amani, Zawadi, Nyambura, Aline, Claudine, Nyakim, Nyokabi",
        "David, Joseph, Baraka, Juma, Jean-Claude, Eric, Deng, Brian",
        "Otieno, Kamau, Mwangi, Wanjiku, Mugisha, Uwimana, Niyonzima, Nsubuga, Okello, Garang, Mutua",
    ),
    "southern_africa": (
        "Chipo, Tendai, Thandiwe, Nomvula, Lindiwe, Zanele, Mpho, Chisomo, Naledi",
        "Thabo, Tafadzwa, Sipho, Kagiso, Chikondi",
        "Moyo, Dlamini, Banda, Phiri, Nkosi, Ndlovu, Mokoena, Sithole, Mwale, Tshabalala",
    ),
    "latin": (
        "María, Carmen, Laura, Ana, Paula, Daniela, Valentina, Camila, Sofía, Gabriela, Lucía, Andrea, Carolina, Mariana, Isabel",
        "Carlos, José, Luis, Juan, Diego, Andrés, Javier, Alejandro, Miguel",
        "García, Rodríguez, González, Hernández, López, Martínez, Pérez, Sánchez, Ramírez, Torres, Flores, Rivera, Gómez, Díaz, Morales",
    ),
    "lusophone": (
        "Ana, Beatriz, Mariana, Juliana, Fernanda, Carolina, Inês, Joana, Larissa, Patrícia, Rita",
        "João, Pedro, Lucas, Gabriel, Rafael, Tiago, Bruno",
        "Silva, Santos, Oliveira, Souza, Pereira, Costa, Ferreira, Almeida, Rodrigues, Carvalho, Gomes, Martins",
    ),
}

_ASCII = str.maketrans(
    {
        "\u0131": "i",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "Ae",
        "ß": "ss",
        "ł": "l",
        "Ł": "L",
        "đ": "d",
    }
)


def ascii_slug(text: str) -> str:
    """An e-mail-friendly form of a name: "Ayşe Öztürk" -> "ayse.ozturk"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    words = "".join(c if c.isalnum() else " " for c in plain).split()
    return ".".join(word for word in words if word.isascii())


@cache
def names(region: str, gender: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Given names and family names for a woman ("f") or a man ("m") from a region."""
    women, men, families, *men_families = NAMES[region]
    if gender == "f":
        return _split(women), _split(families)
    return _split(men), _split(men_families[0] if men_families else families)


def _split(text: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in text.split(","))


def region_of(country: str) -> str:
    return COUNTRIES[country][0]


def languages_of(country: str) -> tuple[str, ...]:
    return COUNTRIES[country][1]
