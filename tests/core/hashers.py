"""A cheap argon2 for tests: production's cost (about a second a hash here) times nine personas
per test made the suite crawl. Same algorithm and hash format, so login code is exercised as is;
`tests/portal/test_login.py` checks that production settings still use full-cost argon2.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 64
    parallelism = 1


TEST_HASHERS = ["tests.core.hashers.CheapArgon2PasswordHasher"]
