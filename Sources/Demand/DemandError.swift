import MTLCore

/// A refusal of demand generation, in its own terms (see ``DomainError``): tests match the
/// cases; the CLI words what to do about each, naming its commands and flags.
public enum DemandError: DomainError, Equatable {
    case noProgramme(Int64)
    case noActivity(Int64)
    case noAsset(Int64)
    case noLead(Int64)
    case noConceptPackage(year: FiscalYear, concept: String)
    case budgetRequestWaiting(programme: String, id: Int64)
    case assetNotInState(Int64, state: Asset.State, expected: Asset.State)
    case activityNotPlanned(Int64, state: Activity.State)
    case noRecipient
    case slaOutOfRange(ClosedRange<Int>)
    /// A write that reported success but left nothing to read back (a defect, not a person's).
    case notSaved(String)

    // A lead file as a whole: each stops the import before anything is written.
    case cannotRead(path: String, reason: String)
    case utf16(path: String)
    case invalidUTF8(path: String, line: Int, column: Int)
    case invalidText(path: String, line: Int, column: Int, encoding: String)
    case nulByte(path: String, line: Int, column: Int)
    case unterminatedQuote(path: String, line: Int)
    case emptyFile(path: String)
    case noRows(path: String)
    case malformedHeader(path: String, line: Int, reason: String)
    case unknownField(column: String, field: String, known: [String])
    case mappedColumnMissing(column: String, path: String, header: [String])
    case unknownColumns(path: String, columns: [String], known: [String])
    case twoColumnsForField(path: String, field: String)
    case missingRequiredColumn(path: String, field: String)
    case noChannelColumn(path: String)
    case unknownChannel(String)
    case badMappingEntry(String, origin: String)
    case unknownPreset(String, known: [String])
    case importOutsideScope(scope: String, oneBU: Bool)
    case alreadyImported(file: String, unit: String, importID: Int64, on: String, by: String, leads: Int32)
    case hiddenDuplicate(file: String, unit: String)
    case cannotWriteRejects(path: String, reason: String)

    public var message: String {
        switch self {
        case .noProgramme(let id): "no programme \(id) in your scope"
        case .noActivity(let id): "no activity \(id) in your scope"
        case .noAsset(let id): "no asset \(id)"
        case .noLead(let id): "no lead \(id) in your scope"
        case .noConceptPackage(let year, let concept): "the \(year) framework has no concept package \(concept)"
        case .budgetRequestWaiting(let programme, _): "programme \(programme) already has a budget request waiting for a decision"
        case .assetNotInState(let id, let state, let expected): "asset \(id) is \(state), not \(expected)"
        case .activityNotPlanned(let id, let state): "activity \(id) is \(state)"
        case .noRecipient: "a hand-off needs the sales team or partner it goes to"
        case .slaOutOfRange(let range): "the acceptance SLA is \(range.lowerBound) to \(range.upperBound) days"
        case .notSaved(let what): "the \(what) was not created"
        case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
        case .utf16(let path): "\(path) is UTF-16, not UTF-8"
        case .invalidUTF8(let path, let line, let column): "\(path) line \(line), column \(column): not valid UTF-8"
        case .invalidText(let path, let line, let column, let encoding): "\(path) line \(line), column \(column): not valid \(encoding)"
        case .nulByte(let path, let line, let column): "\(path) line \(line), column \(column): a NUL byte (0x00), which text cannot hold"
        case .unterminatedQuote(let path, let line): "\(path) line \(line): a quoted field is never closed"
        case .emptyFile(let path): "\(path) is empty: there is no header row"
        case .noRows(let path): "\(path) has a header but no leads"
        case .malformedHeader(let path, let line, let reason): "\(path) line \(line), the header: \(reason)"
        case .unknownField(let column, let field, _): "column \(column) is mapped to \(field), which is not a lead field"
        case .mappedColumnMissing(let column, let path, _): "\(path) has no column \(column) to map"
        case .unknownColumns(let path, let columns, _): "\(path): unknown column\(columns.count == 1 ? "" : "s") \(columns.joined(separator: ", "))"
        case .twoColumnsForField(let path, let field): "\(path): two columns give \(field)"
        case .missingRequiredColumn(let path, let field): "\(path) has no \(field) column"
        case .noChannelColumn(let path): "\(path) has neither a channel nor an activity_id column"
        case .unknownChannel(let channel): "\(channel) is not a channel"
        case .badMappingEntry(let entry, let origin): "\(origin): \(Names.quoted(entry)) is not a mapping"
        case .unknownPreset(let name, _): "there is no preset \(Names.quoted(name))"
        case .importOutsideScope(let scope, _): "permission denied: your grants do not let you add leads to \(scope)"
        case .alreadyImported(let file, let unit, let id, let on, let by, let leads):
            "\(file) was imported into \(unit) before: import \(id) on \(on) by \(by), \(leads) leads"
        case .hiddenDuplicate(let file, let unit): "a lead in \(file) duplicates one in \(unit) that is outside what you can see (another BU's)"
        case .cannotWriteRejects(let path, let reason): "cannot write the reject file \(path): \(reason)"
        }
    }

    /// The file an error is about, when it is about a file.
    public var path: String? {
        switch self {
        case .cannotRead(let path, _), .utf16(let path), .invalidUTF8(let path, _, _), .invalidText(let path, _, _, _),
             .nulByte(let path, _, _), .unterminatedQuote(let path, _), .emptyFile(let path), .noRows(let path),
             .malformedHeader(let path, _, _), .mappedColumnMissing(_, let path, _), .unknownColumns(let path, _, _),
             .twoColumnsForField(let path, _), .missingRequiredColumn(let path, _), .noChannelColumn(let path),
             .cannotWriteRejects(let path, _):
            path
        default: nil
        }
    }

    public var advice: String? {
        switch self {
        case .activityNotPlanned: "Only planned activities change."
        case .utf16: "Save the file as CSV UTF-8 and import it again."
        case .invalidUTF8: "Save the file as CSV UTF-8 (in a spreadsheet: CSV UTF-8) and import it again; a file from Excel on Windows may be Windows-1252."
        case .nulByte: "The file is probably not a CSV text file, or was damaged; remove the byte or export the file again."
        case .unterminatedQuote: "Close the field's quote; a quote inside a quoted field is written twice (\"\")."
        case .emptyFile: "The first line names the columns, such as: company,contact_name,email,channel"
        case .noRows: "Nothing was imported or recorded."
        case .unknownField(_, _, let known): "The fields are: \(known.joined(separator: ", "))."
        case .mappedColumnMissing(_, _, let header): "Its columns are: \(header.joined(separator: ", "))."
        case .unknownColumns(_, _, let known): "The known columns are: \(known.joined(separator: ", "))."
        case .missingRequiredColumn: "Every lead needs a company and a contact name."
        case .unknownChannel: "Use one of \(LeadField.channels.sorted().joined(separator: ", "))."
        case .badMappingEntry: "Write COLUMN=FIELD, COLUMN+COLUMN=FIELD to compose, COLUMN= to ignore a column, or *= to ignore every other column."
        case .unknownPreset(_, let known): "The presets are: \(known.joined(separator: ", "))."
        case .alreadyImported, .hiddenDuplicate: "Nothing was imported."
        default: nil
        }
    }
}
