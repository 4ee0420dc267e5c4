"""The story editor's form: programs to link are the published ones (and those already linked).
Apart from the public forms, which read the models this one is part of."""

from core.forms import AdminPageForm


class StoryPageForm(AdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("related_programs")
        if field is not None:
            from culture.models import ProgramPage

            linked = self.instance.related_programs.all() if self.instance.pk else []
            field.queryset = ProgramPage.objects.filter(
                pk__in=[*ProgramPage.objects.live().values_list("pk", flat=True),
                        *[program.pk for program in linked]]
            ).order_by("title")  # fmt: skip
