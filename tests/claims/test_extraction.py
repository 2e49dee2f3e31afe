"""Behaviour of claims.extraction on the five sample articles and on small hand-made
strings (pure: no Django, no DB). Corpus-wide quality is in test_extraction_quality.py."""

from __future__ import annotations

import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from claims.extraction import (
    EXTRACTOR_VERSION,
    MIN_CHECKWORTHINESS,
    BoilerplateSpan,
    CandidateClaim,
    Figure,
    boilerplate_spans,
    extract_candidates,
)
from tests.claims.extraction_invariants import assert_well_formed

REPO_ROOT = Path(__file__).resolve().parents[2]
ARTICLES = ("000", "001", "002", "003", "004")


def corpus_dir() -> Path:
    """The project's copy of the sample corpus, else the shared one."""
    local = REPO_ROOT / "articles" / "sample_corpus"
    return local if local.is_dir() else Path("/work/shared/sample_corpus")


@cache
def article(prefix: str) -> str:
    (path,) = corpus_dir().glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@cache
def claims_of(prefix: str) -> tuple[CandidateClaim, ...]:
    return tuple(extract_candidates(article(prefix)))


def span_of(body: str, fragment: str) -> tuple[int, int]:
    start = body.index(fragment)
    return start, start + len(fragment)


def claim_containing(prefix: str, fragment: str) -> CandidateClaim:
    matches = [c for c in claims_of(prefix) if fragment in c.text]
    assert len(matches) == 1, f"expected one claim containing {fragment!r} in {prefix}"
    return matches[0]


def claims_overlapping(prefix: str, start: int, end: int) -> list[CandidateClaim]:
    return [c for c in claims_of(prefix) if c.start < end and c.end > start]


@pytest.mark.parametrize("prefix", ARTICLES)
def test_every_claim_has_an_exact_span_clear_of_page_furniture(prefix: str) -> None:
    body = article(prefix)
    assert claims_of(prefix), "every sample article has check-worthy sentences"
    assert_well_formed(body, claims_of(prefix), boilerplate_spans(body))


def test_the_revenue_sentence_is_a_statistic_in_every_article_that_reports_it() -> None:
    reporting = [p for p in ARTICLES if "17%" in article(p) and "$11.5 billion" in article(p)]
    assert reporting == ["000", "002", "003", "004"]
    for prefix in reporting:
        claim = claim_containing(prefix, "$11.5 billion")
        assert "17%" in claim.text
        assert claim.kind == "statistic"
        assert "has a figure" in claim.reasons


@pytest.mark.parametrize(
    ("prefix", "fragment"),
    [
        ("000", "It takes a great artist to create something exceptional"),  # Sarandos stated
        ("000", "AI can provide creators with enhanced tools"),  # continues that quote
        ("000", "We are confident that AI will assist"),  # Sarandos noted
        ("000", "We are wholeheartedly embracing this technology"),
        ("000", "We\u2019re not worried about AI replacing creativity"),  # he expressed ... stating
        ("003", "We're confident that AI is going to help us"),  # CEO Ted Sarandos told
        ("003", "We're all in on that"),
        ("003", "It takes a great artist to make something great"),  # Sarandos emphasized
        ("003", "AI can give creatives better tools"),
        ("004", "It takes a great artist to make something great"),  # Netflix CEO Ted Sarandos said
        ("004", "Artificial intelligence can give creatives better tools"),
        ("004", "We\u2019re confident that AI will help us"),  # Sarandos said
        ("004", "We\u2019re all in it"),
        ("004", "starting to make sense"),  # he said, after "asked Sarandos"
        (
            "004",
            "We\u2019re not worried about artificial intelligence replacing creativity",
        ),  # he said
    ],
)
def test_each_sarandos_quote_is_attributed_to_ted_sarandos(prefix: str, fragment: str) -> None:
    claim = claim_containing(prefix, fragment)
    assert claim.kind == "quote"
    assert claim.speaker == "Ted Sarandos"


def test_a_pronoun_resolves_to_the_person_last_mentioned_not_the_last_full_name() -> None:
    # In 004 "Bryan Cranston" is the last *full* name before "he said", but
    # the sentence itself mentions Sarandos just before the pronoun.
    body = article("004")
    he_said = body.index("he said")
    assert body.rfind("Bryan Cranston", 0, he_said) > body.rfind("Ted Sarandos", 0, he_said)
    assert claim_containing("004", "starting to make sense").speaker == "Ted Sarandos"


def test_the_shareholder_letter_quote_is_attributed_to_netflix() -> None:
    claim = claim_containing("001", "For many years now, machine learning and AI")
    assert claim.kind == "quote"
    assert claim.speaker == "Netflix"


def test_the_company_resolves_to_the_organisation_last_quoted() -> None:
    claim = claim_containing("001", "We\u2019re empowering creators")
    assert (claim.kind, claim.speaker) == ("quote", "Netflix")


@pytest.mark.parametrize(
    ("prefix", "line", "reason"),
    [
        ("001", "Leave a Reply", "comment form"),
        (
            "001",
            "Your email address will not be published. Required fields are marked *",
            "comment form",
        ),
        ("001", "References & Further Reading", "further-reading stub"),
        ("001", "This article draws from multiple authoritative sources.", "further-reading stub"),
        (
            "001",
            "This article aggregates information from publicly available sources.",
            "disclaimer",
        ),
        ("001", "All trademarks and copyrights belong to their respective owners.", "disclaimer"),
        ("001", "Note: Featured image is for illustrative purposes only", "disclaimer"),
        ("001", ", according to market analysis", "injected link text"),
        ("001", ", as our earlier report", "injected link text"),
        (
            "001",
            "Netflix Bets Big on Generative AI to Reshape Streaming While - Netflix's Strategic "
            "Embrace of Generative AI Netflix has decla",
            "teaser repeating the headline",
        ),
        ("004", "Techcrunch event", "event promotion"),
        ("004", "San Francisco", "event promotion"),
        ("004", "\n|\n", "event promotion"),
        ("004", "27-29 October 2025", "event promotion"),
    ],
)
def test_boilerplate_lines_are_reported_and_never_become_claims(
    prefix: str, line: str, reason: str
) -> None:
    body = article(prefix)
    start, end = span_of(body, line)
    start, end = start + (len(line) - len(line.lstrip())), end - (len(line) - len(line.rstrip()))
    covering = [s for s in boilerplate_spans(body) if s.start <= start and end <= s.end]
    assert [s.reason for s in covering] == [reason]
    assert claims_overlapping(prefix, start, end) == []


def test_the_teaser_is_caught_from_the_headline_argument_when_the_body_omits_the_headline() -> None:
    headline, _, rest = article("001").partition("\n")
    teaser = "Netflix Bets Big on Generative AI to Reshape Streaming While - Netflix's"
    start, _ = span_of(rest, teaser)
    reasons = [s.reason for s in boilerplate_spans(rest, headline) if s.start == start]
    assert reasons == ["teaser repeating the headline"]
    assert not any(teaser in c.text for c in extract_candidates(rest, headline))


def test_a_heading_like_line_that_is_not_the_headline_is_not_a_teaser() -> None:
    body = "Netflix Reports Record Revenue In Third Quarter\nA Look at the Numbers\n"
    assert boilerplate_spans(body, "Netflix Reports Record Revenue In Third Quarter") == []


@pytest.mark.parametrize(
    ("prefix", "heading"),
    [
        ("000", "Netflix Embraces Generative AI While Navigating Industry Concerns"),
        ("000", "A Strategic Approach to AI in Filmmaking"),
        ("000", "Company Performance Highlights"),
        ("001", "From De-Aging to Set Design: AI in Action"),
        ("001", "The Creative Balance: Enhancement vs. Replacement"),
        ("002", 'Netflix CEO: Fully committed to AI, but "great works require great artists"'),
        ("002", "AI empowers creativity, not replaces it"),
        ("002", "Already testing in multiple works"),
    ],
)
def test_section_headings_produce_no_claim(prefix: str, heading: str) -> None:
    start, end = span_of(article(prefix), heading)
    assert claims_overlapping(prefix, start, end) == []


def test_a_bullet_with_a_figure_is_kept_without_its_bullet_marker() -> None:
    claim = claim_containing("001", "80% of watched content")
    assert claim.kind == "statistic"
    assert claim.text.startswith("Personalized Recommendations")


def test_the_genetic_artificial_intelligence_event_sentence_in_004_is_kept() -> None:
    claim = claim_containing("004", "Netflix said it used genetic artificial intelligence")
    assert "concrete event" in claim.reasons
    assert claim.speaker == "Netflix"
    assert claim_containing("004", "used genetic artificial intelligence to make characters")


def test_the_co_ceo_sentence_in_002_is_kept_and_attributed() -> None:
    claim = claim_containing("002", "Netflix Co-CEO Ted Sarandos emphasized")
    assert claim.kind == "quote"
    assert claim.speaker == "Ted Sarandos"


def test_a_bare_role_resolves_to_the_only_person_holding_it() -> None:
    claim = claim_containing("002", "Netflix CEO stated that the company will")
    assert claim.speaker == "Ted Sarandos"


def test_hedged_language_lowers_the_score_of_the_same_sentence() -> None:
    plain = "Netflix's revenue rose 17% to $11.5 billion on Tuesday."
    hedged = "It appears that Netflix's revenue rose 17% to $11.5 billion on Tuesday."
    (plain_claim,) = extract_candidates(plain)
    (hedged_claim,) = extract_candidates(hedged)
    assert hedged_claim.checkworthiness < plain_claim.checkworthiness
    assert "hedged language" in hedged_claim.reasons
    assert "hedged language" not in plain_claim.reasons


def test_a_hedged_figure_is_still_surfaced_but_ranked_lower() -> None:
    # Unfloored this would score 0.1 + 0.4 (figure) - 0.25 (hedge) - 0.1 (opinion).
    (claim,) = extract_candidates("It seems revenue may have risen 17%, which is deeply worrying.")
    assert claim.kind == "statistic"
    assert {"hedged language", "opinion language"} <= set(claim.reasons)
    assert claim.checkworthiness == MIN_CHECKWORTHINESS


def test_vague_hedged_commentary_is_not_surfaced() -> None:
    for prefix, fragment in [
        ("001", "what many consider the next evolution"),
        ("000", "it appears that studios are leaning toward"),
        ("004", "it seems that studios are more likely"),
    ]:
        assert not any(fragment in c.text for c in claims_of(prefix))


def test_hedges_inside_a_quotation_do_not_lower_its_score() -> None:
    quoted = extract_candidates("“Revenue might rise 5% next year,” Ted Sarandos said.")
    assert [c.kind for c in quoted] == ["quote"]
    assert "hedged language" not in quoted[0].reasons


@pytest.mark.parametrize("body", ["", "   ", "\n\n\t \n"])
def test_an_empty_or_whitespace_body_gives_no_claims(body: str) -> None:
    assert extract_candidates(body) == []
    assert boilerplate_spans(body) == []


def test_running_twice_gives_identical_output() -> None:
    for prefix in ARTICLES:
        assert extract_candidates(article(prefix)) == extract_candidates(article(prefix))
        assert boilerplate_spans(article(prefix)) == boilerplate_spans(article(prefix))


def test_spans_stay_exact_with_windows_line_endings_and_repeated_sentences() -> None:
    body = (
        "Netflix reported $11.5 billion in revenue.\r\nNetflix reported $11.5 billion in revenue."
    )
    claims = extract_candidates(body)
    assert len(claims) == 2
    assert all(body[c.start : c.end] == c.text for c in claims)
    assert claims[0].end <= claims[1].start


def test_the_package_never_imports_django() -> None:
    code = "import sys, claims.extraction; sys.exit('django' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], cwd=REPO_ROOT).returncode == 0


# --- Interface: version, new fields and their defaults -----------------------------------


def test_the_extractor_version_is_exported_as_a_non_empty_string() -> None:
    assert isinstance(EXTRACTOR_VERSION, str) and EXTRACTOR_VERSION


def test_new_claim_fields_have_defaults_so_old_constructors_keep_working() -> None:
    claim = CandidateClaim(0, 3, "abc", "other", "", 0.5, ("names an entity",))
    assert (claim.quoted_text, claim.figures) == ("", ())


def test_a_figure_is_json_serialisable() -> None:
    (claim,) = extract_candidates("Netflix reported $11.5 billion in quarterly revenue.")
    (figure,) = claim.figures
    assert isinstance(figure, Figure)
    assert json.loads(json.dumps(figure.as_dict())) == {
        "text": "$11.5 billion",
        "start": 17,
        "end": 30,
        "value": 11500000000.0,
        "unit": "USD",
        "measure": "quarterly revenue",
    }


# --- Figures -----------------------------------------------------------------------------


def figures_of(sentence: str) -> list[tuple[str, float, str]]:
    (claim,) = extract_candidates(sentence)
    return [(f.text, f.value, f.unit) for f in claim.figures]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Netflix earned $11.5 billion.", [("$11.5 billion", 11.5e9, "USD")]),
        ("Netflix revenue rose 17% on Tuesday.", [("17%", 17.0, "percent")]),
        ("Netflix revenue rose 17 percent on Tuesday.", [("17 percent", 17.0, "percent")]),
        ("The union led a 100+ day strike.", [("100+", 100.0, "count")]),
        ("Netflix reported Q3 results on Tuesday.", [("Q3", 3.0, "quarter")]),
        ("The union went on strike in 2023.", [("2023", 2023.0, "year")]),
        ("Netflix paid €40m and £2.5 billion for studios.", [
            ("€40m", 4e7, "EUR"), ("£2.5 billion", 2.5e9, "GBP"),
        ]),
        ("Netflix margins fell 2.5 percentage points.", [
            ("2.5 percentage points", 2.5, "percentage points"),
        ]),
        ("Netflix reported results on Oct. 21, 2025.", [("Oct. 21, 2025", 20251021.0, "date")]),
        ("Netflix added 5.1 million subscribers.", [("5.1 million", 5.1e6, "count")]),
        ("Netflix hired 1,234 engineers in the third quarter.", [
            ("1,234", 1234.0, "count"), ("third quarter", 3.0, "quarter"),
        ]),
    ],
)  # fmt: skip
def test_figures_are_parsed_into_value_and_unit(
    sentence: str, expected: list[tuple[str, float, str]]
) -> None:
    assert figures_of(sentence) == expected


def test_numbers_in_names_are_not_figures() -> None:
    (claim,) = extract_candidates("OpenAI released Sora 2 and Netflix released Happy Gilmore 2.")
    assert claim.figures == ()
    assert claim.kind == "event"


@pytest.mark.parametrize(
    ("sentence", "figure", "measure"),
    [
        ("Netflix's quarterly revenue rose 17% year over year to $11.5 billion.", "17%",
         "revenue growth year over year"),
        ("Netflix's quarterly revenue rose 17% year over year to $11.5 billion.",
         "$11.5 billion", "quarterly revenue"),
        ("The algorithm drives 80% of watched content at Netflix.", "80%",
         "share of watched content"),
        ("SAG-AFTRA led a 100+ day actors' strike in 2023.", "100+", "strike length in days"),
        ("Netflix added 5.1 million subscribers.", "5.1 million", "subscribers"),
        ("Netflix said something about 17% on Tuesday.", "17%", ""),
    ],
)  # fmt: skip
def test_the_measure_is_read_from_the_words_around_a_figure(
    sentence: str, figure: str, measure: str
) -> None:
    (claim,) = extract_candidates(sentence)
    assert {f.text: f.measure for f in claim.figures}[figure] == measure


def test_figures_are_listed_for_every_kind_of_claim_not_only_statistics() -> None:
    (claim,) = extract_candidates("“Revenue rose 17% in Q3,” Ted Sarandos said.")
    assert claim.kind == "quote"
    assert [f.text for f in claim.figures] == ["17%", "Q3"]


# --- Quoted text and several quotations in one sentence -----------------------------------


def test_quoted_text_holds_the_words_inside_the_marks_for_quotes_only() -> None:
    for prefix in ARTICLES:
        for claim in claims_of(prefix):
            if claim.kind == "quote":
                assert claim.quoted_text and claim.quoted_text in claim.text
                assert not claim.quoted_text.startswith(("“", '"'))
            else:
                assert claim.quoted_text == ""


def test_a_sentence_with_two_quotations_gives_two_quote_claims_in_001() -> None:
    first = claim_containing("001", "AI is going to help us and help our creative partners")
    second = claim_containing("001", "We\u2019re not worried about AI replacing creativity")
    assert first.text.startswith("Sarandos expressed confidence that “AI")
    assert first.text.endswith("new ways,”")
    assert (
        second.text
        == "while firmly stating, “We\u2019re not worried about AI replacing creativity.”"
    )
    assert first.end <= second.start
    assert (first.kind, first.speaker) == (second.kind, second.speaker) == ("quote", "Ted Sarandos")
    assert first.quoted_text == (
        "AI is going to help us and help our creative partners tell stories better, "
        "faster and in new ways"
    )
    assert second.quoted_text == "We\u2019re not worried about AI replacing creativity."


def test_a_tag_between_two_quotations_stays_with_the_first() -> None:
    body = "“It takes a great artist,” Ted Sarandos said, “AI can give creatives better tools.”"
    claims = extract_candidates(body)
    assert [c.text for c in claims] == [
        "“It takes a great artist,” Ted Sarandos said,",
        "“AI can give creatives better tools.”",
    ]
    assert [c.speaker for c in claims] == ["Ted Sarandos", "Ted Sarandos"]
    assert [c.quoted_text for c in claims] == [
        "It takes a great artist",
        "AI can give creatives better tools.",
    ]


def test_a_quotation_resumed_in_lower_case_after_its_tag_is_one_claim() -> None:
    body = "“It takes a great artist,” Ted Sarandos said, “and AI can only give them tools.”"
    (claim,) = extract_candidates(body)
    assert claim.quoted_text == "It takes a great artist … and AI can only give them tools."


def test_a_quotation_running_over_two_claims_gives_each_its_own_part() -> None:
    body = (
        "Ted Sarandos said: “We are confident that AI will help us tell stories. "
        "It is a tool for our creative partners, not a replacement for them"
    )
    claims = extract_candidates(body)
    assert [c.quoted_text for c in claims] == [
        "We are confident that AI will help us tell stories.",
        "It is a tool for our creative partners, not a replacement for them",
    ]
    assert [c.speaker for c in claims] == ["Ted Sarandos", "Ted Sarandos"]


def test_a_quotation_continued_in_the_next_paragraph_takes_the_speaker_named_there() -> None:
    body = (
        "“We are confident that AI will help us tell stories better and faster.\n\n"
        "“We are all in on that,” Ted Sarandos said."
    )
    claims = extract_candidates(body)
    assert [(c.kind, c.speaker) for c in claims] == [("quote", "Ted Sarandos")] * 2


# --- Segmentation: abbreviations, figures and datelines -------------------------------------


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Mr. Smith of the U.S. Treasury said on Oct. 21 that Netflix owes $11.5 billion.",
            ["Mr. Smith of the U.S. Treasury said on Oct. 21 that Netflix owes $11.5 billion."],
        ),
        (
            "Netflix said revenue rose 17% in Q3. Gov. Newsom agreed with Dr. Jones on Tuesday.",
            [
                "Netflix said revenue rose 17% in Q3.",
                "Gov. Newsom agreed with Dr. Jones on Tuesday.",
            ],
        ),
        (
            "Netflix set the vote for Oct. 21. Sen. Warren said Netflix was No. 1 in the U.S.",
            ["Netflix set the vote for Oct. 21.", "Sen. Warren said Netflix was No. 1 in the U.S."],
        ),
        (
            "Netflix met Prof. Lee at 5 p.m. Tuesday. Lee said revenue was $2.5 billion.",
            ["Netflix met Prof. Lee at 5 p.m. Tuesday.", "Lee said revenue was $2.5 billion."],
        ),
    ],
)
def test_abbreviations_and_figures_do_not_split_sentences(body: str, expected: list[str]) -> None:
    assert [c.text for c in extract_candidates(body)] == expected


@pytest.mark.parametrize(
    ("body", "dateline"),
    [
        ("NEW YORK (Reuters) \u2014 Netflix said revenue rose 17%.", "NEW YORK (Reuters) \u2014"),
        (
            "SAN FRANCISCO, Oct. 21 (AP) - Netflix said revenue rose 17%.",
            "SAN FRANCISCO, Oct. 21 (AP) -",
        ),
        ("WASHINGTON \u2014 Netflix said revenue rose 17%.", "WASHINGTON \u2014"),
        ("Paris (AFP) \u2013 Netflix said revenue rose 17%.", "Paris (AFP) \u2013"),
    ],
)
def test_a_dateline_is_reported_as_boilerplate_and_left_out_of_the_claim(
    body: str, dateline: str
) -> None:
    assert boilerplate_spans(body) == [BoilerplateSpan(0, len(dateline), "dateline")]
    (claim,) = extract_candidates(body)
    assert claim.text == "Netflix said revenue rose 17%."
    assert [f.text for f in claim.figures] == ["17%"]  # not the dateline's "21"


@pytest.mark.parametrize(
    "body",
    [
        "SAG-AFTRA - the actors' union - said Netflix must pay 5% more.",
        "AI - the technology Netflix uses - rose 5% in use.",
        "Netflix - the streaming giant - said revenue rose 5%.",
    ],
)
def test_a_capitalised_sentence_opener_before_a_dash_is_not_a_dateline(body: str) -> None:
    assert boilerplate_spans(body) == []
    (claim,) = extract_candidates(body)
    assert claim.text == body


def test_a_dateline_line_on_its_own_is_not_a_claim() -> None:
    body = "NEW YORK, Oct. 21 (Reuters)\nNetflix said revenue rose 17% to $11.5 billion."
    assert [s.reason for s in boilerplate_spans(body)] == ["dateline"]
    assert [c.text for c in extract_candidates(body)] == [body.splitlines()[1]]


# --- Clause rescue and stances ----------------------------------------------------------------


def test_a_checkable_dash_clause_survives_a_hedged_main_clause() -> None:
    body = (
        "It seems studios may prefer to use AI for effects \u2014 even if an AI actor "
        "recently caused a stir among Hollywood actors."
    )
    (claim,) = extract_candidates(body)
    assert claim.text == "even if an AI actor recently caused a stir among Hollywood actors."
    assert claim.kind == "event"


def test_a_named_source_s_stated_plan_is_a_claim_attributed_to_it() -> None:
    claim = claim_containing("004", "plan to use generative AI as the backbone")
    assert (claim.kind, claim.speaker) == ("other", "Netflix")
    assert "reports a stance" in claim.reasons
    assert "hedged language" not in claim.reasons  # "has potential" is Netflix's view


def test_sentences_glued_by_a_lost_space_are_two_claims():
    body = (
        "Annual inflation stands at 3.8% and growth has stalled, officials said.A rate cut "
        "would have eased pressure on the government, analysts said. Tariffs hit the "
        "UK.Thursday's decision marks the sixth hold since August 2024, the bank said."
    )
    texts = [claim.text for claim in extract_candidates(body)]
    assert any(text.endswith("growth has stalled, officials said.") for text in texts), texts
    assert any(text.startswith("A rate cut would have eased") for text in texts), texts
    assert any(text.startswith("Thursday's decision marks the sixth hold") for text in texts)


def test_abbreviations_and_decimals_are_not_cut_as_glued_sentences():
    body = "The U.S.-based firm said revenue rose 3.8% to $1.2 billion in the U.S. market."
    (claim,) = extract_candidates(body)
    assert claim.text == body
