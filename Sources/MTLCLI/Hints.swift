import Demand
import Enablement
import Insight
import MTLCore
import Market
import Quality
import Scheduler

// The CLI edge: what a person should do about each domain error, naming the commands and flags
// that do it. The services say what was refused in their own terms (``DomainError``); only here
// are commands named, so a renamed command changes this file and nothing in the modules.

extension CoreError: CLIReportable {
    var detail: String? { nil }

    var hint: String? {
        switch self {
        case .unknownUnit: "See the units with: mtl org list"
        case .unknownBusinessUnit: "See the BUs with: mtl bu list"
        case .unknownUser: "See the users with: mtl user list"
        case .privilegedConnection: "Connect as a person's role (--user NAME), or pass --allow-superuser for first-time setup."
        case .outOfScope: "See what your grants cover with: mtl user show <you>"
        case .noApprovalRequest: "See your inbox with: mtl approvals list --pending"
        case .rejectionNeedsReason: "Say why with --reason."
        case .emptyPassword: "Give a password on standard input, or none."
        case .noGrantToRevoke(let user, _): "See the user's grants with: mtl user show \(user)"
        case .notARegion: "Countries belong to a region; see them with: mtl org list"
        case .unitExists(let code): "See it with: mtl org show \(code)"
        case .fiscalCalendarMissing: "Run: mtl db migrate"
        default: advice
        }
    }
}

extension MarketError: CLIReportable {
    var detail: String? { nil }

    var hint: String? {
        switch self {
        case .noFramework(let year): "Create it with: mtl framework create \(year) [--from FY\(year.year - 1)]"
        case .frameworkExists(let year): "See it with: mtl framework show \(year)"
        case .themeExists(let code, let year): "Change it with: mtl framework theme change \(year) \(code) --justification …"
        case .themeNotInFramework(_, let year): "See its themes with: mtl framework theme list \(year)"
        case .unknownTheme(_, let year): "See the themes with: mtl framework theme list \(year)"
        case .conceptPackageNotInFramework(_, let year): "See its concept packages with: mtl framework concept list \(year)"
        case .nothingToChange(.theme): "Give --name or --statement."
        case .nothingToChange(.msp): "Give --goals, --gtm, --value-proposition or --owner."
        case .noSegment: "See the segments with: mtl segment list"
        case .segmentExists(let reference): "See it with: mtl segment list --unit \(reference.unit)"
        case .noMSP: "See the MSPs with: mtl msp list"
        case .mspExists(_, let unit, _): "See it with: mtl msp list --unit \(unit)"
        case .noReview: "See the reviews with: mtl review list"
        default: advice
        }
    }
}

extension SchedulerError: CLIReportable {
    var detail: String? { nil }

    var hint: String? {
        switch self {
        case .noSchedule: "See the schedules with: mtl schedule list (HQ admins only)"
        case .noJob: "See the jobs with: mtl jobs list (HQ admins only)"
        default: advice
        }
    }
}

extension DemandError: CLIReportable {
    var detail: String? { nil }

    /// The lead file's mapping is given with `--map` and `--channel`: said in their terms.
    var headline: String {
        switch self {
        case .unknownField(let column, let field, _): "--map \(column)=\(field): there is no lead field \(field)"
        case .mappedColumnMissing(let column, let path, _): "--map \(column)=…: \(path) has no column \(column)"
        case .unknownChannel(let channel): "--channel \(channel) is not a channel"
        default: message
        }
    }

    var hint: String? {
        switch self {
        case .noAsset: "See the assets with: mtl asset list"
        case .noProgramme: "See the programmes with: mtl programme list"
        case .noActivity: "See the activities with: mtl activity list"
        case .noLead: "See the leads with: mtl lead list"
        case .noConceptPackage(let year, _): "See its concept packages with: mtl framework concept list \(year)"
        case .budgetRequestWaiting(_, let id): "See it with: mtl programme show \(id)"
        case .noRecipient: "Give it with --to NAME (and --partner for a channel partner)."
        case .unknownColumns: (advice ?? "") + " Name another with --map COLUMN=FIELD."
        case .twoColumnsForField: "Keep one, or map the other to another field with --map."
        case .missingRequiredColumn(_, let field): "Every lead needs a company and a contact name; name a column with --map COLUMN=\(field)."
        case .noChannelColumn: "Give the channel of all its leads with --channel, such as --channel event."
        case .invalidUTF8: "Save the file as CSV UTF-8 and import it again, or, for a file from Excel on Windows, pass --encoding windows-1252."
        case .importOutsideScope(_, let oneBU):
            oneBU ? "Import into a unit and BU you edit." : "Import into a unit you edit; an editor of one BU gives --bu."
        case .alreadyImported: "Nothing was imported. Pass --force to import the same file again (its duplicates are still refused)."
        case .hiddenDuplicate(_, let unit): "Nothing was imported. Ask an editor of all of \(unit)'s BUs to import the file."
        default: advice
        }
    }
}

extension QualityError: CLIReportable {
    var detail: String? { nil }

    var hint: String? {
        switch self {
        case .noFinding: "See the findings with: mtl quality findings"
        case .noPack: "See the packs with: mtl report packs list"
        case .noRule, .unknownParameter: (advice.map { $0 + " " } ?? "") + "See the rules with: mtl quality rules list"
        case .findingNotInState: "See the findings and their states with: mtl quality findings"
        case .waiverWaiting: "See it with: mtl approvals list --pending"
        case .unknownModelVersion: "See the models and versions in reporting.dim_attribution_model."
        case .checkNotPermitted: (advice ?? "") + " See them with: mtl quality findings"
        default: advice
        }
    }
}

extension InsightError: CLIReportable {
    var detail: String? { nil }

    var hint: String? {
        switch self {
        case .noTopic: "See the topics with: mtl insight topic list"
        case .noInsight: "See the insights you may read with: mtl insight list (other units' shared ones need credits: mtl insight credits)"
        case .noSegment: (advice.map { $0 + " " } ?? "") + "See the segments with: mtl segment list"
        case .noCompetitor: "See the competitors with: mtl competitor list"
        case .noBattlecard(let competitor, _): "See its battlecards with: mtl competitor show \(competitor)"
        case .noVoice: "See the entries with: mtl insight voice list"
        case .noEstimate(let segment, _): "Estimate it first: mtl insight size set \(segment) …"
        default: advice
        }
    }
}

extension EnablementError: CLIReportable {
    var detail: String? { nil }

    var hint: String? {
        switch self {
        case .noMaterial: "See the materials you may read with: mtl material list"
        case .noKit: "See the kits with: mtl kit list"
        case .noSeller: "See the sellers of your scope with: mtl seller list"
        case .noExam, .noProgramme, .noSession: "Name one of your scope or of a unit above it."
        case .noResult: "See the results with: mtl exam results --pending"
        case .noSegment: (advice.map { $0 + " " } ?? "") + "See the segments with: mtl segment list"
        default: advice
        }
    }
}
