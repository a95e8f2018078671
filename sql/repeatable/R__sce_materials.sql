-- Enablement materials (V0037): who reads them, how they derive from one another, versions, kits,
-- uses and ratings by the front line. Every trigger reads as the caller and checks the row's
-- scope first (R__org_scope.sql): a row outside it, or a reference the caller cannot see, is
-- refused as row-level security refuses, naming nothing.

-- Who reads what ------------------------------------------------------------------------------------

-- The caller's seller record (their login's), if any.
CREATE OR REPLACE FUNCTION sce.my_seller() RETURNS bigint
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT s.id FROM sce.seller s WHERE s.login = current_user AND s.active;
END;

-- Whether a row of (unit, BU) belongs to a unit at or above one of the caller's grants, for that
-- grant's BU (a grant for every BU, or a row for every BU, matches any): HQ's and its region's
-- materials are the giants' shoulders a country stands on. Each grant is matched with its own BU,
-- so grants on DE/CARRIER and CN/ENTERPRISE read neither DE/ENTERPRISE nor APAC/CARRIER.
-- SQL-standard body (no USAGE on org needed, like org.visible_units).
CREATE OR REPLACE FUNCTION sce.reads_above(unit_id bigint, bu_id bigint) RETURNS boolean
LANGUAGE sql STABLE PARALLEL UNSAFE
BEGIN ATOMIC
    SELECT EXISTS (SELECT FROM org.effective_grant g JOIN org.unit u ON u.id = g.unit_id
                   WHERE reads_above.unit_id = ANY (u.path)
                     AND (reads_above.bu_id IS NULL OR g.bu_id IS NULL OR g.bu_id = reads_above.bu_id));
END;
-- (Helpers an earlier draft of this file had.)
DROP FUNCTION IF EXISTS sce.units_above();
DROP FUNCTION IF EXISTS sce.granted_bus();

GRANT EXECUTE ON FUNCTION sce.my_seller(), sce.reads_above(bigint, bigint) TO mtl_reader, mtl_bi, mtl_seller;

-- The segments of the caller's scope, by unit and code, for enablement's own lookups: sellers have
-- no privilege on mm, and their materials, certifications and readiness name segments. A view
-- owned by mtl_owner that filters by the caller's grants itself (current_user stays the caller in
-- a view), as RLS would: only id, unit, BU, code, name and horizon.
CREATE OR REPLACE VIEW sce.segment_ref WITH (security_barrier = true) AS
SELECT s.id, s.unit_id, s.bu_id, u.code AS unit_code, s.code, u.code || '/' || s.code AS reference, s.name, s.horizon
FROM mm.segment s JOIN org.unit u ON u.id = s.unit_id
WHERE s.unit_id = ANY (org.visible_units())
  AND ((SELECT org.sees_every_bu()) OR s.unit_id = ANY (org.visible_units_all_bus())
       OR ROW(s.unit_id, s.bu_id)::org.unit_bu = ANY (org.visible_unit_bus()));
COMMENT ON VIEW sce.segment_ref IS 'The segments of the caller''s scope (unit, code, name, horizon), for enablement lookups by people without access to mm, such as sellers.';
GRANT SELECT ON sce.segment_ref TO mtl_reader, mtl_seller;

-- Reference data and settings: sellers read them too.
DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['sce.seller_role', 'sce.sales_stage', 'sce.scenario', 'sce.setting'] LOOP
        EXECUTE format('ALTER POLICY read_all ON %s TO mtl_reader, mtl_bi, mtl_seller', target);
        EXECUTE format('GRANT SELECT ON %s TO mtl_seller', target);
    END LOOP;
END
$$;

-- Materials: besides their own scope's (any state, read_in_scope), readers see the published
-- materials of the units above them (read_above); sellers see published materials of their scope
-- and above, nothing in draft (seller_read). A material for one BU is read by those who see it.
DROP POLICY IF EXISTS read_above ON sce.material;
CREATE POLICY read_above ON sce.material FOR SELECT TO mtl_reader, mtl_bi
USING (state = 'published' AND sce.reads_above(unit_id, bu_id));
DROP POLICY IF EXISTS seller_read ON sce.material;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY seller_read ON sce.material FOR SELECT TO mtl_seller USING (state = ''published'' AND ((%s) OR '
                   'sce.reads_above(unit_id, bu_id)))', org.scope_condition('unit_id', 'bu_id', false));
END
$$;
GRANT SELECT ON sce.material TO mtl_seller;

-- What belongs to a material (its versions, its rating tallies) is read wherever the material is.
DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['sce.material_version', 'sce.rating_tally'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS read_with_material ON %s', target);
        EXECUTE format('CREATE POLICY read_with_material ON %s FOR SELECT TO mtl_reader, mtl_bi, mtl_seller '
                       'USING (EXISTS (SELECT FROM sce.material m WHERE m.id = material_id))', target);
        EXECUTE format('GRANT SELECT ON %s TO mtl_seller', target);
    END LOOP;
END
$$;

-- Kits: of the caller's scope, and those of the units above; their items with them.
DROP POLICY IF EXISTS read_above ON sce.kit;
DO $$
BEGIN
    EXECUTE format('CREATE POLICY read_above ON sce.kit FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (sce.reads_above(unit_id, bu_id) OR (%s))',
                   org.scope_condition('unit_id', 'bu_id', false));
END
$$;
DROP POLICY IF EXISTS read_with_kit ON sce.kit_item;
CREATE POLICY read_with_kit ON sce.kit_item FOR SELECT TO mtl_reader, mtl_bi, mtl_seller
USING (EXISTS (SELECT FROM sce.kit k WHERE k.id = kit_id));
GRANT SELECT ON sce.kit, sce.kit_item TO mtl_seller;

-- A seller reads their own record, and their own uses and ratings, and records them (a person of
-- another capability who is a seller too, such as an approver, records their own).
DROP POLICY IF EXISTS seller_own ON sce.seller;
CREATE POLICY seller_own ON sce.seller FOR SELECT TO mtl_seller USING (login = current_user);
GRANT SELECT ON sce.seller TO mtl_seller;
DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['sce.material_use', 'sce.rating'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS seller_own ON %s', target);
        EXECUTE format('CREATE POLICY seller_own ON %s FOR SELECT TO mtl_seller USING (seller_id = (SELECT sce.my_seller()))', target);
        EXECUTE format('DROP POLICY IF EXISTS seller_records ON %s', target);
        EXECUTE format('CREATE POLICY seller_records ON %s FOR INSERT TO mtl_reader, mtl_seller WITH CHECK (seller_id = (SELECT sce.my_seller()))', target);
        EXECUTE format('GRANT SELECT ON %s TO mtl_seller', target);
    END LOOP;
END
$$;
GRANT INSERT (material_id, version_id, scenario, lead_id, activity_id) ON sce.material_use TO mtl_reader, mtl_seller;
GRANT INSERT (material_id, version_id, score, comment) ON sce.rating TO mtl_reader, mtl_seller;

-- Materials -----------------------------------------------------------------------------------------

-- A material: scope first; its tier is its unit's level; what it derives from is a published
-- material the caller sees, of its unit or a unit above, and the parent's current major version is
-- recorded (a newer one flags it outdated); stages, scenarios and roles are HQ's; segments are
-- ones the caller sees, of its unit or above; an asset published as a material is one the caller
-- sees, of its unit or above, held once; a success case comes from an accepted opportunity or a
-- done activity the caller sees. Once created it stays in its unit, BU and lineage; once retired
-- it no longer changes.
CREATE OR REPLACE FUNCTION sce.material_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    parent sce.material;
    unit_path bigint[];
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
        SELECT CASE u.kind WHEN 'hq' THEN 'global' WHEN 'region' THEN 'regional' ELSE 'customised' END, u.path
        INTO NEW.tier, unit_path FROM org.unit u WHERE u.id = NEW.unit_id;
        NEW.rating_count := 0; NEW.rating_sum := 0; NEW.use_count := 0; NEW.last_used_at := NULL; NEW.published_at := NULL;
        NEW.editors := '{}';
        IF NEW.parent_id IS NOT NULL THEN
            SELECT * INTO parent FROM sce.material m WHERE m.id = NEW.parent_id;
            IF NOT FOUND THEN
                PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
            END IF;
            IF parent.state <> 'published' THEN
                RAISE EXCEPTION 'material % is %; materials derive from published ones', parent.id, parent.state USING ERRCODE = 'check_violation';
            END IF;
            IF NOT parent.unit_id = ANY (unit_path) THEN
                RAISE EXCEPTION 'a material derives from one of its own unit or a unit above it'
                    USING ERRCODE = 'check_violation', HINT = 'Customise a material in a unit below the one that owns it.';
            END IF;
            NEW.parent_major := (SELECT max(v.major) FROM sce.material_version v WHERE v.material_id = parent.id);
        ELSE
            NEW.parent_major := NULL;
        END IF;
        IF NEW.dg_asset_id IS NOT NULL AND NOT EXISTS (
               SELECT FROM dg.asset a JOIN org.unit u ON u.id = NEW.unit_id WHERE a.id = NEW.dg_asset_id AND a.unit_id = ANY (u.path)) THEN
            IF NOT EXISTS (SELECT FROM dg.asset a WHERE a.id = NEW.dg_asset_id) THEN
                PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
            END IF;
            RAISE EXCEPTION 'an asset is published as a material of its own unit or a unit below it' USING ERRCODE = 'check_violation';
        END IF;
        -- Without a location of its own, the material points at the asset's (sellers read no DG table).
        IF NEW.dg_asset_id IS NOT NULL AND NEW.uri IS NULL THEN
            SELECT a.uri INTO NEW.uri FROM dg.asset a WHERE a.id = NEW.dg_asset_id;
        END IF;
        IF (NEW.case_lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.case_lead_id))
           OR (NEW.case_activity_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.activity a WHERE a.id = NEW.case_activity_id)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.case_lead_id AND l.state <> 'accepted')
           OR EXISTS (SELECT FROM dg.activity a WHERE a.id = NEW.case_activity_id AND a.state <> 'done') THEN
            RAISE EXCEPTION 'a success case is harvested from an accepted opportunity or a done activity' USING ERRCODE = 'check_violation';
        END IF;
    ELSE
        IF (NEW.unit_id, NEW.bu_id, NEW.parent_id, NEW.dg_asset_id, NEW.case_lead_id, NEW.case_activity_id)
           IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.parent_id, OLD.dg_asset_id, OLD.case_lead_id, OLD.case_activity_id) THEN
            RAISE EXCEPTION 'material % keeps its unit, BU, lineage and source', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF OLD.state = 'retired' THEN
            RAISE EXCEPTION 'material % is retired; it no longer changes', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF NEW.state = 'published' AND OLD.state <> 'published' THEN
            NEW.published_at := now();
        END IF;
        -- Whoever changes what it says becomes one of its authors (who do not rate it).
        IF (NEW.title, NEW.summary, NEW.kind, NEW.language, NEW.uri, NEW.stages, NEW.scenarios, NEW.roles, NEW.segment_ids, NEW.concept_package_ids)
           IS DISTINCT FROM (OLD.title, OLD.summary, OLD.kind, OLD.language, OLD.uri, OLD.stages, OLD.scenarios, OLD.roles, OLD.segment_ids,
                             OLD.concept_package_ids)
           AND org.caller() <> OLD.created_by AND NOT org.caller() = ANY (OLD.editors) THEN
            NEW.editors := OLD.editors || org.caller();
        ELSE
            NEW.editors := OLD.editors;
        END IF;
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.stages) c WHERE NOT EXISTS (SELECT FROM sce.sales_stage x WHERE x.code = c)) THEN
        RAISE EXCEPTION 'unknown sales stage in %', NEW.stages USING ERRCODE = 'foreign_key_violation',
            HINT = 'The stages are: ' || (SELECT string_agg(code, ', ' ORDER BY position) FROM sce.sales_stage) || '.';
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.scenarios) c WHERE NOT EXISTS (SELECT FROM sce.scenario x WHERE x.code = c)) THEN
        RAISE EXCEPTION 'unknown scenario in %', NEW.scenarios USING ERRCODE = 'foreign_key_violation',
            HINT = 'The scenarios are: ' || (SELECT string_agg(code, ', ' ORDER BY position) FROM sce.scenario) || '.';
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.roles) c WHERE NOT EXISTS (SELECT FROM sce.seller_role x WHERE x.code = c)) THEN
        RAISE EXCEPTION 'unknown seller role in %', NEW.roles USING ERRCODE = 'foreign_key_violation',
            HINT = 'The roles are: ' || (SELECT string_agg(code, ', ' ORDER BY position) FROM sce.seller_role) || '.';
    END IF;
    IF EXISTS (SELECT FROM unnest(NEW.concept_package_ids) x WHERE NOT EXISTS (SELECT FROM mm.concept_package c WHERE c.id = x)) THEN
        RAISE EXCEPTION 'unknown concept package in %', NEW.concept_package_ids USING ERRCODE = 'foreign_key_violation',
            HINT = 'See a framework''s concept packages with: mtl framework concept list FY.';
    END IF;
    IF TG_OP = 'INSERT' OR NEW.segment_ids IS DISTINCT FROM OLD.segment_ids THEN
        IF EXISTS (SELECT FROM unnest(NEW.segment_ids) x WHERE NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = x)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM unnest(NEW.segment_ids) x JOIN mm.segment s ON s.id = x JOIN org.unit u ON u.id = NEW.unit_id
                   WHERE NOT (s.unit_id = ANY (u.path) OR EXISTS (SELECT FROM org.unit p WHERE p.id = s.unit_id AND NEW.unit_id = ANY (p.path)))) THEN
            RAISE EXCEPTION 'a material names segments of its unit, of a unit above it or below it' USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER material_before_write BEFORE INSERT OR UPDATE ON sce.material
    FOR EACH ROW EXECUTE FUNCTION sce.material_before_write();
CREATE OR REPLACE TRIGGER material_allowed_transition BEFORE UPDATE OF state ON sce.material
    FOR EACH ROW EXECUTE FUNCTION org.enforce_transition('material');

-- A material starts at version 1.0.
CREATE OR REPLACE FUNCTION sce.material_first_version() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO sce.material_version (material_id, major, minor, change_note) VALUES (NEW.id, 1, 0, 'First version');
    RETURN NULL;
END
$$;
CREATE OR REPLACE TRIGGER material_first_version AFTER INSERT ON sce.material
    FOR EACH ROW EXECUTE FUNCTION sce.material_first_version();

-- A version takes its material's unit and BU (a material the caller may write); it comes after
-- the current one; the material is not retired.
CREATE OR REPLACE FUNCTION sce.material_version_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    material sce.material;
    current_version integer;
BEGIN
    SELECT * INTO material FROM sce.material m WHERE m.id = NEW.material_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, material.unit_id, material.bu_id);
    NEW.unit_id := material.unit_id;
    NEW.bu_id := material.bu_id;
    IF material.state = 'retired' THEN
        RAISE EXCEPTION 'material % is retired', material.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT max(v.major * 10000 + v.minor) INTO current_version FROM sce.material_version v WHERE v.material_id = material.id;
    IF current_version IS NOT NULL AND NEW.major * 10000 + NEW.minor <= current_version THEN
        RAISE EXCEPTION 'material % is at version %.%; a new version comes after it', material.id, current_version / 10000, current_version % 10000
            USING ERRCODE = 'check_violation';
    END IF;
    NEW.created_by := org.caller();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER material_version_before_insert BEFORE INSERT ON sce.material_version
    FOR EACH ROW EXECUTE FUNCTION sce.material_version_before_insert();

-- A new major version: the certifications earned on an older major version of the material are to
-- be renewed (recertify_since). SECURITY DEFINER: certifications are the database's.
CREATE OR REPLACE FUNCTION sce.material_version_recertify() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE sce.certification c SET recertify_since = now()
    WHERE c.material_id = NEW.material_id AND c.material_major < NEW.major AND c.recertify_since IS NULL;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION sce.material_version_recertify() FROM PUBLIC;
CREATE OR REPLACE TRIGGER material_version_recertify AFTER INSERT ON sce.material_version
    FOR EACH ROW EXECUTE FUNCTION sce.material_version_recertify();

-- Each material with its current version, score and lineage: the front-line score is
-- reporting.fct_material_rating's (its one home), and a material is outdated when the one it
-- derives from has a newer major version than the one it was built on.
CREATE OR REPLACE VIEW sce.material_card WITH (security_invoker = true) AS
SELECT m.id, m.unit_id, m.bu_id, m.title, m.summary, m.kind, m.language, m.uri, m.tier, m.parent_id, m.parent_major,
       m.dg_asset_id, m.stages, m.scenarios, m.roles, m.segment_ids, m.concept_package_ids, m.state, m.published_at, m.created_by,
       v.major, v.minor, v.id AS version_id, r.rating_count, r.rating_mean, r.score, r.use_count, r.last_used_at,
       pv.major AS parent_current_major, coalesce(pv.major > m.parent_major, false) AS parent_outdated, m.search
FROM sce.material m
JOIN reporting.fct_material_rating r ON r.material_id = m.id
CROSS JOIN LATERAL (SELECT x.id, x.major, x.minor FROM sce.material_version x WHERE x.material_id = m.id
                    ORDER BY x.major DESC, x.minor DESC LIMIT 1) v
LEFT JOIN LATERAL (SELECT max(x.major) AS major FROM sce.material_version x WHERE x.material_id = m.parent_id) pv ON m.parent_id IS NOT NULL;
COMMENT ON VIEW sce.material_card IS 'Each material the caller sees, with its current version, its front-line score (Bayesian average) and whether its parent has a newer major version.';
GRANT SELECT ON sce.material_card TO mtl_reader, mtl_seller;

-- Kits ------------------------------------------------------------------------------------------------

CREATE OR REPLACE FUNCTION sce.kit_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'kit % stays in its unit and BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER kit_before_write BEFORE INSERT OR UPDATE ON sce.kit
    FOR EACH ROW EXECUTE FUNCTION sce.kit_before_write();

-- An item takes its kit's unit and BU (a kit the caller may write); a material in it is one the
-- caller sees and not retired.
CREATE OR REPLACE FUNCTION sce.kit_item_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.kit_id IS DISTINCT FROM OLD.kit_id THEN
        RAISE EXCEPTION 'an item stays in its kit' USING ERRCODE = 'check_violation';
    END IF;
    SELECT k.unit_id, k.bu_id INTO NEW.unit_id, NEW.bu_id FROM sce.kit k WHERE k.id = NEW.kit_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF NEW.material_id IS NOT NULL THEN
        IF NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id AND m.state = 'retired') THEN
            RAISE EXCEPTION 'material % is retired', NEW.material_id USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER kit_item_before_write BEFORE INSERT OR UPDATE ON sce.kit_item
    FOR EACH ROW EXECUTE FUNCTION sce.kit_item_before_write();

-- Uses and ratings --------------------------------------------------------------------------------------

-- The caller's seller record, or a refusal: uses and ratings are a seller's own.
CREATE OR REPLACE FUNCTION sce.require_my_seller(table_name text) RETURNS sce.seller
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me sce.seller;
BEGIN
    SELECT * INTO me FROM sce.seller s WHERE s.login = org.caller() AND s.active;
    IF NOT FOUND THEN
        RAISE EXCEPTION '% is not an active seller', org.caller()
            USING ERRCODE = 'insufficient_privilege', HINT = 'Uses and ratings are recorded by sellers themselves (mtl seller add … --login).';
    END IF;
    RETURN me;
END
$$;
GRANT EXECUTE ON FUNCTION sce.require_my_seller(text) TO mtl_reader, mtl_seller;

-- A use: by the caller, a seller; of a published material the caller sees, at one of its
-- versions; a lead or activity named is one the caller sees. Dated by the database.
CREATE OR REPLACE FUNCTION sce.material_use_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me sce.seller := sce.require_my_seller(TG_TABLE_NAME);
BEGIN
    -- Another seller's use is theirs to record.
    IF NEW.seller_id IS DISTINCT FROM me.id AND NEW.seller_id IS NOT NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.seller_id := me.id; NEW.unit_id := me.unit_id; NEW.bu_id := me.bu_id;
    NEW.used_by := org.caller(); NEW.used_at := now();
    IF NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id AND m.state = 'published') THEN
        RAISE EXCEPTION 'material % is not published', NEW.material_id USING ERRCODE = 'check_violation';
    END IF;
    -- What is used is the current version (so a person rates each version once, while it is current).
    IF NEW.version_id IS DISTINCT FROM (SELECT v.id FROM sce.material_version v WHERE v.material_id = NEW.material_id
                                        ORDER BY v.major DESC, v.minor DESC LIMIT 1) THEN
        RAISE EXCEPTION 'version % is not the current version of material %', NEW.version_id, NEW.material_id
            USING ERRCODE = 'check_violation', HINT = 'Sellers use the current version: mtl material use ID.';
    END IF;
    -- A lead or activity the caller cannot see (a seller login, without USAGE on dg, sees none):
    -- as RLS refuses.
    IF NEW.lead_id IS NOT NULL OR NEW.activity_id IS NOT NULL THEN
        IF NOT has_schema_privilege('dg', 'USAGE') THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
        IF (NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.lead_id))
           OR (NEW.activity_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.activity a WHERE a.id = NEW.activity_id)) THEN
            PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER material_use_before_insert BEFORE INSERT ON sce.material_use
    FOR EACH ROW EXECUTE FUNCTION sce.material_use_before_insert();

-- A rating: by a seller who recorded a use of that version (once per version); never by one of the
-- material's authors, nor by an approver or admin whose scope covers its unit (the author's
-- managers): the front line judges.
CREATE OR REPLACE FUNCTION sce.rating_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    me sce.seller := sce.require_my_seller(TG_TABLE_NAME);
    material sce.material;
BEGIN
    -- Another seller's rating is theirs to give.
    IF NEW.seller_id IS DISTINCT FROM me.id AND NEW.seller_id IS NOT NULL THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    NEW.seller_id := me.id; NEW.unit_id := me.unit_id; NEW.bu_id := me.bu_id;
    NEW.rated_by := org.caller(); NEW.created_at := now();
    SELECT * INTO material FROM sce.material m WHERE m.id = NEW.material_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NOT EXISTS (SELECT FROM sce.material_version v WHERE v.id = NEW.version_id AND v.material_id = material.id) THEN
        RAISE EXCEPTION 'version % is not a version of material %', NEW.version_id, material.id USING ERRCODE = 'check_violation';
    END IF;
    IF material.created_by = NEW.rated_by OR NEW.rated_by = ANY (material.editors)
       OR EXISTS (SELECT FROM sce.material_version v WHERE v.material_id = material.id AND v.created_by = NEW.rated_by) THEN
        RAISE EXCEPTION '% is an author of material % and cannot rate it', NEW.rated_by, material.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Materials are rated by the front-line sellers who use them.';
    END IF;
    IF pg_has_role(current_user, 'mtl_approver', 'MEMBER') AND material.unit_id = ANY (org.visible_units()) THEN
        RAISE EXCEPTION '% approves for the unit that owns material % and cannot rate it', NEW.rated_by, material.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'Materials are rated by the front-line sellers who use them, not by their authors'' managers.';
    END IF;
    IF NOT sce.has_used(me.id, NEW.version_id) THEN
        RAISE EXCEPTION '% has not recorded a use of version % of material %', NEW.rated_by, NEW.version_id, material.id
            USING ERRCODE = 'check_violation', HINT = 'Record the use first: mtl material use ID.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER rating_before_insert BEFORE INSERT ON sce.rating
    FOR EACH ROW EXECUTE FUNCTION sce.rating_before_insert();

-- Whether a seller recorded a use of a version (whatever the caller's scope: the rating trigger's
-- question, answered for the caller's own seller record only).
CREATE OR REPLACE FUNCTION sce.has_used(seller bigint, version bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT EXISTS (SELECT FROM sce.material_use u JOIN sce.seller s ON s.id = u.seller_id
                   WHERE u.seller_id = has_used.seller AND u.version_id = has_used.version
                     AND s.login = org.caller());
END;
REVOKE ALL ON FUNCTION sce.has_used(bigint, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sce.has_used(bigint, bigint) TO mtl_reader, mtl_seller;

-- The material keeps its totals (ratings, uses) and the count per rater role and country.
-- SECURITY DEFINER, after the invoker triggers above checked the caller.
CREATE OR REPLACE FUNCTION sce.count_use_or_rating() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    seller sce.seller;
    material sce.material;
    rater_unit bigint;
BEGIN
    IF TG_TABLE_NAME = 'material_use' THEN
        UPDATE sce.material m SET use_count = m.use_count + 1, last_used_at = NEW.used_at WHERE m.id = NEW.material_id;
        RETURN NULL;
    END IF;
    UPDATE sce.material m SET rating_count = m.rating_count + 1, rating_sum = m.rating_sum + (to_jsonb(NEW) ->> 'score')::integer
    WHERE m.id = NEW.material_id RETURNING * INTO material;
    SELECT * INTO seller FROM sce.seller s WHERE s.id = NEW.seller_id;
    -- The rater's country (or their unit, above country level).
    SELECT coalesce((SELECT c.id FROM org.unit c WHERE c.id = ANY (u.path) AND c.kind = 'country'), u.id) INTO rater_unit
    FROM org.unit u WHERE u.id = seller.unit_id;
    INSERT INTO sce.rating_tally AS t (material_id, unit_id, bu_id, role_code, rater_unit_id, ratings)
    VALUES (material.id, material.unit_id, material.bu_id, seller.role_code, rater_unit, 1)
    ON CONFLICT (material_id, role_code, rater_unit_id) DO UPDATE SET ratings = t.ratings + 1;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION sce.count_use_or_rating() FROM PUBLIC;
CREATE OR REPLACE TRIGGER material_use_counted AFTER INSERT ON sce.material_use
    FOR EACH ROW EXECUTE FUNCTION sce.count_use_or_rating();
CREATE OR REPLACE TRIGGER rating_counted AFTER INSERT ON sce.rating
    FOR EACH ROW EXECUTE FUNCTION sce.count_use_or_rating();

-- Sellers ------------------------------------------------------------------------------------------------

-- Whether a person's home unit is `unit` or a unit below it. SECURITY DEFINER (accounts are read by
-- admins only); it answers only for a unit the caller's grants cover, false otherwise.
CREATE OR REPLACE FUNCTION sce.person_of_unit(who name, unit bigint) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    SELECT EXISTS (SELECT FROM org.user_account a JOIN org.unit h ON h.id = a.home_unit_id
                   WHERE a.role_name = person_of_unit.who AND h.path @> ARRAY[person_of_unit.unit])
       AND EXISTS (SELECT FROM org.grant g JOIN org.unit u ON u.id = person_of_unit.unit
                   WHERE g.unit_id = ANY (u.path) AND pg_has_role(org.caller(), to_regrole(quote_ident(g.role_name)), 'MEMBER'));
END;
REVOKE ALL ON FUNCTION sce.person_of_unit(name, bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sce.person_of_unit(name, bigint) TO mtl_editor;

-- A seller: scope first; stays in its unit and BU; its login is a person, who is no other
-- seller (the unique key).
CREATE OR REPLACE FUNCTION sce.seller_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'seller % stays in its unit and BU', OLD.id USING ERRCODE = 'check_violation',
            HINT = 'Deactivate the seller and add them in the new unit.';
    END IF;
    IF NEW.login IS NOT NULL AND (TG_OP = 'INSERT' OR NEW.login IS DISTINCT FROM OLD.login) THEN
        -- A person of the seller's unit or a unit below it (their home unit), not someone of
        -- another scope, whose uses and ratings would then be recorded here.
        IF NOT org.is_person(NEW.login) OR NOT sce.person_of_unit(NEW.login, NEW.unit_id) THEN
            RAISE EXCEPTION 'no mtl user % of unit %', quote_literal(NEW.login), (SELECT u.code FROM org.unit u WHERE u.id = NEW.unit_id)
                USING ERRCODE = 'invalid_parameter_value', HINT = 'A seller''s login is a person whose home unit is the seller''s or below it.';
        END IF;
    END IF;
    -- What a seller recorded stays theirs: the login of a seller with uses, ratings or results
    -- does not change (nobody takes over a colleague's record, or rates again from a new one), and
    -- nobody gives their own login to a record that has any (results an editor recorded for a
    -- seller without a login would otherwise certify that editor).
    IF TG_OP = 'UPDATE' AND NEW.login IS DISTINCT FROM OLD.login AND (OLD.login IS NOT NULL OR NEW.login = org.caller())
       AND (EXISTS (SELECT FROM sce.material_use x WHERE x.seller_id = OLD.id) OR EXISTS (SELECT FROM sce.rating x WHERE x.seller_id = OLD.id)
            OR EXISTS (SELECT FROM sce.exam_result x WHERE x.seller_id = OLD.id)) THEN
        RAISE EXCEPTION 'seller % has recorded uses, ratings or results; %', OLD.id,
                        CASE WHEN OLD.login IS NOT NULL THEN 'their login stays' ELSE 'you cannot take it as yours' END
            USING ERRCODE = 'check_violation', HINT = 'Deactivate the seller instead, or have someone else of the unit give it its login.';
    END IF;
    -- Nobody changes their own seller role (an exam certifies the seller's own role).
    IF TG_OP = 'UPDATE' AND NEW.role_code IS DISTINCT FROM OLD.role_code AND OLD.login = org.caller() THEN
        RAISE EXCEPTION 'you cannot change your own seller role' USING ERRCODE = 'insufficient_privilege',
            HINT = 'Someone else of your unit changes it.';
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER seller_before_write BEFORE INSERT OR UPDATE ON sce.seller
    FOR EACH ROW EXECUTE FUNCTION sce.seller_before_write();
