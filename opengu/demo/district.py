"""Seodaemun-gu as data: codes from the national administrative code tables."""

from __future__ import annotations

DISTRICT = {
    "name": "서대문구",
    "name_en": "Seodaemun-gu",
    "city": "서울특별시",
    "admin_code": "1141000000",
    "open_code": "3120000",
    "address": "서울특별시 서대문구 연희로 248",
    "phone": "02-330-1114",
    "homepage": "https://www.sdm.go.kr",
}

# 행정동: name, English, 10-digit code, number of 통 (485 in all, as in the plan), area km²
DONGS = [
    ("충현동", "Chunghyeon-dong", "1141055500", 30, "1.05"),
    ("천연동", "Cheonyeon-dong", "1141056500", 27, "0.78"),
    ("북아현동", "Bugahyeon-dong", "1141058500", 34, "0.90"),
    ("신촌동", "Sinchon-dong", "1141061500", 31, "3.79"),
    ("연희동", "Yeonhui-dong", "1141065500", 42, "3.42"),
    ("홍제1동", "Hongje 1-dong", "1141066000", 34, "1.52"),
    ("홍제3동", "Hongje 3-dong", "1141068000", 30, "1.48"),
    ("홍제2동", "Hongje 2-dong", "1141069000", 32, "0.67"),
    ("홍은1동", "Hongeun 1-dong", "1141070000", 36, "1.79"),
    ("홍은2동", "Hongeun 2-dong", "1141071000", 35, "1.13"),
    ("남가좌1동", "Namgajwa 1-dong", "1141072000", 38, "0.73"),
    ("남가좌2동", "Namgajwa 2-dong", "1141073000", 36, "1.00"),
    ("북가좌1동", "Bukgajwa 1-dong", "1141074000", 34, "0.70"),
    ("북가좌2동", "Bukgajwa 2-dong", "1141075000", 46, "0.65"),
]

# (bureau, [(department, English, code, kind, [teams])])
ORGANISATION = [
    (None, [
        ("정책기획담당관", "Policy Planning Officer", "policy-planning", "officer", ["기획팀", "규제개혁팀", "평가팀"]),
        ("감사담당관", "Audit Officer", "audit", "officer", ["감사팀", "조사팀"]),
    ]),
    ("행정관리국", [
        ("자치행정과", "Autonomous Administration Division", "admin-affairs", "division", ["자치행정팀", "정보공개팀", "기록관리팀"]),
        ("전산정보과", "Information Technology Division", "it", "division", ["정보화팀", "정보통신팀", "공간정보팀"]),
        ("세무1과", "Tax Division 1", "tax-1", "division", ["세무관리팀", "재산세팀"]),
    ]),
    ("복지국", [
        ("복지정책과", "Welfare Policy Division", "welfare-policy", "division", ["복지정책팀", "희망복지팀", "통합사례관리팀"]),
        ("여성가족과", "Women and Family Division", "women-family", "division", ["여성정책팀", "보육팀", "아동청소년팀"]),
    ]),
    ("도시관리국", [
        ("교통행정과", "Transport Administration Division", "transport", "division", ["교통행정팀", "주차관리팀"]),
        ("건설관리과", "Construction Management Division", "construction", "division", ["건설행정팀", "도로관리팀"]),
        ("청소행정과", "Sanitation Division", "sanitation", "division", ["청소행정팀", "자원순환팀"]),
    ]),
    ("경제문화국", [
        ("지역활성화과", "Local Revitalisation Division", "local-revitalisation", "division", ["상권활성화팀", "연세로팀"]),
        ("문화체육과", "Culture and Sports Division", "culture-sports", "division", ["문화팀", "체육팀"]),
    ]),
    ("보건소", [
        ("보건소", "Public Health Centre", "health-centre", "health_centre", ["건강관리팀", "방문보건팀", "위생팀"]),
    ]),
]

SURNAMES = "김이박최정강조윤장임한오서신권황안송류전홍고문양손배백허유남심노하곽성차주우구민진나지엄채원천방공현함변염여추도소석선설마길연위표명기반왕금옥육인맹제모탁국어은편용예경봉사부가복태목형피두감호제"
GIVEN = "민서준도윤하은지우현수예진아영유연시재성혜경희나리원상동정철호태건승빈채율주다소미향숙자순옥"

GRADES = ["행정9급", "행정8급", "행정7급", "행정6급", "행정5급", "사회복지7급", "전산7급", "보건6급"]
