"""Writes to the catalog: publishing, restriction and case changes (bulk-safe, logged)."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import LogContext, get_active_log_context, log

from heritage import bulk
from heritage.models import Piece, RecoveryCase
from heritage.signals import visibility_changed


def _patch_latest_revision(obj, **fields) -> None:
    # A pending draft was saved before this change; without this, publishing it later would
    # silently undo the change (e.g. lift a restriction).
    revision = obj.latest_revision
    if revision is not None:
        revision.content.update(fields)
        revision.save(update_fields=["content"])


def _record_context(user) -> LogContext:
    # Wagtail's history keeps one entry per (uuid, action) across all records, and a request
    # shares one uuid: without a uuid per record, a bulk action's entries would show in the
    # history of its last record only. The user is the request's when a caller passes none.
    return LogContext(user=user or get_active_log_context().user)


def piece_publish(*, piece: Piece, user=None) -> Piece:
    """Publish the piece's current state as a new revision."""
    with _record_context(user):
        revision = piece.save_revision(user=user, log_action=True)
        revision.publish(user=user)
    return piece


def piece_unpublish(*, piece: Piece, user=None) -> Piece:
    with _record_context(user):
        piece.unpublish(user=user)
    return piece


@transaction.atomic
def pieces_set_restricted(
    *, pieces: Iterable[Piece], restricted: bool, reason: str = "", user=None
) -> int:
    """Restrict (with the reason, kept on the piece and in its history) or release pieces at
    once: the live record changes now, drafts keep the change. A restricted piece given a new
    reason counts as changed; releasing clears the reason."""
    reason = reason.strip() if restricted else ""
    changed = [
        piece
        for piece in pieces
        if piece.restricted != restricted or (restricted and piece.restriction_reason != reason)
    ]
    for piece in changed:
        piece.restricted = restricted
        piece.restriction_reason = reason
        Piece.objects.filter(pk=piece.pk).update(restricted=restricted, restriction_reason=reason)
        _patch_latest_revision(piece, restricted=restricted, restriction_reason=reason)
        with _record_context(user):
            if restricted:
                log(piece, "heritage.restrict", user=user, data={"reason": reason})
            else:
                log(piece, "heritage.unrestrict", user=user)
    if changed:
        transaction.on_commit(lambda: visibility_changed.send(sender=Piece, instances=changed))
    return len(changed)


@transaction.atomic
def pieces_add_to_case(*, pieces: Iterable[Piece], case: RecoveryCase, user=None) -> int:
    changed = [piece for piece in pieces if piece.case_id != case.pk]
    for piece in changed:
        piece.case = case
        Piece.objects.filter(pk=piece.pk).update(case=case)
        _patch_latest_revision(piece, case=case.pk)
        with _record_context(user):
            log(piece, "heritage.add_to_case", user=user, data={"case": case.code})
    if changed:
        transaction.on_commit(lambda: visibility_changed.send(sender=Piece, instances=changed))
    return len(changed)


# Fields the bulk "set field" action may change: each a foreign key to a term or a case.
BULK_SETTABLE_FIELDS = ("custodian", "period", "case", "object_type")


@dataclass(frozen=True)
class FieldChange:
    """What setting a field does to one piece: the value its latest version has, the new one."""

    piece: Piece
    old: object
    new: object

    @property
    def changes(self) -> bool:
        return self.old != self.new


def pieces_plan_set_field(*, pieces: Iterable[Piece], field: str, value) -> list[FieldChange]:
    """For each piece, the field's value in its latest version (a pending draft if there is
    one, which is what an editor sees) and the value it would get."""
    if field not in BULK_SETTABLE_FIELDS:
        raise ValueError(f"{field} cannot be set in bulk")
    return [
        FieldChange(
            piece=piece, old=getattr(piece.get_latest_revision_as_object(), field), new=value
        )
        for piece in pieces
    ]


def _may_publish(user, piece: Piece) -> bool:
    from wagtail.permissions import policy_registry

    if user is None:
        return False
    policy = policy_registry.get_by_type(Piece)
    return policy.user_has_permission_for_instance(user, "publish", piece)


@transaction.atomic
def pieces_set_field(*, pieces: Iterable[Piece], field: str, value, user=None) -> int:
    """Set one field (BULK_SETTABLE_FIELDS) on many pieces, each as an editor would: a new
    revision per changed piece, logged in its history with the old and new values.

    A draft stays a draft. A live piece gets the new value published only if the user may
    publish it; otherwise the change waits in a draft for moderation, as an edit would. A live
    piece with a pending draft gets the change published on its live version and kept in the
    draft too (two revisions), so neither the draft nor the change is lost."""
    plan = pieces_plan_set_field(pieces=pieces, field=field, value=value)
    changed = [change for change in plan if change.changes]
    for change in changed:
        piece = change.piece
        with _record_context(user):
            draft = piece.get_latest_revision_as_object()
            if piece.live and _may_publish(user, piece):
                pending_draft = piece.latest_revision_id != piece.live_revision_id
                setattr(piece, field, value)
                revision = piece.save_revision(user=user)
                revision.publish(user=user)
                if pending_draft:
                    setattr(draft, field, value)
                    revision = draft.save_revision(user=user)
            else:
                setattr(draft, field, value)
                revision = draft.save_revision(user=user)
            log(
                piece,
                "heritage.set_field",
                user=user,
                revision=revision,
                content_changed=True,
                data={"field": field, "old": _label(change.old), "new": _label(value)},
            )
    return len(changed)


def _label(value) -> str:
    return "" if value is None else str(value)


# --- Import ---------------------------------------------------------------------------------


def _pick_sheet(sheets, name: str):
    """The sheet of that name in a workbook, or the only/first table."""
    for sheet in sheets:
        if sheet.name == name:
            return sheet
    named = {"pieces", "cases", "provenance"}
    unnamed = [sheet for sheet in sheets if sheet.name not in named]
    return unnamed[0] if unnamed and name == "pieces" else None


def _revision_rows(pieces, ids: list[int], user, now, *, new: int = 0):
    """Revisions for the pieces; the first `new` are new pieces with no children yet."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Revision

    content_type = ContentType.objects.get_for_model(Piece)
    return [
        Revision(
            pk=revision_id,
            content_type=content_type,
            base_content_type=content_type,
            object_id=str(piece.pk),
            created_at=now,
            user=user,
            object_str=str(piece)[:255],
            content=bulk.new_object_content(piece) if index < new else piece.serializable_data(),
        )
        for index, (piece, revision_id) in enumerate(zip(pieces, ids, strict=True))
    ]


def _log_rows(pieces_and_actions: list[tuple], user, now):
    """History entries for (piece, action) pairs, their ids reserved in one allocation (two
    allocations before any insert would hand out the same ids on SQLite)."""
    import uuid

    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import ModelLogEntry

    content_type = ContentType.objects.get_for_model(Piece)
    return [
        ModelLogEntry(
            pk=entry_id,
            content_type=content_type,
            object_id=str(piece.pk),
            label=str(piece)[:255],
            action=action,
            data={"source": "import"},
            timestamp=now,
            uuid=uuid.uuid4(),
            user=user,
            revision_id=piece.latest_revision_id,
            content_changed=True,
        )
        for (piece, action), entry_id in zip(
            pieces_and_actions,
            bulk.allocate_ids(ModelLogEntry, len(pieces_and_actions)),
            strict=True,
        )
    ]


def _set_many_to_many(pieces_and_items, *, replace: bool) -> None:
    from heritage.importing import MULTI_VOCABULARY_COLUMNS

    for column, model in MULTI_VOCABULARY_COLUMNS.items():
        through = getattr(Piece, column).through
        target = f"{model._meta.model_name}_id"
        rows = [(piece, getattr(item, column)) for piece, item in pieces_and_items]
        rows = [(piece, terms) for piece, terms in rows if terms is not None]
        if replace and rows:
            through.objects.filter(piece_id__in=[piece.pk for piece, _ in rows]).delete()
        bulk.insert_links(
            through,
            [{"piece_id": piece.pk, target: term.pk} for piece, terms in rows for term in terms],
        )


def _apply_piece_plan(importer, to_create, to_update, *, user, publish_new: bool) -> None:
    """Write the planned rows in bulk, each piece with a revision and a history entry."""
    from django.utils import timezone
    from wagtail.models import ModelLogEntry, Revision

    for resolver in importer.resolvers.values():
        resolver.save_pending()
    now = timezone.now()
    new_pieces = [piece for piece, _item in to_create]
    updated = [piece for piece, _item, _changed in to_update]
    for piece, item in to_create:
        for attribute in ("culture", "period", "object_type", "custodian", "case"):
            if attribute in item.values:
                setattr(piece, attribute, item.values[attribute])  # terms saved just now
        piece.live = publish_new
        piece.has_unpublished_changes = not publish_new
        if publish_new:
            piece.first_published_at = piece.last_published_at = now
        # A revision's content holds the children and many-to-many values; for a new piece they
        # are the row's, kept in memory rather than read back.
        piece.provenance_events = []
        piece.images = []
        piece.materials = item.materials or []
        piece.techniques = item.techniques or []
    for piece, item, _changed in to_update:
        for attribute in ("culture", "period", "object_type", "custodian", "case"):
            if attribute in item.values:
                setattr(piece, attribute, item.values[attribute])
        for column in ("materials", "techniques"):
            if getattr(item, column) is not None:
                setattr(piece, column, getattr(item, column))

    for piece, piece_id in zip(new_pieces, bulk.allocate_ids(Piece, len(new_pieces)), strict=True):
        piece.pk = piece_id
    changed = new_pieces + updated
    revisions = _revision_rows(
        changed, bulk.allocate_ids(Revision, len(changed)), user, now, new=len(new_pieces)
    )
    for piece, revision in zip(changed, revisions, strict=True):
        piece.latest_revision_id = revision.pk
        if piece.live:
            piece.live_revision_id = revision.pk

    bulk.insert(Piece, new_pieces)
    if updated:
        fields = {"latest_revision", "live_revision"}
        for _piece, item, _changed in to_update:
            fields.update(item.values)
        Piece.objects.bulk_update(updated, sorted(fields), batch_size=500)
    bulk.insert(Revision, revisions)
    _set_many_to_many(to_create, replace=False)
    _set_many_to_many([(piece, item) for piece, item, _c in to_update], replace=True)
    actions = [(piece, "wagtail.create") for piece in new_pieces]
    actions += [(piece, "wagtail.edit") for piece in updated]
    bulk.insert(ModelLogEntry, _log_rows(actions, user, now))
    if changed:
        transaction.on_commit(lambda: visibility_changed.send(sender=Piece, instances=changed))


def catalog_import(
    *,
    data: bytes,
    filename: str = "",
    user=None,
    dry_run: bool = False,
    create_missing_terms: bool = False,
    publish_new: bool = False,
    progress=None,
    sheet_kind: str | None = None,
    writing=None,
):
    """Import pieces (a CSV, or an XLSX whose sheets may also hold cases and provenance).

    All or nothing: the whole file is validated and written in one transaction, which is rolled
    back on any bad row — and always for a dry run, which therefore previews exactly what a real
    run would do. `progress(done, total)` follows the reading of rows, `writing(count)` is told
    when the writes begin. Returns an ImportReport listing every bad row."""
    from heritage.importing import ImportReport, PieceImporter, run_piece_rows
    from heritage.models import RESTRICTED_PERMISSION
    from heritage.tabular import TableError, read_sheets

    report = ImportReport(kind="pieces", dry_run=dry_run)
    try:
        sheets = read_sheets(data, filename)
    except TableError as error:
        report.error(0, "", str(error))
        return report
    # Cells no database can store (NUL): reported with the rest, never written.
    unstorable = [
        (number, column, sheet.name) for sheet in sheets
        for number, column in sheet.unstorable_cells()
    ]  # fmt: skip
    for sheet in sheets:
        sheet.replace_unstorable()
    if sheet_kind and len(sheets) == 1 and not sheets[0].name:
        sheets[0].name = sheet_kind  # a CSV given to import_cases or import_provenance
    can_restrict = user is None or user.has_perm(RESTRICTED_PERMISSION)
    with transaction.atomic():
        from heritage import importing_related

        cases_sheet = _pick_sheet(sheets, "cases")
        if cases_sheet is not None:
            importing_related.import_cases(cases_sheet, report=report, user=user)
        pieces_sheet = _pick_sheet(sheets, "pieces")
        if pieces_sheet is not None and not report.errors:
            importer = PieceImporter(
                report=report,
                create_missing_terms=create_missing_terms,
                can_restrict=can_restrict,
                sheet=pieces_sheet.name,
            )
            if importer.check_header(pieces_sheet.header):
                report.rows += len(pieces_sheet.rows)
                to_create, to_update = run_piece_rows(importer, pieces_sheet.rows, progress)
                report.created += [piece.catalog_number for piece, _item in to_create]
                report.updated.update(
                    {piece.catalog_number: changed for piece, _item, changed in to_update}
                )
                if not report.errors:
                    if writing:
                        writing(len(to_create) + len(to_update))
                    _apply_piece_plan(
                        importer, to_create, to_update, user=user, publish_new=publish_new
                    )
        provenance_sheet = _pick_sheet(sheets, "provenance")
        if provenance_sheet is not None and not report.errors:
            importing_related.import_provenance(
                provenance_sheet, report=report, user=user, can_restrict=can_restrict
            )
        if cases_sheet is None and pieces_sheet is None and provenance_sheet is None:
            report.error(0, "", _("The workbook has no sheet named pieces, cases or provenance."))
        for number, column, sheet_name in unstorable:
            report.error(
                number, column,
                _("The cell holds a NUL character (U+0000), which cannot be stored; remove it."),
                sheet_name,
            )  # fmt: skip
        if report.errors or dry_run:
            report.errors.sort(key=lambda error: (error.sheet, error.row))
            transaction.set_rollback(True)
        else:
            report.applied = True
    if report.applied and len(report.created) + len(report.updated) >= settings.IMPORT_ANALYZE_ROWS:
        bulk.refresh_statistics(Piece)
    return report


def import_job_run(*, job, apply: bool) -> None:
    """Run an admin import job: a preview (dry run) or the real thing, keeping its report."""
    from heritage.models import ImportJob

    with job.file.open("rb") as handle:
        data = handle.read()
    try:
        report = catalog_import(
            data=data,
            filename=job.original_name,
            user=job.user,
            dry_run=not apply,
            create_missing_terms=job.create_missing_terms,
            publish_new=job.publish_new,
        )
    except Exception:
        job.status = ImportJob.Status.FAILED
        job.save(update_fields=["status"])
        raise
    job.report = report.as_dict()
    if report.errors:
        job.status = ImportJob.Status.REFUSED
    else:
        job.status = ImportJob.Status.APPLIED if apply else ImportJob.Status.PREVIEWED
    job.save(update_fields=["report", "status"])
