"""Seed the fee table with the amounts commonly published from the national rules' 별표 (수수료), every line
marked unverified ("확인 필요"): a district sets its own amounts by ordinance (시행령 제17조제1항 단서), and the
별표 itself is not transcribed in law/disclosure-rules.md. The disclosure office checks and edits them."""

from __future__ import annotations

from django.db import migrations

SOURCE = "정보공개법 시행규칙 별표(수수료)로 널리 게시된 금액 — 구 조례로 확인 필요"
# (method, medium, unit, free units, first amount, extra amount)
RATES = [
    ("inspect", "문서·도면·사진 열람", "30분", 2, 1000, 1000),
    ("copy", "종이 사본 A3 이상", "장", 0, 300, 100),
    ("copy", "종이 사본 B4 이하", "장", 0, 250, 50),
    ("electronic", "전자파일(정보통신망·전자우편)", "건", 1, 0, 0),
    ("electronic", "전자파일 매체(CD 등) 복제", "MB", 1, 100, 100),
    ("duplicate", "녹음테이프 복제", "개", 0, 5000, 5000),
    ("duplicate", "녹화테이프(비디오) 복제", "편", 0, 5000, 5000),
    ("duplicate", "사진 인화", "장", 0, 500, 200),
    ("inspect", "녹음·녹화테이프 청취·시청", "편", 0, 1500, 1500),
    ("inspect", "마이크로필름 열람(10컷 기준)", "10컷", 0, 500, 500),
]
WAIVERS = [(1, 50), (2, 50), (3, 100)]


def seed(apps, schema_editor):
    FeeRate = apps.get_model("disclosure", "FeeRate")
    FeeWaiverRate = apps.get_model("disclosure", "FeeWaiverRate")
    for order, (method, medium, unit, free, first, extra) in enumerate(RATES):
        FeeRate.objects.get_or_create(method=method, medium=medium, defaults={
            "unit": unit, "free_units": free, "first_amount": first, "extra_amount": extra, "verified": False,
            "source": SOURCE, "order": order})
    for ground, percent in WAIVERS:
        FeeWaiverRate.objects.get_or_create(ground=ground, defaults={"percent": percent, "verified": False})


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0008_fee_table")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
