from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import authenticate
from django.contrib.auth.forms import PasswordResetForm
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opengu.core.auth import AccountLocked
from opengu.core.fields import blind_index
from opengu.core.models import User


class LoginForm(forms.Form):
    username = forms.CharField(label=_("아이디"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}))
    password = forms.CharField(label=_("비밀번호"), strip=False, widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))

    def __init__(self, request: Any, *args: Any, **kwargs: Any):
        self.request = request
        self.user: User | None = None
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        username, password = data.get("username"), data.get("password")
        if username and password:
            try:
                self.user = authenticate(self.request, username=username, password=password)
            except AccountLocked as locked:
                minutes = max(1, int((locked.until - timezone.now()).total_seconds() // 60) + 1)
                raise forms.ValidationError(
                    _("로그인에 여러 번 실패하여 계정이 잠겼습니다. %(minutes)s분 뒤에 다시 시도해 주세요.") % {"minutes": minutes},
                    code="locked",
                ) from locked
            if self.user is None:
                raise forms.ValidationError(_("아이디 또는 비밀번호가 맞지 않습니다."), code="invalid")
        return data


class OTPForm(forms.Form):
    token = forms.CharField(
        label=_("인증 앱의 6자리 숫자"), min_length=6, max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )


class ResidentPasswordResetForm(PasswordResetForm):
    """Finds staff by their work e-mail and residents by the blind index of theirs."""

    def get_users(self, email: str):  # type: ignore[no-untyped-def]
        from django.db.models import Q

        users = User.objects.filter(
            Q(email__iexact=email, kind=User.Kind.STAFF) | Q(email_index=blind_index(email)), is_active=True
        )
        return (u for u in users if u.has_usable_password())


class IdentityForm(forms.Form):
    name = forms.CharField(label=_("이름"), max_length=30)
    birth_date = forms.DateField(label=_("생년월일"), widget=forms.DateInput(attrs={"type": "date"}))
    phone = forms.CharField(label=_("휴대전화"), max_length=20)
