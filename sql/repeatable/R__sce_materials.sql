-- Enablement materials (V0037): how they derive from one another, versions, the material card,
-- kits. Every trigger reads as the caller and checks the row's scope first (R__org_scope.sql): a
-- row outside it, or a reference the caller cannot see, is refused as row-level security
-- refuses, naming nothing. Who reads what is in R__sce_access.sql.

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
