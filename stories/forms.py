"""The public forms of the stories: sharing a story, and asking for its withdrawal."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.public_forms import add_consent_and_honeypot
from culture.forms import NearMeMixin
from culture.models import ProgramLanguage
from stories.choices import Generation
from stories.models import StoryTheme
from stories.uploads import _check_size, validate_recording


class StoryContributionForm(forms.Form):
    """A visitor's story: text, an optional recording and photo (checked by content and size),
    the languages it is told in, who tells it, and consent for the public web."""

    title = forms.CharField(label=_("Title of your story"), max_length=200)
    text = forms.CharField(
        label=_("Your story"), max_length=20_000, widget=forms.Textarea(attrs={"rows": 10})
    )
    name = forms.CharField(
        label=_("Name or pseudonym"), max_length=200,
        help_text=_("As you wish to be named on the site."),
    )  # fmt: skip
    community = forms.CharField(label=_("Community"), max_length=200, required=False)
    generation = forms.ChoiceField(
        label=_("Generation"), required=False,
        choices=[("", _("I prefer not to say")), *Generation.choices],
    )  # fmt: skip
    city = forms.CharField(label=_("City"), max_length=120, required=False)
    state = forms.CharField(label=_("State or province"), max_length=120, required=False)
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages of your story"), required=False,
        queryset=ProgramLanguage.objects.all(), widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    recording = forms.FileField(
        label=_("An audio recording (optional)"), required=False,
        help_text=_("MP3, M4A, OGG or WAV."),
    )  # fmt: skip
    photo = forms.ImageField(label=_("A photo (optional)"), required=False)
    photo_description = forms.CharField(
        label=_("What the photo shows"), max_length=250, required=False,
        help_text=_("For people who cannot see it."),
    )  # fmt: skip
    email = forms.EmailField(
        label=_("E-mail address (optional)"), required=False,
        help_text=_("Only for our editors to write to you about your story; never published."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        add_consent_and_honeypot(
            self,
            consent_label=_(
                "I agree that this story, the recording and the photo be published on this site "
                "after review, and I know I can ask for their withdrawal at any time."
            ),
        )

    def clean_recording(self):
        recording = self.cleaned_data.get("recording")
        if recording:
            validate_recording(recording, kind="audio")
        return recording

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:  # its content was read by Pillow (ImageField); the size is ours to cap
            _check_size(photo, settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE)
        return photo

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("photo") and not cleaned.get("photo_description"):
            self.add_error("photo_description", _("Please describe the photo."))
        return cleaned


class WithdrawalForm(forms.Form):
    """The reference the contributor was given is enough: it is unguessable and shown once."""

    not_found = _("We found no story with this reference. Please check it and try again.")

    reference = forms.CharField(
        label=_("Your reference number"), max_length=40,
        help_text=_("The reference we gave you when you shared your story."),
    )  # fmt: skip


class StoryFilterForm(NearMeMixin, forms.Form):
    """The stories index's filters, all in the URL (GET): theme, place, language, generation,
    and "near me" (culture's NearMeMixin: a postal code, a city or the browser's location)."""

    theme = forms.MultipleChoiceField(label=_("Theme"), required=False,
                                      widget=forms.CheckboxSelectMultiple)  # fmt: skip
    language = forms.MultipleChoiceField(label=_("Language"), required=False,
                                         widget=forms.CheckboxSelectMultiple)  # fmt: skip
    generation = forms.MultipleChoiceField(
        label=_("Generation"), required=False, choices=Generation.choices,
        widget=forms.CheckboxSelectMultiple,
    )  # fmt: skip
    place = forms.CharField(
        label=_("Place"), required=False, max_length=120,
        help_text=_("A city, a state or a country code."),
    )  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [(t.code, str(t)) for t in StoryTheme.objects.all()]
        self.fields["language"].choices = [
            (term.code, str(term)) for term in ProgramLanguage.objects.all()
        ]
