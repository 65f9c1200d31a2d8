from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from opengu.opendata.models import Category, Licence, UpdateCycle


class DatasetForm(forms.Form):
    title = forms.CharField(label=_("제목"), max_length=200)
    slug = forms.SlugField(label=_("주소 이름"), max_length=100, required=False, allow_unicode=True,
                           help_text=_("비워 두면 제목으로 만듭니다. 영문 소문자, 숫자, 하이픈을 권합니다."))
    description = forms.CharField(label=_("설명"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    category = forms.ModelChoiceField(label=_("분류"), queryset=Category.objects.all(), empty_label=None)
    keywords = forms.CharField(label=_("키워드"), required=False, help_text=_("쉼표로 나눠 적습니다."))
    licence = forms.ChoiceField(label=_("이용허락"), choices=Licence.choices)
    update_cycle = forms.ChoiceField(label=_("갱신 주기"), choices=UpdateCycle.choices)
    next_due = forms.DateField(label=_("다음 갱신 예정일"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))
    temporal_from = forms.DateField(label=_("자료 기간(시작)"), required=False,
                                    widget=forms.DateInput(attrs={"type": "date"}))
    temporal_to = forms.DateField(label=_("자료 기간(끝)"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    spatial = forms.CharField(label=_("공간 범위"), max_length=200, required=False)
    contact = forms.CharField(label=_("문의처"), max_length=200, required=False)
    national_portal_id = forms.CharField(label=_("공공데이터포털 등록 번호"), max_length=50, required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("파일(CSV, TSV, XLSX, JSON)"))
    resource_name = forms.CharField(label=_("자원 이름"), max_length=200, required=False,
                                    help_text=_("비워 두면 데이터셋 제목을 씁니다."))


class PersonalDataDecisionForm(forms.Form):
    decision = forms.CharField(label=_("검토 결정"), widget=forms.Textarea(attrs={"rows": 3}), min_length=5,
                               help_text=_("공개해도 되는 이유를 적습니다. 예: 사업장 대표 전화번호로 개인정보가 아님."))


class ApiKeyForm(forms.Form):
    purpose = forms.CharField(label=_("활용 목적"), max_length=200,
                              help_text=_("예: 주차장 안내 앱 개발. 신청하면 바로 발급됩니다."))
