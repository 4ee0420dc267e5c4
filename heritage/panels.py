"""Admin panels of the catalog that show more than their field."""

from wagtail.admin.panels import FieldPanel

from heritage.dates import date_text
from heritage.widgets import GeneratedDateInput


class GeneratedDatePanel(FieldPanel):
    """A piece's `date_display_<code>` input whose placeholder is what that language's readers
    read while it is empty (heritage.dates.date_text): another language's text along the
    fallback chain, else the generated one ("ca. 600–900 d. C.")."""

    def __init__(self, field_name, *args, **kwargs):
        kwargs.setdefault("widget", GeneratedDateInput)
        super().__init__(field_name, *args, **kwargs)

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None:
                return
            language = self.panel.db_field.language  # modeltranslation's column of one language
            piece = self.instance
            # What readers of this language read while its box is empty: another language's
            # text along its fallback chain, else the generated one.
            written = {code: text for code, text in piece.written_dates().items()
                       if code != language}  # fmt: skip
            # The form's own copy of the widget: changing it touches this form only.
            self.bound_field.field.widget.attrs.update(
                {
                    "placeholder": date_text(
                        piece.date_start, piece.date_end, piece.date_qualifier,
                        language=language, written=written,
                    ),
                    "data-generated-date": language,
                }
            )  # fmt: skip
