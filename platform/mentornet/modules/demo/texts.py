"""What demo members and coordinators write: notes, check-ins, evaluations, plans, stories.

Members write in their own interface language where the phrasebook has it, coordinators in the
network's working language; English is the last resort. Placeholders are filled with str.format.
"""

from __future__ import annotations

import random

Phrases = dict[str, tuple[str, ...]]

TEXTS: dict[str, Phrases] = {
    # {country}: where she comes from; {years}: years in the country; {field}: what she trained in.
    "story_newcomer": {
        "da": (
            "Jeg kom til Danmark fra {country} for {years} år siden. Jeg er uddannet inden for {field} og vil gerne bruge min uddannelse her.",
            "Jeg er fra {country} og har boet i Danmark i {years} år. Jeg har arbejdet med {field} og leder efter en vej ind på det danske arbejdsmarked.",
            "Jeg flyttede fra {country} med min familie for {years} år siden. Jeg har taget danskuddannelse og vil gerne videre med mit fag.",
        ),
        "en": (
            "I came here from {country} {years} years ago. I trained in {field} and would like to use my education.",
            "I am from {country} and have lived here for {years} years. I have worked in {field} and I am looking for a way into the job market.",
            "I moved from {country} with my family {years} years ago. I have learnt the language and want to get back to my profession.",
        ),
        "fr": (
            "Je suis arrivée de {country} il y a {years} ans. J'ai une formation en {field} et je souhaite lancer mon propre projet ici.",
            "Originaire de {country}, je vis au Maroc depuis {years} ans et je cherche à développer une activité.",
        ),
        "ar": (
            "قدمتُ من {country} قبل سنوات، ودرستُ في مجال {field}. أريد أن أبني مستقبلي المهني هنا.",
            "أصلي من {country}، وأبحث عن طريقي إلى سوق العمل.",
        ),
    },
    "story_born_here": {
        "da": (
            "Jeg er født og opvokset i Danmark, og mine forældre kommer fra {country}. Jeg mangler et netværk og gode råd om arbejdslivet.",
            "Mine forældre kom fra {country}, før jeg blev født. Jeg er den første i familien, der har taget en videregående uddannelse.",
        ),
        "en": (
            "I was born and raised here; my parents come from {country}. I lack a network and advice about working life.",
            "My parents came from {country} before I was born. I am the first in my family to go on to higher education.",
        ),
        "ar": (
            "وُلدتُ ونشأتُ هنا، ووالداي من {country}. ينقصني التواصل مع أهل المهنة والنصيحة في الحياة المهنية.",
        ),
    },
    "story_local": {
        "fr": (
            "J'habite à {city} et j'ai une formation en {field}. Je voudrais transformer mon savoir-faire en une vraie entreprise.",
            "Mère de trois enfants à {city}, je vends déjà mes produits autour de moi. Il me manque un plan et un financement.",
            "Après mes études, je n'ai pas trouvé d'emploi à {city}. Je veux prendre confiance en moi et construire mon projet.",
        ),
        "ar": (
            "أسكن في {city} ودرستُ في مجال {field}. أريد أن أحوّل خبرتي إلى مشروع حقيقي.",
            "أنا أم لثلاثة أطفال في {city}، وأبيع منتجاتي لمن حولي. ينقصني مخطط عمل وتمويل.",
            "بعد دراستي لم أجد عملاً في {city}، وأريد أن أكتسب الثقة بنفسي وأبني مشروعي.",
        ),
        "en": (
            "I live in {city} and trained in {field}. I want to turn my skills into a real business.",
            "After my studies I could not find work in {city}. I want to build my confidence and my project.",
        ),
    },
    "motivation": {
        "da": (
            "Jeg har haft et langt og godt arbejdsliv og vil gerne give noget videre. Jeg kan tilbyde mit netværk og et par timer om måneden.",
            "Jeg ved, hvor svært det er at komme ind på arbejdsmarkedet uden et netværk. Jeg vil gerne åbne nogle døre.",
            "Som leder har jeg ansat mange, og jeg kender de uskrevne regler. Dem vil jeg gerne dele.",
            "Jeg har selv haft en mentor, som betød meget for mig. Nu vil jeg gerne være det for en anden.",
        ),
        "en": (
            "I have had a long and rewarding career and would like to give something back. I can offer my network and a few hours a month.",
            "I know how hard it is to get into the job market without a network. I would like to open some doors.",
            "I once had a mentor who meant a great deal to me. Now I would like to be one for someone else.",
        ),
        "fr": (
            "J'ai créé et dirigé une entreprise pendant quinze ans. Je veux aider d'autres femmes à oser se lancer.",
            "Mon expérience en finance peut aider une porteuse de projet à structurer son activité.",
        ),
        "ar": ("أرغب في مساعدة نساء أخريات على إطلاق مشاريعهن والاستفادة من تجربتي.",),
    },
    "experience": {
        "fr": (
            "Vingt ans dans la banque, dont dix dans le financement des petites entreprises.",
            "J'ai fondé une coopérative d'artisanat qui emploie aujourd'hui douze femmes.",
            "Expert-comptable, j'accompagne des TPE dans leur gestion au quotidien.",
            "Responsable marketing dans la distribution, je connais bien la vente et les réseaux sociaux.",
        ),
        "ar": (
            "عشرون سنة في القطاع البنكي، منها عشر سنوات في تمويل المقاولات الصغيرة.",
            "أسست تعاونية للصناعة التقليدية تشغّل اليوم اثنتي عشرة امرأة.",
        ),
        "en": (
            "Twenty years in banking, ten of them financing small businesses.",
            "I founded a crafts cooperative that now employs twelve women.",
        ),
    },
    "meeting_note": {
        "da": (
            "Vi gennemgik cv'et og skrev en ny profiltekst.",
            "Vi øvede en jobsamtale, og jeg fik god feedback.",
            "Vi kiggede på stillingsopslag og valgte tre, der skal søges.",
            "Vi talte om, hvordan man netværker i Danmark.",
            "Besøg på mentors arbejdsplads; spændende at se en dansk arbejdsdag.",
            "Vi lavede en plan for de næste to måneder.",
        ),
        "en": (
            "We went through the CV and wrote a new profile.",
            "We practised a job interview; useful feedback.",
            "We looked at job ads and chose three to apply for.",
            "We talked about how networking works here.",
            "We made a plan for the next two months.",
        ),
        "fr": (
            "Nous avons revu le business plan ensemble.",
            "Travail sur les prix et le calcul des marges.",
            "Préparation du dossier de microcrédit.",
            "Nous avons ouvert une page pour vendre en ligne.",
            "Visite d'un salon de l'artisanat à Casablanca.",
        ),
        "ar": (
            "راجعنا مخطط العمل معاً.",
            "اشتغلنا على تحديد الأسعار وحساب الهامش.",
            "حضّرنا ملف القرض الصغير.",
        ),
    },
    "check_in_good": {
        "da": (
            "Det går rigtig godt.",
            "Vi mødes fast, og jeg lærer meget.",
            "God energi i forløbet.",
        ),
        "en": ("It is going really well.", "We meet regularly and I learn a lot.", "Good energy."),
        "fr": ("Tout se passe très bien.", "Nous avançons bien sur le projet."),
        "ar": ("كل شيء يسير على ما يرام.", "نتقدم بشكل جيد في المشروع."),
    },
    "check_in_mixed": {
        "da": ("Svært at finde tid i denne måned.", "Vi er lidt gået i stå."),
        "en": ("Hard to find time this month.", "We have stalled a little."),
        "fr": ("Difficile de trouver du temps ce mois-ci.",),
        "ar": ("من الصعب إيجاد الوقت هذا الشهر.",),
    },
    "check_in_contact": {
        "da": (
            "Vil I kontakte mig? Min mentee svarer ikke.",
            "Jeg vil gerne tale med en koordinator.",
        ),
        "en": (
            "Could you contact me? We have lost touch.",
            "I would like to talk to a coordinator.",
        ),
        "fr": ("Pouvez-vous me contacter ? Nous ne nous voyons plus.",),
        "ar": ("هل يمكنكم التواصل معي؟ لم نعد نلتقي.",),
    },
    "evaluation_mentee": {
        "da": (
            "Forløbet har givet mig mod og et netværk. Tusind tak!",
            "Jeg fik hjælp til ansøgninger og fik til sidst job.",
            "Min mentor var ærlig og engageret. Jeg anbefaler det til alle.",
        ),
        "en": (
            "The mentorship gave me courage and a network. Thank you!",
            "I got help with applications and finally found a job.",
        ),
        "fr": (
            "Grâce à ma marraine, mon atelier a enfin un vrai plan.",
            "J'ai gagné en confiance et j'ai obtenu mon financement.",
        ),
        "ar": ("بفضل مرشدتي أصبح لمشروعي مخطط واضح.", "اكتسبت الثقة بنفسي وحصلت على التمويل."),
    },
    "evaluation_mentor": {
        "da": (
            "Et givende forløb. Jeg har selv lært meget om at være ny i Danmark.",
            "Min mentee var meget målrettet; det var en fornøjelse.",
        ),
        "en": (
            "A rewarding mentorship; I learnt a lot myself.",
            "Very focused mentee; a pleasure.",
        ),
        "fr": (
            "Une belle rencontre, une filleule très motivée.",
            "J'ai beaucoup appris moi aussi.",
        ),
        "ar": ("تجربة غنية مع مستفيدة متحمسة جداً.",),
    },
    "interview_note": {
        "da": (
            "Meget motiveret. Ønsker en mentor med erfaring fra sundhedssektoren.",
            "Har brug for hjælp til at oversætte sin uddannelse til danske forhold.",
            "God dansk. Mål: job inden for sit fag.",
            "Har små børn; foretrækker møder om aftenen.",
        ),
        "en": (
            "Highly motivated. Would like a mentor with experience in her field.",
            "Needs help translating her qualifications to local requirements.",
        ),
        "fr": (
            "Très motivée, projet d'atelier de couture à domicile.",
            "A déjà des clientes ; besoin d'aide pour la comptabilité et le financement.",
            "Diplômée sans emploi, cherche à créer une activité de services.",
        ),
    },
    "proposal_note": {
        "da": (
            "I har begge erfaring fra samme fag, og jeg tror, I vil passe godt sammen.",
            "Jeg tror, I kan få meget ud af hinanden.",
        ),
        "en": ("You share a profession and I think you will get on well.",),
        "fr": ("Vous travaillez dans le même secteur ; je pense que le courant passera.",),
    },
    "reject_reason": {
        "da": ("Opfylder ikke netværkets kriterier.", "Har ikke brug for en mentor nu."),
        "en": ("Does not meet the network's criteria.",),
        "fr": ("Ne correspond pas aux critères du réseau.",),
    },
    "pause_reason": {
        "da": ("Barsel.", "Sygdom i familien.", "Rejser ud i et halvt år."),
        "en": ("Parental leave.", "Illness in the family.", "Travelling for six months."),
        "fr": ("Congé de maternité.", "Raisons familiales."),
    },
    "withdraw_reason": {
        "da": ("Har fået job og har ikke længere brug for en mentor.", "Flytter fra landet."),
        "en": ("Found a job and no longer needs a mentor.", "Moving abroad."),
        "fr": ("A trouvé un emploi.", "Déménagement."),
    },
    "pair_withdraw_reason": {
        "da": ("Mentoren er ikke længere tilgængelig.", "Menteen har bedt om en anden profil."),
        "en": ("The mentor is no longer available.",),
        "fr": ("La marraine n'est plus disponible.",),
    },
    "decline_text": {
        "da": ("Vi havde forskellige forventninger.", "Det passer ikke med min tid lige nu."),
        "en": ("We had different expectations.",),
        "fr": ("Nos attentes étaient différentes.",),
        "ar": ("كانت توقعاتنا مختلفة.",),
    },
    "short_text": {
        "da": ("Ingen bemærkninger.",),
        "en": ("No remarks.",),
        "fr": ("Pas de remarque.",),
        "ar": ("لا ملاحظات.",),
    },
}

GOALS: dict[str, Phrases] = {
    "job": {
        "da": ("Job som {target}", "Fast job inden for mit fag"),
        "en": ("A job as {target}",),
        "fr": ("Trouver un emploi stable",),
        "ar": ("إيجاد عمل مستقر",),
    },
    "education": {
        "da": ("Optagelse på en uddannelse til sommer",),
        "en": ("Admission to a programme next summer",),
    },
    "recognition": {
        "da": ("Få min uddannelse vurderet og anerkendt",),
        "en": ("Get my degree assessed",),
    },
    "career": {"da": ("Næste skridt i karrieren",), "en": ("The next step in my career",)},
    "network": {
        "da": ("Fem nye kontakter i min branche",),
        "en": ("Five new contacts in my field",),
        "fr": ("Rencontrer des entrepreneuses de mon secteur",),
        "ar": ("التعرف على رائدات أعمال في قطاعي",),
    },
    "danish_society": {
        "da": ("Forstå arbejdspladskulturen",),
        "en": ("Understand workplace culture",),
    },
    "danish_language": {"da": ("Tale dansk på arbejdet",), "en": ("Speak Danish at work",)},
    "start_business": {
        "da": ("Starte som selvstændig",),
        "en": ("Start my own business",),
        "fr": ("Lancer mon atelier", "Ouvrir ma boutique"),
        "ar": ("إطلاق ورشتي", "فتح متجري"),
    },
    "grow_business": {"fr": ("Doubler mes ventes en un an",), "ar": ("مضاعفة مبيعاتي خلال سنة",)},
    "formalise_business": {
        "fr": ("Obtenir le statut d'auto-entrepreneur",),
        "ar": ("الحصول على صفة المقاول الذاتي",),
    },
    "finance": {"fr": ("Obtenir un microcrédit",), "ar": ("الحصول على قرض صغير",)},
    "financial_management": {
        "fr": ("Tenir une comptabilité simple",),
        "ar": ("مسك محاسبة بسيطة",),
    },
    "leadership": {"fr": ("Prendre la parole en public",), "ar": ("التحدث أمام الجمهور بثقة",)},
    "apprenticeship": {"da": ("Læreplads som {target}",), "en": ("An apprenticeship as {target}",)},
    "complete_education": {"da": ("Bestå eksamen til sommer",), "en": ("Pass my exams",)},
    "work_life": {"da": ("Kende mine rettigheder som ansat",), "en": ("Know my rights at work",)},
    "future_plans": {
        "da": ("En plan for de næste tre år",),
        "en": ("A plan for the next three years",),
    },
}

ACTIVITIES: dict[str, Phrases] = {
    "job": {
        "da": (
            "Opdatere cv",
            "Skrive tre ansøgninger",
            "Øve jobsamtale",
            "Opdatere LinkedIn-profil",
            "Ringe til to virksomheder",
        ),
        "en": (
            "Update my CV",
            "Write three applications",
            "Practise an interview",
            "Update LinkedIn",
        ),
        "fr": ("Rédiger mon CV", "Postuler à cinq offres", "Préparer un entretien"),
        "ar": ("كتابة سيرتي الذاتية", "التقدم إلى خمسة عروض", "التحضير لمقابلة عمل"),
    },
    "network": {
        "da": (
            "Deltage i et branchearrangement",
            "Kontakte tre personer i faget",
            "Melde mig ind i en faglig forening",
        ),
        "en": ("Attend an industry event", "Contact three people in my field"),
        "fr": ("Participer à un salon", "Rejoindre une association d'entrepreneuses"),
        "ar": ("المشاركة في معرض", "الانضمام إلى جمعية لرائدات الأعمال"),
    },
    "start_business": {
        "da": ("Skrive en forretningsplan", "Undersøge markedet"),
        "en": ("Write a business plan", "Research the market"),
        "fr": ("Étudier le marché", "Écrire le business plan", "Trouver un local"),
        "ar": ("دراسة السوق", "كتابة مخطط العمل", "إيجاد محل"),
    },
    "grow_business": {
        "fr": ("Créer une page Instagram", "Trouver deux revendeurs", "Fixer de nouveaux prix"),
        "ar": ("إنشاء صفحة على إنستغرام", "إيجاد موزعَين", "تحديد أسعار جديدة"),
    },
    "formalise_business": {
        "fr": ("S'inscrire comme auto-entrepreneur", "Ouvrir un compte professionnel"),
        "ar": ("التسجيل كمقاول ذاتي", "فتح حساب بنكي مهني"),
    },
    "finance": {
        "fr": ("Préparer le dossier de financement", "Rencontrer une association de microcrédit"),
        "ar": ("تحضير ملف التمويل", "لقاء جمعية للقروض الصغرى"),
    },
    "financial_management": {
        "fr": ("Tenir un cahier de caisse", "Séparer compte perso et pro"),
        "ar": ("مسك دفتر الصندوق", "الفصل بين الحساب الشخصي والمهني"),
    },
    "leadership": {
        "fr": ("Présenter mon projet devant le groupe", "Négocier avec un fournisseur"),
        "ar": ("تقديم مشروعي أمام المجموعة", "التفاوض مع مورّد"),
    },
    "education": {
        "da": ("Undersøge uddannelser", "Søge optagelse", "Tale med en studievejleder"),
        "en": ("Look at programmes", "Apply for admission", "Talk to a study adviser"),
    },
    "recognition": {
        "da": (
            "Sende papirer til Uddannelses- og Forskningsstyrelsen",
            "Finde et suppleringskursus",
        ),
        "en": ("Send my papers for assessment", "Find a top-up course"),
    },
    "apprenticeship": {
        "da": ("Oprette profil på lærepladsen.dk", "Søge fem lærepladser", "Besøge en virksomhed"),
        "en": ("Create a profile on the apprenticeship portal", "Apply to five companies"),
    },
    "*": {
        "da": ("Lave en plan", "Følge op på aftalen", "Læse om emnet"),
        "en": ("Make a plan", "Follow up", "Read up on the subject"),
        "fr": ("Faire un plan", "Faire le point"),
        "ar": ("وضع خطة", "تقييم التقدم"),
    },
}


def phrase(rng: random.Random, kind: str, *languages: str) -> str:
    """A phrase of this kind in the first of the languages the phrasebook has, else English."""
    return _pick(rng, TEXTS[kind], languages)


def language_of(kind: str, *languages: str) -> str:
    """The language phrase() writes this kind of text in."""
    return next((lang for lang in (*languages, "en") if lang in TEXTS[kind]), "en")


def goal_text(rng: random.Random, goal: str, *languages: str) -> str:
    return _pick(rng, GOALS.get(goal, {}), languages)


def activity_texts(rng: random.Random, goal: str, count: int, *languages: str) -> list[str]:
    phrases = ACTIVITIES.get(goal) or ACTIVITIES["*"]
    for language in (*languages, "en"):
        if language in phrases:
            options = list(phrases[language])
            rng.shuffle(options)
            return options[:count]
    return []


def _pick(rng: random.Random, phrases: Phrases, languages: tuple[str, ...]) -> str:
    for language in (*languages, "en"):
        if language in phrases:
            return rng.choice(phrases[language])
    return ""
