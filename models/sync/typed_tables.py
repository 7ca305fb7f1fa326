"""The shared missions in the server's own tables: what the sync schema's functions merge into
kakehashi_sync.shared_row (JSON per row) written through to the app's typed tables of the
public schema as well, so that the app opened on the server database (`main.py --db
postgresql://...`) shows each shared mission as merged there.

Generated here from the mission's parts (models.mission_document.PARTS) when the sync schema
is installed: one PL/pgSQL function, kakehashi_sync.project(mission, uuids), that upserts the
living rows with these UUIDs into their tables, parents first, each reference turned from the
UUID on the wire into the server table's own integer id, and deletes the dead ones, children
first. A row of a part no mission owns (a person, an organization, a site) is deleted only
when no other shared mission still holds it. The sensitive fields go there too: the tables
belong to the server's administrator and the organizers' roles have no grants on them.

A row the tables refuse (a uniqueness rule of the app's that two laptops' merged edits break,
a parent missing there) does not stop the team's sync: it waits in kakehashi_sync.typed_lag
(its SQLSTATE and the table, column or rule that refused it, never a value) and is written
again with the mission's next change.
"""

from __future__ import annotations

from models.mission_document import PARTS

# SQLSTATE classes a row's write may fail with and the sync goes on: integrity (23) and data
# (22: a value the column's type refuses).
_REFUSED = "integrity_constraint_violation OR data_exception"


def _literal(value) -> str | None:
    """A column's scalar default as SQL, or None when it is not a plain one."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    return None


def _value(part, column) -> str:
    """The expression of one column of the part's table, from shared_row s and the record r
    its fields || secret make."""
    refs = {c: (name, target) for c, name, target in part.ref_names()}
    if column.name == "uuid":
        return "s.uuid"
    if column.name in refs:
        name, target = refs[column.name]
        table = next(p for p in PARTS if p.key == target).table.name
        return (f'(SELECT x.id FROM public."{table}" x '
                f"WHERE x.uuid = s.fields->>'{name}')")
    default = column.default
    literal = (_literal(default.arg) if default is not None and default.is_scalar
               and not column.nullable else None)
    if literal is not None:           # a sensitive field a colleague without it never sent
        return f'coalesce(r."{column.name}", {literal})'
    return f'r."{column.name}"'


def _columns(part) -> list:
    clashing = {n for _c, n, _t in part.ref_names()} & {c.name for c in part.table.columns}
    if clashing:       # the record r would read a reference's UUID as that column
        raise ValueError(f"{part.key}: a reference named as a column: {sorted(clashing)}")
    return [c for c in part.table.columns if c.name != "id"]


# Which rows a statement writes: the mission's all (a first share), or those of p_uuids; two
# statements, not one with "p_uuids IS NULL OR": PL/pgSQL's cached plan of that one could not
# use shared_row's key and read the whole mission for each push.
_ALL = ""
_SOME = " AND s.uuid = ANY(p_uuids)"


def _upsert(part, rows: str) -> str:
    table = part.table.name
    columns = _columns(part)
    listed = ", ".join(f'"{c.name}"' for c in columns)
    values = ", ".join(_value(part, c) for c in columns)
    sets = ", ".join(f'"{c.name}" = EXCLUDED."{c.name}"' for c in columns if c.name != "uuid")
    return (f'INSERT INTO public."{table}" AS t ({listed}) SELECT {values} '
            f"FROM shared_row s CROSS JOIN LATERAL "
            f'jsonb_populate_record(NULL::public."{table}", s.fields || s.secret) r '
            f"WHERE s.mission = p_mission AND s.kind = '{part.key}' AND NOT s.deleted{rows} "
            f"ON CONFLICT (uuid) DO UPDATE SET {sets};")


def _delete(part, rows: str) -> str:
    table = part.table.name
    kept = ("" if part.owned else
            " AND NOT EXISTS (SELECT 1 FROM shared_row o WHERE o.uuid = s.uuid "
            "AND o.mission <> p_mission AND NOT o.deleted)")
    return (f'DELETE FROM public."{table}" t USING shared_row s WHERE t.uuid = s.uuid '
            f"AND s.mission = p_mission AND s.kind = '{part.key}' AND s.deleted{rows}{kept};")


def project_sql() -> str:
    """The functions, in the sync schema (run after server_schema.sql, same transaction)."""
    every = "\n        ".join(_upsert(p, _ALL) for p in PARTS)
    # Of the rows of p_uuids, only the statements of their parts run (a push's few parts).
    upserts = "\n    ".join(f"IF '{p.key}' = ANY(kinds) THEN {_upsert(p, _SOME)} END IF;"
                            for p in PARTS)
    deletes = "\n    ".join(f"IF '{p.key}' = ANY(kinds) THEN {_delete(p, _SOME)} END IF;"
                            for p in reversed(PARTS))
    kinds = ", ".join(f"('{p.key}', {n})" for n, p in enumerate(PARTS))
    return f"""
CREATE TABLE kind_order (kind text PRIMARY KEY, position integer NOT NULL);
INSERT INTO kind_order VALUES {kinds};
CREATE TABLE typed_lag (
    mission text NOT NULL, uuid text NOT NULL, sqlstate text NOT NULL, refused_by text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (mission, uuid));

-- The rows with these UUIDs (all the mission's when NULL) as shared_row holds them now, in
-- the app's tables: one statement per table, parents first, deletes children first. Naive
-- instants on the wire are UTC (the function's own time zone).
CREATE FUNCTION project_rows(p_mission text, p_uuids text[]) RETURNS void
LANGUAGE plpgsql SET search_path = kakehashi_sync, pg_temp SET timezone = 'UTC' AS $$
DECLARE kinds text[];
BEGIN
    IF p_uuids IS NULL THEN       -- a first share: its rows are all alive
        {every}
        RETURN;
    END IF;
    kinds := ARRAY(SELECT DISTINCT s.kind FROM shared_row s WHERE s.mission = p_mission
                   AND s.uuid = ANY(p_uuids));
    {upserts}
    {deletes}
END $$;

-- What push, seed and resolve call: the rows written set-based; should the tables refuse
-- one, each row on its own (parents first) and the refused ones kept in typed_lag, retried
-- with the mission's next change.
CREATE FUNCTION project(p_mission text, p_uuids text[]) RETURNS void
LANGUAGE plpgsql SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE wanted text[]; u text; failed boolean := false; t text; c text; k text;
BEGIN
    IF p_uuids IS NOT NULL AND cardinality(p_uuids) = 0
       AND NOT EXISTS (SELECT 1 FROM typed_lag WHERE mission = p_mission) THEN
        RETURN;
    END IF;
    wanted := CASE WHEN p_uuids IS NULL THEN NULL ELSE p_uuids || ARRAY(
        SELECT l.uuid FROM typed_lag l WHERE l.mission = p_mission) END;
    BEGIN
        PERFORM project_rows(p_mission, wanted);
    EXCEPTION WHEN {_REFUSED} THEN
        failed := true;
    END;
    IF NOT failed THEN
        DELETE FROM typed_lag WHERE mission = p_mission
            AND (wanted IS NULL OR uuid = ANY(wanted));
        RETURN;
    END IF;
    FOR u IN SELECT s.uuid FROM shared_row s JOIN kind_order k ON k.kind = s.kind
             WHERE s.mission = p_mission AND (wanted IS NULL OR s.uuid = ANY(wanted))
             ORDER BY CASE WHEN s.deleted THEN -k.position ELSE k.position END, s.seq LOOP
        BEGIN
            PERFORM project_rows(p_mission, ARRAY[u]);
            DELETE FROM typed_lag WHERE mission = p_mission AND uuid = u;
        EXCEPTION WHEN {_REFUSED} THEN
            -- Not SQLERRM: a value the type refused is quoted in it (a date of birth).
            GET STACKED DIAGNOSTICS t = TABLE_NAME, c = COLUMN_NAME, k = CONSTRAINT_NAME;
            INSERT INTO typed_lag VALUES (p_mission, u, SQLSTATE,
                    concat_ws(' ', nullif(t, ''), nullif(c, ''), nullif(k, '')), now())
                ON CONFLICT (mission, uuid) DO UPDATE SET sqlstate = EXCLUDED.sqlstate,
                    refused_by = EXCLUDED.refused_by, at = EXCLUDED.at;
        END;
    END LOOP;
END $$;
REVOKE ALL ON kind_order, typed_lag FROM PUBLIC;
REVOKE ALL ON FUNCTION project_rows(text, text[]), project(text, text[]) FROM PUBLIC;
"""
