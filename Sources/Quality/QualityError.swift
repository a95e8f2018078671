import MTLCore

/// A refusal of quality assurance, in its own terms (see ``DomainError``): tests match the
/// cases; the CLI words what to do about each, naming its commands and flags.
public enum QualityError: DomainError, Equatable {
    case noFinding(Int64)
    case noRule(QualityRuleCode)
    case findingNotInState(Int64, state: Finding.State, expected: [Finding.State])
    case unknownParameter(QualityRuleCode, parameter: String, known: [String])
    case parameterType(QualityRuleCode, parameter: String, expected: String)
    case waiverNeedsReason
    case waiverWaiting(Int64)
    case checkNotPermitted
    case invalidCurrency(String)
    case refreshNotPermitted
    case unknownModel(String, known: [String])
    case noPack(Int64)
    case unknownModelVersion(String, Int32)
    /// A write that reported success but left nothing to read back (a defect, not a person's).
    case notSaved(String)

    public var message: String {
        switch self {
        case .noFinding(let id): "no finding \(id) in your scope"
        case .noRule(let code): "no quality rule \(code)"
        case .findingNotInState(let id, let state, let expected):
            "finding \(id) is \(state); only \(expected.map(\.rawValue).joined(separator: " or ")) findings can do that"
        case .unknownParameter(let code, let parameter, _): "quality rule \(code) has no parameter \(parameter)"
        case .parameterType(let code, let parameter, _): "the value given for \(code)'s \(parameter) is not of the parameter's type"
        case .waiverNeedsReason: "a waiver needs a reason"
        case .waiverWaiting(let id): "finding \(id) already has a waiver waiting for a decision"
        case .checkNotPermitted: "only the scheduler and HQ admins run the quality checks"
        case .invalidCurrency(let code): "\(code) is not a currency code"
        case .refreshNotPermitted: "only the scheduler and HQ admins refresh the scorecards"
        case .unknownModel(let model, _): "there is no attribution model \(model)"
        case .noPack(let id): "no report pack \(id) in your scope"
        case .unknownModelVersion(let model, let version): "attribution model \(model) has no version \(version)"
        case .notSaved(let what): "the \(what) was not saved"
        }
    }

    public var advice: String? {
        switch self {
        case .unknownParameter(_, _, let known):
            known.isEmpty ? "The rule has no parameters." : "Its parameters are: \(known.joined(separator: ", "))."
        case .parameterType(_, _, let expected): "Its defaults are \(expected)."
        case .checkNotPermitted: "The daily check runs them; every person sees the findings of their units."
        case .invalidCurrency: "A currency is its ISO 4217 code, such as EUR or USD."
        case .refreshNotPermitted: "The nightly refresh, imports and reviews keep them fresh."
        case .unknownModel(_, let known): "The models are: \(known.joined(separator: ", "))."
        default: nil
        }
    }
}
