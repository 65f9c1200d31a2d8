"""Recognising, validating and masking Korean personal identifiers.

Check digits below were computed by hand with the weights 2…9,2…5 (mod 11; 11 − r for
residents, 13 − r for foreigners), so the tests do not trust the code they check.
"""

from __future__ import annotations

import pytest

from opengu.lib import pii

VALID_RRN = "900101-1234568"  # check digit 8
VALID_FOREIGNER = "900101-5234561"  # check digit 1 (13 − r)
POST_2020_RRN = "210305-3123457"  # real date, random tail: the check digit would be 0


class TestResidentRegistrationNumbers:
    def test_a_valid_checksum_gives_high_confidence(self):
        found = pii.classify_rrn(VALID_RRN)
        assert found is not None
        assert found.kind == "rrn"
        assert found.confidence >= 0.95

    def test_a_valid_foreigner_number_is_told_apart(self):
        found = pii.classify_rrn(VALID_FOREIGNER)
        assert found is not None
        assert found.kind == "foreigner_number"
        assert found.confidence >= 0.95

    def test_a_resident_check_digit_does_not_make_a_foreigner_number_valid(self):
        found = pii.classify_rrn("900101-5234568")
        assert found is not None and found.kind == "foreigner_number"
        assert found.confidence < 0.95

    def test_a_failed_checksum_lowers_confidence_but_is_still_detected(self):
        found = pii.classify_rrn(POST_2020_RRN)
        assert found is not None
        assert found.kind == "rrn"
        assert 0.5 <= found.confidence < 0.95
        assert "2020" in found.reason

    @pytest.mark.parametrize(
        "number",
        [
            "901301-1234568",  # month 13
            "900230-1234568",  # 30 February
            "010229-3234568",  # 29 February 2001 (not a leap year)
            "900100-1234568",  # day 0
            "90010a-1234568",  # not digits
            "900101-123456",  # 12 digits
        ],
    )
    def test_impossible_numbers_are_rejected(self, number):
        assert pii.classify_rrn(number) is None

    def test_a_leap_day_is_possible(self):
        assert pii.classify_rrn("000229-3000000") is not None

    def test_numbers_are_found_in_text_with_their_position(self):
        text = f"신청인 주민등록번호 {VALID_RRN} 입니다"
        [found] = pii.find_rrns(text)
        assert text[found.start:found.end] == VALID_RRN
        assert pii.find_rrns("문서번호 901301-1234568") == []

    def test_longer_digit_runs_are_not_numbers(self):
        assert pii.find_rrns("계좌 19001011234568") == []


class TestPhones:
    @pytest.mark.parametrize(
        ("raw", "expected"),
        [
            ("01012345678", "010-1234-5678"),
            ("010-1234-5678", "010-1234-5678"),
            ("010.1234.5678", "010-1234-5678"),
            ("+82 10-1234-5678", "010-1234-5678"),
            ("+82-10-1234-5678", "010-1234-5678"),
            ("02-330-1300", "02-330-1300"),
            ("0233301300", "02-3330-1300"),
            ("031-123-4567", "031-123-4567"),
        ],
    )
    def test_korean_numbers_are_normalised(self, raw, expected):
        assert pii.normalize_phone(raw) == expected

    @pytest.mark.parametrize("raw", ["", "   ", "123", "전화 없음", "+1 650 253 0000", "+81 3-1234-5678"])
    def test_non_korean_or_invalid_numbers_are_refused(self, raw):
        assert pii.normalize_phone(raw) is None

    @pytest.mark.parametrize(
        "text",
        ["Tel.010-1234-5678", "연락처 010 1234 5678", "+82 10-1234-5678 로", "(02)330-1300"],
    )
    def test_numbers_are_found_in_text(self, text):
        assert [d.kind for d in pii.find_phones(text)] == ["phone"]

    @pytest.mark.parametrize(
        "text",
        # LOCALDATA's projected coordinates and other decimals look like numbers without the trunk 0.
        ["194567.1234", "좌표 196762.0812", "447480.0434", "19.45671234", "1045671234"],
    )
    def test_decimals_and_numbers_without_the_trunk_zero_are_not_phones(self, text):
        assert pii.find_phones(text) == []

    def test_an_rrn_is_not_also_reported_as_a_phone(self):
        kinds = [d.kind for d in pii.scan(f"연락처 010-1234-5678, 주민번호 {VALID_RRN}, hong@example.com")]
        assert kinds == ["phone", "rrn", "email"]


class TestMasking:
    @pytest.mark.parametrize(
        ("name", "masked"), [("홍길동", "홍*동"), ("남궁민수", "남**수"), ("김철", "김*"), ("이", "이"), ("", "")]
    )
    def test_names(self, name, masked):
        assert pii.mask_name(name) == masked

    @pytest.mark.parametrize(
        ("phone", "masked"),
        [("010-1234-5678", "010-****-5678"), ("01012345678", "010-****-5678"), ("02-330-1300", "02-***-1300")],
    )
    def test_phones(self, phone, masked):
        assert pii.mask_phone(phone) == masked

    def test_rrn(self):
        assert pii.mask_rrn(VALID_RRN) == "900101-1******"
        assert pii.mask_rrn("9001011234568") == "900101-1******"

    def test_email_keeps_the_domain_and_hides_the_mailbox(self):
        masked = pii.mask_email("hong.gildong@example.com")
        assert masked.startswith("ho") and masked.endswith("@example.com")
        assert "gildong" not in masked
        assert len(masked) == len("hong.gildong@example.com")
        assert pii.mask_email("ab@x.kr") == "a*@x.kr"

    def test_address_hides_numbers(self):
        assert pii.mask_address("서울 서대문구 연희로 123-4") == "서울 서대문구 연희로 ***"
