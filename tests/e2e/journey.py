"""The steps people take in a network, one function each, for the browser tests to string together.

Each step starts from a URL, acts through the page as a person would (labels, buttons, links), waits
for the page to confirm it, and leaves a numbered screenshot. The texts the pages must show are the
shipped translations (translations/<locale>/LC_MESSAGES/messages.po).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from playwright.sync_api import Page, expect

from e2e.support import checkpoint

DEMO_PASSWORD = "mentornet-demo"  # config/defaults.toml DEMO_PASSWORD: the demo staff accounts

# What the Danish pages say at each step (from translations/da/LC_MESSAGES/messages.po).
DA = {
    "application_received": "Tak! Vi har modtaget din ansøgning. Log ind med din e-mailadresse og adgangskode for at følge den.",
    "info_meeting": "Har været til informationsmøde",
    "interviewed": "Har været til samtale",
    "approved": "Godkendt, venter på et match",
    "matched": "Matchet",
    "status_changed": "Status er ændret til “{status}”.",
    "new_note": "Nyt notat",
    "save_note": "Gem notatet",
    "note_saved": "Notatet er gemt.",
    "propose": "Foreslå dette par",
    "note_to_both": "Besked til begge (valgfrit)",
    "proposal_sent": "Forslaget er sendt til begge.",
    "proposed": "Foreslået",
    "a_proposal": "Et forslag til et match",
    "yes_work_together": "Ja, vi vil gerne arbejde sammen",
    "thanks_for_answer": "Tak for dit svar.",
    "waiting_for_other": "Du har sagt ja. Vi venter på det andet svar.",
    "your_mentorship": "Jeres mentorforløb",
    "agreed": "Status: Enige om at arbejde sammen",
    "go_to_plan": "Gå til jeres plan og møder",
    "add_goal": "Tilføj målet",
    "goal_added": "Målet er tilføjet jeres plan.",
    "add_an_activity": "Tilføj en aktivitet",
    "add_activity": "Tilføj aktiviteten",
    "activity_added": "Aktiviteten er tilføjet jeres plan.",
    "confirm_plan": "Bekræft planen",
    "plan_confirmed": "Du har bekræftet planen.",
    "planning": "Planlægning",
    "active": "Aktiv",
    "log_a_meeting": "Registrér et møde",
    "save_meeting": "Gem mødet",
    "meeting_logged": "Mødet er registreret.",
    "start_closing": "Start afslutningen",
    "closing_started": "Afslutningen er startet. Giv hvert mål sit resultat, og skriv din evaluering.",
    "closing": "Afsluttes",
    "status_saved": "Målets status er gemt.",
    "save": "Gem",
    "save_evaluation": "Gem min evaluering",
    "evaluation_saved": "Tak for din evaluering.",
    "completed": "Gennemført",
    "success": "Tillykke! I har nået mindst ét af jeres mål.",
    "completed_the_cycle": "Har gennemført forløbet",
}

# What the Arabic pages of the Moroccan network say (translations/ar/LC_MESSAGES/messages.po).
AR = {
    "application_received": "شكرًا! لقد تلقّينا طلبك. سجّل الدخول ببريدك الإلكتروني وكلمة المرور لمتابعته.",
    "find_someone": "البحث عن شخص للعمل معه",
    "ask_to_work_together": "طلب العمل معًا",
    "request_sent": "تم إرسال طلبك.",
    "a_request": "طلب للعمل معًا",
    "yes_meet": "نعم، أرغب في اللقاء",
    "thanks_for_answer": "شكرًا على ردّك.",
    "a_proposal": "اقتراح مطابقة",
}


@dataclass(frozen=True)
class Applicant:
    """A person applying through the public form, and her answers by field name."""

    tenant: str
    role: str
    name: str
    email: str
    password: str = "a long and private password"
    answers: dict[str, Any] = field(default_factory=dict)
    occupations: dict[str, str] = field(default_factory=dict)  # field -> what she types

    @property
    def first_name(self) -> str:
        return self.name.split()[0]


# ---- filling forms ----


def fill_answers(page: Page, answers: dict[str, Any]) -> None:
    """Answer each field by its name: type into text, choose in lists, tick boxes and radios."""
    for name, value in answers.items():
        if name == "languages":
            for row, (code, level) in enumerate(value):
                page.locator('select[name="languages-code"]').nth(row).select_option(code)
                page.locator('select[name="languages-level"]').nth(row).select_option(level)
            continue
        control = page.locator(f'[name="{name}"]')
        kind = control.first.evaluate("el => el.type || el.tagName.toLowerCase()")
        if kind in ("checkbox", "radio"):
            for choice in value if isinstance(value, list) else [value]:
                control.and_(page.locator(f'[value="{choice}"]')).check()
        elif kind.startswith("select"):
            control.select_option(str(value))
        else:
            control.fill(str(value))


def pick_occupation(page: Page, name: str, typed: str) -> str:
    """Type part of a job title into the occupation picker, then choose the first fitting entry."""
    box = page.locator(f"#field-{name}")
    box.press_sequentially(typed)
    options = page.locator("#isco-options option")
    labels: list[str] = options.evaluate_all("(els) => els.map((el) => el.value)")
    chosen = next(label for label in labels if typed.casefold() in label.casefold())
    box.fill(chosen)  # what choosing the entry from the browser's list puts in the field
    return chosen


# ---- applicants ----


def apply(page: Page, person: Applicant, *, received: str) -> None:
    """Fill in and send the application form, then log in (applying signs nobody in: an address
    that already had an account must get the same answer)."""
    page.goto(f"/{person.tenant}/apply/{person.role}")
    checkpoint(page, f"{person.role}-application-form")
    page.locator("#field-name").fill(person.name)
    page.locator("#field-email").fill(person.email)
    page.locator("#field-password").fill(person.password)
    page.locator("#field-password_confirm").fill(person.password)
    fill_answers(page, person.answers)
    for name, typed in person.occupations.items():
        pick_occupation(page, name, typed)
    page.locator("#field-consent_privacy").check()
    checkpoint(page, f"{person.role}-application-filled")
    page.locator("main form.form button[type=submit]").click()
    expect(page.locator(".flash--success")).to_have_text(received)
    expect(page).to_have_url(f"/{person.tenant}/login")
    checkpoint(page, f"{person.role}-application-received")
    log_in(page, person.tenant, person.email, person.password)
    expect(page).to_have_url(f"/{person.tenant}/me/")


def log_in(page: Page, tenant: str, email: str, password: str) -> None:
    page.goto(f"/{tenant}/login")
    page.locator("#field-email").fill(email)
    page.locator("#field-password").fill(password)
    page.locator("main form.form button[type=submit]").click()
    expect(page).not_to_have_url(re.compile(r"/login(\?|$)"))  # signed in, sent on
    checkpoint(page, f"logged-in-{email.split('@')[0]}")


# ---- the coordinator (Danish pages) ----


def approve(page: Page, tenant: str, name: str, *, note: str) -> int:
    """Record the information meeting and the interview (with a note), then approve her.

    Returns the profile id shown in the applicant's address.
    """
    page.goto(f"/{tenant}/staff/applicants")
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    profile_id = int(page.url.rstrip("/").rsplit("/", 1)[1])
    checkpoint(page, f"applicant-{name}")
    for status in (DA["info_meeting"], DA["interviewed"]):
        page.get_by_role("button", name=status, exact=True).click()
        expect(page.locator(".flash--success")).to_have_text(
            DA["status_changed"].format(status=status)
        )
    page.get_by_label(DA["new_note"]).fill(note)
    page.get_by_role("button", name=DA["save_note"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["note_saved"])
    expect(page.locator("#notes")).to_contain_text(note)
    page.get_by_role("button", name=DA["approved"], exact=True).click()
    expect(page.locator(".lead")).to_contain_text(DA["approved"])
    checkpoint(page, f"approved-{name}")
    return profile_id


def propose(page: Page, tenant: str, mentee: str, mentor: str, *, note: str = "") -> None:
    """From the mentee's suggestions, propose the pair with this mentor."""
    page.goto(f"/{tenant}/staff/matching")
    checkpoint(page, "matching-console")
    page.get_by_role("link", name=mentee, exact=True).click()
    suggestion = page.locator(".suggestions-list > li").filter(
        has=page.get_by_role("heading", name=mentor, exact=True)
    )
    expect(suggestion).to_have_count(1)
    checkpoint(page, f"suggestions-for-{mentee}")
    if note:
        suggestion.get_by_label(DA["note_to_both"]).fill(note)
    suggestion.get_by_role("button", name=DA["propose"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["proposal_sent"])
    open_pairs = page.locator("#open-title + .table-wrap tbody tr").filter(has_text=mentee)
    expect(open_pairs).to_contain_text(mentor)
    expect(open_pairs).to_contain_text(DA["proposed"])
    checkpoint(page, "proposed")


# ---- the pair ----


def say_yes(page: Page, tenant: str, other_first_name: str) -> None:
    """On her page, say yes to the proposed match with the other person."""
    _answer_yes(
        page, tenant, other_first_name, DA["a_proposal"], DA["yes_work_together"],
        DA["thanks_for_answer"], ("proposal", "said-yes"),
    )  # fmt: skip


def request_to_work_with(page: Page, tenant: str, first_name: str) -> None:
    """A mentor (mentor_selects) browses the mentees and asks for one (Arabic pages)."""
    page.goto(f"/{tenant}/me/")
    page.get_by_role("link", name=AR["find_someone"]).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(AR["find_someone"])
    card = page.locator(".suggestions-list > li").filter(
        has=page.get_by_role("heading", name=first_name)
    )
    expect(card).to_have_count(1)
    checkpoint(page, "browse")
    card.get_by_role("button", name=AR["ask_to_work_together"]).click()
    expect(page.locator(".flash--success")).to_have_text(AR["request_sent"])
    expect(page.locator(".panel--pair h2")).to_have_text(AR["a_request"])
    checkpoint(page, "requested")


def accept_request(page: Page, tenant: str, other_first_name: str) -> None:
    """The asked person says yes to meeting (Arabic pages)."""
    _answer_yes(
        page, tenant, other_first_name, AR["a_request"], AR["yes_meet"],
        AR["thanks_for_answer"], ("request", "accepted"),
    )  # fmt: skip


def _answer_yes(
    page: Page,
    tenant: str,
    other_first_name: str,
    heading: str,
    button: str,
    thanks: str,
    steps: tuple[str, str],
) -> None:
    """On her page, find the open pair with the other person and say yes to it."""
    page.goto(f"/{tenant}/me/")
    panel = page.locator(".panel--pair")
    expect(panel.get_by_role("heading", level=2)).to_have_text(heading)
    expect(panel).to_contain_text(other_first_name)
    checkpoint(page, steps[0])
    panel.get_by_role("button", name=button).click()
    expect(page.locator(".flash--success")).to_have_text(thanks)
    checkpoint(page, steps[1])


# ---- the pair's own page: plan, meet, close (Danish pages) ----


def open_mentorship(page: Page, tenant: str) -> None:
    """From her page to the pair's page."""
    page.goto(f"/{tenant}/me/")
    page.get_by_role("link", name=DA["go_to_plan"]).click()
    expect(page).to_have_url(re.compile(rf"/{tenant}/me/mentorships/\d+$"))
    checkpoint(page, "mentorship-page")


def add_goal(page: Page, goal_key: str, description: str, target_date: str) -> None:
    form = page.locator("form#goal")
    form.locator('[name="goal_key"]').select_option(goal_key)
    form.locator('[name="description"]').fill(description)
    form.locator('[name="target_date"]').fill(target_date)
    checkpoint(page, f"goal-{goal_key}-filled")
    form.get_by_role("button", name=DA["add_goal"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["goal_added"])
    checkpoint(page, f"goal-{goal_key}-added")


def add_activity(page: Page, goal_label: str, title: str, due_date: str) -> None:
    goal = page.locator("article.goal", has_text=goal_label)
    goal.locator("summary", has_text=DA["add_an_activity"]).click()
    goal.locator('[name="title"]').fill(title)
    goal.locator('[name="due_date"]').fill(due_date)
    goal.get_by_role("button", name=DA["add_activity"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["activity_added"])
    expect(page.locator("article.goal", has_text=goal_label)).to_contain_text(title)
    checkpoint(page, "activity-added")


def confirm_plan(page: Page, *, state_after: str) -> None:
    page.get_by_role("button", name=DA["confirm_plan"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["plan_confirmed"])
    expect(page.locator("#pair-state")).to_have_text(state_after)
    checkpoint(page, "plan-confirmed")


def log_meeting(page: Page, *, held_on: str, minutes: str, goal_label: str, notes: str) -> None:
    section = page.locator("#meeting")
    if section.locator("details").get_attribute("open") is None:
        section.locator("summary", has_text=DA["log_a_meeting"]).click()
    section.locator('[name="held_on"]').fill(held_on)
    section.locator('[name="minutes"]').fill(minutes)
    section.locator('[name="mode"]').select_option("in_person")
    section.get_by_label(goal_label).check()
    section.locator('[name="notes"]').fill(notes)
    section.get_by_role("button", name=DA["save_meeting"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["meeting_logged"])
    expect(page.locator("#meeting")).to_contain_text(notes)
    checkpoint(page, "meeting-logged")


def start_closing(page: Page) -> None:
    page.get_by_role("button", name=DA["start_closing"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["closing_started"])
    expect(page.locator("#pair-state")).to_have_text(DA["closing"])
    checkpoint(page, "closing-started")


def give_result(page: Page, goal_label: str, result: str) -> None:
    goal = page.locator("article.goal", has_text=goal_label)
    goal.locator('select[name="status"]').select_option(result)
    goal.get_by_role("button", name=DA["save"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["status_saved"])
    checkpoint(page, f"result-{result}")


def evaluate(page: Page, *, rating: str, text: str, situation: str | None = None) -> None:
    form = page.locator("#evaluation form")
    form.locator(f'input[name="rating"][value="{rating}"]').check()
    form.locator('[name="text"]').fill(text)
    if situation:
        form.locator('[name="situation"]').select_option(situation)
    checkpoint(page, "evaluation-filled")
    form.get_by_role("button", name=DA["save_evaluation"]).click()
    expect(page.locator(".flash--success")).to_have_text(DA["evaluation_saved"])
    checkpoint(page, "evaluation-saved")


def completed_pairs(page: Page, tenant: str) -> int:
    """The dashboard's figure of pairs that completed the cycle."""
    page.goto(f"/{tenant}/staff/")
    figure = page.locator(".figure", has_text=DA["completed_the_cycle"]).locator("dd")
    checkpoint(page, "dashboard")
    return int(figure.inner_text().replace(".", "").strip())
