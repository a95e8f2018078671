import Foundation
import MTLCore
import PGKit

/// A theme as one year's framework states it (`mm.framework_theme` with `mm.theme`).
public struct FrameworkTheme: PGRecord, Codable, Equatable {
    public var code: String
    public var name: String
    public var statement: String
    /// The fiscal year of the first framework that carried it.
    public var introducedIn: FiscalYear
    public var dropped: Bool
    /// Why it changed or was dropped within five years of its introduction.
    public var justification: String?
    /// Against the framework in force before: new, kept, changed or dropped.
    public var status: String

    /// The themes of a year's framework, by code.
    public static func list(_ year: FiscalYear, on db: PGConnection) async throws -> [FrameworkTheme] {
        let framework = try await Framework.require(year, on: db)
        return try await db.fetchAll("""
            SELECT t.code, ft.name, ft.statement, t.introduced_in, ft.dropped, ft.justification,
                   CASE WHEN ft.dropped THEN 'dropped'
                        WHEN p.theme_id IS NULL OR p.dropped THEN 'new'
                        WHEN (p.name, p.statement) = (ft.name, ft.statement) THEN 'kept'
                        ELSE 'changed' END AS status
            FROM mm.framework_theme ft
            JOIN mm.theme t ON t.id = ft.theme_id
            LEFT JOIN mm.framework_theme p ON p.framework_id = mm.framework_before(\(year.sqlValue)) AND p.theme_id = ft.theme_id
            WHERE ft.framework_id = \(framework.id)
            ORDER BY t.code
            """)
    }

    /// Adds a theme to a draft framework: a new theme (introduced this year), or one that an
    /// earlier framework carried.
    public static func add(_ year: FiscalYear, code: String, name: String, statement: String, on db: PGConnection) async throws {
        try Names.checkHandle(code, what: "theme")
        try Names.checkDisplayName(name, what: "theme")
        let framework = try await Framework.require(year, on: db)
        do {
            try await explainingDenials(scope: Framework.hqOnly, capability: Framework.hqOnly) {
                try await db.transaction { db in
                    try await db.execute("""
                        INSERT INTO mm.theme (code, introduced_in) VALUES (\(code), \(year.sqlValue)) ON CONFLICT (code) DO NOTHING
                        """)
                    try await db.execute("""
                        INSERT INTO mm.framework_theme (framework_id, theme_id, name, statement)
                        SELECT \(framework.id), t.id, \(name), \(statement) FROM mm.theme t WHERE t.code = \(code)
                        """)
                }
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw MarketError.themeExists(code: code, year: year)
        }
    }

    /// Changes a theme's wording in a draft framework. Within five years of its introduction
    /// the database requires a justification.
    public static func change(_ year: FiscalYear, code: String, name: String?, statement: String?, justification: String?,
                              on db: PGConnection) async throws {
        if let name { try Names.checkDisplayName(name, what: "theme") }
        guard name != nil || statement != nil else { throw MarketError.nothingToChange(.theme) }
        try await update(year, code: code, on: db, """
            name = coalesce(\(name), ft.name), statement = coalesce(\(statement), ft.statement),
            justification = coalesce(\(justification), ft.justification)
            """)
    }

    /// Drops a theme from a draft framework, with the justification the database may require.
    public static func drop(_ year: FiscalYear, code: String, justification: String?, on db: PGConnection) async throws {
        try await update(year, code: code, on: db, "dropped = true, justification = coalesce(\(justification), ft.justification)")
    }

    private static func update(_ year: FiscalYear, code: String, on db: PGConnection, _ assignments: SQL) async throws {
        let framework = try await Framework.require(year, on: db)
        let changed = try await explainingDenials(scope: Framework.hqOnly, capability: Framework.hqOnly) {
            try await db.execute("UPDATE mm.framework_theme ft SET " + assignments + """
                 FROM mm.theme t WHERE t.id = ft.theme_id AND ft.framework_id = \(framework.id) AND t.code = \(code)
                """)
        }
        if changed == 0 {
            throw MarketError.themeNotInFramework(code: code, year: year)
        }
    }
}

/// A concept package of a year's framework (`mm.concept_package`).
public struct ConceptPackage: PGRecord, Codable, Equatable {
    public var code: String
    public var name: String
    public var description: String
    public var scenario: String
    /// The code of the theme it carries, if any.
    public var theme: String?

    public static func list(_ year: FiscalYear, on db: PGConnection) async throws -> [ConceptPackage] {
        let framework = try await Framework.require(year, on: db)
        return try await db.fetchAll("""
            SELECT c.code, c.name, c.description, c.scenario, t.code AS theme
            FROM mm.concept_package c LEFT JOIN mm.theme t ON t.id = c.theme_id
            WHERE c.framework_id = \(framework.id) ORDER BY c.code
            """)
    }

    /// Adds a concept package to a draft framework, within its limit.
    public static func add(_ year: FiscalYear, code: String, name: String, description: String, scenario: String,
                           theme: String?, on db: PGConnection) async throws {
        try Names.checkHandle(code, what: "concept package")
        try Names.checkDisplayName(name, what: "concept package")
        let framework = try await Framework.require(year, on: db)
        if let theme, try await db.fetchValue("SELECT id FROM mm.theme WHERE code = \(theme)", as: Int64.self) == nil {
            throw MarketError.unknownTheme(code: theme, year: year)
        }
        do {
            try await explainingDenials(scope: Framework.hqOnly, capability: Framework.hqOnly) {
                try await db.execute("""
                    INSERT INTO mm.concept_package (framework_id, code, name, description, scenario, theme_id)
                    VALUES (\(framework.id), \(code), \(name), \(description), \(scenario),
                            (SELECT t.id FROM mm.theme t WHERE t.code = \(theme)))
                    """)
            }
        } catch let error as PGError where error.isUniqueViolation {
            throw MarketError.conceptPackageExists(code: code, year: year)
        }
    }

    /// Removes a concept package from a draft framework.
    public static func remove(_ year: FiscalYear, code: String, on db: PGConnection) async throws {
        let framework = try await Framework.require(year, on: db)
        let removed = try await explainingDenials(scope: Framework.hqOnly, capability: Framework.hqOnly) {
            try await db.execute("DELETE FROM mm.concept_package WHERE framework_id = \(framework.id) AND code = \(code)")
        }
        if removed == 0 { throw MarketError.conceptPackageNotInFramework(code: code, year: year) }
    }
}
