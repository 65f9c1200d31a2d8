"""Accounts: log in (with TOTP where a role needs it), sign up, profile, verification, reset."""

from __future__ import annotations

import base64
import io
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from opengu.core import permissions
from opengu.core.forms import IdentityForm, LoginForm, OTPForm, ResidentPasswordResetForm
from opengu.core.identity import get_verifier
from opengu.core.models import Dong, User
from opengu.core.services import (
    RESIDENT_SIGNUP_NOTICE,
    consents_for,
    privacy_notice_current,
    resident_close_account,
    resident_register,
    resident_verify,
)
from opengu.lib import pii
from opengu.messaging.services import email_send


def _next_url(request: HttpRequest, default: str = "/") -> str:
    target = request.POST.get("next") or request.GET.get("next") or default
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return default


def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        user = form.user
        login(request, user, backend="opengu.core.auth.LockoutModelBackend")
        # A language chosen before logging in wins and is remembered; otherwise the saved one applies.
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        if permissions.needs_second_factor(user):
            response = redirect(f"{reverse_lazy('portal:otp')}?{urlencode({'next': _next_url(request)})}")
        else:
            response = redirect(_next_url(request, "/staff/" if user.is_staff_member else "/"))
        response.set_cookie(settings.LANGUAGE_COOKIE_NAME, user.language, samesite="Lax")
        return response
    return render(request, "registration/login.html", {"form": form, "next": _next_url(request, "")})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("로그아웃되었습니다."))
    return redirect("portal:home")


def _qr_svg(uri: str) -> str:
    import qrcode
    import qrcode.image.svg

    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = io.BytesIO()
    image.save(buffer)
    return base64.b64encode(buffer.getvalue()).decode()


@login_required
def otp_view(request: HttpRequest) -> HttpResponse:
    """Second factor: set up an authenticator app on first use, then enter its code."""
    user: User = request.user  # type: ignore[assignment]
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    setup = None
    if device is None:
        device = TOTPDevice.objects.filter(user=user, confirmed=False).first() or TOTPDevice.objects.create(
            user=user, name="authenticator", confirmed=False
        )
        setup = {"qr": _qr_svg(device.config_url), "secret": base64.b32encode(device.bin_key).decode()}
    form = OTPForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            if not device.confirmed:
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request, "/staff/"))
        form.add_error("token", _("인증 번호가 맞지 않습니다. 앱에 표시된 최신 번호를 입력해 주세요."))
    return render(request, "registration/otp.html", {"form": form, "setup": setup, "next": _next_url(request, "")})


class SignupForm(forms.Form):
    username = forms.RegexField(label=gettext_lazy("아이디"), regex=r"^[a-zA-Z0-9_.-]{4,30}$",
                                help_text=gettext_lazy("영문, 숫자, 밑줄로 4~30자"),
                                error_messages={"invalid": gettext_lazy("아이디는 영문, 숫자, 밑줄로 4~30자입니다.")})
    password = forms.CharField(label=gettext_lazy("비밀번호"), widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=gettext_lazy("10자 이상, 흔한 비밀번호 제외"))
    name = forms.CharField(label=gettext_lazy("이름"), max_length=30)
    phone = forms.CharField(label=gettext_lazy("휴대전화"), max_length=20, widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}))
    email = forms.EmailField(label=gettext_lazy("전자우편(선택)"), required=False)
    dong = forms.ModelChoiceField(label=gettext_lazy("사는 동(선택)"), queryset=Dong.objects.all(), required=False,
                                  empty_label=gettext_lazy("선택하지 않음"))
    birth_year = forms.IntegerField(label=gettext_lazy("출생 연도(선택)"), min_value=1900, max_value=2030, required=False)
    agree = forms.BooleanField(label=gettext_lazy("위 개인정보 수집·이용에 동의합니다."),
                               error_messages={"required": gettext_lazy("동의해야 가입할 수 있습니다.")})

    def clean_username(self) -> str:
        username: str = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise ValidationError(_("이미 쓰이는 아이디입니다."))
        return username

    def clean_phone(self) -> str:
        phone = pii.normalize_phone(self.cleaned_data["phone"])
        if not phone:
            raise ValidationError(_("휴대전화 번호를 확인해 주세요. 예: 010-1234-5678"))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("password"):
            try:
                validate_password(data["password"], User(username=data.get("username", "")))
            except ValidationError as exc:
                self.add_error("password", exc)
        return data


def signup_view(request: HttpRequest) -> HttpResponse:
    form = SignupForm(request.POST or None)
    notice = privacy_notice_current(RESIDENT_SIGNUP_NOTICE)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        resident = resident_register(
            username=d["username"], password=d["password"], name=d["name"], phone=d["phone"], email=d["email"],
            dong=d["dong"], birth_year=d["birth_year"], language=request.LANGUAGE_CODE,
        )
        login(request, resident.user, backend="opengu.core.auth.LockoutModelBackend")
        messages.success(request, _("가입되었습니다. 본인인증을 하면 더 많은 서비스를 쓸 수 있습니다."))
        return redirect("portal:me")
    return render(request, "registration/signup.html", {"form": form, "notice": notice})


@login_required
def me_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    resident = getattr(user, "resident", None) if user.is_resident else None
    context: dict[str, Any] = {"resident": resident}
    if resident is not None:
        context["consents"] = consents_for(resident)
        context["masked"] = {
            "name": pii.mask_name(resident.name), "phone": pii.mask_phone(resident.phone), "email": pii.mask_email(resident.email),
        }
    return render(request, "registration/me.html", context)


class CloseAccountForm(forms.Form):
    password = forms.CharField(label=gettext_lazy("비밀번호 확인"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}))
    confirm = forms.BooleanField(label=gettext_lazy("탈퇴하면 내 정보가 바로 지워지고 되돌릴 수 없음을 이해했습니다."),
                                 error_messages={"required": gettext_lazy("내용을 확인하고 표시해 주세요.")})

    def __init__(self, user: User, *args: Any, **kwargs: Any):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self) -> str:
        password: str = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError(_("비밀번호가 맞지 않습니다."))
        return password


@login_required
def close_account_view(request: HttpRequest) -> HttpResponse:
    """회원 탈퇴: withdraw consent and erase the resident's personal data."""
    user: User = request.user  # type: ignore[assignment]
    if not user.is_resident or not hasattr(user, "resident"):
        return redirect("portal:me")
    form = CloseAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        resident_close_account(resident=user.resident)
        logout(request)
        messages.success(request, _("탈퇴했습니다. 개인정보를 모두 지웠습니다."))
        return redirect("portal:home")
    return render(request, "registration/close_account.html", {"form": form})


@login_required
def verify_view(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    if not user.is_resident:
        return redirect("portal:me")
    verifier = get_verifier()
    form = IdentityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            identity = verifier.complete(request)
        except ValueError as exc:
            form.add_error(None, str(exc))
        else:
            resident_verify(resident=user.resident, identity=identity)
            messages.success(request, _("본인인증이 완료되었습니다."))
            return redirect("portal:me")
    return render(request, "registration/verify.html", {"form": form, "verifier": verifier})


class PasswordResetForm(ResidentPasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None):  # type: ignore[no-untyped-def]
        from django.template import loader

        # A resident's address is only in their encrypted profile, so User.email is blank; they were
        # found by the blind index of the address typed into the form, which is therefore theirs.
        to_email = to_email or self.cleaned_data["email"]
        context = {**context, "email": to_email}
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        email_send(to=to_email, subject=subject, body=body, urgent=True,
                   key=f"password-reset:{context['uid']}:{context['token']}")


password_reset = auth_views.PasswordResetView.as_view(
    form_class=PasswordResetForm, success_url=reverse_lazy("portal:password_reset_done"),
    # Not under registration/: django.contrib.admin ships templates with those names and comes first.
    template_name="portal/password_reset_form.html",
    email_template_name="portal/password_reset_email.html",
    subject_template_name="portal/password_reset_subject.txt",
)
password_reset_done = auth_views.PasswordResetDoneView.as_view(template_name="portal/password_reset_done.html")
password_reset_confirm = auth_views.PasswordResetConfirmView.as_view(
    success_url=reverse_lazy("portal:password_reset_complete"),
    template_name="portal/password_reset_confirm.html",
)
password_reset_complete = auth_views.PasswordResetCompleteView.as_view(
    template_name="portal/password_reset_complete.html"
)
