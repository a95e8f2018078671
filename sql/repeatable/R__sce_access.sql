-- Who reads enablement (V0037): the caller's seller record, what lies "above" a caller's grants,
-- the segments of their scope for sellers, and the policies beyond the standard ones (materials,
-- versions, kits above; a seller's own rows). Materials and kits are in R__sce_materials.sql,
-- uses, ratings and sellers in R__sce_ratings.sql, training in R__sce_training.sql.

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
