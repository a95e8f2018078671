/// A refusal of the core (names, org units, BUs, people, grants, the fiscal calendar, approval
/// requests), in the core's own terms. Each module has its own error type like this one
/// (`MarketError`, `DemandError`, `SchedulerError`); tests match their cases, and the CLI words
/// what a person should do about each (`Sources/MTLCLI/Hints.swift`), so nothing here names a
/// command or a flag.
///
/// Errors raised by the database (policies, triggers, the SECURITY DEFINER functions) arrive as
/// `PGError`s whose message and hint are the database's; these cover what the services check
/// before asking the database, and the database's refusals they translate.
public enum CoreError: DomainError, Equatable {
    case invalidCode(what: String, code: String)
    case invalidHandle(what: String, code: String)
    case invalidCountryCode(String)
    case invalidCurrency(String)
    case invalidUserName(String)
    case reservedUserName(String)
    case invalidDisplayName(what: String, name: String)
    case invalidFiscalYear(String)
    case invalidFiscalQuarter(String)
    case invalidFiscalStartMonth(Int)
    case fiscalCalendarMissing
    case unknownUnit(String)
    case unknownBusinessUnit(String)
    case unknownUser(String)
    /// The connection's role could bypass row-level security.
    case privilegedConnection(role: String, why: String)
    case cannotReadConnectionRole
    /// A row outside the caller's scope: what was refused.
    case outOfScope(String)
    /// Something the caller's capability does not allow: what was refused.
    case notPermitted(String)
    case noApprovalRequest(Int64)
    case rejectionNeedsReason
    case emptyPassword
    case grantExists(user: String, grant: String)
    case grantNotCovered(unit: String)
    case noGrantToRevoke(user: String, grant: String)
    case notARegion(String, isHQ: Bool)
    case unitNotManaged(String)
    case unitExists(String)
    case businessUnitExists(String)

    public var message: String {
        switch self {
        case .invalidCode(let what, let code), .invalidHandle(let what, let code): "invalid \(what) code \(Names.quoted(code))"
        case .invalidCountryCode(let code): "invalid country code \(Names.quoted(code))"
        case .invalidCurrency(let code): "invalid currency \(Names.quoted(code))"
        case .invalidUserName(let name): "invalid user name \(Names.quoted(name))"
        case .reservedUserName(let name): "user name \(Names.quoted(name)) is reserved"
        case .invalidDisplayName(let what, let name): "invalid \(what) name \(Names.quoted(name))"
        case .invalidFiscalYear(let text): "invalid fiscal year '\(text)'"
        case .invalidFiscalQuarter(let text): "invalid fiscal quarter '\(text)'"
        case .invalidFiscalStartMonth(let month): "invalid fiscal year start month \(month)"
        case .fiscalCalendarMissing: "the fiscal calendar is missing"
        case .unknownUnit(let code): "unknown unit \(code)"
        case .unknownBusinessUnit(let code): "unknown business unit \(code)"
        case .unknownUser(let name): "unknown user \(name)"
        case .privilegedConnection(let role, let why): "refusing to run as \(role): it is \(why), so row-level security would not apply"
        case .cannotReadConnectionRole: "cannot read the connection's role"
        case .outOfScope(let what), .notPermitted(let what): "permission denied: \(what)"
        case .noApprovalRequest(let id): "no approval request \(id) in your scope"
        case .rejectionNeedsReason: "a rejection needs a reason"
        case .emptyPassword: "the password is empty"
        case .grantExists(let user, let grant): "\(user) already has \(grant)"
        case .grantNotCovered(let unit): "permission denied: your grants do not cover unit \(unit) for every BU"
        case .noGrantToRevoke(let user, let grant): "\(user) has no grant \(grant) that you may revoke"
        case .notARegion(let code, let isHQ): "\(code) is \(isHQ ? "HQ" : "a country"), not a region"
        case .unitNotManaged(let code): "permission denied: your grants do not let you change unit \(code)"
        case .unitExists(let code): "unit \(code) already exists"
        case .businessUnitExists(let code): "business unit \(code) already exists"
        }
    }

    public var advice: String? {
        switch self {
        case .invalidCode: "A code has 2–16 characters: an upper-case letter, then A–Z, 0–9, _ or -."
        case .invalidHandle: "A code has 1–32 characters: A–Z, 0–9, _ or -, starting with a letter or digit."
        case .invalidCountryCode: "A country's code is its ISO 3166-1 alpha-2 code, such as DE or BR."
        case .invalidCurrency: "A currency is its ISO 4217 code, such as EUR, USD or CNY."
        case .invalidUserName: "A user name starts with a lower-case letter and has at most 63 of a-z, 0-9, _ . @ -."
        case .reservedUserName: "Names starting with mtl_ or pg_ are kept for system roles."
        case .invalidDisplayName: "Give a name of 1–200 characters."
        case .invalidFiscalYear: "Write it as FY2027."
        case .invalidFiscalQuarter: "Write it as FY2027-Q1 (quarters 1 to 4)."
        case .invalidFiscalStartMonth: "Give a month from 1 (January) to 12 (December)."
        case .emptyPassword: "Give a password, or none."
        case .grantNotCovered: "Only admins whose grants cover a unit give it to others."
        case .unitNotManaged: "A unit is managed by the admins of the unit above it (HQ by HQ admins)."
        case .notARegion: "Countries belong to a region."
        default: nil
        }
    }
}
