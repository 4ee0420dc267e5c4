"""Fast bulk writes for imports: ids allocated up front, rows streamed with COPY on PostgreSQL.

Allocating ids first lets a piece point at its first revision (and a log entry at that revision)
before either is written; PostgreSQL checks those foreign keys at commit (Django creates them
DEFERRABLE INITIALLY DEFERRED). SQLite, the embedded default, uses bulk_create with the same ids.
"""

from django.db import connection
from django.db.models.query_utils import DeferredAttribute


def allocate_ids(model, count: int) -> list[int]:
    """Reserve `count` primary keys for `model` inside the current transaction."""
    if count == 0:
        return []
    table = model._meta.db_table
    column = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                [table, column, count],
            )
            return [row[0] for row in cursor.fetchall()]
        # SQLite writes one transaction at a time, so the ids after the current maximum are
        # ours until commit; a concurrent writer would fail the import, not corrupt it.
        quoted_table = connection.ops.quote_name(table)
        quoted_column = connection.ops.quote_name(column)
        cursor.execute(f"SELECT COALESCE(MAX({quoted_column}), 0) FROM {quoted_table}")  # noqa: S608
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def insert(model, objects: list) -> None:
    """Insert instances whose primary keys are already set (see allocate_ids)."""
    if not objects:
        return
    if connection.vendor != "postgresql":
        model.objects.bulk_create(objects, batch_size=500)
        return
    fields = list(model._meta.concrete_fields)
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({columns}) FROM STDIN"  # noqa: S608 - names come from the model
        ) as copy,
    ):
        readers = [_reader(model, field) for field in fields]
        for obj in objects:
            copy.write_row([read(obj) for read in readers])


def _reader(model, field):
    """How to read a field's database value from an instance, as save() would, but cheaply:
    a plain attribute straight from the instance, and the full pre_save() only where it
    computes something (auto_now dates, modeltranslation's language-resolved originals)."""
    attname = field.attname
    descriptor = model.__dict__.get(attname)
    computed = getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    if computed or (descriptor is not None and not isinstance(descriptor, DeferredAttribute)):
        return lambda obj: field.get_db_prep_save(field.pre_save(obj, True), connection)
    if field.get_internal_type() in PLAIN_TYPES:
        return lambda obj: obj.__dict__.get(attname)
    if field.get_internal_type() == "DateTimeField":
        # An aware datetime (what timezone.now() gives) goes as it is; Django's preparation,
        # with its naive-datetime warning, only for anything else.
        def read_datetime(obj):
            value = obj.__dict__.get(attname)
            if value is None or getattr(value, "tzinfo", None) is not None:
                return value
            return field.get_db_prep_save(value, connection)

        return read_datetime
    return lambda obj: field.get_db_prep_save(obj.__dict__.get(attname), connection)


# Types psycopg writes as they come from Python; everything else goes through Django's prep.
PLAIN_TYPES = {
    "AutoField",
    "BigAutoField",
    "BigIntegerField",
    "BooleanField",
    "CharField",
    "ForeignKey",
    "IntegerField",
    "PositiveIntegerField",
    "SlugField",
    "SmallIntegerField",
    "TextField",
    "URLField",
}


def refresh_statistics(model) -> None:
    """ANALYZE `model`'s table and its many-to-many link tables on PostgreSQL, after a bulk
    write: autovacuum would do it a minute or more later, and until then the planner reads the
    table at its old size (measured at 150,000 pieces after an import: a catalog query of 58 ms
    took 9.5 ms once the statistics were fresh). SQLite plans without them; nothing to do."""
    if connection.vendor != "postgresql":
        return
    tables = [model._meta.db_table]
    for field in model._meta.local_many_to_many:
        tables.append(field.remote_field.through._meta.db_table)
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def insert_links(through, rows: list[dict]) -> None:
    """Many-to-many rows ({"piece_id": …, "material_id": …}) without ids of their own."""
    if not rows:
        return
    if connection.vendor != "postgresql":
        through.objects.bulk_create([through(**row) for row in rows], batch_size=1000)
        return
    columns = list(rows[0])
    table = connection.ops.quote_name(through._meta.db_table)
    names = ", ".join(connection.ops.quote_name(column) for column in columns)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(
            f"COPY {table} ({names}) FROM STDIN"  # noqa: S608 - names come from the model
        ) as copy,
    ):
        for row in rows:
            copy.write_row([row[column] for column in columns])


def new_object_content(obj) -> dict:
    """What obj.serializable_data() returns for a new ClusterableModel instance with no
    children yet (the revision content Wagtail stores), computed without modelcluster's
    per-field overhead. tests/heritage/test_import.py checks the two agree."""
    from modelcluster.models import (
        get_all_child_m2m_relations,
        get_all_child_relations,
        get_field_value,
    )

    model = type(obj)
    plan = _CONTENT_PLANS.get(model)
    if plan is None:
        plan = []
        for field in model._meta.fields:
            if not field.serialize:
                continue
            descriptor = model.__dict__.get(field.attname)
            plain = descriptor is None or isinstance(descriptor, DeferredAttribute)
            if field.remote_field is not None:
                plan.append((field.name, field.attname, "relation"))
            elif (
                plain
                and not getattr(field, "auto_now", False)
                and field.get_internal_type() in PLAIN_TYPES
            ):
                plan.append((field.name, field.attname, "plain"))
            else:
                plan.append((field.name, field, "full"))
        children = [rel.get_accessor_name() for rel in get_all_child_relations(model)]
        m2m = [field.name for field in get_all_child_m2m_relations(model) if field.serialize]
        plan = (plan, children, m2m)
        _CONTENT_PLANS[model] = plan
    fields, children, m2m = plan
    data = {"pk": obj.pk}
    values = obj.__dict__
    for name, how, kind in fields:
        if kind == "full":
            data[name] = get_field_value(how, obj)
        else:
            value = values.get(how)
            data[name] = value
    for name in children:
        data[name] = []
    for name in m2m:
        data[name] = [item.pk for item in getattr(obj, name).all()]
    return data


_CONTENT_PLANS: dict = {}


def blank_instance(model, **values):
    """A new, unsaved instance with the model's defaults, copied from a template.

    Model.__init__ is costly here: modeltranslation computes each translated field's default
    under a language switch, which dominates an import of thousands of rows. The template's
    defaults are immutable values, so a shallow copy of its fields is a faithful new instance."""
    from django.db.models.base import ModelState

    template = _TEMPLATES.get(model)
    if template is None:
        template = _TEMPLATES[model] = model()
    instance = model.__new__(model)
    instance.__dict__ = template.__dict__.copy()
    instance._state = ModelState()
    for name, value in values.items():
        setattr(instance, name, value)
    return instance


_TEMPLATES: dict = {}
