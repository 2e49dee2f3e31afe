"""Writers of claims take their locks in one order (claims/services/locking.py): re-extracting,
matching, assigning and saving verdicts at the same time never deadlock. Real PostgreSQL,
threads."""

import itertools
import random
import threading
import time

import pytest
from django.db import connection

from articles.models import Article, ExtractionStatus
from claims.models import Claim, ClaimEvent, Verdict
from claims.services.clusters import GONE, match_story, move_claim, split_claim
from claims.services.extraction import extract_claims
from claims.services.review import AssignedElsewhere, assign_claims, record_verdict
from tests.claims.lock_waits import while_held
from tests.conftest import user_with_role
from tests.factories import ArticleFactory, StoryFactory

pytestmark = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="row locks and deadlocks are PostgreSQL's"
)


def long_report(units: int, seed: int) -> str:
    """A long article full of claim-worthy sentences; other seeds tell the same facts in
    another order and with some figures changed, so the articles of a story cluster."""
    rng = random.Random(seed)
    sentences = []
    for n in range(units):
        sentences.append(
            f"Revenue at unit {n} rose {rng.choice([12, 13])}% to ${n % 10}.{n % 7} billion "
            f"in {2000 + n % 25}, the company said."
        )
        if n % 3 == 0:
            sentences.append(
                f'"We expect growth of {n % 40 + 3}% next year," '
                f"chief executive Dana Smith{n} said."
            )
    rng.shuffle(sentences)
    return " ".join(sentences)


class Workers:
    """Threads that run a step in a loop until told to stop, keeping every error."""

    def __init__(self):
        self.stop = threading.Event()
        self.errors: list[tuple[str, str]] = []
        self.threads: list[threading.Thread] = []

    def start(self, name: str, step, *, rounds: int | None = None) -> None:
        def run():
            try:
                done = 0
                while not self.stop.is_set() and (rounds is None or done < rounds):
                    try:
                        step()
                    except Exception as exc:
                        self.errors.append((name, f"{type(exc).__name__}: {exc}"))
                    done += 1
            finally:
                connection.close()

        thread = threading.Thread(target=run, name=name)
        self.threads.append(thread)
        thread.start()

    def join(self, threads, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        for thread in threads:
            thread.join(max(0.0, deadline - time.monotonic()))


@pytest.mark.django_db(transaction=True)
def test_re_extraction_matching_assignment_and_verdict_saves_on_one_story_never_deadlock(
    django_user_model,
):
    story = StoryFactory()
    articles = [ArticleFactory(story=story, body=long_report(150, seed)) for seed in range(3)]
    for article in articles:
        extract_claims(article.pk)
    match_story(story.pk)
    checkers = [user_with_role(django_user_model, f"checker{n}", "fact-checker") for n in range(2)]
    editor = user_with_role(django_user_model, "editor", "editor")
    story_claims = Claim.objects.filter(article__story=story)
    assert story_claims.filter(cluster__isnull=False).count() > 300

    work = Workers()

    def re_extract(article):
        return lambda: extract_claims(article.pk, force=True)

    def save_verdicts(checker, seed):
        rng = random.Random(seed)

        def step():
            pk = rng.choice(list(story_claims.values_list("pk", flat=True)))
            try:
                record_verdict(
                    claim=Claim(pk=pk), checked_by=checker, label="supported", rationale="As filed."
                )
            except Claim.DoesNotExist:
                pass  # re-extraction removed it meanwhile: the panel answers 404
            except AssignedElsewhere:
                pass  # the editor gave it to the other checker meanwhile: refused, as it should

        return step

    # What a re-extraction of two articles of a story looks like with two workers: both
    # extract at once, and each is followed by the story's matching; meanwhile checkers save
    # verdicts and edit clusters, and an editor reassigns the story's claims.
    work.start("re-extract 0", re_extract(articles[0]), rounds=2)
    work.start("re-extract 1", re_extract(articles[1]), rounds=2)
    extractions = list(work.threads)
    work.start("match", lambda: match_story(story.pk, recheck_primary=True))
    work.start("rebuild", lambda: match_story(story.pk, rebuild=True), rounds=1)
    for n, checker in enumerate(checkers):
        work.start(f"verdicts {n}", save_verdicts(checker, n))

    def edit_clusters(seed):
        rng = random.Random(seed)

        def step():
            # A checker takes a claim out of its cluster, then puts it back.
            clustered = story_claims.filter(article=articles[2], cluster__isnull=False)
            claim = rng.choice(list(clustered.select_related("cluster")))
            home = claim.cluster
            try:
                split_claim(claim)
                move_claim(claim, home)
            except ValueError as refused:  # a rebuild replaced the cluster: the panel says so
                assert str(refused) == GONE

        return step

    work.start("cluster edits", edit_clusters(7))
    assignees = itertools.cycle(checkers)
    work.start(
        "assign",
        lambda: assign_claims(
            story_claims.filter(article=articles[2]), assignee=next(assignees), by=editor
        ),
    )
    work.join(extractions, timeout=180)
    work.stop.set()
    work.join(work.threads, timeout=60)

    assert not any(thread.is_alive() for thread in work.threads)
    assert not work.errors, "\n".join(f"{name}: {error[:400]}" for name, error in work.errors)
    statuses = Article.objects.filter(story=story).values_list("extraction_status", flat=True)
    assert set(statuses) == {ExtractionStatus.DONE}
    assert Verdict.objects.filter(claim__article__story=story).exists()
    assert ClaimEvent.objects.filter(action=ClaimEvent.Action.CLUSTER).exists()
    assert ClaimEvent.objects.filter(action=ClaimEvent.Action.ASSIGN).exists()


@pytest.mark.django_db(transaction=True)
def test_a_verdict_saved_while_re_extraction_runs_keeps_its_claim_and_the_extraction_succeeds(
    sample_paths, django_user_model
):
    from articles.reading import read_article_file

    text = read_article_file(sample_paths[4])
    article = ArticleFactory(headline=text.headline, body=text.body)
    extract_claims(article.pk)
    # A checker's own claim, which re-extraction removes as long as it has no verdict.
    mine = Claim.objects.create(article=article, text=article.body[0:5], start=0, end=5)
    checker = user_with_role(django_user_model, "checker", "fact-checker")

    # The re-extraction reaches the claim while the verdict on it is being saved.
    outcome = while_held(
        lambda: record_verdict(claim=mine, checked_by=checker, label="supported", rationale="Yes."),
        lambda: extract_claims(article.pk, force=True),
    )

    assert "error" not in outcome, outcome["error"]
    article.refresh_from_db()
    assert article.extraction_status == ExtractionStatus.DONE
    kept = Claim.objects.get(pk=mine.pk)
    assert kept.latest_verdict.rationale == "Yes."
    assert Verdict.objects.filter(claim=mine).count() == 1
