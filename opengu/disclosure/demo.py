"""Demo data: requests in every state, with realistic subjects and synthetic requesters only."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from opengu.core import roles
from opengu.core.models import Department, District, User
from opengu.disclosure import services
from opengu.disclosure.models import Committee, DisclosureRequest
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
    load_publication(district=district, rng=random.Random(rng.random()), stdout=stdout)
    load_meetings(district=district, rng=random.Random(rng.random()), stdout=stdout)
    load_panel(district=district, rng=random.Random(rng.random()), stdout=stdout)
    load_inventory(district=district, rng=random.Random(rng.random()), stdout=stdout)
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

    def new(days_ago: int = 0, subject: str = "") -> DisclosureRequest:
        nonlocal created
        created += 1
        return services.request_register(
            actor=officer, data=_requester(rng), subject=subject or next(subjects), content="관련 문서 일체(최근 1년)",
            method=rng.choice(["electronic", "copy", "inspect"]), delivery="online",
            channel=rng.choice(["paper", "fax", "phone", "visit"]), received_on=today - dt.timedelta(days=days_ago),
        )

    def assigned(days_ago: int = 0, to: Department = department, subject: str = "") -> DisclosureRequest:
        request = new(days_ago, subject)
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
    services.request_draft_decision(actor=worker, request=r, kind="withhold",
                                    grounds=[GroundInput(6, "참석자 개인 연락처가 들어 있음")])
    services.request_submit_for_review(actor=worker, request=r)
    services.request_review_complete(actor=officer, request=r, approve=True)
    services.request_decide(actor=worker, request=r)
    services.request_object(actor=worker, request=r, grounds="연락처만 가리면 공개할 수 있음")
    services.request_decide_objection(actor=worker, request=r, outcome="partly",
                                      reason="참석자 연락처만 가리면 나머지는 공개할 수 있습니다.",
                                      committee_exception="already",
                                      committee_exception_reason="같은 유형을 심의회가 이미 심의함")  # 재결정 중
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
    # 법 제9조제1항제5호: refused while a decision-making process runs, with its stage and expected end; the
    # requester is told when it ends (one due in a few days, so the reminder and the staff form show; one told).
    for subject, stage, days_left, ended in (
        ("신촌역 일대 지구단위계획 변경안 검토 자료", "서울특별시 도시계획위원회 심의 중(지구단위계획 변경안)", 3, False),
        ("2027년도 본예산 편성 부서별 요구액", "구 예산안 편성 중(구의회 제출 전)", 20, True),
    ):
        r = assigned(12, subject=subject)
        services.request_draft_decision(actor=worker, request=r, kind="withhold", grounds=[GroundInput(
            5, "의사결정 과정에 있는 사항으로, 공개하면 심의의 공정한 수행에 현저한 지장을 줄 수 있습니다.")],
            process_stage=stage, process_expected_end=today + dt.timedelta(days=days_left))
        services.request_submit_for_review(actor=worker, request=r)
        services.request_review_complete(actor=officer, request=r, approve=True)
        services.request_decide(actor=worker, request=r)
        if ended:
            services.request_notify_process_end(actor=worker, request=r, ended_on=today,
                                                note="예산안이 구의회에 제출되어 공개할 수 있습니다.")
    _council_decisions(officer=officer, worker=worker, assigned=assigned, today=today)
    stdout(f"정보공개 청구 {created}건")


def _council_decisions(*, officer: User, worker: User, assigned: Callable[..., DisclosureRequest],
                       today: dt.date) -> None:
    """Objections the 정보공개심의회 deliberated at a meeting of its own, decided by the department as the
    council advised: one dismissed (closed), one partly upheld (re-decision under way)."""
    from opengu.disclosure.models import AgendaVote, Committee, CommitteeMember

    council = Committee.objects.filter(disclosure_council=True).first()
    if council is None:
        return
    members = list(CommitteeMember.objects.filter(committee=council).order_by("id"))
    cases: list[dict[str, str]] = [
        {"subject": "생활폐기물 수집·운반 대행 원가계산 용역 보고서", "kind": "partial", "item": "7",
         "ground": "업체별 인건비·장비 단가 산출 내역은 영업상 비밀에 해당합니다.",
         "part": "원가 항목별 합계와 산정 방법",
         "objection": "단가 산출 내역도 예산 집행이 적정한지 확인하려면 공개되어야 합니다.",
         "council": "기각 의견",
         "council_reason": "업체별 단가 산출 내역은 법 제9조제1항제7호의 영업상 비밀이고, 합계와 산정 방법은 이미 "
                           "공개되었습니다.",
         "outcome": "dismissed",
         "reason": "심의회 의견에 따라 기각합니다. 업체별 단가는 영업상 비밀이고 합계와 산정 방법은 이미 공개했습니다."},
        {"subject": "구립 체육센터 수영장 안전점검 결과 보고서", "kind": "withhold", "item": "6",
         "ground": "점검 참여자의 성명과 연락처가 들어 있습니다.", "part": "",
         "objection": "개인정보를 가리면 안전점검 결과는 공개할 수 있습니다.",
         "council": "부분 인용 의견",
         "council_reason": "점검 참여자의 성명·연락처를 가리고 점검 결과와 조치 내용은 공개하는 것이 타당합니다.",
         "outcome": "partly",
         "reason": "심의회 의견에 따라 부분 인용합니다. 점검 참여자의 성명과 연락처를 가리고 다시 결정합니다."},
    ]
    requests = []
    for case in cases:
        r = assigned(20, subject=case["subject"])
        services.request_draft_decision(actor=worker, request=r, kind=case["kind"], disclosed_part=case["part"],
                                        grounds=[GroundInput(int(case["item"]), case["ground"])])
        services.request_submit_for_review(actor=worker, request=r)
        services.request_review_complete(actor=officer, request=r, approve=True)
        services.request_decide(actor=worker, request=r, on=today - dt.timedelta(days=10))
        services.request_object(actor=worker, request=r, grounds=case["objection"],
                                filed_on=today - dt.timedelta(days=3))
        requests.append(r)
    meeting = services.meeting_register(
        actor=officer, committee=council, title=f"{today.year}년 임시회(이의신청 심의)",
        held_at=timezone.make_aware(dt.datetime.combine(today, dt.time(10))), place="구청 본관 3층 기획상황실",
        host="위원장", attendees="위원장\n" + "\n".join(f"위원 {n}" for n in range(1, len(members))),
        agenda="\n".join(f"이의신청 심의: {r.number} {r.subject}" for r in requests))
    for index, (r, case) in enumerate(zip(requests, cases, strict=True)):
        item = services.request_refer_objection(actor=worker, request=r)
        voters = members
        if index == 0:
            # 회피 (법 제12조의2제1항제4호): a member who advised on the contract stays out of the item.
            services.agenda_recusal_record(actor=officer, item=item, member=members[-1], kind="withdrawal", ground=4,
                                           reason="해당 용역의 발주 부서에 자문한 적이 있어 스스로 회피함")
            voters = members[:-1]
        votes: dict[CommitteeMember, str] = {
            m: AgendaVote.Choice.AGAINST if n == 1 else AgendaVote.Choice.FOR for n, m in enumerate(voters)}
        services.agenda_decide(actor=officer, item=item, committee=council, decided_on=today,
                               outcome=case["council"], reason=case["council_reason"], votes=votes,
                               meeting=meeting)
        services.request_decide_objection(actor=worker, request=r, outcome=case["outcome"], reason=case["reason"])


# ---------------------------------------------------------------- proactive items and original documents

PROACTIVE_TOPICS: dict[str, list[str]] = {
    "administration": ["구청 조직도와 정원", "민원 처리 현황", "구정 주요 업무계획", "자치법규 제정·개정 현황",
                       "각종 위원회 운영 현황", "공무원 국외출장 결과", "구청장 일정", "행정정보 공개 운영 실태",
                       "주민등록 인구 통계", "동 주민센터 운영 현황", "구정 평가 결과"],
    "finance": ["구청장 업무추진비 집행내역", "부서 업무추진비 집행내역", "예산서", "결산서", "계약 현황",
                "수의계약 체결 현황", "지방채 발행 현황", "보조금 교부 현황", "재정공시", "공유재산 관리 현황",
                "기금 운용 현황"],
    "welfare": ["기초생활보장 수급자 현황", "경로당 운영비 지원 현황", "장애인 복지시설 현황", "보건소 사업 계획",
                "예방접종 실시 현황", "어린이집 지도점검 결과", "노인 일자리 사업 현황", "긴급복지 지원 실적",
                "방문건강관리 사업 실적", "치매안심센터 운영 현황", "복지관 위탁 운영 현황"],
    "culture": ["문화행사 개최 계획", "구립도서관 운영 현황", "체육시설 이용 현황", "축제 예산 집행 결과",
                "관광 안내 시설 현황", "생활체육 프로그램 운영 현황", "문화재 보수 현황", "공연장 대관 현황",
                "작은도서관 지원 현황", "문화예술 단체 보조금 현황", "신촌 문화거리 운영 계획"],
    "environment": ["생활폐기물 수거 현황", "대기오염 측정 결과", "공원 조성 현황", "가로수 관리 계획",
                    "음식물류 폐기물 처리 실적", "재활용품 선별 실적", "홍제천 수질 측정 결과", "녹지 관리 용역 현황",
                    "환경오염 배출업소 점검 결과", "안산 자락길 관리 현황", "미세먼지 저감 대책"],
    "transport": ["불법 주정차 단속 현황", "공영주차장 운영 현황", "거주자우선주차 배정 현황", "도로 굴착 허가 현황",
                  "교통안전시설 설치 현황", "자전거 도로 현황", "마을버스 노선 현황", "보도 정비 계획",
                  "어린이보호구역 지정 현황", "견인 실적", "주차장 확보 계획"],
    "urban": ["도시계획 결정 고시", "건축 허가 현황", "재개발·재건축 추진 현황", "도시재생 사업 현황",
              "공동주택 관리 감사 결과", "개발행위 허가 현황", "지구단위계획 현황", "빈집 정비 현황",
              "옥외광고물 허가 현황", "건축물 안전점검 결과", "주택 공급 계획"],
    "economy": ["전통시장 지원 현황", "일자리 창출 실적", "청년 창업 지원 현황", "사회적기업 지원 현황",
                "소상공인 융자 지원 현황", "착한가격업소 지정 현황", "공공근로 사업 현황", "지역화폐 발행 현황",
                "취업박람회 개최 결과", "협동조합 지원 현황", "상권 활성화 사업 현황"],
    "safety": ["재난안전대책본부 운영 현황", "민방위 교육 계획", "재해위험지구 현황", "CCTV 설치 현황",
               "제설 대책", "풍수해 대비 계획", "안전점검 결과", "비상급수시설 현황", "폭염 대책",
               "재난 예·경보 시설 현황", "안전보안관 활동 실적"],
    "education": ["교육경비 보조금 지원 현황", "청소년 시설 운영 현황", "아동 돌봄 시설 현황",
                  "다문화가족 지원 실적", "장학금 지급 현황", "평생학습 프로그램 현황", "청소년 상담 실적",
                  "양성평등 기금 운용 현황", "공동육아나눔터 운영 현황", "학교 밖 청소년 지원 현황",
                  "가족센터 운영 현황"],
    "tax": ["지방세 부과·징수 현황", "체납액 징수 실적", "세외수입 부과 현황", "개별공시지가 결정 현황",
            "지적 재조사 사업 현황", "부동산 거래 신고 현황", "고액·상습 체납자 명단 공개", "지방세 감면 현황",
            "과태료 부과 현황", "토지 이동 현황", "주택 공시가격 결정 현황"],
}
# Which department publishes each field's items (demo organisation codes), and the topics another department owns.
FIELD_DEPARTMENTS = {
    "administration": "admin-affairs", "finance": "policy-planning", "welfare": "welfare-policy",
    "culture": "culture-sports", "environment": "sanitation", "transport": "transport", "urban": "construction",
    "economy": "local-revitalisation", "safety": "construction", "education": "women-family", "tax": "tax-1",
}
TOPIC_DEPARTMENTS = {
    "구청장 일정": "policy-planning", "구정 주요 업무계획": "policy-planning", "구정 평가 결과": "policy-planning",
    "보건소 사업 계획": "health-centre", "예방접종 실시 현황": "health-centre", "방문건강관리 사업 실적": "health-centre",
    "치매안심센터 운영 현황": "health-centre", "CCTV 설치 현황": "it", "재난안전대책본부 운영 현황": "admin-affairs",
    "민방위 교육 계획": "admin-affairs", "공동주택 관리 감사 결과": "audit",
}
# Four publications of each topic: 11 fields × 11 topics × 4 = 484 items (the plan's number).
PROACTIVE_VARIANTS = [("", "monthly", "매월 10일"), (" (분기별)", "quarterly", "분기 종료 후 15일"),
                      (" (연간)", "yearly", "매년 3월 31일"), (" 관련 변경 사항", "as_needed", "변경 시 수시")]


def _load_proactive(district: District, rng: random.Random, today: dt.date) -> int:
    from opengu.disclosure import cycles
    from opengu.disclosure.models import ProactiveItem, ProactivePublication

    if ProactiveItem.objects.exists():
        return 0
    departments = list(Department.objects.filter(district=district).exclude(kind=Department.Kind.DONG_CENTRE)
                       .order_by("id")) or list(Department.objects.filter(district=district).order_by("id"))
    if not departments:
        return 0
    by_code = {d.code: d for d in departments}
    rows = []
    for field, topics in PROACTIVE_TOPICS.items():
        for topic in topics:
            code = TOPIC_DEPARTMENTS.get(topic, FIELD_DEPARTMENTS[field])
            department = by_code[code] if code in by_code else rng.choice(departments)
            for suffix, cycle, timing in PROACTIVE_VARIANTS:
                registered = today - dt.timedelta(days=rng.randint(200, 900))
                # About one in eight regular items is behind: its last publication is too old.
                late = rng.random() < 0.125
                last = None if cycle == "as_needed" and rng.random() < 0.3 else today - dt.timedelta(
                    days=rng.randint(40, 130) if late and cycle == "monthly" else rng.randint(1, 25))
                item = ProactiveItem(title=f"{topic}{suffix}", field=field, cycle=cycle, timing=timing,
                                     department=department, scope=f"{topic}의 주요 내용(개인정보 제외)",
                                     location=f"서대문구 누리집 > 정보공개 > 사전정보공표 > {topic}",
                                     last_published_on=last, registered_on=registered)
                item.next_due_on = cycles.next_due(cycle, timing, last, registered)
                rows.append(item)
    ProactiveItem.objects.bulk_create(rows, batch_size=500)
    # The history agrees with "최근 공표": every published item has its last publication on record.
    ProactivePublication.objects.bulk_create(
        [ProactivePublication(item=item, published_on=item.last_published_on, location=item.location)
         for item in ProactiveItem.objects.filter(last_published_on__isnull=False).only("id", "last_published_on",
                                                                                           "location")
         if item.last_published_on is not None],
        batch_size=500)
    return len(rows)


DOCUMENT_TOPICS = ["도로 점용 허가", "공사 설계변경 승인", "용역 계약 체결", "보조금 교부 결정", "위원회 개최 결과 보고",
                   "민원 처리 결과 통보", "물품 구매 계획", "행사 개최 계획", "시설 안전점검 결과 보고", "자치법규 입법예고",
                   "인사 발령", "예산 전용 승인", "주민 설명회 개최 결과", "건축 허가 처리", "과태료 부과 통지"]


def _synthetic_pdf(topic: str, rng: random.Random) -> bytes:
    """A one-page PDF with made-up personal data, for the redaction review in the demo."""
    import pymupdf

    name = _name(rng)
    lines = [f"{topic} 결과 보고", f"성명: {name}", f"연락처 010-{rng.randint(2000, 9999)}-{rng.randint(1000, 9999)}",
             "주민등록번호 900101-1234568", f"환급 계좌: 국민은행 {rng.randint(100, 999)}-{rng.randint(10, 99)}-"
             f"{rng.randint(1000000, 9999999)}", "위와 같이 처리하였음을 보고합니다."]
    document = pymupdf.open()
    page = document.new_page()
    for index, line in enumerate(lines):
        page.insert_text((56, 80 + 22 * index), line, fontname="korea", fontsize=11)
    return bytes(document.tobytes())


def _load_documents(district: District, rng: random.Random, today: dt.date, officer: User | None) -> int:
    from opengu.disclosure.models import DocumentClass, OriginalDocument

    if OriginalDocument.objects.exists():
        return 0
    departments = list(Department.objects.filter(district=district).order_by("id"))
    if not departments:
        return 0
    rows = []
    for index in range(360):
        department = rng.choice(departments)
        approved = today - dt.timedelta(days=rng.randint(1, 365))
        roll = rng.random()
        klass = DocumentClass.OPEN if roll < 0.8 else DocumentClass.PARTIAL if roll < 0.95 else DocumentClass.CLOSED
        rows.append(OriginalDocument(
            number=f"{department.name}-{approved:%y}{index + 1:04d}", title=f"{rng.choice(DOCUMENT_TOPICS)} ({approved:%Y년 %m월})",
            department=department, approved_on=approved, approver=f"{department.name}장", retention=rng.choice(
                ["1년", "3년", "5년", "10년"]), disclosure_class=klass,
            article_9_item=None if klass == DocumentClass.OPEN else rng.choice([5, 6, 6, 6, 7]),
            published_on=approved + dt.timedelta(days=rng.randint(0, 5)) if klass != DocumentClass.CLOSED else None,
        ))
    OriginalDocument.objects.bulk_create(rows, batch_size=500)
    if officer is not None:  # a handful of real PDFs with synthetic personal data, waiting for review
        for index, topic in enumerate(DOCUMENT_TOPICS[:5]):
            services.document_register(
                actor=officer, number=f"정보공개-{today:%y}{index + 1:03d}", title=f"{topic} 결과 보고",
                department=officer.staff.department, approved_on=today - dt.timedelta(days=index + 1),
                approver="과장", retention="5년", disclosure_class=DocumentClass.PARTIAL, article_9_item=6,
                pdf=_synthetic_pdf(topic, rng),
            )
    return len(rows) + (5 if officer is not None else 0)


def load_publication(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print) -> None:
    """484 proactive items over the 11 fields and a year of original documents (idempotent)."""
    officer = User.objects.filter(groups__name=roles.DISCLOSURE_OFFICER, staff__isnull=False).order_by("id").first()
    today = timezone.localdate()
    items = _load_proactive(district, rng, today)
    documents = _load_documents(district, rng, today, officer)
    if items or documents:
        stdout(f"사전정보공표 항목 {items}건, 결재문서 {documents}건")


# Committees whose meetings the district publishes (synthetic; members named only by title).
COMMITTEES = [
    ("서대문구 정보공개심의회", "정보공개법 제12조", ["이의신청 심의", "비공개 세부기준 정비", "직권심의 안건 검토"]),
    ("서대문구 지방보조금심의위원회", "지방재정법 제32조의3", ["민간경상보조 사업 선정", "보조금 정산 결과 보고"]),
    ("서대문구 도시계획위원회", "국토계획법 제113조", ["지구단위계획 변경 자문", "도시계획시설 결정 변경"]),
    ("서대문구 주민참여예산위원회", "서대문구 주민참여예산 조례", ["주민 제안사업 심사", "분과별 우선순위 결정"]),
]


# Synthetic members of the disclosure council: five external experts (one the chair) and two officials,
# so the membership meets Act Art. 12 (5–7 members, at least two thirds external, one chair).
COUNCIL_MEMBERS = [
    ("한서윤", "external", "○○대학교 행정학과 교수", True),
    ("오지훈", "external", "변호사", False),
    ("문하린", "external", "기록관리 전문가", False),
    ("배도현", "external", "시민단체 활동가", False),
    ("신예린", "external", "정보공개 컨설턴트", False),
    ("고민재", "internal", "기획예산과장", False),
    ("류은서", "internal", "자치행정과장", False),
]


def _council_members(officer: User, committee: Committee, today: dt.date) -> None:
    start = today - dt.timedelta(days=365)
    for name, kind, affiliation, chair in COUNCIL_MEMBERS:
        services.committee_member_appoint(actor=officer, committee=committee, name=name, kind=kind,
                                          term_start=start, affiliation=affiliation, chair=chair)


def load_meetings(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print) -> None:
    """Committees with a year of meetings: most minutes published on time, a few late, two still due."""
    from urllib.parse import quote

    from opengu.disclosure.models import Committee, Meeting

    officer = User.objects.filter(groups__name=roles.DISCLOSURE_OFFICER, staff__isnull=False).order_by("id").first()
    if officer is None or Committee.objects.exists():
        return
    department = officer.staff.department
    today = timezone.localdate()
    for index, (name, basis, topics) in enumerate(COMMITTEES):
        committee = services.committee_create(actor=officer, name=name, department=department, legal_basis=basis,
                                              minutes_due_days=14, disclosure_council=index == 0)
        if index == 0:
            _council_members(officer, committee, today)
        for number in range(1, 5):
            held_on = today - dt.timedelta(days=30 + 90 * (4 - number) + 7 * index)
            if number == 4 and index < 2:
                held_on = today - dt.timedelta(days=20 + 3 * index)  # minutes now overdue
            agenda = rng.sample(topics, k=min(2, len(topics)))
            present = rng.randint(6, 8)  # the chair and present - 1 members attend, as the votes line says
            meeting = services.meeting_register(
                actor=officer, committee=committee, title=f"{held_on.year}년 제{number}차 회의",
                held_at=timezone.make_aware(dt.datetime.combine(held_on, dt.time(14))),
                place=rng.choice(["구청 본관 3층 기획상황실", "구청 별관 2층 회의실", "구의회 소회의실"]),
                host="위원장", attendees="위원장\n" + "\n".join(f"위원 {n}" for n in range(1, present)),
                agenda="\n".join(agenda),
            )
            if number == 4 and index < 2:
                continue
            services.meeting_minutes_save(
                actor=officer, meeting=meeting,
                remarks="\n".join(f"{n}. {item}: 담당 부서 설명 후 위원 질의응답. 보완 의견 {rng.randint(1, 4)}건."
                                   for n, item in enumerate(agenda, 1)),
                decisions="\n".join(f"{n}. {item}: {rng.choice(['원안 가결', '수정 가결', '보류'])}"
                                     for n, item in enumerate(agenda, 1)),
                votes=f"재적 {present + rng.randint(0, 3)}명, 출석 {present}명, 출석 위원 전원 찬성",
            )
            services.meeting_link_add(actor=officer, meeting=meeting, kind="material", title=f"{agenda[0]} 회의 자료",
                                      url=f"/disclosure/documents/?q={quote(agenda[0])}")
            late = rng.random() < 0.2
            services.meeting_publish(actor=officer, meeting=meeting,
                                     on=meeting.minutes_due_on + dt.timedelta(days=5) if late else
                                     held_on + dt.timedelta(days=rng.randint(3, 12)))
    stdout(f"위원회 {Committee.objects.count()}곳, 회의 {Meeting.objects.count()}건")


PANEL_COMMENTS = {
    "menu": ["정보공개 메뉴가 세 단계 아래에 있어 찾기 어렵습니다.", "첫 화면에서 바로 청구할 수 있어 좋습니다."],
    "proactive": ["업무추진비는 매월 공개되지만 부서별로 형식이 다릅니다.", "사전공표 목록이 분야별로 정리되어 있습니다."],
    "classification": ["11개 분야 구분이 주민이 찾는 방식과 다릅니다.", ""],
    "search": ["띄어쓰기를 달리해도 검색되어 편리합니다.", "검색 결과에 공개일이 보이면 좋겠습니다."],
    "meetings": ["회의록이 늦게 올라오는 위원회가 있습니다.", "회의 영상 링크가 있어 좋습니다."],
}


def load_panel(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print) -> None:
    """정보공개모니터단: the demo `resident` and eleven other residents across the dongs, one closed round
    with everybody's answers and an open round that the demo resident has not answered yet."""
    from opengu.disclosure.models import PANEL_CRITERIA, PanelMember

    officer = User.objects.filter(groups__name=roles.DISCLOSURE_OFFICER, staff__isnull=False).order_by("id").first()
    if officer is None or PanelMember.objects.exists():
        return
    today = timezone.localdate()
    start = today - dt.timedelta(days=120)
    residents = list(User.objects.filter(kind=User.Kind.RESIDENT, resident__isnull=False).order_by("id")
                     .exclude(username="resident2")[:12])
    members = [services.panel_member_appoint(actor=officer, username=user.username, term_start=start)
               for user in residents]
    first = services.panel_round_create(actor=officer, title=f"{today.year}년 1차 정보공개 모니터링",
                                        opens_on=start + dt.timedelta(days=30), closes_on=start + dt.timedelta(days=44),
                                        note="누리집 '행정정보공개' 메뉴를 2주 동안 살펴보고 평가해 주세요.")
    answered_on = start + dt.timedelta(days=40)
    for index, member in enumerate(members[:10]):
        ratings = {key: (rng.choice([2, 3, 3, 4, 4, 5] if key != "meetings" else [1, 2, 3, 3, 4]),
                         PANEL_COMMENTS[key][index % 2] if index < 4 else "") for key in PANEL_CRITERIA}
        services.panel_response_submit(actor=member.user, panel_round=first, ratings=ratings, on=answered_on)
    second = services.panel_round_create(actor=officer, title=f"{today.year}년 2차 정보공개 모니터링",
                                         opens_on=today - dt.timedelta(days=5), closes_on=today + dt.timedelta(days=9))
    for member in members[1:5]:
        ratings = {key: (rng.choice([3, 4, 4, 5]), "") for key in PANEL_CRITERIA}
        services.panel_response_submit(actor=member.user, panel_round=second, ratings=ratings)
    stdout(f"정보공개모니터단: 위원 {len(members)}명, 설문 2회")


INVENTORY_TITLES = ["주민자치회 회의록", "청사 청소 용역 계약", "도로 보수 공사 설계서", "정보공개 처리대장", "민원 처리부",
                    "예산 집행 품의", "위원회 운영 계획", "보조금 정산 보고", "공유재산 대부 계약", "직원 교육 계획"]


def load_inventory(*, district: District, rng: random.Random, stdout: Callable[[str], None] = print) -> None:
    """기록물 전수조사: four departments with both lists in; their differences partly settled, one department with
    only its registered list, so the progress chart and the mismatch list have something to show."""
    from opengu.disclosure.models import RETENTION_PERIODS, InventoryList, InventoryMismatch

    officer = User.objects.filter(groups__name=roles.DISCLOSURE_OFFICER, staff__isnull=False).order_by("id").first()
    if officer is None or InventoryList.objects.exists():
        return
    departments = list(Department.objects.filter(district=district).exclude(kind=Department.Kind.DONG_CENTRE)
                       .order_by("order", "id")[:5])
    header = "등록번호,제목,보존기간,공개구분\n"
    for index, department in enumerate(departments):
        rows = [(f"{department.code.upper()}-{n:04d}", rng.choice(INVENTORY_TITLES), rng.choice(RETENTION_PERIODS[:5]),
                 rng.choice(["공개", "공개", "부분공개", "비공개"])) for n in range(1, 41)]
        registered = header + "".join(f"{a},{b},{c},{d}\n" for a, b, c, d in rows)
        services.inventory_import(actor=officer, department=department, source="registered",
                                  data=registered.encode("cp949"), filename="등록목록.csv")
        if index == len(departments) - 1:
            continue  # this department has not checked its shelves yet
        held = []
        for number, title, retention, disclosure_class in rows:
            roll = rng.random()
            if roll < 0.05:
                continue  # registered but not found on the shelf
            if roll < 0.10:
                retention = "준영구"
            elif roll < 0.14:
                disclosure_class = "공개" if disclosure_class != "공개" else "부분공개"
            held.append((number, title, retention, disclosure_class))
        held.append((f"{department.code.upper()}-9001", "미등록 행사 사진첩", "3년", "공개"))
        services.inventory_import(actor=officer, department=department, source="held",
                                  data=(header + "".join(f"{a},{b},{c},{d}\n" for a, b, c, d in held)).encode("cp949"),
                                  filename="실물점검.csv")
        open_rows = list(InventoryMismatch.objects.filter(department=department).order_by("number", "kind"))
        for mismatch in open_rows[: len(open_rows) * index // 4]:
            services.inventory_mismatch_resolve(actor=officer, mismatch=mismatch, status=rng.choice(["resolved", "explained"]),
                                                note="기록관과 대조해 정리함")
    stdout(f"기록물 전수조사: {len(departments)}개 부서")
