"""Demo data: requests in every state, with realistic subjects and synthetic requesters only."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from opengu.core import roles
from opengu.core.models import Department, District, User
from opengu.disclosure import services
from opengu.disclosure.models import DisclosureRequest
from opengu.disclosure.services import GroundInput, RequesterData

SUBJECTS = [
    "2025년 구청장 업무추진비 집행 내역", "연희동 도시재생 뉴딜사업 용역 보고서", "신촌 차 없는 거리 운영 예산",
    "홍제천 산책로 정비공사 설계변경 내역", "구립 어린이집 급식 위생점검 결과", "불법 주정차 단속 건수(동별)",
    "공공 와이파이 설치 장소와 계약 금액", "경로당 운영비 지원 현황", "재난안전대책본부 회의록",
    "안산 자락길 유지관리 용역 계약서", "구청 청사 에너지 사용량", "주민참여예산 선정 사업 목록과 심사 결과",
    "음식점 위생등급 지정 현황", "가로수 전정 작업 계획", "공영주차장 위탁운영 협약서",
    "북아현 재개발 구역 정비계획 검토 의견", "청년 일자리 사업 참여자 수", "구의회 행정사무감사 지적사항 처리 결과",
]


def _name(rng: random.Random) -> str:
    return rng.choice("김이박최정강조윤장임") + rng.choice("민서지하도현수영") + rng.choice("준윤우연희호진아")


def _requester(rng: random.Random) -> RequesterData:
    return RequesterData(name=_name(rng), birth_date=f"19{rng.randint(50, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
                         address=f"서울특별시 서대문구 연희로 {rng.randint(1, 300)}",
                         phone=f"010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}")


def load(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print) -> None:
    officer = User.objects.filter(groups__name=roles.DISCLOSURE_OFFICER, staff__isnull=False).order_by("id").first()
    if officer is None or DisclosureRequest.objects.exists():
        return
    department = officer.staff.department
    colleagues = User.objects.filter(staff__department=department).exclude(groups__name__in=[
        roles.DISCLOSURE_OFFICER, roles.DEPARTMENT_HEAD, roles.AUDITOR, roles.ADMINISTRATOR]).order_by("id")
    worker = colleagues.first() or officer
    head = User.objects.filter(groups__name=roles.DEPARTMENT_HEAD, staff__department=department).first()
    others = list(Department.objects.filter(district=district).exclude(pk=department.pk)[:5])
    today = timezone.localdate()
    subjects = iter(rng.sample(SUBJECTS, len(SUBJECTS)))
    created = 0

    def new(days_ago: int = 0) -> DisclosureRequest:
        nonlocal created
        created += 1
        return services.request_register(
            actor=officer, data=_requester(rng), subject=next(subjects), content="관련 문서 일체(최근 1년)",
            method=rng.choice(["electronic", "copy", "inspect"]), delivery="online",
            channel=rng.choice(["paper", "fax", "phone", "visit"]), received_on=today - dt.timedelta(days=days_ago),
        )

    def assigned(days_ago: int = 0, to: Department = department) -> DisclosureRequest:
        request = new(days_ago)
        services.request_assign(actor=officer, request=request, department=to)
        return request

    new()  # 접수
    assigned(1)  # 처리 중
    assigned(40, others[0] if others else department)  # 기한 초과
    r = assigned(0)
    services.request_extend(actor=worker, request=r, reason=1, explanation="청구 자료가 방대함")  # 연장
    r = assigned(0)
    services.request_draft_decision(actor=worker, request=r, kind="withhold",
                                    grounds=[GroundInput(6, "개인의 주소와 연락처가 포함됨")])
    services.request_submit_for_review(actor=worker, request=r)  # 사전검토 중
    r = assigned(0)
    services.request_draft_decision(actor=worker, request=r, kind="disclose")
    services.request_decide(actor=worker, request=r)  # 결정 통지
    r = assigned(0)
    services.request_draft_decision(actor=worker, request=r, kind="disclose", disclosure_place="정보공개 누리집")
    services.request_decide(actor=worker, request=r)
    services.request_disclose(actor=worker, request=r)  # 공개 완료
    r = assigned(0)
    services.request_draft_decision(actor=worker, request=r, kind="partial", disclosed_part="계약 금액과 기간",
                                    grounds=[GroundInput(7, "업체의 단가 산출 내역은 영업상 비밀")])
    services.request_submit_for_review(actor=worker, request=r)
    services.request_review_complete(actor=officer, request=r, approve=True)
    services.request_decide(actor=worker, request=r)
    services.request_object(actor=worker, request=r, grounds="단가 내역도 공익상 공개가 필요함")  # 이의신청
    r = assigned(0)
    services.request_draft_decision(actor=worker, request=r, kind="not_held",
                                    not_held_reason="해당 연도 보고서는 작성되지 않았음")
    services.request_submit_for_review(actor=worker, request=r)
    services.request_review_complete(actor=officer, request=r, approve=True)
    services.request_decide(actor=worker, request=r)
    services.request_close(actor=worker, request=r)  # 처리 완료
    services.request_transfer(actor=officer, request=new(), agency="서울특별시", reason="서울시 소관 사업")
    services.request_treat_as_petition(actor=worker, request=assigned(0), ground=2, result="질의에 답변함")
    services.request_terminate(actor=worker, request=assigned(0), ground="published", explanation="매월 공개 중",
                               location="서대문구 누리집 > 정보공개 > 사전정보공표")
    services.request_withdraw(actor=officer, request=new())
    if head is not None:
        r = assigned(0)
        services.request_focus(actor=officer, request=r, reason="반복 민원 사안")  # 집중검토
    stdout(f"정보공개 청구 {created}건")
