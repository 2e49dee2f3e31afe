"""Check-worthiness features, atomic claims and page furniture that hold on any beat.

Each test states one general rule with made-up sentences of the kind the rule
stands for (docs/extraction.md, "Check-worthiness", "Atomic claims", "Page
furniture"), not sentences of the labelled stories.
"""

from __future__ import annotations

import pytest

from claims.extraction import MIN_CHECKWORTHINESS, extract_candidates
from claims.extraction.boilerplate import boilerplate_spans
from claims.extraction.classify import MAX_PREDICTION_SCORE

# --- Check-worthiness ------------------------------------------------------------------


def only_claim(text: str):
    (claim,) = extract_candidates(text)
    return claim


@pytest.mark.parametrize(
    "sentence",
    [
        "It was her third bid for the party leadership.",
        "The fire forced five families from their homes.",
        "Hundreds of people waited outside the stadium.",
    ],
)
def test_a_number_in_words_makes_a_sentence_check_worthy(sentence: str) -> None:
    # Read as a figure where the figure reader parses it ("five families"), else as a
    # number in words ("hundreds of people").
    assert {"number in words", "has a figure"} & set(only_claim(sentence).reasons)


@pytest.mark.parametrize(
    "sentence",
    [
        "No application was made for bail.",
        "The old bridge was destroyed overnight.",
        "Residents of the valley were evacuated.",
        "The suspect had not been referred to the programme.",
    ],
)
def test_a_completed_passive_is_a_concrete_event(sentence: str) -> None:
    claim = only_claim(sentence)
    assert "concrete event" in claim.reasons
    assert claim.kind == "event"
    # After a modal it is a guess, not an event.
    assert extract_candidates("The storm might have flooded the lower town.") == []


@pytest.mark.parametrize(
    "sentence",
    [
        "He appeared in the dock wearing a grey tracksuit.",
        "The judge granted an application for a short delay.",
        "Mendes scored twice in the second half.",
    ],
)
def test_a_simple_past_of_any_verb_after_its_subject_is_a_concrete_event(sentence: str) -> None:
    assert "concrete event" in only_claim(sentence).reasons


def test_a_reporting_verb_without_a_named_speaker_is_still_a_source() -> None:
    claim = only_claim("But more evidence is needed on both, it said.")
    assert "reporting verb" in claim.reasons


def test_a_change_and_its_cause_are_features() -> None:
    claim = only_claim("Complaints have spiked due to the longer waiting times.")
    assert {"comparison or change", "states a cause"} <= set(claim.reasons)


@pytest.mark.parametrize(
    "sentence",
    ["He is the first woman to lead the party.", "It was the deadliest storm since records began."],
)
def test_a_record_stated_as_a_fact_is_check_worthy(sentence: str) -> None:
    assert "states a record" in only_claim(sentence).reasons


def test_an_irregular_past_that_is_also_a_noun_counts_after_its_subject() -> None:
    claim = only_claim("The hurricane made landfall near Tampa as a Category 4 storm.")
    assert "concrete event" in claim.reasons


def test_a_list_of_named_people_is_check_worthy() -> None:
    claim = only_claim(
        "Along with Maria Lopez, the finalists were Coach Tom Hale, Senator Ana Cruz, "
        "Mayor Li Wei and Judge Ravi Patel."
    )
    assert "names several entities" in claim.reasons


@pytest.mark.parametrize("word", ["significant", "crucial", "deeply"])
def test_descriptive_words_are_not_opinion(word: str) -> None:
    claim = only_claim(f"The council reported a {word} rise in complaints on Tuesday.")
    assert "opinion language" not in claim.reasons
    # The writer's verdict still is opinion, and alone is not surfaced.
    assert extract_candidates("The new stadium is an appalling waste of space.") == []
    assert extract_candidates("The government should listen to its critics.") == []


def test_the_writers_personal_experience_ranks_lower() -> None:
    personal = only_claim("I launched my first business on Tuesday.")
    reported = only_claim("Lee launched her first business on Tuesday.")
    assert "personal experience" in personal.reasons
    assert personal.checkworthiness < reported.checkworthiness


def test_a_sources_opinion_is_what_they_said() -> None:
    claim = only_claim("Ana Cruz said the council should resign.")
    assert "opinion language" not in claim.reasons


# --- Predictions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "Personnel decisions are expected to be made early next week.",
        "A special session of parliament is expected to be called in mid-October.",
        "Unemployment is projected to rise to 6% next year.",
        "The new line is likely to open in March.",
    ],
)
def test_a_forecast_is_kept_as_a_prediction_ranked_below_facts(sentence: str) -> None:
    claim = only_claim(sentence)
    assert claim.kind == "prediction"
    assert MIN_CHECKWORTHINESS <= claim.checkworthiness <= MAX_PREDICTION_SCORE
    assert "concrete event" not in claim.reasons
    assert "hedged language" not in claim.reasons  # a forecast is hedged by nature
    # The future tense is a forecast when a date or figure can check it; a
    # sentence that also reports what happened stays an event.
    assert only_claim("The case will be heard again on 1 December.").kind == "prediction"
    assert extract_candidates("The whole industry will watch closely.") == []
    mixed = only_claim("He was remanded in custody and will appear again on Monday.")
    assert mixed.kind == "event"
    # Measuring a result against forecasts reports what happened.
    result = extract_candidates("Sales fell short of the company's forecasts in October.")
    assert [c.kind for c in result] == ["event"]


# --- Atomic claims ---------------------------------------------------------------------

ORDINARY_SENTENCES = [
    "Lee received 185 votes, while Park garnered 156 votes.",  # one comparison
    "Netflix, Amazon and Apple all raised prices by 5% this year.",  # a list
    "Revenue rose 17% to $11.5 billion in the third quarter.",  # a figure in context
    "The mayor resigned, but refused comment.",  # too short to stand alone
]


def test_a_concession_between_two_facts_gives_one_claim_per_fact() -> None:
    body = "Revenue rose 17% to $11.5 billion, though that fell short of forecasts, Lee said."
    first, second = extract_candidates(body)
    assert first.text == "Revenue rose 17% to $11.5 billion"
    assert second.text == "that fell short of forecasts, Lee said."
    assert first.end <= second.start
    assert [f.text for f in first.figures] == ["17%", "$11.5 billion"]
    assert first.speaker == second.speaker == "Lee"  # both keep the attribution
    assert second.kind == "attribution"
    # A quotation is the source's sentence: never cut.
    quoted = f"\u201c{body.removesuffix(', Lee said.')},\u201d Lee said."
    assert [c.text for c in extract_candidates(quoted)] == [quoted]


def test_two_tolls_joined_by_and_are_two_claims() -> None:
    body = "Officials said 12 people died and 40 were injured."
    first, second = extract_candidates(body)
    assert (first.text, second.text) == ("Officials said 12 people died", "40 were injured.")
    assert all(body[c.start : c.end] == c.text for c in (first, second))
    # Ordinary sentences are not shredded.
    for sentence in ORDINARY_SENTENCES:
        assert [c.text for c in extract_candidates(sentence)] == [sentence]


# --- Page furniture --------------------------------------------------------------------

STORY = "The council approved the budget on Tuesday after a long debate."


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("Tokyo, Oct 4: The council approved the budget on Tuesday.", "Tokyo, Oct 4:"),
        ("BERLIN: The council approved the budget on Tuesday.", "BERLIN:"),
        ("Berlin: The council approved the budget on Tuesday.", "Berlin:"),
        ("Nairobi \u2014 The council approved the budget on Tuesday.", "Nairobi \u2014"),
        (
            "LONDON, 4 March 2025 \u2014 The council approved the budget.",
            "LONDON, 4 March 2025 \u2014",
        ),
    ],
)
def test_datelines_of_every_common_shape_stay_out_of_the_claim(opening: str, dateline: str) -> None:
    body = f"Council passes budget\n{opening}\n"
    spans = [s for s in boilerplate_spans(body) if s.reason == "dateline"]
    assert [body[s.start : s.end] for s in spans] == [dateline]
    (claim,) = extract_candidates(body)
    assert claim.text == opening[len(dateline) :].strip()


@pytest.mark.parametrize(
    "line",
    [
        "Berlin: The council approved the budget on Tuesday.",  # only the story's opening
        "Update: The council approved the budget on Tuesday.",  # a label, not a place
    ],
)
def test_a_place_and_colon_later_in_the_story_is_prose(line: str) -> None:
    body = f"{STORY}\n{line}\n"
    assert [s for s in boilerplate_spans(body) if s.reason == "dateline"] == []


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("Next Story", "navigation link"),
        ("Also read: Flood warnings issued for three counties", "navigation link"),
        ("READ MORE Flood warnings issued for three counties", "navigation link"),
        ("Like us on Facebook for the latest updates", "share widget"),
        ("Keep up with the latest headlines on WhatsApp | LinkedIn", "newsletter promotion"),
        ("Your browser does not support iframes.", "navigation link"),
        ("Smith/Getty Images", "image credit"),
        ("\u00a9 2025 Reuters. All rights reserved.", "copyright notice"),
        ("This story has been corrected to show the vote was held on Tuesday.", "editor's note"),
        ("This article was originally published on The Conversation.", "editor's note"),
    ],
)
def test_navigation_and_promotion_lines_are_furniture(line: str, reason: str) -> None:
    body = f"{STORY}\n{line}\nThe mayor signed the budget into law on Wednesday.\n"
    start = body.index(line)
    (span,) = [s for s in boilerplate_spans(body) if s.start == start]
    assert span.reason == reason
    assert not [c for c in extract_candidates(body) if c.start < span.end and span.start < c.end]
    # A sentence that only starts like a prompt is prose.
    prose = f"{STORY}\nRead more about the budget in the council's 40-page report.\n"
    assert boilerplate_spans(prose) == []


def test_a_block_of_short_lines_around_a_call_to_action_is_a_promotion() -> None:
    promotion = "Get all your news in one place.\n100s of premium titles.\nOne app.\nStart reading"
    body = f"Council passes budget\n{promotion}\n{STORY}\n"
    reasons = {
        body[s.start : s.end]: s.reason for s in boilerplate_spans(body, "Council passes budget")
    }
    assert all(reasons.get(line) == "promotion" for line in promotion.splitlines())
    assert [c.text for c in extract_candidates(body, "Council passes budget")] == [STORY]


@pytest.mark.parametrize(
    "caption",
    [
        "Ana Cruz, who lost the vote on Saturday, delivers a speech at party headquarters in Lima",
        "The newly elected leader bows to lawmakers at the party headquarters in Lima on Saturday.",
        "Rescue workers (left) carry a stretcher from the collapsed building.",
        "A firefighter tackles the blaze near Kalo on Sunday. (Photo by Jo Ng/AFP)",
        "Supporters of the mayor celebrate outside the town hall in Lima on Sunday.",
    ],
)
def test_a_photo_caption_is_furniture(caption: str) -> None:
    body = f"{STORY}\n{caption}\n"
    assert [s.reason for s in boilerplate_spans(body)] == ["photo caption"]
    assert [c.text for c in extract_candidates(body)] == [STORY]
    # A figure that "sits at" a level is no pose in a place.
    assert boilerplate_spans("While annual inflation sits at 3.8%, growth has stagnated.\n") == []


def test_a_list_of_headlines_after_the_last_sentence_is_related_story_links() -> None:
    links = [
        "Central Bank Holds Rates Steady as Growth Outlook Improves",
        "Gold Price Forecast Raised on Strong Investor Demand",
        "Markets summary",
    ]
    body = "\n".join([STORY, "The mayor signed it on Wednesday.", *links]) + "\n"
    reasons = [s.reason for s in boilerplate_spans(body)]
    assert reasons == ["related-story links"] * 3
    assert len(extract_candidates(body)) == 2


def test_an_unpunctuated_line_repeating_the_story_is_a_caption_or_teaser() -> None:
    story = (
        "Jon Smith, 41, appeared at the city court today charged with seven counts of fraud "
        "over a pension scheme.\n"
        "Prosecutors said the scheme took money from hundreds of retired workers.\n"
    )
    teaser = (
        "Jon Smith, 41, has appeared in court charged with seven counts of fraud over a pension"
    )
    body = story + teaser + "\n"
    assert [s.reason for s in boilerplate_spans(body)] == ["caption or teaser repeating the story"]
    assert not [c for c in extract_candidates(body) if c.start >= len(story)]
    # An unpunctuated line that says something new is kept.
    new = "The scheme also lent money to a bank in Lisbon that later collapsed in 2019 and 2020"
    assert boilerplate_spans(story + new + "\n") == []


def test_a_closing_list_of_other_stories_is_furniture_but_a_closing_list_of_facts_is_not():
    story = "The council approved the budget on Monday, officials said.\n"
    others = story + (
        "Other stories from the day included:\n"
        "• Pub closures reach a new high as hospitality braces for the budget\n"
        "• Founders warn the minister that the budget could derail their plans\n"
    )
    furniture = [others[span.start : span.end] for span in boilerplate_spans(others, "")]
    assert furniture == [
        "Other stories from the day included:",
        "• Pub closures reach a new high as hospitality braces for the budget",
        "• Founders warn the minister that the budget could derail their plans",
    ]
    facts = story + "The measures include:\n• a cap on rents\n• free school meals\n"
    assert boilerplate_spans(facts, "") == []
