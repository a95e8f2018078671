-- Uses and ratings by the front line, and sellers (V0037). Every trigger reads as the caller and
-- checks the row's scope first (R__org_scope.sql).

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
