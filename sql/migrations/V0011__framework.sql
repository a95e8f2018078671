-- V0011: the annual marketing framework (issue 4, DOMAIN.md "The marketing framework"): HQ
-- reference data that everybody reads and HQ admins write. Each fiscal year's framework holds the
-- themes (stable brand ideas with an identity that lasts across years) and a limited number of
-- concept packages; it is approved centrally and then published, superseding last year's.

CREATE TABLE mm.framework (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    fiscal_year      integer NOT NULL UNIQUE CHECK (fiscal_year BETWEEN 2000 AND 2200),
    -- The framework this one was created from (mtl framework create FY2027 --from FY2026).
    based_on_id      bigint REFERENCES mm.framework (id),
    -- How many concept packages the year may have.
    concept_limit    smallint NOT NULL DEFAULT 12 CONSTRAINT framework_concept_limit CHECK (concept_limit BETWEEN 1 AND 100),
    state            text NOT NULL DEFAULT 'draft'
                     CONSTRAINT framework_state CHECK (state IN ('draft', 'submitted', 'approved', 'rejected', 'published', 'superseded')),
    state_changed_at timestamptz NOT NULL DEFAULT now(),
    state_changed_by name NOT NULL DEFAULT session_user,
    published_at     timestamptz,
    created_by       name NOT NULL DEFAULT session_user,
    created_at       timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE mm.framework IS 'The marketing framework of a fiscal year: draft → submitted → approved → published → superseded (rejected → draft).';

-- A theme's identity across the years; what it says each year is in mm.framework_theme.
CREATE TABLE mm.theme (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    code          text NOT NULL UNIQUE CONSTRAINT theme_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    -- The fiscal year of the first framework that carried it.
    introduced_in integer NOT NULL CHECK (introduced_in BETWEEN 2000 AND 2200),
    created_by    name NOT NULL DEFAULT session_user,
    created_at    timestamptz NOT NULL DEFAULT now()
);

COMMENT ON TABLE mm.theme IS 'Marketing themes: brand ideas meant to stay stable for about five years, with the year they were introduced.';

-- A theme as one year's framework states it. A theme that changes or is dropped less than five
-- fiscal years after its introduction needs a justification.
CREATE TABLE mm.framework_theme (
    framework_id  bigint NOT NULL REFERENCES mm.framework (id),
    theme_id      bigint NOT NULL REFERENCES mm.theme (id),
    name          text NOT NULL CHECK (btrim(name) <> ''),
    statement     text NOT NULL DEFAULT '',
    dropped       boolean NOT NULL DEFAULT false,
    justification text,
    PRIMARY KEY (framework_id, theme_id)
);

COMMENT ON TABLE mm.framework_theme IS 'The themes of each year''s framework: kept, changed (with a justification within five years) or dropped.';

CREATE TABLE mm.concept_package (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    framework_id bigint NOT NULL REFERENCES mm.framework (id),
    code         text NOT NULL CONSTRAINT concept_code CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{0,31}$'),
    name         text NOT NULL CHECK (btrim(name) <> ''),
    description  text NOT NULL DEFAULT '',
    -- The scenario the concept serves, and the theme it carries (optional).
    scenario     text NOT NULL DEFAULT '',
    theme_id     bigint REFERENCES mm.theme (id),
    CONSTRAINT concept_once UNIQUE (framework_id, code)
);

COMMENT ON TABLE mm.concept_package IS 'Concept packages of a year''s framework (solution concepts per scenario); at most the framework''s concept_limit.';

-- The last framework that was in force before a fiscal year: published, or superseded since.
CREATE FUNCTION mm.framework_before(fiscal_year integer) RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
    SELECT f.id FROM mm.framework f
    WHERE f.fiscal_year < framework_before.fiscal_year AND f.state IN ('published', 'superseded')
    ORDER BY f.fiscal_year DESC LIMIT 1;
END;

-- The framework with this id, which must be a draft: its content changes only then.
CREATE FUNCTION mm.require_draft_framework(framework_id bigint) RETURNS mm.framework
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    result mm.framework;
BEGIN
    SELECT * INTO result FROM mm.framework f WHERE f.id = require_draft_framework.framework_id;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'no framework %', require_draft_framework.framework_id USING ERRCODE = 'foreign_key_violation';
    END IF;
    IF result.state <> 'draft' THEN
        RAISE EXCEPTION 'the FY% framework is %; only a draft changes', result.fiscal_year, result.state
            USING ERRCODE = 'check_violation',
                  HINT = CASE result.state WHEN 'rejected' THEN format('Make it a draft again: mtl framework revise FY%s', result.fiscal_year)
                                          ELSE 'Its content was reviewed as it is.' END;
    END IF;
    RETURN result;
END
$$;

-- Themes: only in a draft; the five-year stability rule against the last framework in force.
CREATE FUNCTION mm.framework_theme_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    draft mm.framework;
    theme_row mm.theme;
    previous mm.framework_theme;
    change text;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM mm.require_draft_framework(OLD.framework_id);
        RETURN OLD;
    END IF;
    draft := mm.require_draft_framework(NEW.framework_id);
    IF TG_OP = 'UPDATE' AND (NEW.framework_id, NEW.theme_id) <> (OLD.framework_id, OLD.theme_id) THEN
        RAISE EXCEPTION 'a framework theme keeps its framework and theme' USING ERRCODE = 'check_violation';
    END IF;
    SELECT * INTO theme_row FROM mm.theme t WHERE t.id = NEW.theme_id;
    IF theme_row.introduced_in > draft.fiscal_year THEN
        RAISE EXCEPTION 'theme % was introduced in FY%, after FY%', theme_row.code, theme_row.introduced_in, draft.fiscal_year
            USING ERRCODE = 'check_violation';
    END IF;
    SELECT ft.* INTO previous FROM mm.framework_theme ft
    WHERE ft.framework_id = mm.framework_before(draft.fiscal_year) AND ft.theme_id = NEW.theme_id;
    IF NOT FOUND OR previous.dropped THEN
        IF NEW.dropped THEN
            RAISE EXCEPTION 'theme % is not in the framework before FY%, so there is nothing to drop', theme_row.code, draft.fiscal_year
                USING ERRCODE = 'check_violation', HINT = 'Remove it from this year''s framework instead.';
        END IF;
        RETURN NEW;
    END IF;
    change := CASE WHEN NEW.dropped THEN 'dropping'
                   WHEN (NEW.name, NEW.statement) IS DISTINCT FROM (previous.name, previous.statement) THEN 'changing'
              END;
    IF change IS NOT NULL AND draft.fiscal_year - theme_row.introduced_in < 5
       AND nullif(btrim(NEW.justification), '') IS NULL THEN
        RAISE EXCEPTION '% theme % in FY% needs a justification: it was introduced in FY%, less than five years before',
                        change, theme_row.code, draft.fiscal_year, theme_row.introduced_in
            USING ERRCODE = 'check_violation',
                  HINT = 'Themes are meant to stay stable for five years; record why with --justification.';
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER framework_theme_before_write BEFORE INSERT OR UPDATE OR DELETE ON mm.framework_theme
    FOR EACH ROW EXECUTE FUNCTION mm.framework_theme_before_write();

-- Concept packages: only in a draft, up to the framework's limit. Locking the framework row
-- serialises concurrent additions, so two sessions cannot both take the last place.
CREATE FUNCTION mm.concept_package_before_write() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    draft mm.framework;
    taken integer;
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM mm.require_draft_framework(OLD.framework_id);
        RETURN OLD;
    END IF;
    draft := mm.require_draft_framework(NEW.framework_id);
    IF NEW.theme_id IS NOT NULL AND NOT EXISTS (
        SELECT FROM mm.framework_theme ft
        WHERE ft.framework_id = NEW.framework_id AND ft.theme_id = NEW.theme_id AND NOT ft.dropped) THEN
        RAISE EXCEPTION 'concept package %: its theme is not in the FY% framework', NEW.code, draft.fiscal_year
            USING ERRCODE = 'check_violation', HINT = 'See the themes with: mtl framework theme list FY' || draft.fiscal_year;
    END IF;
    IF TG_OP = 'INSERT' OR NEW.framework_id <> OLD.framework_id THEN
        PERFORM FROM mm.framework f WHERE f.id = NEW.framework_id FOR UPDATE;
        SELECT count(*) INTO taken FROM mm.concept_package c WHERE c.framework_id = NEW.framework_id;
        IF taken >= draft.concept_limit THEN
            RAISE EXCEPTION 'the FY% framework already has % concept packages, its limit', draft.fiscal_year, taken
                USING ERRCODE = 'check_violation',
                      HINT = 'Remove one, or raise the limit (mtl framework create … --concept-limit, while it is a draft).';
        END IF;
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER concept_package_before_write BEFORE INSERT OR UPDATE OR DELETE ON mm.concept_package
    FOR EACH ROW EXECUTE FUNCTION mm.concept_package_before_write();

-- The framework itself: its year never changes; its limit changes only in a draft and never
-- below the packages it has; it is submitted only with its themes in order; it is published only
-- after the years before it.
CREATE FUNCTION mm.framework_before_update() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    taken integer;
    missing text;
BEGIN
    IF (NEW.fiscal_year, NEW.based_on_id, NEW.created_by, NEW.created_at)
       IS DISTINCT FROM (OLD.fiscal_year, OLD.based_on_id, OLD.created_by, OLD.created_at) THEN
        RAISE EXCEPTION 'a framework keeps its fiscal year and origin' USING ERRCODE = 'check_violation';
    END IF;
    IF NEW.concept_limit <> OLD.concept_limit THEN
        IF OLD.state <> 'draft' THEN
            RAISE EXCEPTION 'the FY% framework is %; its concept limit changes only in a draft', OLD.fiscal_year, OLD.state
                USING ERRCODE = 'check_violation';
        END IF;
        SELECT count(*) INTO taken FROM mm.concept_package c WHERE c.framework_id = OLD.id;
        IF taken > NEW.concept_limit THEN
            RAISE EXCEPTION 'the FY% framework has % concept packages, more than a limit of %', OLD.fiscal_year, taken, NEW.concept_limit
                USING ERRCODE = 'check_violation';
        END IF;
    END IF;
    IF OLD.state = 'draft' AND NEW.state = 'submitted' THEN
        IF NOT EXISTS (SELECT FROM mm.framework_theme ft WHERE ft.framework_id = OLD.id AND NOT ft.dropped) THEN
            RAISE EXCEPTION 'the FY% framework has no themes', OLD.fiscal_year
                USING ERRCODE = 'check_violation', HINT = 'Add one: mtl framework theme add';
        END IF;
        SELECT string_agg(t.code, ', ' ORDER BY t.code) INTO missing
        FROM mm.framework_theme prev JOIN mm.theme t ON t.id = prev.theme_id
        WHERE prev.framework_id = mm.framework_before(OLD.fiscal_year) AND NOT prev.dropped
          AND NOT EXISTS (SELECT FROM mm.framework_theme ft WHERE ft.framework_id = OLD.id AND ft.theme_id = prev.theme_id);
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'the FY% framework leaves out theme(s) % of the framework before it', OLD.fiscal_year, missing
                USING ERRCODE = 'check_violation',
                      HINT = 'Themes stay from year to year: keep them, or drop them with a justification (mtl framework theme drop).';
        END IF;
    END IF;
    IF NEW.state = 'published' AND OLD.state <> 'published' THEN
        SELECT string_agg('FY' || f.fiscal_year, ', ') INTO missing
        FROM mm.framework f WHERE f.fiscal_year > OLD.fiscal_year AND f.state IN ('published', 'superseded');
        IF missing IS NOT NULL THEN
            RAISE EXCEPTION 'FY% cannot be published after a later year''s framework (%)', OLD.fiscal_year, missing
                USING ERRCODE = 'check_violation';
        END IF;
        NEW.published_at := now();
    END IF;
    RETURN NEW;
END
$$;
CREATE TRIGGER framework_rules BEFORE UPDATE ON mm.framework
    FOR EACH ROW EXECUTE FUNCTION mm.framework_before_update();
CREATE TRIGGER framework_allowed_transition BEFORE UPDATE OF state ON mm.framework
    FOR EACH ROW EXECUTE FUNCTION mm.enforce_transition('framework');

-- Publishing a framework supersedes the one in force before it. SECURITY DEFINER: superseding
-- is an automatic change (mm.state_transition).
CREATE FUNCTION mm.framework_after_publish() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
    UPDATE mm.framework f SET state = 'superseded'
    WHERE f.state = 'published' AND f.fiscal_year < NEW.fiscal_year;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION mm.framework_after_publish() FROM PUBLIC;
CREATE TRIGGER framework_after_publish AFTER UPDATE OF state ON mm.framework
    FOR EACH ROW WHEN (NEW.state = 'published' AND OLD.state <> 'published')
    EXECUTE FUNCTION mm.framework_after_publish();

-- Creates the framework of a fiscal year, empty or as a copy of another year's themes (kept as
-- they were) and concept packages. Runs as the caller: HQ admins only, by the table's policies.
CREATE FUNCTION mm.create_framework(fiscal_year integer, from_fiscal_year integer DEFAULT NULL,
                                    concept_limit integer DEFAULT NULL) RETURNS bigint
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
    source mm.framework;
    created bigint;
BEGIN
    IF from_fiscal_year IS NOT NULL THEN
        SELECT * INTO source FROM mm.framework f WHERE f.fiscal_year = from_fiscal_year;
        IF NOT FOUND THEN
            RAISE EXCEPTION 'there is no FY% framework to start from', from_fiscal_year
                USING ERRCODE = 'no_data_found', HINT = 'See the frameworks with: mtl framework list';
        END IF;
    END IF;
    INSERT INTO mm.framework (fiscal_year, based_on_id, concept_limit)
    VALUES (create_framework.fiscal_year, source.id, coalesce(create_framework.concept_limit, source.concept_limit, 12))
    RETURNING id INTO created;
    IF source.id IS NOT NULL THEN
        INSERT INTO mm.framework_theme (framework_id, theme_id, name, statement)
        SELECT created, ft.theme_id, ft.name, ft.statement
        FROM mm.framework_theme ft WHERE ft.framework_id = source.id AND NOT ft.dropped;
        INSERT INTO mm.concept_package (framework_id, code, name, description, scenario, theme_id)
        SELECT created, c.code, c.name, c.description, c.scenario, c.theme_id
        FROM mm.concept_package c WHERE c.framework_id = source.id
        ORDER BY c.id;
    END IF;
    RETURN created;
END
$$;
REVOKE ALL ON FUNCTION mm.create_framework(integer, integer, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION mm.create_framework(integer, integer, integer) TO mtl_admin;

SELECT org.secure_reference_table('mm.framework');
SELECT org.secure_reference_table('mm.theme');
SELECT org.secure_reference_table('mm.framework_theme');
SELECT org.secure_reference_table('mm.concept_package');
