"""The README documents every setting, and the docs name every file a new module touches."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ENV_READ = re.compile(r"""(?:env_(?:str|bool|int|list)|os\.environ\.get|os\.getenv)\(\s*["']([A-Z][A-Z0-9_]+)["']""")


def environment_variables() -> set[str]:
    names: set[str] = set()
    for path in (ROOT / "opengu").rglob("*.py"):
        names.update(ENV_READ.findall(path.read_text(encoding="utf-8")))
    return names - {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def test_every_environment_variable_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = environment_variables()
    assert "SECRET_KEY" in names and "DATABASE_URL" in names  # the scan itself works
    missing = sorted(name for name in names if f"`{name}`" not in readme)
    assert not missing, f"README.md의 설정 표에 없는 환경 변수: {missing}"


def test_readme_shows_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make run" in readme and "make test" in readme


def test_every_app_is_in_the_import_contract():
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    for manifest in (ROOT / "opengu").glob("*/manifest.py"):
        app = manifest.parent.name
        if app in {"portal", "demo", "core", "messaging"}:
            continue
        assert f"opengu.{app}" in pyproject, f"opengu.{app}이 import-linter 계층 계약에 없습니다"
