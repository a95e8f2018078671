-- V0009: fiscal quarter arithmetic (issue 4). Plans and reviews name quarters as FY2027-Q1; these
-- functions turn such names into dates and back, from the one fiscal calendar (org.fiscal_calendar).
-- With a year that starts in April and is named by its end, FY2027-Q1 is April–June 2026 and
-- FY2027-Q4 is January–March 2027.

-- The first day of a fiscal year.
CREATE FUNCTION org.fiscal_year_start(fiscal_year integer) RETURNS date
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT make_date(fiscal_year - CASE WHEN c.named_by = 'end' AND c.start_month > 1 THEN 1 ELSE 0 END,
                     c.start_month, 1)
    FROM org.fiscal_calendar c;
END;

-- The days of a fiscal quarter, as a half-open range [first day, first day of the next quarter).
CREATE FUNCTION org.fiscal_quarter_dates(fiscal_year integer, quarter integer) RETURNS daterange
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT daterange((s.start + make_interval(months => 3 * (quarter - 1)))::date,
                     (s.start + make_interval(months => 3 * quarter))::date)
    FROM (SELECT org.fiscal_year_start(fiscal_year) AS start) s
    WHERE quarter BETWEEN 1 AND 4;
END;

-- The fiscal quarter that follows another, across the year end: the quarter of the day after it.
CREATE FUNCTION org.fiscal_quarter_next(fiscal_year integer, quarter integer,
                                        OUT next_fiscal_year integer, OUT next_quarter integer)
LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
    SELECT q.fiscal_year, q.quarter
    FROM org.fiscal_quarter_of(upper(org.fiscal_quarter_dates(fiscal_year, quarter))) q;
END;
