"""Seed the category taxonomy: Seoul's 6 admin domains and the plan's 11 disclosure fields."""

from django.db import migrations

SEOUL_DOMAINS = ["위생", "보건", "지역산업", "문화", "환경", "축산"]
DISCLOSURE_FIELDS = [
    "공통업무", "감사·교통·전산화", "일자리·경제·자치행정", "세금·계약·재정", "안전·재난·지적",
    "복지·어르신·장애인", "여성·보육·아동청소년", "문화·체육·교육", "주택·도시계획·건축",
    "환경·공원·상수도", "건강·식품 위생",
]


def seed(apps, schema_editor):
    Category = apps.get_model("opendata", "Category")
    for order, name in enumerate(SEOUL_DOMAINS):
        Category.objects.get_or_create(name=name, defaults={"slug": name, "kind": "seoul_domain", "order": order})
    for order, name in enumerate(DISCLOSURE_FIELDS):
        slug = name.replace("·", "-").replace(" ", "-")
        Category.objects.get_or_create(name=name, defaults={"slug": slug, "kind": "disclosure_field", "order": order})


class Migration(migrations.Migration):
    dependencies = [("opendata", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
