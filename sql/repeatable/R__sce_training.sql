-- Training, exams and certifications (V0037): programmes and sessions, attendance, exam results
-- and the certifications the database grants on a pass; the daily check of expiring ones. Each
-- trigger reads as the caller and checks the row's scope first (R__org_scope.sql).

-- Who reads what ------------------------------------------------------------------------------------

-- Programmes, sessions and exams: of the caller's scope, and those of the units above (an HQ
-- exam certifies a DE seller).
DO $$
DECLARE
    target text;
BEGIN
    FOREACH target IN ARRAY ARRAY['sce.programme', 'sce.session', 'sce.exam'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS read_above ON %s', target);
        EXECUTE format('CREATE POLICY read_above ON %s FOR SELECT TO mtl_reader, mtl_bi, mtl_seller USING (sce.reads_above(unit_id, bu_id) OR (%s))',
                       target, org.scope_condition('unit_id', 'bu_id', false));
        EXECUTE format('GRANT SELECT ON %s TO mtl_seller', target);
    END LOOP;
    -- A seller reads their own attendance, results, certifications and flags, and records their
    -- own attendance and results.
    FOREACH target IN ARRAY ARRAY['sce.attendance', 'sce.exam_result', 'sce.certification', 'sce.cert_flag'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS seller_own ON %s', target);
        EXECUTE format('GRANT SELECT ON %s TO mtl_seller', target);
    END LOOP;
    FOREACH target IN ARRAY ARRAY['sce.attendance', 'sce.exam_result', 'sce.certification'] LOOP
        EXECUTE format('CREATE POLICY seller_own ON %s FOR SELECT TO mtl_seller USING (seller_id = (SELECT sce.my_seller()))', target);
    END LOOP;
    FOREACH target IN ARRAY ARRAY['sce.attendance', 'sce.exam_result'] LOOP
        EXECUTE format('DROP POLICY IF EXISTS seller_records ON %s', target);
        EXECUTE format('CREATE POLICY seller_records ON %s FOR INSERT TO mtl_reader, mtl_seller WITH CHECK (seller_id = (SELECT sce.my_seller()))', target);
    END LOOP;
END
$$;
CREATE POLICY seller_own ON sce.cert_flag FOR SELECT TO mtl_seller
USING (EXISTS (SELECT FROM sce.certification c WHERE c.id = certification_id));
GRANT INSERT (session_id) ON sce.attendance TO mtl_reader, mtl_seller;
GRANT INSERT (exam_id, score, taken_on) ON sce.exam_result TO mtl_reader, mtl_seller;

-- The seller a row is about: the caller's own record when none is named (or when it is named and
-- theirs), else one the caller may write for (an editor recording for the sellers of their scope).
CREATE OR REPLACE FUNCTION sce.about_seller(table_name text, named bigint) RETURNS sce.seller
LANGUAGE plpgsql STABLE SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    seller sce.seller;
BEGIN
    IF named IS NULL OR named = sce.my_seller() THEN
        RETURN sce.require_my_seller(table_name);
    END IF;
    SELECT * INTO seller FROM sce.seller s WHERE s.id = named;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(table_name);
    END IF;
    PERFORM org.require_write_scope(table_name, seller.unit_id, seller.bu_id);
    RETURN seller;
END
$$;
GRANT EXECUTE ON FUNCTION sce.about_seller(text, bigint) TO mtl_reader, mtl_seller;

-- Programmes and sessions -----------------------------------------------------------------------------

-- A programme: scope first; the segment or key project it is for is one the caller sees.
CREATE OR REPLACE FUNCTION sce.programme_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id) IS DISTINCT FROM (OLD.unit_id, OLD.bu_id) THEN
        RAISE EXCEPTION 'programme % stays in its unit and BU', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.segment_id IS NOT NULL AND NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id))
       OR (NEW.lead_id IS NOT NULL AND NOT EXISTS (SELECT FROM dg.lead l WHERE l.id = NEW.lead_id)) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER programme_before_write BEFORE INSERT OR UPDATE ON sce.programme
    FOR EACH ROW EXECUTE FUNCTION sce.programme_before_write();

-- A session takes its programme's unit and BU (a programme the caller may write); a material it
-- teaches is one the caller sees.
CREATE OR REPLACE FUNCTION sce.session_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.programme_id IS DISTINCT FROM OLD.programme_id THEN
        RAISE EXCEPTION 'session % stays in its programme', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    SELECT p.unit_id, p.bu_id INTO NEW.unit_id, NEW.bu_id FROM sce.programme p WHERE p.id = NEW.programme_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    IF NEW.material_id IS NOT NULL AND NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER session_before_write BEFORE INSERT OR UPDATE ON sce.session
    FOR EACH ROW EXECUTE FUNCTION sce.session_before_write();

-- Attendance: of a session the caller sees, by the seller themselves or recorded for a seller of
-- the caller's scope; it takes the seller's unit and BU.
CREATE OR REPLACE FUNCTION sce.attendance_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    seller sce.seller := sce.about_seller(TG_TABLE_NAME, NEW.seller_id);
BEGIN
    NEW.seller_id := seller.id; NEW.unit_id := seller.unit_id; NEW.bu_id := seller.bu_id;
    NEW.recorded_by := org.caller(); NEW.created_at := now();
    IF NOT EXISTS (SELECT FROM sce.session s WHERE s.id = NEW.session_id) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER attendance_before_insert BEFORE INSERT ON sce.attendance
    FOR EACH ROW EXECUTE FUNCTION sce.attendance_before_insert();

-- Exams and results ----------------------------------------------------------------------------------------

-- An exam: scope first; its segment and material are ones the caller sees.
CREATE OR REPLACE FUNCTION sce.exam_before_write() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        PERFORM org.require_write_scope(TG_TABLE_NAME, NEW.unit_id, NEW.bu_id);
    ELSIF (NEW.unit_id, NEW.bu_id, NEW.role_code, NEW.segment_id, NEW.material_id)
          IS DISTINCT FROM (OLD.unit_id, OLD.bu_id, OLD.role_code, OLD.segment_id, OLD.material_id) THEN
        RAISE EXCEPTION 'exam % keeps its unit, BU, role, segment and material', OLD.id
            USING ERRCODE = 'check_violation', HINT = 'Add a new exam instead.';
    END IF;
    IF (NEW.segment_id IS NOT NULL AND NOT EXISTS (SELECT FROM mm.segment s WHERE s.id = NEW.segment_id))
       OR (NEW.material_id IS NOT NULL AND NOT EXISTS (SELECT FROM sce.material m WHERE m.id = NEW.material_id)) THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER exam_before_write BEFORE INSERT OR UPDATE ON sce.exam
    FOR EACH ROW EXECUTE FUNCTION sce.exam_before_write();

-- A result: of an exam the caller sees, by the seller themselves or recorded for a seller of the
-- caller's scope; passed is the database's (the score against the pass mark); not in the future.
CREATE OR REPLACE FUNCTION sce.exam_result_before_insert() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    seller sce.seller := sce.about_seller(TG_TABLE_NAME, NEW.seller_id);
    exam sce.exam;
BEGIN
    NEW.seller_id := seller.id; NEW.unit_id := seller.unit_id; NEW.bu_id := seller.bu_id;
    NEW.recorded_by := org.caller(); NEW.created_at := now();
    SELECT * INTO exam FROM sce.exam e WHERE e.id = NEW.exam_id;
    IF NOT FOUND THEN
        PERFORM org.refuse_out_of_scope(TG_TABLE_NAME);
    END IF;
    IF NEW.taken_on > current_date THEN
        RAISE EXCEPTION 'an exam is recorded once taken (% is in the future)', NEW.taken_on USING ERRCODE = 'check_violation';
    END IF;
    IF exam.role_code <> seller.role_code THEN
        RAISE EXCEPTION 'exam % certifies %; seller % is %', exam.code, exam.role_code, seller.id, seller.role_code
            USING ERRCODE = 'check_violation', HINT = 'Take an exam for your own seller role.';
    END IF;
    NEW.passed := NEW.score >= exam.pass_mark;
    -- Recorded by someone else (an editor of the seller's scope) it stands; recorded by the seller
    -- themselves it waits for someone else's confirmation.
    NEW.confirmed := seller.login IS DISTINCT FROM NEW.recorded_by;
    NEW.confirmed_by := CASE WHEN NEW.confirmed THEN NEW.recorded_by END;
    NEW.confirmed_at := CASE WHEN NEW.confirmed THEN now() END;
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER exam_result_before_insert BEFORE INSERT ON sce.exam_result
    FOR EACH ROW EXECUTE FUNCTION sce.exam_result_before_insert();

-- Confirming a result the seller recorded: once, by someone (of the seller's scope: the update
-- policy) who is not that seller; nothing else of a result changes.
CREATE OR REPLACE FUNCTION sce.exam_result_before_confirm() RETURNS trigger
LANGUAGE plpgsql SECURITY INVOKER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    IF OLD.confirmed OR NOT NEW.confirmed THEN
        RAISE EXCEPTION 'result % is %', OLD.id, CASE WHEN OLD.confirmed THEN 'confirmed already' ELSE 'confirmed by setting confirmed' END
            USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (SELECT FROM sce.seller s WHERE s.id = OLD.seller_id AND s.login = org.caller()) THEN
        RAISE EXCEPTION 'four-eyes: % recorded their own result % and cannot confirm it', org.caller(), OLD.id
            USING ERRCODE = 'insufficient_privilege', HINT = 'An editor of the seller''s unit confirms it: mtl exam confirm ID.';
    END IF;
    NEW.confirmed_by := org.caller();
    NEW.confirmed_at := now();
    RETURN NEW;
END
$$;
CREATE OR REPLACE TRIGGER exam_result_before_confirm BEFORE UPDATE ON sce.exam_result
    FOR EACH ROW EXECUTE FUNCTION sce.exam_result_before_confirm();

-- A confirmed pass certifies the seller for the exam's role (and segment) until the validity runs
-- out; on the material's current major version, if the exam is on one. SECURITY DEFINER: certifications
-- are the database's, after the invoker trigger above checked the caller.
CREATE OR REPLACE FUNCTION sce.exam_result_certify() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    INSERT INTO sce.certification (seller_id, unit_id, bu_id, exam_id, result_id, role_code, segment_id, material_id, material_major,
                                   granted_on, expires_on)
    SELECT NEW.seller_id, NEW.unit_id, NEW.bu_id, e.id, NEW.id, e.role_code, e.segment_id, e.material_id,
           (SELECT max(v.major) FROM sce.material_version v WHERE v.material_id = e.material_id),
           NEW.taken_on, (NEW.taken_on + make_interval(months => e.validity_months))::date
    FROM sce.exam e WHERE e.id = NEW.exam_id;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION sce.exam_result_certify() FROM PUBLIC;
CREATE OR REPLACE TRIGGER exam_result_certify AFTER INSERT ON sce.exam_result
    FOR EACH ROW WHEN (NEW.passed AND NEW.confirmed) EXECUTE FUNCTION sce.exam_result_certify();
CREATE OR REPLACE TRIGGER exam_result_confirmed_certify AFTER UPDATE OF confirmed ON sce.exam_result
    FOR EACH ROW WHEN (NEW.passed AND NEW.confirmed AND NOT OLD.confirmed) EXECUTE FUNCTION sce.exam_result_certify();

-- The daily check (the scheduler's): flags certifications expiring within HQ's warning days,
-- expired ones, and those to renew after a new major version of their material, once per
-- certification and kind; returns how many it flagged.
CREATE OR REPLACE FUNCTION sce.flag_certifications() RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
BEGIN ATOMIC
    WITH flagged AS (
        INSERT INTO sce.cert_flag (certification_id, kind, unit_id, bu_id)
        SELECT c.id, k.kind, c.unit_id, c.bu_id
        FROM sce.certification c CROSS JOIN sce.setting s
        CROSS JOIN LATERAL (VALUES
            (CASE WHEN c.expires_on <= current_date THEN 'expired'
                  WHEN c.expires_on <= current_date + s.expiry_warning_days THEN 'expiring' END),
            (CASE WHEN c.recertify_since IS NOT NULL AND c.expires_on > current_date THEN 'recertify' END)) AS k(kind)
        WHERE k.kind IS NOT NULL
        ON CONFLICT ON CONSTRAINT cert_flag_pkey DO NOTHING
        RETURNING 1
    )
    SELECT count(*)::integer FROM flagged;
END;
REVOKE ALL ON FUNCTION sce.flag_certifications() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION sce.flag_certifications() TO mtl_scheduler;

INSERT INTO scheduler.job_kind (kind, owner_schema, description, enqueue_check)
VALUES ('enablement.cert_check', 'sce', 'Flag certifications expiring soon, expired, or to recertify after a new major version of their material.', NULL)
ON CONFLICT (kind) DO UPDATE SET owner_schema = EXCLUDED.owner_schema, description = EXCLUDED.description,
                                 enqueue_check = EXCLUDED.enqueue_check;
