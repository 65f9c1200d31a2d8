from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opengu.core.models import Department
from opengu.opendata.models import Category, DataRequest, Dataset, Licence, UpdateCycle


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


class DataRequestForm(forms.Form):
    title = forms.CharField(label=_("필요한 데이터"), max_length=200,
                            help_text=_("예: 서대문구 공공 와이파이 설치 위치"))
    purpose = forms.CharField(label=_("필요한 이유"), widget=forms.Textarea(attrs={"rows": 4}), max_length=2000,
                              help_text=_("누구나 볼 수 있습니다. 이름, 전화번호 같은 개인정보는 적지 마세요."))
    use = forms.TypedChoiceField(label=_("활용 분야"), coerce=int, choices=DataRequest.Use.choices,
                                 initial=DataRequest.Use.DAILY_LIFE)
    department = forms.ModelChoiceField(label=_("담당 부서(아는 경우)"), queryset=Department.objects.none(),
                                        required=False, empty_label=_("모름"))
    notify_by = forms.ChoiceField(label=_("공개되면 알려 드릴 방법"), choices=DataRequest.Notify.choices,
                                  initial=DataRequest.Notify.EMAIL,
                                  help_text=_("회원 정보의 전자우편이나 휴대전화로 보냅니다."))

    def __init__(self, *args: Any, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if departments is not None:
            self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class DataRequestSupportForm(forms.Form):
    use = forms.TypedChoiceField(label=_("활용 분야"), coerce=int, choices=DataRequest.Use.choices,
                                 initial=DataRequest.Use.DAILY_LIFE)
    notify_by = forms.ChoiceField(label=_("공개되면 알려 드릴 방법"), choices=DataRequest.Notify.choices,
                                  initial=DataRequest.Notify.EMAIL)


class DataRequestAnswerForm(forms.Form):
    status = forms.ChoiceField(label=_("처리 상태"), choices=DataRequest.Status.choices)
    answer = forms.CharField(label=_("답변"), widget=forms.Textarea(attrs={"rows": 3}), required=False,
                             max_length=4000)
    refusal_reason = forms.CharField(label=_("공개 불가 사유"), widget=forms.Textarea(attrs={"rows": 2}),
                                     required=False, max_length=2000,
                                     help_text=_("공개 불가일 때 적습니다. 근거 법령이 있으면 함께 적어 주세요."))
    planned_for = forms.DateField(label=_("공개 예정일"), required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}))
    dataset = forms.ModelChoiceField(label=_("공개한 데이터셋"), queryset=Dataset.objects.none(), required=False,
                                     help_text=_("공개 완료일 때 고릅니다. 공개된 데이터셋만 보입니다."))
    department = forms.ModelChoiceField(label=_("담당 부서"), queryset=Department.objects.none(), required=False)
    extension_reason = forms.CharField(label=_("결정 기한 연장 사유"), required=False, max_length=1000,
                                       widget=forms.Textarea(attrs={"rows": 2}),
                                       help_text=_("부득이하게 기한 안에 결정할 수 없을 때 한 번, 10일까지 연장합니다"
                                                   "(공공데이터법 제27조제4항). 요청한 분께 사유를 알립니다."))

    def __init__(self, *args: Any, datasets: Any = None, departments: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if datasets is not None:
            self.fields["dataset"].queryset = datasets  # type: ignore[attr-defined]
        if departments is not None:
            self.fields["department"].queryset = departments  # type: ignore[attr-defined]
