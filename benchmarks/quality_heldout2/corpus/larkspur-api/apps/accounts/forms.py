from django import forms
from django.utils.translation import gettext_lazy as _


class SignInForm(forms.Form):
    email = forms.EmailField(label=_("E-mail"))
    password = forms.CharField(label=_("Password"), widget=forms.PasswordInput)


class ResetForm(forms.Form):
    new_password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)
    confirm = forms.CharField(label=_("Confirm password"), widget=forms.PasswordInput)

    error_messages = {
        "password_mismatch": _("The two password fields didn't match."),
        "token_expired": _("This reset link has expired."),
    }
