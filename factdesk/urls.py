from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import path

from articles import intake_views
from articles import views as article_views
from claims.views import panel, queue, reading, stories
from factdesk.admin_site import configure_admin_site
from factdesk.health import healthz
from factdesk.login import DeskLoginView
from reports import views as report_views

configure_admin_site()

urlpatterns = [
    path("", stories.story_list, name="story-list"),
    path("queue/", queue.queue, name="queue"),
    path("stories/<slug:slug>/", stories.story_detail, name="story-detail"),
    path("stories/<slug:slug>/claims/", stories.story_claims, name="story-claims"),
    path("stories/<slug:slug>/compare/", stories.story_compare, name="story-compare"),
    path("stories/<slug:slug>/assign/", stories.story_assign, name="story-assign"),
    path("articles/new/", intake_views.add_articles, name="add-articles"),
    path("articles/new/<slug:mode>/", intake_views.submit_articles, name="submit-articles"),
    path("stories/<slug:slug>/feeds/", intake_views.add_feed, name="add-feed"),
    path("articles/<int:pk>/", reading.article_detail, name="article-detail"),
    path("articles/<int:pk>/status/", article_views.article_status, name="article-status"),
    path("articles/<int:pk>/reextract/", reading.article_reextract, name="article-reextract"),
    path("claims/<int:pk>/", panel.claim_detail, name="claim-detail"),
    path("claims/<int:pk>/verdict/", panel.claim_verdict, name="claim-verdict"),
    path("claims/<int:pk>/take/", panel.claim_take, name="claim-take"),
    path("claims/<int:pk>/assign/", panel.claim_assign, name="claim-assign"),
    path("claims/<int:pk>/review/", panel.claim_review, name="claim-review"),
    path("claims/<int:pk>/comment/", panel.claim_comment, name="claim-comment"),
    path("claims/<int:pk>/split/", panel.claim_split, name="claim-split"),
    path("claims/<int:pk>/reference/", panel.claim_reference, name="claim-reference"),
    path("claims/<int:pk>/move/", panel.claim_move, name="claim-move"),
    path(
        "claims/<int:pk>/move/choices/",
        panel.claim_move_choices,
        name="claim-move-choices",
    ),
    path("claims/<int:pk>/verdicts/", panel.claim_verdicts, name="claim-verdicts"),
    path("claims/<int:pk>/audit/", panel.claim_audit, name="claim-audit"),
    path("exports/stream/", report_views.export_stream, name="export-stream"),
    path("exports/", report_views.export_start, name="export-start"),
    path("exports/<uuid:pk>/", report_views.export_job, name="export-job"),
    path("exports/<uuid:pk>/file/", report_views.export_file, name="export-file"),
    path("login/", DeskLoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("healthz", healthz, name="healthz"),
]
