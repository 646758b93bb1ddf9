"""Match scores: pure, and vectorised over cached mentor feature arrays (docs/architecture.md).

Every criterion scores a mentee-mentor pair in [0, 1]:

occupation
    0.25 per leading ISCO-08 digit in common, up to four: the same unit group ("2221") 1.0, minor
    group ("222") 0.75, sub-major group ("22") 0.5, major group ("2") 0.25, else 0.
education
    0.7 * field + 0.3 * level. Field: the ISCED-F codes (2-4 digits) have p leading digits in
    common (p can never exceed the shorter code): (p - 1) / 3 when p >= 2, else 0, so the same
    detailed field is 1.0, narrow field 2/3, broad field 1/3. Level (ISCED 2011, "0".."8"): 1.0 when
    the mentor's level is at least the mentee's, else 1 - (mentee - mentor) / 8.
goals
    The share of the mentee's goals the mentor can help with; 0 when she chose none.
languages
    1.0 when both speak a language at usable_language_level or better, else 0.
distance
    With coordinates on both sides max(0, 1 - km / R): great-circle km, R = max_distance_km or
    50. Otherwise 1.0 for the same city (case and spacing ignored), else 0.
age_gap
    1 - min(|difference of birth years|, 30) / 30.
availability
    The share of the mentee's time slots the mentor also has; 0.5 when either gave none.
question:<key>
    The share of the mentee's choices the mentor also chose. A single choice is a set of one, so
    equal answers score 1.0.

Missing data scores 0 unless said otherwise. The total is sum(w * s) / sum(w) over the criteria and
the weighted questions, so it lies in [0, 1] (0 when every weight is 0). Hard constraints remove a
pair (score -inf): no free place, the same user on both sides, a forbidden (mentee id, mentor id)
pair, no shared usable language (when required), more than max_distance_km apart, more than
max_age_gap years apart in age (the last two when both sides give the data).

explain() and score_pair() apply the rules to one pair in plain Python. score_one(), top_k(),
score_matrix() and candidate_lists() apply the same rules to arrays: a MentorIndex, built once per
tenant and mentor set, holds the mentors' features as integer codes and bitmasks.
"""

from __future__ import annotations

from mentornet.modules.matching.scoring.data import (
    CEFR_LEVELS,
    CRITERIA,
    EARTH_RADIUS_KM,
    Contribution,
    MatchingConfig,
    ProfileData,
    Progress,
)
from mentornet.modules.matching.scoring.index import MentorIndex
from mentornet.modules.matching.scoring.rules import explain, score_pair
from mentornet.modules.matching.scoring.vectorised import (
    candidate_lists,
    criterion_scores_one,
    score_matrix,
    score_one,
    top_k,
)

__all__ = [
    "CEFR_LEVELS",
    "CRITERIA",
    "EARTH_RADIUS_KM",
    "Contribution",
    "MatchingConfig",
    "MentorIndex",
    "ProfileData",
    "Progress",
    "candidate_lists",
    "criterion_scores_one",
    "explain",
    "score_matrix",
    "score_one",
    "score_pair",
    "top_k",
]
