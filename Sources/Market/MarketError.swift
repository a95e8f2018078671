import MTLCore

/// A refusal of market management, in its own terms (see ``DomainError``): tests match the
/// cases; the CLI words what to do about each.
public enum MarketError: DomainError, Equatable {
    /// What a "nothing to change" was about.
    public enum Subject: Sendable, Equatable { case msp, theme }

    case noFramework(FiscalYear)
    case frameworkExists(FiscalYear)
    case invalidConceptLimit(Int)
    case invalidCompanyEventPlan(Int)
    case themeExists(code: String, year: FiscalYear)
    case themeNotInFramework(code: String, year: FiscalYear)
    case unknownTheme(code: String, year: FiscalYear)
    case conceptPackageExists(code: String, year: FiscalYear)
    case conceptPackageNotInFramework(code: String, year: FiscalYear)
    case nothingToChange(Subject)
    case invalidSegmentReference(String)
    case noSegment(SegmentReference)
    case segmentExists(SegmentReference)
    case unknownFactor(String, known: [String])
    case scoreOutOfRange(Int, factor: String)
    case noMSP(Int64)
    case mspExists(segment: SegmentReference, unit: String, year: FiscalYear)
    case quarterOutsidePlanYear(FiscalQuarter, msp: Int64, year: FiscalYear)
    case negative(String)
    case notAPercentage(String)
    case noReview(Int64)
    /// A write that reported success but left nothing to read back (a defect, not a person's).
    case notSaved(String)

    public var message: String {
        switch self {
        case .noFramework(let year): "there is no \(year) framework"
        case .frameworkExists(let year): "the \(year) framework already exists"
        case .invalidConceptLimit(let limit): "invalid concept limit \(limit)"
        case .invalidCompanyEventPlan(let count): "invalid company-event plan \(count): a number of company-tier activities, 0 or more"
        case .themeExists(let code, let year): "theme \(code) is already in the \(year) framework"
        case .themeNotInFramework(let code, let year): "theme \(code) is not in the \(year) framework"
        case .unknownTheme(let code, _): "unknown theme \(Names.quoted(code))"
        case .conceptPackageExists(let code, let year): "concept package \(code) is already in the \(year) framework"
        case .conceptPackageNotInFramework(let code, let year): "concept package \(code) is not in the \(year) framework"
        case .nothingToChange: "nothing to change"
        case .invalidSegmentReference(let text): "invalid segment '\(text)'"
        case .noSegment(let reference): "no segment \(reference) in your scope"
        case .segmentExists(let reference): "segment \(reference) already exists"
        case .unknownFactor(let name, _): "unknown factor \(Names.quoted(name))"
        case .scoreOutOfRange(let score, let factor): "score \(score) for \(factor) is out of range"
        case .noMSP(let id): "no MSP \(id) in your scope"
        case .mspExists(let segment, let unit, let year): "\(segment) already has an MSP for \(unit) in \(year)"
        case .quarterOutsidePlanYear(let quarter, let msp, let year): "\(quarter) is not in MSP \(msp)'s fiscal year \(year)"
        case .negative(let what): "the \(what) cannot be negative"
        case .notAPercentage(let what): "the \(what) is a percentage: 0 to 100"
        case .noReview(let id): "no quarterly review \(id) in your scope"
        case .notSaved(let what): "the \(what) was not saved"
        }
    }

    public var advice: String? {
        switch self {
        case .invalidConceptLimit: "Give a number from 1 to 100."
        case .invalidCompanyEventPlan: "Give how many company-tier activities the year plans, or none for no number."
        case .invalidSegmentReference: "Name a segment by its unit and code: DE/RAIL."
        case .unknownFactor(_, let known): "The factors are: \(known.sorted().joined(separator: ", "))."
        case .scoreOutOfRange: "Scores go from 1 (weak) to 5 (strong)."
        case .quarterOutsidePlanYear(_, _, let year): "Plan \(year)-Q1 to Q4."
        default: nil
        }
    }
}
