"""Who said it, and with what title, in the attribution styles news copy uses."""

from __future__ import annotations

import pytest

from claims.extraction import extract_candidates


def attributed(body: str) -> list[tuple[str, str]]:
    """(speaker, title) of each claim, in order."""
    return [(claim.speaker, claim.speaker_title) for claim in extract_candidates(body)]


def speaker_of(body: str, fragment: str) -> str:
    return next(c.speaker for c in extract_candidates(body) if fragment in c.text)


def test_a_title_before_the_name_is_kept_apart_from_it() -> None:
    body = "“We will add 300 buses by June,” Netflix co-CEO Ted Sarandos said on Tuesday."
    assert attributed(body) == [("Ted Sarandos", "Netflix co-CEO")]


def test_an_appositive_title_is_the_speaker_s_title() -> None:
    body = "“The bridge will reopen on 4 May,” Ana Cruz, the city's deputy mayor, said."
    assert attributed(body) == [("Ana Cruz", "city's deputy mayor")]


def test_a_name_after_the_verb_with_a_lower_case_title() -> None:
    body = "“Three homes were destroyed and 40 people were evacuated,” said fire chief Tom Hale."
    assert attributed(body) == [("Tom Hale", "fire chief")]


def test_the_agency_told_is_the_addressee_not_the_speaker() -> None:
    body = (
        "Ana Cruz is the city's deputy mayor. “The bridge will reopen on 4 May,” "
        "Ana Cruz told Reuters."
    )
    assert speaker_of(body, "The bridge will reopen") == "Ana Cruz"


def test_a_role_then_name_in_an_appositive_told_reuters() -> None:
    body = "The city's deputy mayor, Ana Cruz, told Reuters that 12 schools would close on Monday."
    assert attributed(body) == [("Ana Cruz", "city's deputy mayor")]


def test_according_to_a_person_or_an_unnamed_document() -> None:
    body = (
        "The suspect used a knife in both attacks, according to court documents.\n\n"
        "A guard is in a critical condition, according to Transport Secretary Heidi Alexander."
    )
    assert attributed(body) == [("court documents", ""), ("Heidi Alexander", "Transport Secretary")]


def test_the_n_year_old_and_pronouns_go_back_to_who_the_text_is_about() -> None:
    body = (
        "Sanae Takaichi defeated farm minister Shinjiro Koizumi in the runoff on Saturday. "
        "Takaichi won 185 votes against 156.\n\n"
        "“I will work and work and work,” the 64-year-old said.\n\n"
        "She said the party would choose its new cabinet by 15 October."
    )
    assert speaker_of(body, "I will work") == "Sanae Takaichi"
    assert speaker_of(body, "She said the party") == "Sanae Takaichi"


def test_he_said_goes_back_to_the_last_named_speaker() -> None:
    body = (
        "Police chief Tom Hale said 40 people were evacuated on Friday.\n\n"
        "“Nobody was hurt,” he told Sky News."
    )
    assert speaker_of(body, "Nobody was hurt") == "Tom Hale"


@pytest.mark.parametrize(
    ("body", "speaker"),
    [
        ("In Ohio, officials said 12 people died in the floods on Monday.", "officials"),
        ("Ohio officials said 12 people died in the floods on Monday.", "Ohio officials"),
        ("Twelve people died in the floods on Monday, police said.", "police"),
    ],
)
def test_an_unnamed_source_stays_unnamed_and_is_never_a_place(body: str, speaker: str) -> None:
    assert attributed(body)[0][0] == speaker


def test_the_agency_and_the_bank_are_the_organisation_the_article_names() -> None:
    body = (
        "The Bank of England kept its key rate at 4% on Thursday.\n\n"
        "Inflation will return to 2% by 2027, the Bank said.\n\n"
        "The World Health Organization counted 120 cases in May. "
        "The outbreak has spread to 3 provinces, the agency said."
    )
    assert speaker_of(body, "the Bank said") == "Bank of England"
    assert speaker_of(body, "the agency said") == "World Health Organization"


def test_a_sentence_s_first_capitalised_word_is_not_a_speaker_by_position() -> None:
    body = "Flooding destroyed 300 homes on Monday and residents said they had lost everything."
    assert attributed(body)[0][0] == "residents"


@pytest.mark.parametrize(
    "body",
    [
        "Arsenal claimed the title on Sunday with a 3-1 win over Chelsea.",
        "Manchester City posted a 3-1 win over Leeds on Saturday.",
        "Bukayo Saka added a second goal in the 80th minute.",
    ],
)
def test_sports_verbs_are_not_speech(body: str) -> None:
    assert not any(speaker for speaker, _ in attributed(body))


def test_two_people_named_together_both_speak() -> None:
    body = "Swati Dhingra and Alan Taylor argued that rates should already be lower than 4%."
    assert attributed(body)[0][0] == "Swati Dhingra and Alan Taylor"
