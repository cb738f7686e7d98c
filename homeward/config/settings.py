"""Settings, read from the environment. Defaults are safe for production except where
HOMEWARD_DEMO=1, which `make run` sets for the local demo network."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import dj_database_url
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
PROJECT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_int(name: str, default: int, *, minimum: int, maximum: int) -> int:
    """A whole number from `minimum` to `maximum`; anything else stops the process at start-up
    with the variable's name, rather than running with a value nobody meant."""
    raw = os.environ.get(name)
    if raw is None or not raw.strip():
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        value = minimum - 1
    if not minimum <= value <= maximum:
        raise RuntimeError(
            f"{name} must be a whole number from {minimum} to {maximum}, not {raw!r}"
        )
    return value


DEMO = env_bool("HOMEWARD_DEMO", False)
DEBUG = env_bool("HOMEWARD_DEBUG", False)
TESTING = env_bool("HOMEWARD_TESTING", False)

_dev_key = "homeward-insecure-development-key-not-for-production-use-0123456789"
SECRET_KEY = os.environ.get("HOMEWARD_SECRET_KEY") or (
    _dev_key if (DEMO or DEBUG or TESTING) else ""
)
if not SECRET_KEY:
    raise RuntimeError("HOMEWARD_SECRET_KEY must be set outside demo, debug and test runs")

ALLOWED_HOSTS = env_list("HOMEWARD_ALLOWED_HOSTS", "127.0.0.1,localhost")
BASE_URL = os.environ.get("HOMEWARD_BASE_URL", "")  # e.g. https://homeward.example.org
CSRF_TRUSTED_ORIGINS = env_list("HOMEWARD_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "axes",
    "csp",
    "homeward.core",
    "homeward.audit",
    "homeward.organisations",
    "homeward.cases",
    "homeward.crossborder",
    "homeward.alerts",
    "homeward.appeals",
    "homeward.directories",
    "homeward.mediators",
    "homeward.statistics",
    "homeward.api",
    "homeward.dashboard",
    "homeward.demo",
    "homeward.config",
]

MIDDLEWARE = [
    "homeward.config.middleware.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "homeward.config.middleware.PrivateResponsesMiddleware",
    "homeward.organisations.middleware.SessionLifetimeMiddleware",
    "homeward.organisations.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "homeward.organisations.middleware.CurrentOrganisationMiddleware",
    "homeward.organisations.middleware.RequireMfaMiddleware",
    "homeward.organisations.middleware.FormOrganisationMiddleware",
    "axes.middleware.AxesMiddleware",
    "homeward.config.idempotency.IdempotencyMiddleware",
]

ROOT_URLCONF = "homeward.config.urls"
WSGI_APPLICATION = "homeward.config.wsgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "homeward.organisations.context_processors.membership",
                "homeward.crossborder.context_processors.notifications",
            ],
            "builtins": [
                "homeward.core.templatetags.form_token",
                "homeward.core.templatetags.form_errors",
                "homeward.core.templatetags.dates",
            ],
        },
    }
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{PROJECT_DIR / 'homeward.sqlite3'}")
DATABASES = {
    "default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE takes the write lock when a transaction starts, so two writers never read the
    # same audit head; WAL lets readers go on meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    if TESTING:
        # A file, not Django's shared in-memory database: the browser tests' live server answers
        # a page's parallel requests (htmx sections) on several threads, which shared-cache
        # memory refuses at once ("database table is locked") where a file waits its turn, as
        # in production. Each checkout (and each xdist worker, suffixed) has its own.
        (PROJECT_DIR / "var").mkdir(exist_ok=True)
        DATABASES["default"]["TEST"] = {"NAME": str(PROJECT_DIR / "var" / "test.sqlite3")}
else:
    # Server-side binding lets psycopg prepare a statement after its fifth use on a connection:
    # PostgreSQL then parses and plans it once, not on every request (a case's queries spent
    # more time being planned than run).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        connect_timeout=5, server_side_binding=True, prepare_threshold=5
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Authentication -------------------------------------------------------------------------
AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_ADAPTER = "homeward.organisations.adapters.AccountAdapter"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# A password reset for an address without an account sends nothing (allauth would otherwise
# mail it "you have no account", telling whoever reads that mailbox who has one), and the page
# answers the same whether the account exists.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
# Failed logins are limited per client address only: a limit per account would let anyone lock
# an operator out by guessing at their address. Targeted guessing is stopped by django-axes,
# which locks the pair (account, address).
ACCOUNT_RATE_LIMITS = {"login_failed": "30/5m/ip", "reset_password": "20/m/ip,5/m/key"}
# A client's address: REMOTE_ADDR, unless HOMEWARD_TRUSTED_PROXIES says how many proxies in front
# of Homeward append to X-Forwarded-For (a client's own header would otherwise choose its
# address at will). The same count for the sign-in limits (allauth, axes) and the API's: behind
# a proxy left unset, every client would share the proxy's address and one guesser would lock
# everyone out.
TRUSTED_PROXIES = int(os.environ.get("HOMEWARD_TRUSTED_PROXIES", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXIES
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEMO or DEBUG or TESTING
MFA_TOTP_ISSUER = "Homeward"
USERSESSIONS_TRACK_ACTIVITY = True

AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "homeward.organisations.throttling.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/locked_out.html"
AXES_IPWARE_PROXY_COUNT = TRUSTED_PROXIES
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if TRUSTED_PROXIES else ["REMOTE_ADDR"]
)
AXES_ENABLED = env_bool("HOMEWARD_AXES_ENABLED", True)

# Multi-factor authentication is required for every role that can see personal data. The local
# demo may relax this (HOMEWARD_REQUIRE_MFA=0) and its login page says so.
REQUIRE_MFA = env_bool("HOMEWARD_REQUIRE_MFA", True)

# Shared hotline desks: 30 minutes idle, 12 hours at most from sign-in.
SESSION_COOKIE_AGE = int(os.environ.get("HOMEWARD_SESSION_IDLE_SECONDS", 30 * 60))
SESSION_ABSOLUTE_SECONDS = int(os.environ.get("HOMEWARD_SESSION_ABSOLUTE_SECONDS", 12 * 3600))
# The staff pages warn this long before a session ends, with "Stay signed in" (session.js).
SESSION_WARNING_SECONDS = int(os.environ.get("HOMEWARD_SESSION_WARNING_SECONDS", 2 * 60))
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

API_TOKEN_MAX_DAYS = 365
# An invitation to join an organisation can be accepted for this many days.
INVITATION_DAYS = int(os.environ.get("HOMEWARD_INVITATION_DAYS", 14))
# Creating a token needs the session to have proved who it is this recently: an MFA code or
# passkey at sign-in or on re-authentication (the password for someone without MFA).
API_TOKEN_RECENT_AUTH_SECONDS = 15 * 60

# --- Security headers -----------------------------------------------------------------------
SECURE_HTTPS = env_bool("HOMEWARD_HTTPS", not (DEMO or DEBUG or TESTING))
SESSION_COOKIE_SECURE = SECURE_HTTPS
CSRF_COOKIE_SECURE = SECURE_HTTPS
SECURE_SSL_REDIRECT = SECURE_HTTPS
SECURE_HSTS_SECONDS = 63072000 if SECURE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HTTPS
SECURE_HSTS_PRELOAD = SECURE_HTTPS
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if SECURE_HTTPS else None
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("de", _("German"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = "UTC"
USE_TZ = True

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("HOMEWARD_STATIC_ROOT", PROJECT_DIR / "var" / "static"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = TESTING or DEBUG

# --- Private files (children's photos): never under a public URL -------------------------------
PRIVATE_MEDIA_ROOT = Path(
    os.environ.get("HOMEWARD_PRIVATE_MEDIA_ROOT", PROJECT_DIR / "var" / "private")
)
# Published photos (appeals, alerts): copies made when publication starts, deleted when it ends
PUBLIC_MEDIA_ROOT = Path(
    os.environ.get("HOMEWARD_PUBLIC_MEDIA_ROOT", PROJECT_DIR / "var" / "public")
)
PHOTO_MAX_BYTES = 8 * 1024 * 1024
# an image's width × height, read from its header before anything is decoded (core/images.py);
# a 40-megapixel image takes about 160 MB of memory while it is re-encoded
IMAGE_MAX_PIXELS = int(os.environ.get("HOMEWARD_MAX_IMAGE_PIXELS", 40_000_000))
DATA_UPLOAD_MAX_MEMORY_SIZE = 20 * 1024 * 1024

# --- Cross-border procedure (the network's standard deadlines) -------------------------------
CROSSBORDER_ACK_URGENT_MINUTES = int(os.environ.get("HOMEWARD_XB_ACK_URGENT_MINUTES", 120))
CROSSBORDER_ACK_NORMAL_MINUTES = int(os.environ.get("HOMEWARD_XB_ACK_NORMAL_MINUTES", 24 * 60))
CROSSBORDER_REMINDER_FRACTION = 0.75  # remind when three quarters of the time has passed
CROSSBORDER_LOCATED_DECISION_HOURS = 12  # Regulation (EU) 2018/1862 art. 33
CROSSBORDER_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024

# --- Child alerts (docs/alerts.md) -----------------------------------------------------------
# the CAP `sender` (no spaces, commas, < or &); empty: "alerts@" and the host of BASE_URL
CAP_SENDER = os.environ.get("HOMEWARD_CAP_SENDER", "")

# --- Cross-border family mediators (docs/mediators.md) -----------------------------------------
# days a published profile stays visible after the yearly re-confirmation reminder
MEDIATOR_RECONFIRM_GRACE_DAYS = int(os.environ.get("HOMEWARD_MEDIATOR_GRACE_DAYS", 30))
MEDIATION_REQUESTS_PER_HOUR = 5  # from one address, through the public form

# --- Background tasks -----------------------------------------------------------------------
# The database backend needs no broker; set HOMEWARD_TASKS_BACKEND to another django-tasks
# backend (for example a Redis/RQ one) for larger deployments.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "HOMEWARD_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# --- Cache (rate limits, sign-in limits, used TOTP codes) -----------------------------------
# Shared by every worker and process: the API's and allauth's rate limits and allauth's record
# of used TOTP codes must hold across workers, which a per-process memory cache does not. The
# database's cache table by default (made by a migration), Redis when HOMEWARD_REDIS_URL (or
# REDIS_URL) is set. Tests use memory, cleared around each test; a test checks the shared one.
CACHE_TABLE = "homeward_cache"  # homeward/config/migrations/0001_cache_table.py
REDIS_URL = os.environ.get("HOMEWARD_REDIS_URL") or os.environ.get("REDIS_URL", "")
SHARED_CACHE: dict[str, Any] = (
    {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": CACHE_TABLE,
        # rate-limit counters of many clients: culling early would forget some of them
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
)
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"} if TESTING else SHARED_CACHE
    )
}

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get(
    "HOMEWARD_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if (DEMO or DEBUG)
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("HOMEWARD_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("HOMEWARD_EMAIL_PORT", 25))
DEFAULT_FROM_EMAIL = os.environ.get("HOMEWARD_FROM_EMAIL", "Homeward <no-reply@homeward.invalid>")

# --- API ------------------------------------------------------------------------------------
NINJA_PAGINATION_CLASS = "homeward.api.pagination.PagePagination"
NINJA_PAGINATION_PER_PAGE = 50
NINJA_PAGINATION_MAX_PER_PAGE_SIZE = 200
API_RATE_ANONYMOUS = os.environ.get("HOMEWARD_API_RATE_ANONYMOUS", "60/min")
API_RATE_AUTHENTICATED = os.environ.get("HOMEWARD_API_RATE_AUTHENTICATED", "600/min")
# Anonymous API clients are limited by address, as sign-ins are (above).
NINJA_NUM_PROXIES = TRUSTED_PROXIES

# --- Logging: one JSON object a line, never personal data -----------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "homeward.config.logging.RequestIdFilter"},
        # On every handler: no query string, form value, free path segment or exception
        # message reaches a log line (homeward/config/logging.py). A handler added here needs it.
        "redact": {"()": "homeward.config.logging.RedactFilter"},
    },
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "fmt": "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
            "rename_fields": {"asctime": "time", "levelname": "level", "name": "logger"},
        }
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "json",
            "filters": ["request_id", "redact"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("HOMEWARD_LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's request logger puts the full request (with query strings) in its records;
        # the redact filter drops it.
        # Django's own handlers (a console one in debug, mail_admins) would bypass the redact
        # filter: everything goes to ours instead.
        "django": {"level": "INFO", "handlers": [], "propagate": True},
        "django.request": {"level": "ERROR", "propagate": True},
        "django.server": {"level": "WARNING", "handlers": [], "propagate": True},
        "axes": {"level": "WARNING"},
        # the PDF report: WeasyPrint logs every step of every page at INFO
        "weasyprint": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}

HOMEWARD_NETWORK_NAME = os.environ.get("HOMEWARD_NETWORK_NAME", "Homeward network")

# --- Statistics -----------------------------------------------------------------------------
# Disclosure control: every count that leaves a hotline and lies from 1 to THRESHOLD-1 is
# suppressed, with secondary suppression (docs/statistics.md, "Disclosure control"). 5 is the
# stricter of the thresholds in common use (3 or 5 units per cell).
HOMEWARD_DISCLOSURE_THRESHOLD = env_int("HOMEWARD_DISCLOSURE_THRESHOLD", 5, minimum=2, maximum=100)
