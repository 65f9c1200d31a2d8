"""The `opengu` command: Django's management commands plus a few names of our own.

    opengu run [--port 8000]     serve (gunicorn) on 127.0.0.1
    opengu migrate               create or update the database
    opengu demo [--reset]        load the demo district (idempotent)
    opengu worker                run background tasks
    opengu audit verify          check the personal-data access log chain
    opengu rotate-key            re-encrypt personal data with the current key
    opengu messaging deliver     send what is due in the outbox (--loop to keep going)
    opengu disclosure redact IN.pdf --output OUT.pdf   remove personal data from a PDF
    opengu opendata load FILE --dataset SLUG [--title T]   load CSV/TSV/XLSX/JSON as a new version
    opengu smsgateway            a local SMS gateway speaking the Solapi protocol (tests, demo)
    opengu check [--deploy]      Django's system checks
    opengu help                  every command
"""

from __future__ import annotations

import os
import sys

ALIASES = {"rotate-key": "rotate_key"}


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "opengu.settings")
    if len(argv) < 2 or argv[1] in {"-h", "--help"}:
        print(__doc__)
        if len(argv) < 2:
            return
    if len(argv) >= 2:
        argv[1] = ALIASES.get(argv[1], argv[1])
    argv[0] = "opengu"
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
