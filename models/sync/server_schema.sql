-- The server's side of the sync (models/sync/server_schema.py runs it; its version is
-- SYNC_VERSION there). Laptops reach these tables only through the SECURITY DEFINER
-- functions below: PUBLIC may not read or write them.
CREATE SCHEMA kakehashi_sync;
REVOKE ALL ON SCHEMA kakehashi_sync FROM PUBLIC;
GRANT USAGE ON SCHEMA kakehashi_sync TO PUBLIC;
SET search_path = kakehashi_sync, pg_temp;

CREATE TABLE meta (version integer NOT NULL, app_schema text NOT NULL);
CREATE TABLE mission (
    uuid text PRIMARY KEY, code text NOT NULL UNIQUE,
    team_role text NOT NULL, sensitive_role text NOT NULL,
    conflicts integer NOT NULL DEFAULT 0,
    purged_through bigint NOT NULL DEFAULT 0);     -- the change log before it is compacted
-- Each laptop of a mission and the sequence number up to which it holds the mission (its
-- last pull's start, or the snapshot it joined from): the change log is kept from the lowest.
CREATE TABLE client (
    mission text NOT NULL REFERENCES mission, client text NOT NULL, pulled bigint NOT NULL,
    seen timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (mission, client));
CREATE TABLE secret_field (kind text, field text, PRIMARY KEY (kind, field));
CREATE TABLE ref_field (kind text, field text, PRIMARY KEY (kind, field));
-- A row of a shared mission, field by field: its sensitive fields apart in `secret`.
CREATE TABLE shared_row (
    mission text NOT NULL REFERENCES mission, kind text NOT NULL, uuid text NOT NULL,
    fields jsonb NOT NULL, secret jsonb NOT NULL DEFAULT '{}', parents text[] NOT NULL DEFAULT '{}',
    deleted boolean NOT NULL DEFAULT false, seq bigint NOT NULL,
    PRIMARY KEY (mission, uuid));
CREATE INDEX shared_row_parents ON shared_row USING gin (parents);
CREATE INDEX shared_row_seq ON shared_row (mission, seq);
CREATE SEQUENCE change_seq;
CREATE TABLE change_log (
    seq bigint PRIMARY KEY, mission text NOT NULL, kind text NOT NULL, uuid text NOT NULL,
    op text NOT NULL, field text, value jsonb, secret jsonb, is_secret boolean NOT NULL,
    client text NOT NULL, organizer text NOT NULL, at timestamptz NOT NULL DEFAULT now());
CREATE INDEX change_log_mission ON change_log (mission, seq);
CREATE INDEX change_log_row ON change_log (mission, uuid);
CREATE TABLE conflict (
    mission text NOT NULL, number integer NOT NULL, what text NOT NULL, kind text NOT NULL,
    uuid text NOT NULL, field text NOT NULL, is_secret boolean NOT NULL,
    base jsonb, mine jsonb, theirs jsonb, client text NOT NULL, organizer text NOT NULL,
    at timestamptz NOT NULL DEFAULT now(), resolved_at timestamptz,
    PRIMARY KEY (mission, number));
-- The last batch each laptop pushed and the reply it got: a batch resent after a lost reply
-- gets the same reply and applies nothing again. A laptop sends its next batch only once it
-- has the reply, so the one before is dropped then (its conflicts' values with it).
CREATE TABLE batch (id text PRIMARY KEY, mission text NOT NULL, client text NOT NULL,
                    reply jsonb NOT NULL, at timestamptz NOT NULL DEFAULT now());

-- Row level security: a mission's rows are visible only to its team's role, should anyone be
-- granted the tables themselves (the functions run as their owner and check the team).
ALTER TABLE shared_row ENABLE ROW LEVEL SECURITY;
ALTER TABLE change_log ENABLE ROW LEVEL SECURITY;
ALTER TABLE conflict ENABLE ROW LEVEL SECURITY;
CREATE POLICY team ON shared_row USING (pg_has_role(current_user,
    (SELECT team_role FROM mission m WHERE m.uuid = mission), 'MEMBER'));
CREATE POLICY team ON change_log USING (pg_has_role(current_user,
    (SELECT team_role FROM mission m WHERE m.uuid = mission), 'MEMBER'));
CREATE POLICY team ON conflict USING (pg_has_role(current_user,
    (SELECT team_role FROM mission m WHERE m.uuid = mission), 'MEMBER'));

CREATE FUNCTION team_mission(p_mission text) RETURNS mission
LANGUAGE plpgsql STABLE SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE m mission;
BEGIN
    SELECT * INTO m FROM mission WHERE uuid = p_mission;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'mission not shared' USING ERRCODE = 'KK001';
    END IF;
    IF NOT pg_has_role(session_user, m.team_role, 'MEMBER') THEN
        RAISE EXCEPTION 'not on the team' USING ERRCODE = '42501';
    END IF;
    RETURN m;
END $$;

CREATE FUNCTION is_secret(p_kind text, p_field text) RETURNS boolean
LANGUAGE sql STABLE SET search_path = kakehashi_sync, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM secret_field WHERE kind = p_kind AND field = p_field) $$;

CREATE FUNCTION parents_of(p_kind text, p_fields jsonb) RETURNS text[]
LANGUAGE sql STABLE SET search_path = kakehashi_sync, pg_temp AS $$
    SELECT coalesce(array_agg(p_fields->>field), '{}') FROM ref_field
    WHERE kind = p_kind AND p_fields->>field IS NOT NULL $$;

-- Whether one of these parents is deleted: a row that names one is not brought back.
CREATE FUNCTION parent_deleted(p_mission text, p_parents text[]) RETURNS boolean
LANGUAGE sql STABLE SET search_path = kakehashi_sync, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM shared_row WHERE mission = p_mission
                   AND uuid = ANY(p_parents) AND deleted) $$;

CREATE FUNCTION add_conflict(p_mission text, p_what text, p_kind text, p_uuid text,
                             p_field text, p_base jsonb, p_mine jsonb, p_theirs jsonb,
                             p_client text, p_organizer text) RETURNS jsonb
LANGUAGE plpgsql SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE n integer;
BEGIN
    UPDATE mission SET conflicts = conflicts + 1 WHERE uuid = p_mission RETURNING conflicts INTO n;
    INSERT INTO conflict (mission, number, what, kind, uuid, field, is_secret, base, mine,
                          theirs, client, organizer)
    VALUES (p_mission, n, p_what, p_kind, p_uuid, p_field, is_secret(p_kind, p_field),
            p_base, p_mine, p_theirs, p_client, p_organizer);
    RETURN jsonb_build_object('number', n, 'what', p_what, 'kind', p_kind, 'row', p_uuid,
                              'field', p_field, 'base', p_base, 'mine', p_mine,
                              'theirs', p_theirs);
END $$;

-- Removal means removal: a deleted row's sensitive values leave its tombstone and the change
-- log (a row brought back gets them again from the laptop that brings it back).
CREATE FUNCTION purge_secrets(p_mission text, p_uuid text) RETURNS void
LANGUAGE sql SET search_path = kakehashi_sync, pg_temp AS $$
    UPDATE shared_row SET secret = '{}' WHERE mission = p_mission AND uuid = p_uuid
        AND secret <> '{}';
    UPDATE change_log SET secret = NULL WHERE mission = p_mission AND uuid = p_uuid
        AND secret IS NOT NULL;
$$;

-- Where a laptop is: written only when it moved (or a day passed), so a sync with nothing to
-- do writes nothing.
CREATE FUNCTION known_at(p_mission text, p_client text, p_seq bigint) RETURNS void
LANGUAGE sql SET search_path = kakehashi_sync, pg_temp AS $$
    INSERT INTO client VALUES (p_mission, p_client, p_seq, now())
    ON CONFLICT (mission, client) DO UPDATE SET pulled = EXCLUDED.pulled, seen = EXCLUDED.seen
        WHERE client.pulled <> EXCLUDED.pulled OR client.seen < now() - interval '1 day';
$$;

-- The change log compacted: every change all the mission's laptops hold goes, except each
-- row's last (a joiner's snapshot names who made it, and when). A laptop not seen for 90
-- days is forgotten; should it come back, its pull is refused (KK006) and it joins
-- again. A new laptop joins from the snapshot, not the log.
CREATE FUNCTION purge_log(p_mission text) RETURNS void
LANGUAGE plpgsql SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE horizon bigint; since bigint;
BEGIN
    DELETE FROM client WHERE mission = p_mission AND seen < now() - interval '90 days';
    SELECT min(pulled) INTO horizon FROM client WHERE mission = p_mission;
    SELECT purged_through INTO since FROM mission WHERE uuid = p_mission;
    -- A row's last change kept by an earlier purge, once the row changed again: every laptop
    -- is past it, whether or not the horizon moved since (a laptop that stays behind would
    -- otherwise keep every row's superseded entry until it syncs again).
    DELETE FROM change_log l USING shared_row r WHERE r.mission = p_mission AND r.seq > since
        AND l.mission = p_mission AND l.uuid = r.uuid AND l.seq < r.seq AND l.seq <= since;
    IF horizon IS NULL OR horizon <= since THEN
        RETURN;
    END IF;
    DELETE FROM change_log l WHERE l.mission = p_mission AND l.seq > since
        AND l.seq <= horizon
        AND NOT EXISTS (SELECT 1 FROM shared_row r WHERE r.mission = p_mission
                        AND r.seq = l.seq);
    UPDATE mission SET purged_through = horizon WHERE uuid = p_mission;
END $$;

-- One batch of a laptop's changes, all or nothing, under the mission's advisory lock (so that
-- sequence numbers follow commit order; other missions' teams never wait for it). A field is
-- applied only where the server holds the base the laptop saw; otherwise a conflict keeps
-- both values.
CREATE FUNCTION push(p_mission text, p_batch text, p_client text, p_organizer text,
                     p_changes jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE
    m mission; priv boolean; done jsonb; c jsonb; r shared_row; found_row boolean;
    secret_f boolean; cur jsonb; s bigint; vals jsonb; sec jsonb; par text[]; k text;
    conflicts jsonb := '[]'; applied integer := 0; skipped integer := 0;
    deleted_here text[] := '{}'; kept text[] := '{}'; restored jsonb := '[]';
    secret_keys text[]; touched text[] := '{}';
BEGIN
    m := team_mission(p_mission);
    PERFORM pg_advisory_xact_lock(hashtextextended(p_mission, 0));
    SELECT reply INTO done FROM batch WHERE id = p_batch;
    IF FOUND THEN
        RETURN done;
    END IF;
    priv := pg_has_role(session_user, m.sensitive_role, 'MEMBER');
    FOR c IN SELECT value FROM jsonb_array_elements(p_changes) LOOP
        SELECT * INTO r FROM shared_row WHERE mission = p_mission AND uuid = c->>'row'
            FOR UPDATE;
        found_row := FOUND;
        IF c->>'op' = 'insert' THEN
            secret_keys := ARRAY(SELECT sf.field FROM secret_field sf WHERE sf.kind = c->>'kind');
            vals := (c->'value') - secret_keys;
            sec := '{}';
            IF cardinality(secret_keys) > 0 THEN
                SELECT coalesce(jsonb_object_agg(key, value), '{}') INTO sec
                FROM jsonb_each(c->'value') WHERE key = ANY(secret_keys);
            END IF;
            IF NOT priv THEN
                sec := '{}';
            END IF;
            par := parents_of(c->>'kind', vals);
            IF (SELECT count(*) FROM shared_row p WHERE p.mission = p_mission
                  AND p.uuid = ANY(par) AND NOT p.deleted) < cardinality(par) THEN
                conflicts := conflicts || add_conflict(p_mission, 'insert-deleted', c->>'kind',
                    c->>'row', '', NULL, vals, NULL, p_client, p_organizer);
                CONTINUE;
            END IF;
            IF found_row AND NOT r.deleted THEN       -- the same link made on two laptops
                FOR k IN SELECT key FROM jsonb_each(vals)
                         WHERE r.fields->key IS DISTINCT FROM vals->key LOOP
                    conflicts := conflicts || add_conflict(p_mission, 'edit', c->>'kind',
                        c->>'row', k, NULL, vals->k, r.fields->k, p_client, p_organizer);
                END LOOP;
                CONTINUE;
            END IF;
            s := nextval('change_seq');
            IF found_row THEN                          -- a tombstone: the row comes back
                vals := r.fields || vals;
                sec := r.secret || sec;
                UPDATE shared_row SET fields = vals, secret = sec, parents = par,
                    deleted = false, seq = s WHERE mission = p_mission AND uuid = r.uuid;
            ELSE
                INSERT INTO shared_row VALUES (p_mission, c->>'kind', c->>'row', vals, sec,
                                               par, false, s);
            END IF;
            INSERT INTO change_log VALUES (s, p_mission, c->>'kind', c->>'row', 'insert', NULL,
                                           vals, sec, false, p_client, p_organizer, now());
            touched := touched || (c->>'row');
            applied := applied + 1;
        ELSIF c->>'op' = 'update' THEN
            secret_f := is_secret(c->>'kind', c->>'field');
            IF secret_f AND NOT priv THEN
                skipped := skipped + 1;
                CONTINUE;
            END IF;
            IF NOT found_row OR r.deleted THEN
                conflicts := conflicts || add_conflict(p_mission, 'edit-deleted', c->>'kind',
                    c->>'row', c->>'field', c->'base', c->'value', NULL, p_client, p_organizer);
                CONTINUE;
            END IF;
            cur := coalesce(CASE WHEN secret_f THEN r.secret ELSE r.fields END -> (c->>'field'),
                            'null');
            IF cur = c->'value' THEN
                CONTINUE;                               -- the same edit made on both sides
            ELSIF cur IS DISTINCT FROM c->'base' THEN
                conflicts := conflicts || add_conflict(p_mission, 'edit', c->>'kind',
                    c->>'row', c->>'field', c->'base', c->'value', cur, p_client, p_organizer);
                CONTINUE;
            END IF;
            s := nextval('change_seq');
            IF secret_f THEN
                UPDATE shared_row SET secret = secret || jsonb_build_object(c->>'field', c->'value'),
                    seq = s WHERE mission = p_mission AND uuid = r.uuid;
            ELSE
                vals := r.fields || jsonb_build_object(c->>'field', c->'value');
                UPDATE shared_row SET fields = vals, parents = parents_of(r.kind, vals), seq = s
                    WHERE mission = p_mission AND uuid = r.uuid;
            END IF;
            INSERT INTO change_log VALUES (s, p_mission, c->>'kind', c->>'row', 'update',
                c->>'field', CASE WHEN secret_f THEN NULL ELSE c->'value' END,
                CASE WHEN secret_f THEN c->'value' END, secret_f, p_client, p_organizer, now());
            touched := touched || (c->>'row');
            applied := applied + 1;
        ELSIF c->>'op' = 'delete' THEN
            IF NOT found_row OR r.deleted THEN
                CONTINUE;
            END IF;
            -- Edited since this laptop saw it (a reference the laptop's cascade had already
            -- cleared reads null: not a change), or with children still there: a conflict.
            IF EXISTS (SELECT 1 FROM jsonb_each(c->'base') e
                       WHERE NOT (is_secret(r.kind, e.key) AND NOT priv)
                         AND NOT (e.value = 'null' AND EXISTS (SELECT 1 FROM ref_field rf
                                  WHERE rf.kind = r.kind AND rf.field = e.key))
                         AND e.value IS DISTINCT FROM coalesce(
                             (r.fields || r.secret) -> e.key, 'null'))
               OR EXISTS (SELECT 1 FROM shared_row ch WHERE ch.mission = p_mission
                          AND ch.parents @> ARRAY[r.uuid] AND NOT ch.deleted) THEN
                kept := kept || r.uuid;
                conflicts := conflicts || add_conflict(p_mission, 'delete-edited', r.kind,
                    r.uuid, '', c->'base', NULL,
                    CASE WHEN priv THEN r.fields || r.secret ELSE r.fields END,
                    p_client, p_organizer);
                CONTINUE;
            END IF;
            s := nextval('change_seq');
            UPDATE shared_row SET deleted = true, seq = s WHERE mission = p_mission AND uuid = r.uuid;
            INSERT INTO change_log VALUES (s, p_mission, r.kind, r.uuid, 'delete', NULL, NULL,
                                           NULL, false, p_client, p_organizer, now());
            PERFORM purge_secrets(p_mission, r.uuid);
            deleted_here := deleted_here || r.uuid;
            touched := touched || r.uuid;
            applied := applied + 1;
        END IF;
    END LOOP;
    -- A delete refused keeps what this batch deleted under it (its cascade), level by level:
    -- a row whose other parent is gone stays deleted (a link of the kept item to a person
    -- this batch deleted went with the person; kept, it would name a person nobody has).
    WHILE cardinality(kept) > 0 LOOP
        par := kept;
        kept := '{}';
        FOR r IN SELECT * FROM shared_row ch WHERE ch.mission = p_mission AND ch.deleted
                 AND ch.uuid = ANY(deleted_here) AND ch.parents && par
                 AND NOT parent_deleted(p_mission, ch.parents) LOOP
            s := nextval('change_seq');
            UPDATE shared_row SET deleted = false, seq = s WHERE mission = p_mission AND uuid = r.uuid;
            INSERT INTO change_log VALUES (s, p_mission, r.kind, r.uuid, 'insert', NULL, r.fields,
                                           r.secret, false, p_client, p_organizer, now());
            restored := restored || jsonb_build_object('kind', r.kind, 'row', r.uuid, 'value',
                CASE WHEN priv THEN r.fields || r.secret ELSE r.fields END);
            kept := kept || r.uuid;
            deleted_here := array_remove(deleted_here, r.uuid);
        END LOOP;
    END LOOP;
    PERFORM project(p_mission, touched);        -- the app's own tables (typed_tables.py)
    done := jsonb_build_object('applied', applied, 'skipped', skipped, 'conflicts', conflicts,
        'restored', restored,
        'at', now(), 'seq', (SELECT coalesce(max(l.seq), 0) FROM change_log l
                             WHERE l.mission = p_mission));
    DELETE FROM batch WHERE mission = p_mission AND client = p_client;
    INSERT INTO batch VALUES (p_batch, p_mission, p_client, done, now());
    RETURN done;
END $$;

-- A mission's first rows, set-based (a share of the 100x mission is tens of thousands of rows,
-- too many for push's row-by-row checks, none of which can fail on a mission with no rows yet).
CREATE FUNCTION seed(p_mission text, p_client text, p_organizer text, p_rows jsonb)
RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE m mission; head bigint;
BEGIN
    m := team_mission(p_mission);
    PERFORM pg_advisory_xact_lock(hashtextextended(p_mission, 0));
    IF EXISTS (SELECT 1 FROM shared_row WHERE mission = p_mission) THEN
        RAISE EXCEPTION 'already shared' USING ERRCODE = 'KK004';
    END IF;
    WITH secrets AS MATERIALIZED (
        SELECT kind, array_agg(field) AS keys FROM secret_field GROUP BY kind),
    seeded AS MATERIALIZED (
        SELECT nextval('change_seq') AS seq, x.e->>'kind' AS kind, x.e->>'row' AS uuid,
               (x.e->'value') - coalesce(s.keys, '{}') AS fields,
               CASE WHEN s.keys IS NULL THEN '{}'::jsonb ELSE (
                   SELECT coalesce(jsonb_object_agg(key, value), '{}') FROM jsonb_each(x.e->'value')
                   WHERE key = ANY(s.keys)) END AS secret
        FROM jsonb_array_elements(p_rows) WITH ORDINALITY AS x(e, n)
        LEFT JOIN secrets s ON s.kind = x.e->>'kind' ORDER BY x.n),
    stored AS (
        INSERT INTO shared_row SELECT p_mission, kind, uuid, fields, secret,
               parents_of(kind, fields), false, seq FROM seeded)
    INSERT INTO change_log SELECT seq, p_mission, kind, uuid, 'insert', NULL, fields, secret,
           false, p_client, p_organizer, now() FROM seeded;
    PERFORM project(p_mission, NULL);
    SELECT coalesce(max(seq), 0) INTO head FROM change_log WHERE mission = p_mission;
    PERFORM known_at(p_mission, p_client, head);
    RETURN head;
END $$;

-- The changes after `p_after`, in sequence order; sensitive values only for a role with the
-- mission's sensitive privilege.
CREATE FUNCTION pull(p_mission text, p_client text, p_after bigint, p_limit integer)
RETURNS TABLE (seq bigint, kind text, uuid text, op text, field text, value jsonb,
               client text, organizer text, at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
#variable_conflict use_column
DECLARE m mission; priv boolean;
BEGIN
    m := team_mission(p_mission);
    IF p_after < m.purged_through THEN      -- forgotten (away longer than kept): join again
        RAISE EXCEPTION 'change log purged' USING ERRCODE = 'KK006';
    END IF;
    PERFORM known_at(p_mission, p_client, p_after);
    PERFORM purge_log(p_mission);
    priv := pg_has_role(session_user, m.sensitive_role, 'MEMBER');
    RETURN QUERY SELECT l.seq, l.kind, l.uuid, l.op, l.field,
        CASE WHEN l.op = 'insert' AND priv THEN l.value || coalesce(l.secret, '{}')
             WHEN l.is_secret THEN l.secret ELSE l.value END,
        l.client, l.organizer, l.at
    FROM change_log l WHERE l.mission = p_mission AND l.seq > p_after
      AND (priv OR NOT l.is_secret) AND NOT (l.is_secret AND l.secret IS NULL)
    ORDER BY l.seq LIMIT p_limit;
END $$;

-- The mission as it is now (for a first join) and the sequence number it is at; the joining
-- laptop is known from then on (the change log after that number is kept for it).
CREATE FUNCTION snapshot(p_mission text, p_client text)
RETURNS TABLE (kind text, uuid text, fields jsonb, head bigint, organizer text, at timestamptz)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
#variable_conflict use_column
DECLARE m mission; priv boolean; h bigint;
BEGIN
    m := team_mission(p_mission);
    priv := pg_has_role(session_user, m.sensitive_role, 'MEMBER');
    -- Under the mission's lock: no push commits a number below the head after it is read.
    PERFORM pg_advisory_xact_lock(hashtextextended(p_mission, 0));
    SELECT coalesce(max(l.seq), 0) INTO h FROM change_log l WHERE l.mission = p_mission;
    PERFORM known_at(p_mission, p_client, h);
    RETURN QUERY SELECT r.kind, r.uuid,
        CASE WHEN priv THEN r.fields || r.secret ELSE r.fields END, h,
        c.organizer, c.at
    FROM shared_row r LEFT JOIN change_log c ON c.seq = r.seq
    WHERE r.mission = p_mission AND NOT r.deleted;
END $$;

CREATE FUNCTION find_mission(p_code text) RETURNS text
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE u text;
BEGIN
    SELECT uuid INTO u FROM mission WHERE code = p_code;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'mission not shared' USING ERRCODE = 'KK001';
    END IF;
    PERFORM team_mission(u);
    RETURN u;
END $$;

CREATE FUNCTION open_conflicts(p_mission text)
RETURNS TABLE (number integer, what text, kind text, uuid text, field text, base jsonb,
               mine jsonb, theirs jsonb)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
#variable_conflict use_column
DECLARE m mission; priv boolean;
BEGIN
    m := team_mission(p_mission);
    priv := pg_has_role(session_user, m.sensitive_role, 'MEMBER');
    RETURN QUERY SELECT c.number, c.what, c.kind, c.uuid, c.field,
        CASE WHEN priv OR NOT c.is_secret THEN c.base END,
        CASE WHEN priv OR NOT c.is_secret THEN c.mine END,
        CASE WHEN priv OR NOT c.is_secret THEN c.theirs END
    FROM conflict c WHERE c.mission = p_mission AND c.resolved_at IS NULL ORDER BY c.number;
END $$;

-- A conflict settled: "theirs" keeps the server's state, "mine" the laptop's value, "value"
-- one typed; the settled value is a new change, and the conflict's values are purged.
CREATE FUNCTION resolve(p_mission text, p_number integer, p_take text, p_value jsonb,
                        p_client text, p_organizer text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE m mission; c conflict; r shared_row; v jsonb; s bigint; secret_f boolean;
BEGIN
    m := team_mission(p_mission);
    PERFORM pg_advisory_xact_lock(hashtextextended(p_mission, 0));
    SELECT * INTO c FROM conflict WHERE mission = p_mission AND number = p_number
        AND resolved_at IS NULL FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no such open conflict' USING ERRCODE = 'KK002';
    END IF;
    IF c.is_secret AND NOT pg_has_role(session_user, m.sensitive_role, 'MEMBER') THEN
        RAISE EXCEPTION 'sensitive' USING ERRCODE = '42501';
    END IF;
    v := CASE p_take WHEN 'mine' THEN c.mine ELSE p_value END;
    SELECT * INTO r FROM shared_row WHERE mission = p_mission AND uuid = c.uuid FOR UPDATE;
    IF p_take <> 'theirs' THEN
        IF c.what = 'edit' THEN
            IF r.deleted THEN
                RAISE EXCEPTION 'row deleted' USING ERRCODE = 'KK003';
            END IF;
            secret_f := c.is_secret;
            s := nextval('change_seq');
            IF secret_f THEN
                UPDATE shared_row SET secret = secret || jsonb_build_object(c.field, v), seq = s
                    WHERE mission = p_mission AND uuid = c.uuid;
            ELSE
                UPDATE shared_row SET fields = fields || jsonb_build_object(c.field, v),
                    parents = parents_of(kind, fields || jsonb_build_object(c.field, v)), seq = s
                    WHERE mission = p_mission AND uuid = c.uuid;
            END IF;
            INSERT INTO change_log VALUES (s, p_mission, c.kind, c.uuid, 'update', c.field,
                CASE WHEN secret_f THEN NULL ELSE v END, CASE WHEN secret_f THEN v END,
                secret_f, p_client, p_organizer, now());
        -- Kept only with what it hangs on: a room of a stay deleted meanwhile, revived,
        -- would name a stay nobody has (the stay's own conflict, if any, comes first).
        ELSIF c.what = 'edit-deleted' AND r.deleted
              AND NOT parent_deleted(p_mission, r.parents) THEN
            s := nextval('change_seq');
            UPDATE shared_row SET fields = CASE WHEN c.is_secret THEN fields
                    ELSE fields || jsonb_build_object(c.field, v) END,
                secret = CASE WHEN c.is_secret THEN secret || jsonb_build_object(c.field, v)
                    ELSE secret END,
                deleted = false, seq = s WHERE mission = p_mission AND uuid = c.uuid
                RETURNING * INTO r;
            INSERT INTO change_log VALUES (s, p_mission, c.kind, c.uuid, 'insert', NULL,
                r.fields, r.secret, false, p_client, p_organizer, now());
        ELSIF c.what = 'delete-edited' AND p_take = 'mine' AND NOT r.deleted
              AND NOT EXISTS (SELECT 1 FROM shared_row ch WHERE ch.mission = p_mission
                              AND ch.parents @> ARRAY[r.uuid] AND NOT ch.deleted) THEN
            s := nextval('change_seq');
            UPDATE shared_row SET deleted = true, seq = s WHERE mission = p_mission AND uuid = c.uuid;
            INSERT INTO change_log VALUES (s, p_mission, c.kind, c.uuid, 'delete', NULL, NULL,
                                           NULL, false, p_client, p_organizer, now());
            PERFORM purge_secrets(p_mission, c.uuid);
        ELSIF c.what = 'edit-deleted' AND r.deleted THEN     -- what it hangs on is gone
            RAISE EXCEPTION 'parent deleted' USING ERRCODE = 'KK007';
        ELSE
            RAISE EXCEPTION 'cannot take that' USING ERRCODE = 'KK003';
        END IF;
    END IF;
    PERFORM project(p_mission, ARRAY[c.uuid]);
    UPDATE conflict SET resolved_at = now(), base = NULL, mine = NULL, theirs = NULL
        WHERE mission = p_mission AND number = p_number;
    UPDATE batch SET reply = jsonb_set(reply, '{conflicts}', (
            SELECT coalesce(jsonb_agg(e), '[]') FROM jsonb_array_elements(reply->'conflicts') e
            WHERE (e->>'number')::integer <> p_number))
        WHERE mission = p_mission;
END $$;

-- A new shared mission: its team and sensitive roles (the sharer in both).
CREATE FUNCTION add_mission(p_mission text, p_code text) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE team text := 'kakehashi_team_' || replace(p_mission, '-', '');
        secret text := 'kakehashi_sensitive_' || replace(p_mission, '-', '');
BEGIN
    IF EXISTS (SELECT 1 FROM mission WHERE uuid = p_mission OR code = p_code) THEN
        RAISE EXCEPTION 'already shared' USING ERRCODE = 'KK004';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = team) THEN
        EXECUTE format('CREATE ROLE %I NOLOGIN', team);
        EXECUTE format('CREATE ROLE %I NOLOGIN', secret);
    END IF;
    EXECUTE format('GRANT %I, %I TO %I', team, secret, session_user);
    INSERT INTO mission VALUES (p_mission, p_code, team, secret, 0);
END $$;

-- A colleague's login role put on the mission's team (one role per organizer), and given the
-- sensitive privilege only when asked, by a team member who holds it.
CREATE FUNCTION add_organizer(p_mission text, p_role text, p_sensitive boolean) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
DECLARE m mission;
BEGIN
    m := team_mission(p_mission);
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_role) THEN
        RAISE EXCEPTION 'no such role' USING ERRCODE = 'KK005';
    END IF;
    IF p_sensitive AND NOT pg_has_role(session_user, m.sensitive_role, 'MEMBER') THEN
        RAISE EXCEPTION 'sensitive' USING ERRCODE = '42501';
    END IF;
    EXECUTE format('GRANT %I TO %I', m.team_role, p_role);
    IF p_sensitive THEN
        EXECUTE format('GRANT %I TO %I', m.sensitive_role, p_role);
    END IF;
END $$;

-- The sync schema's version and the app schema's revision, for a laptop to compare with its
-- own (it may not read the tables themselves).
CREATE FUNCTION versions(OUT sync_version integer, OUT app_revision text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = kakehashi_sync, pg_temp AS $$
BEGIN
    SELECT version INTO sync_version FROM meta;
    SELECT version_num INTO app_revision FROM public.alembic_version;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA kakehashi_sync FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA kakehashi_sync FROM PUBLIC;
GRANT EXECUTE ON FUNCTION seed(text, text, text, jsonb), versions(), add_organizer(text, text, boolean), push(text, text, text, text, jsonb), pull(text, text, bigint, integer),
    snapshot(text, text), find_mission(text), open_conflicts(text),
    resolve(text, integer, text, jsonb, text, text), add_mission(text, text) TO PUBLIC;
