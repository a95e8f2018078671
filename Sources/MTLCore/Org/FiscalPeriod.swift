import PGKit
/// A fiscal year as people write it: `FY2027` (or just `2027`). Which months it spans is the
/// fiscal calendar's business (`org.fiscal_year_start` in the database).
public struct FiscalYear: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var year: Int

    public init(_ year: Int) { self.year = year }

    /// Parses `FY2027`, `fy2027` or `2027`.
    public init(parsing text: String) throws(CoreError) {
        let digits = text.uppercased().hasPrefix("FY") ? text.dropFirst(2) : Substring(text)
        guard digits.count == 4, digits.allSatisfy(\.isASCII), let year = Int(digits), (2000...2200).contains(year) else {
            throw .invalidFiscalYear(text)
        }
        self.year = year
    }

    public var description: String { "FY\(year)" }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.year < rhs.year }

    /// The year as the database's `integer` columns take it.
    public var sqlValue: Int32 { Int32(year) }
}

/// A fiscal quarter as people write it: `FY2027-Q1`.
public struct FiscalQuarter: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var fiscalYear: FiscalYear
    public var quarter: Int

    public init(_ fiscalYear: FiscalYear, _ quarter: Int) {
        self.fiscalYear = fiscalYear
        self.quarter = quarter
    }

    /// Parses `FY2027-Q1` (any case).
    public init(parsing text: String) throws(CoreError) {
        let parts = text.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        let invalid = CoreError.invalidFiscalQuarter(text)
        guard parts.count == 2, parts[1].count == 2, parts[1].first == "Q", let quarter = Int(parts[1].dropFirst()),
              (1...4).contains(quarter) else { throw invalid }
        do {
            fiscalYear = try FiscalYear(parsing: String(parts[0]))
        } catch {
            throw invalid
        }
        self.quarter = quarter
    }

    public var description: String { "\(fiscalYear)-Q\(quarter)" }
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.fiscalYear, lhs.quarter) < (rhs.fiscalYear, rhs.quarter) }
}

// In JSON a fiscal year is "FY2027" and a quarter "FY2027-Q1", as people write them.
extension FiscalYear {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try FiscalYear(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension FiscalQuarter {
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        self = try FiscalQuarter(parsing: text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension FiscalYear: OutputValueConvertible { public var outputValue: OutputValue { .text(description) } }
extension FiscalQuarter: OutputValueConvertible { public var outputValue: OutputValue { .text(description) } }

/// A fiscal year read from an `integer` column.
extension FiscalYear: PGDecodable {
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> FiscalYear {
        FiscalYear(Int(try Int32.pgDecode(bytes, type: type)))
    }
}

/// A fiscal quarter read from text such as `FY2027-Q1` (`format('FY%s-Q%s', fiscal_year, quarter)`).
extension FiscalQuarter: PGDecodable {
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> FiscalQuarter {
        let text = try String.pgDecode(bytes, type: type)
        do {
            return try FiscalQuarter(parsing: text)
        } catch {
            throw .malformed("not a fiscal quarter: \(text)")
        }
    }
}
