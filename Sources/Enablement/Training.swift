import Foundation
import MTLCore
import PGKit

/// A certification (`reporting.fct_certification`): granted by the database on a passed exam.
public struct Certification: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var seller: String
    public var unit: String
    public var exam: String
    public var role: String
    public var segment: String?
    public var grantedOn: String
    public var expiresOn: String
    /// valid, expiring, recertify or expired.
    public var status: String

    static let selection: SQL = """
        SELECT c.certification_id AS id, s.name AS seller, u.code AS unit, e.code AS exam, c.role_code AS role,
               g.reference AS segment, c.granted_on::text AS granted_on, c.expires_on::text AS expires_on, c.status
        FROM reporting.fct_certification c JOIN sce.seller s ON s.id = c.seller_id JOIN org.unit u ON u.id = c.unit_id
        JOIN sce.exam e ON e.id = c.exam_id LEFT JOIN sce.segment_ref g ON g.id = c.segment_id
        """

    /// Certifications the caller sees, of a seller, or only those needing attention (expiring
    /// within HQ's warning days, or within `within` days when given; to recertify; expired).
    public static func list(seller: Int64? = nil, unit: String? = nil, attention: Bool = false, within days: Int? = nil,
                            on db: PGConnection) async throws -> [Certification] {
        var query = selection + " WHERE true"
        if let seller { query += " AND c.seller_id = \(seller)" }
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND c.unit_id IN (SELECT x.id FROM org.unit x WHERE x.path @> ARRAY[\(target.id)])"
        }
        if attention {
            query += " AND (c.status <> 'valid' OR c.expires_on <= current_date + \(Int32(clamping: days ?? 0)))"
        }
        return try await db.fetchAll(query + " ORDER BY c.expires_on, s.name, c.certification_id")
    }
}

/// Readiness of a segment for a seller role (`reporting.fct_readiness`).
public struct Readiness: PGRecord, Codable, Equatable, Sendable {
    public var segment: String
    public var horizon: String
    public var role: String
    public var sellers: Int64
    public var certified: Int64
    public var share: Decimal?

    public static func list(unit: String? = nil, segment: String? = nil, on db: PGConnection) async throws -> [Readiness] {
        var query: SQL = """
            SELECT g.reference AS segment, r.horizon, r.role_code AS role, r.sellers, r.certified, r.share
            FROM reporting.fct_readiness r JOIN sce.segment_ref g ON g.id = r.segment_id
            WHERE true
            """
        if let unit {
            let target = try await OrgUnit.require(code: unit, on: db)
            query += " AND r.unit_id IN (SELECT x.id FROM org.unit x WHERE x.path @> ARRAY[\(target.id)])"
        }
        if let segment { query += " AND g.reference = \(segment)" }
        return try await db.fetchAll(query + " ORDER BY g.reference, r.role_code")
    }
}

/// An exam result (`sce.exam_result`).
public struct ExamResult: PGRecord, Codable, Equatable, Sendable {
    public var id: Int64
    public var exam: String
    public var seller: String
    public var score: Decimal
    public var passed: Bool
    public var confirmed: Bool
    public var takenOn: String
    public var recordedBy: String
}

/// Programmes, sessions, attendance and exams: the writes the CLI makes.
public enum Training {
    public static func addProgramme(unit: String, bu: String?, title: String, segment: String?, lead: Int64?, startsOn: String, endsOn: String,
                                    on db: PGConnection) async throws -> Int64 {
        let owner = try await OrgUnit.require(code: unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        let segmentID = try await segment.asyncMap { try await Training.segmentID($0, on: db) }
        guard let id = try await db.fetchValue("""
            INSERT INTO sce.programme (unit_id, bu_id, title, segment_id, lead_id, starts_on, ends_on)
            VALUES (\(owner.id), \(businessUnit?.id), \(title), \(segmentID), \(lead), \(startsOn)::date, \(endsOn)::date) RETURNING id
            """, as: Int64.self) else { throw EnablementError.notSaved("programme") }
        return id
    }

    public static func addSession(programme: Int64, title: String, channel: String, heldOn: String, material: Int64?, on db: PGConnection) async throws -> Int64 {
        guard try await db.fetchValue("SELECT count(*) FROM sce.programme WHERE id = \(programme)", as: Int64.self) == 1 else {
            throw EnablementError.noProgramme(programme)
        }
        guard let id = try await db.fetchValue("""
            INSERT INTO sce.session (programme_id, title, channel, held_on, material_id)
            VALUES (\(programme), \(title), \(channel), \(heldOn)::date, \(material)) RETURNING id
            """, as: Int64.self) else { throw EnablementError.notSaved("session") }
        return id
    }

    /// Records attendance: the caller's own, or (an editor) a seller's of their scope.
    public static func attend(session: Int64, seller: String?, on db: PGConnection) async throws {
        guard try await db.fetchValue("SELECT count(*) FROM sce.session WHERE id = \(session)", as: Int64.self) == 1 else {
            throw EnablementError.noSession(session)
        }
        if let seller {
            let who = try await Seller.require(seller, on: db)
            try await db.execute("INSERT INTO sce.attendance (session_id, seller_id) VALUES (\(session), \(who.id)) ON CONFLICT DO NOTHING")
        } else {
            try await db.execute("INSERT INTO sce.attendance (session_id) VALUES (\(session)) ON CONFLICT DO NOTHING")
        }
    }

    public static func addExam(unit: String, bu: String?, code: String, title: String, role: String, segment: String?, material: Int64?,
                               passMark: Decimal, validityMonths: Int, on db: PGConnection) async throws -> Int64 {
        let owner = try await OrgUnit.require(code: unit, on: db)
        var businessUnit: BusinessUnit?
        if let bu { businessUnit = try await BusinessUnit.require(code: bu, on: db) }
        let segmentID = try await segment.asyncMap { try await Training.segmentID($0, on: db) }
        guard let id = try await db.fetchValue("""
            INSERT INTO sce.exam (unit_id, bu_id, code, title, role_code, segment_id, material_id, pass_mark, validity_months)
            VALUES (\(owner.id), \(businessUnit?.id), \(code), \(title), \(role), \(segmentID), \(material), \(passMark), \(Int16(clamping: validityMonths)))
            RETURNING id
            """, as: Int64.self) else { throw EnablementError.notSaved("exam") }
        return id
    }

    /// Records an exam result (the caller's own, or an editor's for a seller of their scope);
    /// whether it passed, and the certification a confirmed pass grants, are the database's. A
    /// seller's own result waits for an editor of their scope to confirm it.
    public static func recordResult(exam reference: String, seller: String?, score: Decimal, takenOn: String?,
                                    on db: PGConnection) async throws -> (id: Int64, passed: Bool, confirmed: Bool, certification: Int64?) {
        guard let exam = try await db.fetchValue("""
            SELECT e.id FROM sce.exam e JOIN org.unit u ON u.id = e.unit_id
            WHERE u.code = split_part(\(reference), '/', 1) AND e.code = split_part(\(reference), '/', 2)
            """, as: Int64.self) else { throw EnablementError.noExam(reference) }
        // A seller records their own (they may not name the seller column at all).
        let insert: SQL
        if let seller {
            let who = try await Seller.require(seller, on: db)
            insert = """
                INSERT INTO sce.exam_result (exam_id, seller_id, score, taken_on) VALUES (\(exam), \(who.id), \(score), coalesce(\(takenOn)::date, current_date))
                """
        } else {
            insert = "INSERT INTO sce.exam_result (exam_id, score, taken_on) VALUES (\(exam), \(score), coalesce(\(takenOn)::date, current_date))"
        }
        guard let result = try await db.fetchOne(insert + " RETURNING id, passed, confirmed", as: (Int64, Bool, Bool).self) else {
            throw EnablementError.notSaved("exam result")
        }
        let certification = try await db.fetchValue("SELECT id FROM sce.certification WHERE result_id = \(result.0)", as: Int64.self)
        return (result.0, result.1, result.2, certification)
    }

    /// Confirms a result a seller recorded themselves (an editor of their scope, not the seller);
    /// the certification a pass grants, if any.
    public static func confirmResult(_ id: Int64, on db: PGConnection) async throws -> Int64? {
        guard try await db.fetchValue("SELECT count(*) FROM sce.exam_result WHERE id = \(id)", as: Int64.self) == 1 else {
            throw EnablementError.noResult(id)
        }
        guard try await db.execute("UPDATE sce.exam_result SET confirmed = true WHERE id = \(id)") == 1 else {
            throw EnablementError.notYours("exam result", id)
        }
        return try await db.fetchValue("SELECT id FROM sce.certification WHERE result_id = \(id)", as: Int64.self)
    }

    /// Exam results the caller sees, perhaps only those waiting for confirmation.
    public static func results(pending: Bool, on db: PGConnection) async throws -> [ExamResult] {
        var query: SQL = """
            SELECT r.id, e.code AS exam, s.name AS seller, r.score, r.passed, r.confirmed, r.taken_on::text AS taken_on,
                   r.recorded_by::text AS recorded_by
            FROM sce.exam_result r JOIN sce.exam e ON e.id = r.exam_id JOIN sce.seller s ON s.id = r.seller_id
            WHERE true
            """
        if pending { query += " AND r.passed AND NOT r.confirmed" }
        return try await db.fetchAll(query + " ORDER BY r.taken_on DESC, r.id DESC")
    }

    /// The id of a segment named UNIT/CODE in the caller's scope (`sce.segment_ref`).
    static func segmentID(_ reference: String, on db: PGConnection) async throws -> Int64 {
        guard let id = try await db.fetchValue("SELECT s.id FROM sce.segment_ref s WHERE s.reference = \(reference)", as: Int64.self) else {
            throw EnablementError.noSegment(reference)
        }
        return id
    }
}

extension Optional where Wrapped: Sendable {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
