import MTLCore

/// A refusal of seller enablement, in its own terms (see ``DomainError``); the database's own
/// refusals (who may rate, scope, versions) reach people as the database words them.
public enum EnablementError: DomainError, Equatable {
    case noMaterial(Int64)
    case noSegment(String)
    case noConcept(String)
    case noKit(String)
    case noSeller(String)
    case noExam(String)
    case noProgramme(Int64)
    case noSession(Int64)
    case noResult(Int64)
    /// Readable but outside the caller's write scope (a published material of a unit above).
    case notYours(String, Int64)
    /// A write that reported success but left nothing to read back (a defect, not a person's).
    case notSaved(String)

    public var message: String {
        switch self {
        case .noMaterial(let id): "no material \(id) that you may read"
        case .noSegment(let reference): "no segment \(reference) in your scope"
        case .noConcept(let reference): "no concept package \(reference)"
        case .noKit(let code): "no kit \(code) that you may read"
        case .noSeller(let who): "no seller \(who) in your scope"
        case .noExam(let code): "no exam \(code) that you may read"
        case .noProgramme(let id): "no enablement programme \(id) that you may read"
        case .noSession(let id): "no session \(id) that you may read"
        case .noResult(let id): "no exam result \(id) that you may read"
        case .notYours(let what, let id): "\(what) \(id) is not in your scope to change"
        case .notSaved(let what): "the \(what) was not saved"
        }
    }

    public var advice: String? {
        switch self {
        case .noSegment: "Name a segment by its unit and code, such as DE/RAIL."
        case .noConcept: "Name a concept package by its framework's year and code, such as FY2027/PRIVATE-5G (mtl framework concept list FY2027)."
        case .notYours: "Derive your own version of it: mtl material add --parent ID …"
        default: nil
        }
    }
}
