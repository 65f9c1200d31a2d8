"""One settings module, read from the environment (OPENGU_*, DATABASE_URL, REDIS_URL, SECRET_KEY).

Embedded defaults make `make run` work with nothing else installed; production differs only
by environment. Every variable is listed in README.md (a test checks).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value else default


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if not value:
        return default
    return [part.strip() for part in value.split(",") if part.strip()]


DATA_DIR = Path(env_str("OPENGU_DATA_DIR", str(Path.cwd() / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)

PRODUCTION = env_bool("OPENGU_PRODUCTION", False)
# Off unless asked for: a debug page lists every URL and setting to whoever hits a wrong address.
DEBUG = env_bool("OPENGU_DEBUG", False)


def _secret_key() -> str:
    key = env_str("SECRET_KEY")
    if key:
        return key
    path = DATA_DIR / "secret_key"
    if not path.exists():
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("OPENGU_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("OPENGU_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",  # serves the API docs' JavaScript from our own static files, not a CDN
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "django_rq",
    "js_lib_leaflet",  # Leaflet 1.9.4 (BSD-2) from PyPI, served from our own static files
    "opengu.core",
    "opengu.messaging",
    "opengu.portal",
    "opengu.demo",
    "opengu.opendata",
    "opengu.welfare",
    "opengu.disclosure",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "opengu.core.middleware.KoreanFirstLocaleMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "opengu.core.middleware.StaffIdleTimeoutMiddleware",
    "opengu.core.middleware.SecondFactorRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]
# The anonymous row APIs (CKAN, data.go.kr, Seoul faces) answer everyone as the public: no
# session, login, CSRF, messages or second factor. Under these paths `core.handlers` runs this
# short stack instead of MIDDLEWARE (see docs/opendata.md, "Serving the row APIs").
PUBLIC_API_PATHS = ["/api/3/action/", "/api/action/", "/openapi/", "/seoulapi/"]
PUBLIC_API_MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "opengu.core.middleware.PublicApiMiddleware",
]

ROOT_URLCONF = "opengu.urls"
WSGI_APPLICATION = "opengu.wsgi.application"
ASGI_APPLICATION = "opengu.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "opengu.portal.context_processors.site",
            ],
        },
    }
]

# Database: SQLite under the data directory unless DATABASE_URL says otherwise.
_database_url = env_str("DATABASE_URL")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=env_int("OPENGU_CONN_MAX_AGE", 60))}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "opengu.sqlite3"),
            # Each server thread keeps its connection between requests: opening one (and Django's
            # registering its SQL functions on it) cost more than a cheap row-API query.
            "CONN_MAX_AGE": env_int("OPENGU_CONN_MAX_AGE", 600),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                # mmap: reads map the file instead of copying each page through a read() call; an
                # offset page that walks 180,000 rows took a third of the time. Mapped pages are the
                # OS's page cache, shared and reclaimable, not the process's own memory. The size is
                # SQLite's own ceiling on Linux (2 GB), so a large datastore is mapped whole: at
                # 256 MB a million-row table fell partly outside and deep pages were slow again.
                "init_command": (
                    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=20000;"
                    " PRAGMA mmap_size=2147418112;"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["opengu.core.auth.LockoutModelBackend"]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "portal:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:home"

# Lockout after repeated failures (per account); staff sessions end after idle minutes.
LOGIN_FAILURE_LIMIT = env_int("OPENGU_LOGIN_FAILURE_LIMIT", 5)
LOGIN_LOCKOUT_MINUTES = env_int("OPENGU_LOGIN_LOCKOUT_MINUTES", 15)
STAFF_IDLE_MINUTES = env_int("OPENGU_STAFF_IDLE_MINUTES", 30)
SESSION_COOKIE_AGE = 60 * 60 * 24 * 14

LANGUAGE_CODE = "ko"
LANGUAGES = [("ko", "한국어"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Seoul"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION

# Personal data encryption: comma-separated base64 keys, the first encrypts, all decrypt.
# Without it, one key is generated once into the data directory (mode 0600).
OPENGU_ENCRYPTION_KEY = env_str("OPENGU_ENCRYPTION_KEY")
OPENGU_ENCRYPTION_KEY_FILE = DATA_DIR / "encryption.key"

# Background work: the database backend by default, Redis (RQ) when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
    RQ_QUEUES = {"default": {"URL": REDIS_URL}}
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    # Nothing that matters lives in this cache: lockouts, quotas and sessions are in the database.
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if env_bool("OPENGU_TASKS_IMMEDIATE", False):
    TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

# Mail: SMTP when OPENGU_EMAIL_HOST is set, else a file per message under the data directory.
EMAIL_HOST = env_str("OPENGU_EMAIL_HOST")
EMAIL_PORT = env_int("OPENGU_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("OPENGU_EMAIL_USER")
EMAIL_HOST_PASSWORD = env_str("OPENGU_EMAIL_PASSWORD")
EMAIL_USE_TLS = env_bool("OPENGU_EMAIL_TLS", False)
EMAIL_BACKEND = env_str(
    "OPENGU_EMAIL_BACKEND",
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.filebased.EmailBackend",
)
EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = env_str("OPENGU_FROM_EMAIL", "no-reply@opengu.local")

# SMS gateway (Solapi-compatible HTTP API). The local gateway (`opengu smsgateway`) speaks it.
OPENGU_SMS_URL = env_str("OPENGU_SMS_URL", "")
OPENGU_SMS_API_KEY = env_str("OPENGU_SMS_API_KEY", "")
OPENGU_SMS_API_SECRET = env_str("OPENGU_SMS_API_SECRET", "")
OPENGU_SMS_SENDER = env_str("OPENGU_SMS_SENDER", "0233301300")
OPENGU_KAKAO_PF_ID = env_str("OPENGU_KAKAO_PF_ID", "")  # 알림톡 발신 프로필; empty: 알림톡 falls back to SMS
OPENGU_QUIET_HOURS = env_str("OPENGU_QUIET_HOURS", "21-08")

# Module settings. 직권심의: N refusals on the same Art. 9 item within M months go to the committee.
DISCLOSURE_EX_OFFICIO_REFUSALS = env_int("OPENGU_DISCLOSURE_EX_OFFICIO_REFUSALS", 3)
DISCLOSURE_EX_OFFICIO_MONTHS = env_int("OPENGU_DISCLOSURE_EX_OFFICIO_MONTHS", 6)
# The consultation centre's departments (codes) and when an unconfirmed referral turns overdue.
OPENGU_WELFARE_CENTRE_DEPARTMENTS = env_list("OPENGU_WELFARE_CENTRE_DEPARTMENTS", ["welfare-policy"])
OPENGU_WELFARE_REFERRAL_DAYS = env_int("OPENGU_WELFARE_REFERRAL_DAYS", 14)
OPENGU_WELFARE_CENTRE_PHONE = env_str("OPENGU_WELFARE_CENTRE_PHONE", "02-330-1004")
OPENGU_WELFARE_STALE_MONTHS = env_int("OPENGU_WELFARE_STALE_MONTHS", 6)
OPENGU_WELFARE_CONFIRM_LINK_DAYS = env_int("OPENGU_WELFARE_CONFIRM_LINK_DAYS", 30)

# Maps of open data: the district's point (lat,lon; maps open on it and coordinate detection
# prefers systems that land near it) and the tile URL ("" draws points on a plain background).
OPENGU_MAP_CENTER = tuple(float(v) for v in env_list("OPENGU_MAP_CENTER", ["37.5791", "126.9368"])[:2])
OPENGU_MAP_TILES = env_str("OPENGU_MAP_TILES", "https://tile.openstreetmap.org/{z}/{x}/{y}.png")
OPENGU_MAP_ATTRIBUTION = env_str("OPENGU_MAP_ATTRIBUTION", "© OpenStreetMap contributors")

# Identity verification (본인인증): the development verifier unless a provider is configured.
OPENGU_IDENTITY_VERIFIER = env_str(
    "OPENGU_IDENTITY_VERIFIER", "opengu.core.identity.DevelopmentVerifier"
)

# Open data: above this many matching rows a filtered datastore total is estimated (and flagged).
OPENGU_OPENDATA_ESTIMATE_TOTAL_ABOVE = env_int("OPENGU_OPENDATA_ESTIMATE_TOTAL_ABOVE", 100_000)
# Tables of this many versions per resource are kept (the live one included) for as-of queries and changes.
OPENGU_OPENDATA_KEEP_VERSIONS = env_int("OPENGU_OPENDATA_KEEP_VERSIONS", 5)
# CKAN's datastore_search_sql: off unless turned on; each statement stops after this many milliseconds.
OPENGU_OPENDATA_SQL = env_bool("OPENGU_OPENDATA_SQL", False)
OPENGU_OPENDATA_SQL_TIMEOUT_MS = env_int("OPENGU_OPENDATA_SQL_TIMEOUT_MS", 3000)
# Largest data file the upload page takes; uploads stream to a temporary file, never into memory.
OPENGU_OPENDATA_UPLOAD_MAX_MB = env_int("OPENGU_OPENDATA_UPLOAD_MAX_MB", 500)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("OPENGU_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "WARNING"}},
}

# Security headers; strict in production.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
CSRF_FAILURE_VIEW = "opengu.portal.views.csrf_failure"
if PRODUCTION:
    SECURE_SSL_REDIRECT = env_bool("OPENGU_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("OPENGU_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

from csp.constants import NONE, SELF  # noqa: E402


def _map_tile_origin() -> list[str]:
    """The tile server's origin, so map tiles may load under the strict CSP."""
    from urllib.parse import urlsplit

    parts = urlsplit(OPENGU_MAP_TILES.replace("{s}", "*"))
    return [f"{parts.scheme}://{parts.netloc}"] if parts.scheme in {"http", "https"} and parts.netloc else []


CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_map_tile_origin()],
        "font-src": [SELF],
        "connect-src": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
        "base-uri": [SELF],
        "object-src": [NONE],
    }
}
