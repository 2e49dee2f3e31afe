"""Fill the database with a large synthetic desk, for admin and queue benchmarks."""

import random

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Article, ExtractionStatus, Story
from claims.models import Claim, ClaimKind, ReviewState, Verdict, VerdictLabel

CLAIMS_PER_ARTICLE = 40
# Varied words, so searches and filters select a realistic share of the rows.
SUBJECTS = [
    f"{name} {kind}"
    for name in (
        "Acme",
        "Globex",
        "Initech",
        "Umbrella",
        "Hooli",
        "Stark",
        "Wayne",
        "Wonka",
        "Tyrell",
        "Cyberdyne",
    )
    for kind in (
        "Corp",
        "Studios",
        "Media",
        "Bank",
        "Motors",
        "Foods",
        "Airlines",
        "Energy",
        "Pharma",
        "Telecom",
    )
]
VERBS = [
    "reported",
    "forecast",
    "denied",
    "confirmed",
    "announced",
    "estimated",
    "raised",
    "cut",
    "spent",
    "lost",
]
ARTICLES_PER_STORY = 50


class Command(BaseCommand):
    help = "Create N synthetic claims (40 per article, 50 articles per story), a third checked."

    def add_arguments(self, parser):
        parser.add_argument("--claims", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=7)

    def handle(self, *args, claims: int, seed: int, **options):
        if claims < CLAIMS_PER_ARTICLE:
            raise CommandError(f"Ask for at least {CLAIMS_PER_ARTICLE} claims.")
        rng = random.Random(seed)
        articles_needed = claims // CLAIMS_PER_ARTICLE
        with transaction.atomic():
            checker, _ = get_user_model().objects.get_or_create(username="seed-checker")
            start = Story.objects.count()
            stories = Story.objects.bulk_create(
                Story(slug=f"seed-{start + n}", title=f"Seeded story {start + n}")
                for n in range((articles_needed + ARTICLES_PER_STORY - 1) // ARTICLES_PER_STORY)
            )
            articles = Article.objects.bulk_create(
                (
                    Article(
                        story=stories[n // ARTICLES_PER_STORY],
                        headline=f"Seeded headline {n}",
                        outlet=f"Outlet {n % 40}",
                        body="Seeded article text. " * 40,
                        content_hash=f"seed-{start}-{n}".rjust(64, "0"),
                        extraction_status=ExtractionStatus.DONE,
                    )
                    for n in range(articles_needed)
                ),
                batch_size=2_000,
            )
            kinds = ClaimKind.values
            made = Claim.objects.bulk_create(
                (
                    Claim(
                        article=article,
                        text=f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} "
                        f"${rng.randint(1, 99)}.5 billion, up {i % 30}%.",
                        start=i * 20,
                        end=i * 20 + 19,
                        kind=kinds[i % len(kinds)],
                        checkworthiness=round(rng.random(), 3),
                    )
                    for article in articles
                    for i in range(CLAIMS_PER_ARTICLE)
                ),
                batch_size=5_000,
            )
            checked = made[::3]
            verdicts = Verdict.objects.bulk_create(
                (
                    Verdict(
                        claim=claim,
                        label=rng.choice(VerdictLabel.values),
                        rationale="Compared with the other outlets.",
                        checked_by=checker,
                    )
                    for claim in checked
                ),
                batch_size=5_000,
            )
            for claim, verdict in zip(checked, verdicts, strict=True):
                claim.latest_verdict = verdict
                claim.review_state = ReviewState.IN_REVIEW
            Claim.objects.bulk_update(checked, ["latest_verdict", "review_state"], batch_size=5_000)
        self.stdout.write(
            f"Seeded {len(made):,} claims in {len(articles):,} articles and {len(stories)} "
            f"stories; {len(checked):,} have a verdict."
        )
