"""How easy a new password is to guess (zxcvbn), and why, in the reader's language.

zxcvbn estimates the guesses an attacker needs from dictionaries of common passwords, names and
words, keyboard patterns, dates and repeats, and from the person's own e-mail and name. Its advice
comes in English only, so each sentence it can say is a message of our own catalogue below.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable

from zxcvbn import zxcvbn

from mentornet.core.schemas import lazy_message as _l

# 0-4; 3 is "safely unguessable: moderate protection from an offline slow-hash attack".
MIN_SCORE = 3
# zxcvbn refuses longer input, and its estimate does not change past that length anyway.
MEASURED_LENGTH = 72
TOO_EASY = _l("This password is too easy to guess.")
ADVICE_MESSAGES = (
    _l("Use a few words, avoid common phrases."),
    _l("No need for symbols, digits, or uppercase letters."),
    _l("Add another word or two. Uncommon words are better."),
    _l("Straight rows of keys are easy to guess."),
    _l("Short keyboard patterns are easy to guess."),
    _l("Use a longer keyboard pattern with more turns."),
    _l('Repeats like "aaa" are easy to guess.'),
    _l('Repeats like "abcabcabc" are only slightly harder to guess than "abc".'),
    _l("Avoid repeated words and characters."),
    _l('Sequences like "abc" or "6543" are easy to guess.'),
    _l("Avoid sequences."),
    _l("Recent years are easy to guess."),
    _l("Avoid recent years."),
    _l("Avoid years that are associated with you."),
    _l("Dates are often easy to guess."),
    _l("Avoid dates and years that are associated with you."),
    _l("This is a top-10 common password."),
    _l("This is a top-100 common password."),
    _l("This is a very common password."),
    _l("This is similar to a commonly used password."),
    _l("A word by itself is easy to guess."),
    _l("Names and surnames by themselves are easy to guess."),
    _l("Common names and surnames are easy to guess."),
    _l("Capitalization doesn't help very much."),
    _l("All-uppercase is almost as easy to guess as all-lowercase."),
    _l("Reversed words aren't much harder to guess."),
    _l("Predictable substitutions like '@' instead of 'a' don't help very much."),
)
# zxcvbn's English sentence -> the same sentence in our catalogue (LazyText keeps its source).
ADVICE = {str.__str__(message): message for message in ADVICE_MESSAGES}
# zxcvbn keeps the person's own words in a module-level dictionary while it measures.
_measuring = threading.Lock()


def weakness(password: str, own_words: Iterable[str] = ()) -> str | None:
    """Why the password is too easy to guess, in the current locale; None when it is not."""
    words = [word for text in own_words for word in _words(text)]
    with _measuring:
        result = zxcvbn(password[:MEASURED_LENGTH], user_inputs=words)
    if result["score"] >= MIN_SCORE:
        return None
    feedback = result["feedback"]
    said = [feedback["warning"], *feedback["suggestions"]]
    reasons = [str(ADVICE[text]) for text in said if text in ADVICE]
    return " ".join([str(TOO_EASY), *reasons])


def _words(text: str) -> list[str]:
    """An e-mail address or a name, and its parts ("amina.hassan@example.org": amina, hassan, ...)."""
    parts = text.lower().replace("@", " ").replace(".", " ").replace("-", " ").split()
    return [text.lower(), *parts]
