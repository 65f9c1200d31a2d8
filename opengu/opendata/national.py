"""The national portal (data.go.kr): registration fields for datasets not yet registered, and
marking a dataset as registered with its national id.

Public-data act Art. 18(1): every public body registers its public-data list with the Minister
of the Interior and Safety, through the national portal's registration system (Art. 18(4)); a
dataset released on request must be registered as well (Art. 27(5)). The export gives one row per
dataset in the portal's field names, so staff copy it into the portal's bulk registration form
instead of typing every field again.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet

from opengu.core.audit import audit_event_record
from opengu.core.models import User
from opengu.opendata import permissions
from opengu.opendata.models import Dataset, Resource, UpdateCycle

PROVIDER = "서울특별시 {district}"
# The national portal's 16-field classification (분류체계); ours maps onto it by category name.
NATIONAL_CATEGORIES = (
    "공공행정", "과학기술", "교육", "교통물류", "국토관리", "농축수산", "문화관광", "법률", "보건의료",
    "사회복지", "산업고용", "식품건강", "재난안전", "재정금융", "통일외교안보", "환경기상",
)
CATEGORY_MAP = {
    "위생": "식품건강", "보건": "보건의료", "지역산업": "산업고용", "문화": "문화관광", "환경": "환경기상",
    "축산": "농축수산", "공통업무": "공공행정", "감사·교통·전산화": "교통물류", "일자리·경제·자치행정": "산업고용",
    "세금·계약·재정": "재정금융", "안전·재난·지적": "재난안전", "복지·어르신·장애인": "사회복지",
    "여성·보육·아동청소년": "사회복지", "문화·체육·교육": "문화관광", "주택·도시계획·건축": "국토관리",
    "환경·공원·상수도": "환경기상", "건강·식품 위생": "식품건강",
}
CYCLE_LABELS = {
    UpdateCycle.AS_NEEDED: "수시", UpdateCycle.DAILY: "일간", UpdateCycle.WEEKLY: "주간", UpdateCycle.MONTHLY: "월간",
    UpdateCycle.QUARTERLY: "분기", UpdateCycle.HALF_YEARLY: "반기", UpdateCycle.YEARLY: "연간",
}
HEADER = [
    "목록명", "목록 설명", "제공기관", "관리부서", "전화번호", "분류체계", "키워드", "제공형태", "확장자", "갱신주기",
    "차기등록예정일", "이용허락범위", "비용부과유무", "데이터 건수", "공간범위", "시간범위", "공개일", "수정일",
    "제공 URL", "열 목록", "누락 항목", "기관 내 식별자",
]
# Filled before registering, else the portal refuses the row; the export names what is missing.
REQUIRED = ("목록 설명", "키워드", "전화번호", "확장자")
NATIONAL_ID = re.compile(r"^\d{5,12}$")


def national_category(dataset: Dataset) -> str:
    return CATEGORY_MAP.get(dataset.category.name, "공공행정")


def unregistered_datasets() -> QuerySet[Dataset]:
    """Published datasets without a national-portal id, with what the export reads fetched."""
    return (Dataset.objects.filter(published=True, national_portal_id="")
            .select_related("department", "department__district", "category")
            .prefetch_related("resources__live_version").order_by("department__order", "title"))


def registered_datasets() -> QuerySet[Dataset]:
    return (Dataset.objects.exclude(national_portal_id="").select_related("department", "category")
            .order_by("department__order", "title"))


def registration_row(dataset: Dataset, site_base: str) -> list[Any]:
    """One dataset in the national portal's registration fields (HEADER's order)."""
    resources = list(dataset.resources.all())
    live = [r.live_version for r in resources if r.live_version is not None]
    formats = sorted({r.format.upper() for r in resources if r.format})
    tables = any(r.kind == Resource.Kind.DATASTORE and r.live_version_id for r in resources)
    if tables and "CSV" not in formats:
        formats.insert(0, "CSV")  # every table downloads as CSV, whatever was uploaded
    kinds = ["파일데이터"] + (["오픈API"] if tables else []) + (["링크"] if any(r.kind == Resource.Kind.LINK for r in resources) else [])
    temporal = ""
    if dataset.temporal_from or dataset.temporal_to:
        temporal = f"{dataset.temporal_from or ''}~{dataset.temporal_to or ''}"
    columns = ", ".join(c.get("label") or c["id"] for v in live[:1] for c in v.columns)
    values = {
        "목록명": dataset.title,
        "목록 설명": dataset.description.strip(),
        "제공기관": PROVIDER.format(district=dataset.department.district.name),
        "관리부서": dataset.department.name,
        "전화번호": dataset.department.phone or _phone_in(dataset.contact),
        "분류체계": national_category(dataset),
        "키워드": ", ".join(dataset.keywords),
        "제공형태": "+".join(kinds),
        "확장자": "+".join(formats),
        "갱신주기": CYCLE_LABELS.get(UpdateCycle(dataset.update_cycle), "수시"),
        "차기등록예정일": dataset.next_due.isoformat() if dataset.next_due else "",
        "이용허락범위": dataset.get_licence_display(),
        "비용부과유무": "무료",
        "데이터 건수": sum(v.row_count for v in live),
        "공간범위": dataset.spatial,
        "시간범위": temporal,
        "공개일": dataset.published_at.date().isoformat() if dataset.published_at else "",
        "수정일": dataset.updated_at.date().isoformat(),
        "제공 URL": f"{site_base}/data/{dataset.slug}/",
        "열 목록": columns,
        "기관 내 식별자": dataset.slug,
    }
    values["누락 항목"] = ", ".join(name for name in REQUIRED if not values[name])
    return [values[name] for name in HEADER]


def _phone_in(contact: str) -> str:
    found = re.search(r"0\d{1,2}-\d{3,4}-\d{4}", contact or "")
    return found.group(0) if found else ""


def registration_rows(datasets: QuerySet[Dataset], site_base: str) -> Iterator[list[Any]]:
    for dataset in datasets.iterator(chunk_size=200):
        yield registration_row(dataset, site_base)


@transaction.atomic
def dataset_register_nationally(*, actor: User | None, dataset: Dataset, national_id: str) -> Dataset:
    """Record the national portal's id for a dataset (empty to undo a wrong mark)."""
    if actor is not None and not permissions.can_change_dataset(actor, dataset):
        raise PermissionDenied
    national_id = (national_id or "").strip()
    if national_id and not NATIONAL_ID.match(national_id):
        raise ValidationError({"national_portal_id": "공공데이터포털 등록 번호는 숫자 5~12자리입니다(예: 15012345)."})
    if national_id and Dataset.objects.filter(national_portal_id=national_id).exclude(pk=dataset.pk).exists():
        raise ValidationError({"national_portal_id": f"등록 번호 {national_id}은(는) 이미 다른 데이터셋에 쓰였습니다."})
    if national_id and not dataset.published:
        raise ValidationError({"national_portal_id": "공개한 데이터셋만 공공데이터포털에 등록합니다. 먼저 공개해 주세요."})
    previous = dataset.national_portal_id
    if previous != national_id:
        dataset.national_portal_id = national_id
        dataset.save(update_fields=["national_portal_id", "updated_at"])
        audit_event_record(actor=actor, action="opendata.dataset.register_nationally", target=dataset,
                           summary=f"{dataset.title}: {national_id or '등록 취소'}", previous=previous)
    return dataset
