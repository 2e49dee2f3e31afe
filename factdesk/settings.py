"""FactDesk settings, read from the environment with defaults that run on a laptop.

Without DATABASE_URL the app uses SQLite; without REDIS_URL Celery tasks run
in-process (eagerly), so `manage.py runserver` works with no services at all.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP

from factdesk import limits

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DEBUG", False)
# The fallback key is for local runs only; `check --deploy` flags its prefix.
SECRET_KEY = os.environ.get("SECRET_KEY") or "django-insecure-factdesk-local-development-key"

ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
    if host.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django_htmx",
    "django_filters",
    "articles",
    "claims",
    "reports",
    # Last, as its documentation asks: login throttling (factdesk/login.py).
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "factdesk.middleware.DatabaseUnavailableMiddleware",
    # NULs and impossible selections in admin requests: a message, not a 500.
    "factdesk.admin_guard.AdminInputGuardMiddleware",
    # Turns a refused login into the lockout page (axes' documented place: last).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "factdesk.urls"
WSGI_APPLICATION = "factdesk.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "reports.context_processors.export_formats",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
# Once a connection has run a statement a few times, PostgreSQL keeps its plan instead of
# planning it at every execution (psycopg prepared statements; they need server-side
# binding): ~0.2 ms less per query, ~2 ms per claim panel. Set DATABASE_PREPARED_STATEMENTS=0
# behind PgBouncer in transaction mode, which cannot keep a statement prepared.
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql" and env_bool(
    "DATABASE_PREPARED_STATEMENTS", True
):
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Axes first: it refuses a locked-out account before any password is checked. Then
# ModelBackend with the request's user and permissions in one ORM query (every request reads
# both; factdesk/auth.py). Sessions name the backend that logged them in: DeskBackend, as before.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", "factdesk.auth.DeskBackend"]
LOGIN_URL = "login"
# Failed logins per account and client address before a lockout, and how long it lasts.
LOGIN_MAX_FAILURES = int(os.environ.get("LOGIN_MAX_FAILURES", "5"))
LOGIN_LOCKOUT_SECONDS = int(os.environ.get("LOGIN_LOCKOUT_SECONDS", "900"))
# How many reverse proxies in front of gunicorn append to X-Forwarded-For; the client's
# address is read that many entries from the right (0: the header is ignored).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))
# django-axes: counts in the database (AccessAttempt), keyed on username and address.
AXES_FAILURE_LIMIT = LOGIN_MAX_FAILURES
AXES_COOLOFF_TIME = timedelta(seconds=LOGIN_LOCKOUT_SECONDS)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Attempts refused during a lockout are not stored: each would grow the record, and
# would restart the lockout for the account's owner.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_USERNAME_CALLABLE = "factdesk.login.attempted_username"
AXES_CLIENT_IP_CALLABLE = "factdesk.login.client_address"
AXES_LOCKOUT_CALLABLE = "factdesk.login.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False  # no banner at every start
LOGIN_REDIRECT_URL = "story-list"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"

# Django's database sessions: a logout or a password change ends a session at once.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy: only our own scripts and styles, no inline code, no eval
# (htmx runs with allowEval off; see templates/base.html).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# Behind HTTPS in production (FACTDESK_HTTPS=1): redirect, HSTS, and trust the proxy's
# X-Forwarded-Proto. Off by default so `make run` and the tests work over plain HTTP.
if env_bool("FACTDESK_HTTPS", False):
    SECURE_SSL_REDIRECT = True
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    if not SECURE_HSTS_PRELOAD:
        # Preloading is a commitment a newsroom makes on purpose (docs/operations.md),
        # not a default the deployment check should demand.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Celery: a real broker when REDIS_URL is set, otherwise run tasks in-process.
REDIS_URL = os.environ.get("REDIS_URL", "")
# Shared by every web process when Redis is there (login throttling must see all of them).
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_BROKER_URL = REDIS_URL or "memory://localhost/"
CELERY_RESULT_BACKEND = REDIS_URL or None
CELERY_RESULT_EXPIRES = 3600
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
# Tasks write their results to the database; nothing waits on Celery's result store, and
# a request must not stall on it when Redis is away (tests opt in with ignore_result=False).
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker that is down must fail an enqueue quickly instead of hanging a request.
# visibility_timeout: a task whose worker died unacknowledged goes back to the queue after
# this long. Every task is idempotent, so it may be short; it must exceed the longest task.
TASK_VISIBILITY_TIMEOUT = int(os.environ.get("CELERY_VISIBILITY_TIMEOUT", "600"))
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "max_retries": 3,
    "interval_start": 0,
    "interval_step": 0.5,
    "visibility_timeout": TASK_VISIBILITY_TIMEOUT,
    # Workers look for such tasks this often (kombu's default is every 100 s).
    "unacked_restore_interval": max(1, min(10, TASK_VISIBILITY_TIMEOUT // 3)),
    "unacked_restore_throttle": 1,
}
# A running extraction holds its article on a lease of this many seconds, renewed every third
# of it while the run lives; the sweep (`resume_delayed_work`) sends again an article whose
# lease ran out (its worker died and the queue lost the task). It must comfortably exceed a
# worker's longest stall (a third of it may pass between renewals), and should stay below the
# visibility timeout, so a task redelivered after its worker died finds the lease lapsed.
EXTRACTION_LEASE_SECONDS = float(os.environ.get("EXTRACTION_LEASE_SECONDS", "120"))

# Prepared exports (XLSX, PDF, …) are written here, one file per job, named by its id.
EXPORT_DIR = Path(os.environ.get("EXPORT_DIR", BASE_DIR / "exports"))
# The newsroom named as author of ClaimReview markup.
FACTDESK_ORGANIZATION = {
    "name": os.environ.get("NEWSROOM_NAME", "FactDesk newsroom"),
    "url": os.environ.get("NEWSROOM_URL", "http://127.0.0.1:8000/"),
}

# Ingestion limits (docs/ingestion.md): their defaults are in factdesk/limits.py, once.
MAX_UPLOAD_BYTES = int(os.environ.get("MAX_UPLOAD_BYTES", limits.MAX_UPLOAD_BYTES))
MAX_ARTICLE_CHARS = int(os.environ.get("MAX_ARTICLE_CHARS", limits.MAX_ARTICLE_CHARS))
MAX_UPLOAD_FILES = int(os.environ.get("MAX_UPLOAD_FILES", limits.MAX_UPLOAD_FILES))
UPLOAD_READ_SECONDS = float(os.environ.get("UPLOAD_READ_SECONDS", limits.UPLOAD_READ_SECONDS))
# .docx and .pdf files are read in a child process (articles/document_reader.py) with these.
DOCUMENT_MAX_EXPANDED_BYTES = int(
    os.environ.get("DOCUMENT_MAX_EXPANDED_BYTES", limits.DOCUMENT_MAX_EXPANDED_BYTES)
)
DOCUMENT_MAX_PARTS = int(os.environ.get("DOCUMENT_MAX_PARTS", limits.DOCUMENT_MAX_PARTS))
DOCUMENT_MAX_PAGES = int(os.environ.get("DOCUMENT_MAX_PAGES", limits.DOCUMENT_MAX_PAGES))
DOCUMENT_READ_SECONDS = float(os.environ.get("DOCUMENT_READ_SECONDS", limits.DOCUMENT_READ_SECONDS))
DOCUMENT_READ_MEMORY_BYTES = int(
    os.environ.get("DOCUMENT_READ_MEMORY_BYTES", limits.DOCUMENT_READ_MEMORY_BYTES)
)
FETCH_TIMEOUT = float(os.environ.get("FETCH_TIMEOUT", limits.FETCH_TIMEOUT))
# Fetching refuses private and loopback addresses (server-side request forgery);
# FETCH_ALLOWED_HOSTS exempts exact "host:port" entries, e.g. an intranet CMS.
FETCH_ALLOW_PRIVATE = limits.FETCH_ALLOW_PRIVATE
FETCH_ALLOWED_HOSTS = [
    h for h in os.environ.get("FETCH_ALLOWED_HOSTS", "").split(",") if h
] or list(limits.FETCH_ALLOWED_HOSTS)
# Uploads are checked as they arrive (articles/uploads.py): a file over MAX_UPLOAD_BYTES is
# counted but not kept, an upload of too many files or too many bytes is not read at all.
FILE_UPLOAD_HANDLERS = [
    "articles.uploads.ArticleUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Requests up to this size keep their files in memory; larger ones go to temporary files.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# Django's own count, one above ours, so ArticleUploadHandler refuses first, with a message.
DATA_UPLOAD_MAX_NUMBER_FILES = MAX_UPLOAD_FILES + 1
# Form fields other than files: a pasted article at the limit, even in four-byte characters
# sent percent-encoded (12 bytes each), fits.
DATA_UPLOAD_MAX_MEMORY_SIZE = max(MAX_UPLOAD_BYTES, 12 * MAX_ARTICLE_CHARS) + 1024 * 1024
CELERY_BEAT_SCHEDULE = {
    "poll-feeds": {"task": "articles.tasks.poll_all_feeds", "schedule": 15 * 60},
    "resume-delayed-work": {
        "task": "claims.tasks.resume_delayed_work",
        "schedule": float(os.environ.get("RESUME_DELAYED_WORK_SECONDS", "60")),
    },
}

# Where `load_sample` finds the demo story (a copy ships inside the repo).
SAMPLE_CORPUS_DIR = BASE_DIR / "articles" / "sample_corpus"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # Axes logs every login at INFO; lockouts and repeated failures are warnings.
    "loggers": {"axes": {"level": os.environ.get("AXES_LOG_LEVEL", "WARNING")}},
}
