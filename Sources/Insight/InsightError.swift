import MTLCore

/// A refusal of market insight, in its own terms (see ``DomainError``); the database's own
/// refusals (who may move a topic, four-eyes, scope) reach people as the database words them.
public enum InsightError: DomainError, Equatable {
    case noTopic(Int64)
    case noInsight(Int64)
    case noSegment(String)
    case unknownStage(String, known: [String])
    case noCompetitor(String)
    case noBattlecard(competitor: String, segment: String)
    case noVoice(Int64)
    case noContribution(Int64)
    /// Readable but outside the caller's write scope (a providing unit reading its own data).
    case notYoursToDecide(String, Int64)
    case noEstimate(segment: String, year: Int32)
    /// A write that reported success but left nothing to read back (a defect, not a person's).
    case notSaved(String)

    public var message: String {
        switch self {
        case .noTopic(let id): "no insight topic \(id) in your scope"
        case .noInsight(let id): "no insight \(id) that you may read"
        case .noSegment(let reference): "no segment \(reference) in your scope"
        case .unknownStage(let code, _): "no business-process stage \(Names.quoted(code)) for the topic's industry"
        case .noCompetitor(let code): "no competitor \(code)"
        case .noBattlecard(let competitor, let segment): "no battlecard for \(competitor) in \(segment) in your scope"
        case .noVoice(let id): "no voice-of-the-customer entry \(id) in your scope"
        case .noContribution(let id): "no data contribution \(id) in your scope"
        case .notYoursToDecide(let what, let id): "\(what) \(id) is not in your scope to decide"
        case .noEstimate(let segment, let year): "no market size of \(segment) for FY\(year)"
        case .notSaved(let what): "the \(what) was not saved"
        }
    }

    public var advice: String? {
        switch self {
        case .unknownStage(_, let known): "The stages are: \(known.joined(separator: ", "))."
        case .noSegment: "Name a segment by its unit and code, such as DE/PORTS."
        case .notYoursToDecide: "Someone who may write for its topic's unit (for data, a researcher of the topic) decides it."
        default: nil
        }
    }
}
