import Foundation
import MTLCore

/// A field of a lead that a file can give, by its column name.
///
/// Column names are matched case-insensitively, with spaces and hyphens read as underscores
/// (`Contact Name` is `contact_name`); `--map column=field` names the field of any other column.
public enum LeadField: String, CaseIterable, Sendable {
    case company
    case contactName = "contact_name"
    case contactTitle = "contact_title"
    case email
    case phone
    case keyPerson = "key_person"
    case industry
    case need
    case projectApproved = "project_approved"
    case budgetThisYear = "budget_this_year"
    case budgetInPriceBand = "budget_in_price_band"
    case kpiTied = "kpi_tied"
    case customerQuality = "customer_quality"
    case informantQuality = "informant_quality"
    case channel
    case activityID = "activity_id"

    /// The channels a lead can come from (`dg.lead.channel`).
    public static let channels: Set<String> = ["event", "web", "email", "phone", "partner", "referral", "social", "other"]

    /// The columns a reject file adds, which an import of a corrected reject file ignores.
    static let rejectColumns = ["reject_line", "reject_reason"]

    /// The columns of a lead export (``Lead/outputColumns``) that an import does not give —
    /// the database sets them: its id, unit and BU (the import's), scores, state and stamps. An
    /// import ignores them, so an export imports again as it is.
    static let exportOnlyColumns: Set<String> = Set(Lead.outputColumns.filter(\.inData).map(\.key))
        .subtracting(LeadField.allCases.map(\.rawValue))

    /// The field's type in the staging table (and in `dg.lead`).
    var sqlType: String {
        switch self {
        case .keyPerson, .projectApproved, .budgetThisYear, .budgetInPriceBand, .kpiTied: "boolean"
        case .customerQuality, .informantQuality: "smallint"
        case .activityID: "bigint"
        default: "text"
        }
    }

    /// A column name in its comparable form: lower case, spaces and hyphens as underscores.
    static func normalizedName(_ name: String) -> String {
        name.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: " ", with: "_").replacingOccurrences(of: "-", with: "_")
    }

    /// The field's value as the staging table takes it, from what the file holds: the apostrophe
    /// an export puts before a formula character taken off (``CSVCell/restored(_:)``), trimmed,
    /// empty as nil, e-mail addresses in lower case, yes/no as true/false. Throws the reason a
    /// value is refused.
    func normalize(_ raw: String) throws(FieldProblem) -> String? {
        let value = Self.trimmed(CSVCell.restored(raw))
        switch self {
        case .company, .contactName:
            guard !value.isEmpty else { throw FieldProblem("is empty; every lead needs a company and a contact name") }
            return value
        case .email:
            guard !value.isEmpty else { return nil }
            let lower = value.lowercased()
            guard Self.isEmailAddress(lower) else { throw FieldProblem("'\(Self.shortened(value))' is not an e-mail address") }
            return lower
        case .keyPerson:
            // Empty: no for a new lead (``insertDefault``), unchanged for an update.
            guard !value.isEmpty else { return nil }
            return try Self.flag(value)
        case .projectApproved, .budgetThisYear, .budgetInPriceBand, .kpiTied:
            guard !value.isEmpty else { return nil }
            return try Self.flag(value)
        case .customerQuality, .informantQuality:
            guard !value.isEmpty else { return nil }
            guard let score = Int(value), (0...5).contains(score) else {
                throw FieldProblem("'\(Self.shortened(value))' is not a score from 0 to 5")
            }
            return String(score)
        case .channel:
            guard !value.isEmpty else { return nil }
            let lower = value.lowercased()
            guard Self.channels.contains(lower) else {
                throw FieldProblem("'\(Self.shortened(value))' is not a channel; use one of \(Self.channels.sorted().joined(separator: ", "))")
            }
            return lower
        case .activityID:
            guard !value.isEmpty else { return nil }
            guard let id = Int64(value), id > 0 else { throw FieldProblem("'\(Self.shortened(value))' is not an activity id") }
            return String(id)
        case .contactTitle, .phone, .industry, .need:
            return value.isEmpty ? nil : value
        }
    }

    /// What a new lead gets when the file leaves the field empty or does not give it (an update
    /// keeps what the lead has).
    var insertDefault: String? {
        switch self {
        case .keyPerson: "false"
        case .customerQuality, .informantQuality: "0"
        default: nil
        }
    }

    /// The check `dg.lead` makes (`^[^@\s]+@[^@\s]+\.[^@\s]+$`), so a refused address is
    /// reported with its line instead of failing the whole COPY.
    /// An ASCII address (the usual case) is checked byte by byte: the Unicode look-ups of the
    /// general path were a sixth of an import's reading time.
    static func isEmailAddress(_ value: String) -> Bool {
        let ascii = value.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            guard !bytes.contains(where: isASCIIWhitespace), let at = bytes.firstIndex(of: UInt8(ascii: "@")), at > 0 else { return false }
            let domain = bytes[(at + 1)...]
            return !domain.contains(UInt8(ascii: "@")) && domain.count >= 3 && domain.dropFirst().dropLast().contains(UInt8(ascii: "."))
        }
        if let ascii, let answer = ascii { return answer }
        guard !value.contains(where: \.isWhitespace) else { return false }
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        return domain.count >= 3 && domain.dropFirst().dropLast().contains(".")
    }

    /// White space as PostgreSQL's `\s` and Foundation read it, for ASCII bytes.
    static func isASCIIWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    static func flag(_ value: String) throws(FieldProblem) -> String {
        switch value.lowercased() {
        case "true", "t", "yes", "y", "1", "x": return "true"
        case "false", "f", "no", "n", "0": return "false"
        default: throw FieldProblem("'\(shortened(value))' is not yes or no (use yes/no, true/false or 1/0)")
        }
    }

    /// `raw` without surrounding white space; quick for the usual value that has none.
    static func trimmed(_ raw: String) -> String {
        guard let first = raw.utf8.first, let last = raw.utf8.last else { return raw }
        // An ASCII first and last byte that is not white space: nothing to trim (a byte of 0x80
        // or more is part of a longer scalar, looked at as one).
        if first < 0x80 && last < 0x80 && !isASCIIWhitespace(first) && !isASCIIWhitespace(last) { return raw }
        if let head = raw.unicodeScalars.first, let tail = raw.unicodeScalars.last,
           !head.properties.isWhitespace && !tail.properties.isWhitespace { return raw }
        return raw.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func shortened(_ value: String) -> String {
        value.count <= 40 ? value : value.prefix(37) + "…"
    }
}

/// Why a value was refused.
struct FieldProblem: Error {
    let reason: String
    init(_ reason: String) { self.reason = reason }
}
