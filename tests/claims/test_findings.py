"""Each kind of finding, and each basis of a suggestion, on hand-made versions of one fact
(claims/matching/findings.py and compare.py; pure, no Django)."""

from __future__ import annotations

from claims.extraction import extract_candidates
from claims.matching import ClaimRecord, compare_cluster
from claims.matching.findings import findings_for


def version(n: int, text: str, **fields) -> ClaimRecord:
    """Outlet n's version: the claim extraction finds in ``text``."""
    (found,) = extract_candidates(text)
    return ClaimRecord(
        id=n,
        source=n,
        outlet=f"Outlet {n}",
        text=found.text,
        kind=found.kind,
        speaker=found.speaker,
        quoted_text=found.quoted_text,
        figures=tuple(figure.as_dict() for figure in found.figures),
        **fields,
    )


def kinds(member: ClaimRecord, *others: ClaimRecord) -> list[str]:
    return [finding.kind for finding in findings_for(member, others)]


# --- findings --------------------------------------------------------------------------


def test_a_different_date_is_a_time_finding():
    a = version(1, "The central bank cut rates on November 6, officials said.")
    b = version(2, "The central bank cut rates on November 7, officials said.")
    (finding,) = findings_for(a, [b])
    assert (finding.kind, finding.here, finding.others) == ("time", "November 6", "November 7")


def test_a_date_with_and_without_its_year_agree():
    a = version(1, "The central bank cut rates on November 6, officials said.")
    b = version(2, "The central bank cut rates on 6 November 2025, officials said.")
    assert kinds(a, b) == []


def test_a_different_weekday_is_a_time_finding():
    a = version(1, "The Bank of England held rates at 4% on Thursday, officials said.")
    b = version(2, "The Bank of England held rates at 4% on Friday, officials said.")
    assert kinds(a, b) == ["time"]


def test_times_in_two_zones_compare_as_one_instant():
    a = version(1, "The quake struck at 9 a.m. in Tokyo, the agency said.")
    b = version(2, "The quake struck at 1 a.m. GMT, the agency said.")
    (finding,) = findings_for(a, [b])
    assert finding.kind == "time" and finding.others == "1 a.m. GMT"


def test_a_count_that_rose_between_reports_is_an_update_not_a_figure():
    a = version(1, "The death toll rose to 12 people, police said.")
    b = version(2, "The death toll stood at 9 people, police said.")
    assert kinds(a, b) == ["update"]


def test_a_count_from_an_earlier_day_is_an_update():
    a = version(1, "Police said 12 people were injured in the blast.", published="2025-11-02")
    b = version(2, "Police said 9 people were injured in the blast.", published="2025-11-01")
    assert kinds(a, b) == ["update"]


def test_counts_of_different_things_are_not_compared():
    a = version(1, "She won 185 votes after 5 candidates stood, officials said.")
    b = version(2, "She won 149 seats after 5 candidates stood, officials said.")
    assert kinds(a, b) == []


def test_an_approximate_figure_agrees_within_a_tenth():
    a = version(1, "The fire burned about 30 km of forest, officials said.")
    b = version(2, "The fire burned 19 miles of forest, officials said.")
    assert kinds(a, b) == []
    c = version(3, "The fire burned 25 miles of forest, officials said.")
    assert kinds(a, c) == ["figure"]


def test_a_figure_only_one_version_carries_is_no_finding():
    a = version(1, "Netflix's quarterly revenue rose 17% to $11.5 billion, the company said.")
    b = version(2, "Netflix's quarterly revenue rose 17%, the company said.")
    assert kinds(a, b) == kinds(b, a) == []


def test_a_different_title_for_the_same_person_is_a_title_finding():
    a = version(1, "Netflix Co-CEO Ted Sarandos said the company would invest.")
    b = version(2, "Netflix CEO Ted Sarandos said the company would invest.")
    (finding,) = findings_for(a, [b])
    assert (finding.kind, finding.here, finding.others) == ("title", "Co-CEO", "CEO")
    assert finding.outlets_here == ("Outlet 1",) and finding.outlets_others == ("Outlet 2",)


def test_a_swapped_look_alike_word_is_a_term_finding():
    a = version(1, "Netflix used genetic AI to create the final scene, the company said.")
    b = version(2, "Netflix used generative AI to create the final scene, the company said.")
    (finding,) = findings_for(a, [b])
    assert (finding.kind, finding.here, finding.others) == ("term", "genetic", "generative")


def test_a_term_is_compared_after_its_spelling_is_unified():
    a = version(1, "Netflix used genetic artificial intelligence in the scene, it said.")
    b = version(2, "Netflix used generative AI in the scene, it said.")
    assert kinds(a, b) == ["term"]


def test_a_paraphrase_with_other_words_is_no_finding():
    a = version(1, "Netflix used AI to make the actors look younger, the company said.")
    b = version(2, "Netflix relied on AI so the actors appeared younger, the company said.")
    assert kinds(a, b) == []


def test_changed_quoted_words_are_a_quote_finding_naming_the_words():
    a = version(1, '"It takes a great artist to make something great," Sarandos said.')
    b = version(2, '"It takes a great artist to create something exceptional," Sarandos said.')
    (finding,) = findings_for(a, [b])
    assert finding.kind == "quote"
    assert finding.here == "“make” for “create”; “great” for “exceptional”"


def test_a_fragment_of_the_same_quote_is_no_finding():
    a = version(1, '"better, faster, and in new ways," Sarandos said.')
    b = version(2, '"AI will help us tell stories better, faster, and in new ways," Sarandos said.')
    assert kinds(a, b) == []


def test_reported_speech_paraphrasing_a_quote_is_no_finding():
    a = version(1, '"We are not worried about AI replacing creativity," Sarandos said.')
    b = version(2, "Sarandos said he was not worried about AI replacing creativity.")
    assert kinds(a, b) == []


def test_the_same_words_attributed_to_someone_else_is_a_speaker_finding():
    a = version(1, '"We will cut rates when inflation falls," Andrew Bailey said.')
    b = version(2, '"We will cut rates when inflation falls," Rachel Reeves said.')
    (finding,) = findings_for(a, [b])
    assert (finding.kind, finding.here, finding.others) == (
        "speaker",
        "Andrew Bailey",
        "Rachel Reeves",
    )


def test_a_misspelt_name_is_an_entity_finding():
    a = version(1, "Clare Lombardeli voted with Andrew Bailey to hold rates, officials said.")
    b = version(2, "Clare Lombardelli voted with Andrew Bailey to hold rates, officials said.")
    (finding,) = findings_for(a, [b])
    assert (finding.kind, finding.here, finding.others) == ("entity", "Lombardeli", "Lombardelli")


def test_a_finding_names_the_outlets_on_each_side():
    a = version(1, "Netflix Co-CEO Ted Sarandos said the company would invest.")
    b = version(2, "Netflix CEO Ted Sarandos said the company would invest.")
    c = version(3, "Netflix CEO Ted Sarandos said the company would keep investing.")
    d = version(4, "Co-CEO Ted Sarandos said Netflix would invest.")
    (finding,) = findings_for(a, [b, c, d])
    assert finding.outlets_here == ("Outlet 1", "Outlet 4")
    assert finding.outlets_others == ("Outlet 2", "Outlet 3")
    assert finding.detail == "title: Co-CEO vs CEO in 2 others"


# --- suggestions and their basis ---------------------------------------------------------

REVENUE = "Netflix's quarterly revenue rose 17% to {}, the company said."


def test_a_figure_against_the_primary_source_is_erroneous_on_that_basis():
    letter = version(1, REVENUE.format("$11.5 billion"), is_primary=True)
    report = version(2, REVENUE.format("$12.5 billion"))
    by_id = {c.claim_id: c for c in compare_cluster([letter, report])}
    assert by_id[2].suggested_verdict == "erroneous"
    assert by_id[2].basis.startswith("the primary source: figure: $12.5 billion")
    assert by_id[1].basis == "this is the primary source" and by_id[1].is_reference


def test_the_version_a_checker_marked_is_the_reference_the_others_are_judged_by():
    versions = [
        version(1, "Netflix Co-CEO Ted Sarandos said the company would invest."),
        version(2, "Netflix CEO Ted Sarandos said the company would invest."),
        version(3, "Netflix CEO Ted Sarandos told investors the company would invest."),
    ]
    by_id = {c.claim_id: c for c in compare_cluster(versions, reference=1)}
    assert (
        by_id[1].is_reference and by_id[1].basis == "this is the reference version a checker marked"
    )
    assert by_id[2].suggested_verdict == "varied"
    assert (
        by_id[2].basis == "the reference version a checker marked: title: CEO vs Co-CEO in 1 other"
    )


def test_a_title_held_by_one_outlet_against_four_is_varied_not_erroneous():
    co_ceo = version(1, "Netflix Co-CEO Ted Sarandos said the company would invest.")
    ceos = [
        version(n, f"Netflix CEO Ted Sarandos said the company would {verb}.")
        for n, verb in [(2, "invest"), (3, "spend"), (4, "keep investing"), (5, "grow")]
    ]
    by_id = {c.claim_id: c for c in compare_cluster([co_ceo, *ceos])}
    assert {c.suggested_verdict for c in by_id.values()} == {"varied"}
    assert by_id[1].basis == "title: Co-CEO vs CEO in 4 others"


def test_copies_of_one_wire_story_count_as_one_source():
    wire = "The Bank of England held rates at 4% on Thursday in a 5-4 vote, officials said."
    a, b = version(1, wire), version(2, wire)
    c = version(3, "The Bank of England held rates at 3.75% on Thursday, officials said.")
    by_id = {x.claim_id: x for x in compare_cluster([a, b, c])}
    # Two copies of one wire against one other report: no independent majority.
    assert by_id[3].suggested_verdict == "varied"
    assert by_id[1].suggested_verdict == "varied"


def test_a_lone_conflicting_figure_against_two_independent_copies_is_erroneous():
    a = version(1, "The Bank of England held rates at 4% on Thursday, officials said.")
    b = version(2, "On Thursday the Bank of England kept its key rate at 4%, it said.")
    c = version(3, "The Bank of England held rates at 3.75% on Thursday, officials said.")
    by_id = {x.claim_id: x for x in compare_cluster([a, b, c])}
    assert by_id[3].suggested_verdict == "erroneous"
    assert by_id[3].basis == "figure conflicts: 3.75% here, 4% in 2 independent copies"
    assert by_id[1].suggested_verdict == by_id[2].suggested_verdict == "supported"


def test_two_versions_that_differ_in_wording_only_get_no_suggestion():
    a = version(1, "Netflix will use AI to help its creative partners, the company said.")
    b = version(2, "The company said AI will support the people Netflix works with.")
    comparisons = compare_cluster([a, b])
    assert [c.suggested_verdict for c in comparisons] == [None, None]
    assert comparisons[0].basis == "no suggestion: only two versions, they differ in wording only"


def test_identical_versions_are_supported_not_varied():
    a = version(1, "Netflix's quarterly revenue rose 17% to $11.5 billion, the company said.")
    b = version(2, "Netflix said its quarterly revenue rose 17% to $11.5 billion.")
    c = version(3, "Quarterly revenue at Netflix rose 17% to $11.5 billion, it said.")
    comparisons = compare_cluster([a, b, c])
    assert [x.suggested_verdict for x in comparisons] == ["supported"] * 3
    assert all(x.findings == () for x in comparisons)


def test_the_fact_sheet_gives_a_title_finding_to_claims_in_other_clusters():
    from claims.matching import fact_sheet

    story = [
        version(1, "Netflix Co-CEO Ted Sarandos said revenue rose 17%."),
        version(2, "CEO Ted Sarandos said AI would help artists, the company said."),
        version(3, "Netflix CEO Ted Sarandos spoke on the earnings call on Tuesday."),
    ]
    sheet = fact_sheet(story)
    (finding,) = sheet.findings(story[1])
    assert (finding.kind, finding.here, finding.others) == ("title", "CEO", "Co-CEO")
    assert finding.outlets_here == ("Outlet 2", "Outlet 3")
    assert finding.outlets_others == ("Outlet 1",)
    assert finding.detail == "title: Ted Sarandos is CEO in 2 outlets, Co-CEO in 1 outlet"
    # A claim compared alone (a cluster of one) still carries it.
    (alone,) = compare_cluster([story[1]], sheet=sheet)
    assert [f.kind for f in alone.findings] == ["title"]


def test_a_possessive_is_no_entity_finding():
    a = version(1, "The United Nations Environment Programme's report warned of 2.8C, it said.")
    b = version(2, "The United Nations Environment Programme report warned of 2.8C, it said.")
    assert kinds(a, b) == []


def test_bare_years_are_not_compared():
    a = version(1, "The Emissions Gap Report 2025 says warming will reach 2.8C, it said.")
    b = version(2, "The Emissions Gap Report says warming will reach 2.8C in 2024, it said.")
    assert kinds(a, b) == []


def test_an_organisation_and_its_head_are_no_speaker_finding():
    a = version(1, '"It is nowhere near fast enough," Inger Andersen said.')
    b = version(2, '"It is nowhere near fast enough," UNEP said.')
    assert kinds(a, b) == []


def test_a_lone_figure_that_other_outlets_state_elsewhere_in_the_story_is_varied():
    from claims.matching import fact_sheet

    ten = version(
        1, "He appeared in court charged with 10 counts of attempted murder, police said."
    )
    eleven = [
        version(n, f"He appeared in court charged with 11 counts of attempted murder, {who}.")
        for n, who in [(2, "police said"), (3, "prosecutors said")]
    ]
    elsewhere = version(4, "Williams faces 10 counts of attempted murder over the train attack.")
    cluster = [ten, *eleven]
    assert compare_cluster(cluster)[0].suggested_verdict == "erroneous"
    (first, *_) = compare_cluster(cluster, sheet=fact_sheet([*cluster, elsewhere]))
    assert first.suggested_verdict == "varied"
    assert first.basis.endswith("; 1 other outlet of the story says 10 too")


def test_a_quote_changed_against_several_versions_names_the_closest_edits_and_counts_the_rest():
    a = version(1, '"It takes a great artist to make something great," Sarandos said.')
    b = version(2, '"It takes a great artist to make something new," Sarandos said.')
    c = version(3, '"Great art takes great artists and a lot of time," Sarandos said.')
    (finding,) = findings_for(a, [b, c])
    assert finding.here == "“great” for “new”"
    assert finding.detail == "quote: “great” for “new” (worded differently in 2 others)"
    assert finding.outlets_others == ("Outlet 2", "Outlet 3")
