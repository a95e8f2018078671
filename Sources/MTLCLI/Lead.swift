import ArgumentParser
import Demand
import Foundation
import MTLCore
import PGKit

/// `mtl lead …`: leads and opportunities, their import and export, and their way to sales.
struct LeadCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lead",
        abstract: "Leads and opportunities: import, export, qualify and hand off to sales.",
        discussion: """
            A lead goes new → qualifying → qualified → handed_off → accepted / rejected / recycled. \
            A need raised by a key person is an opportunity, otherwise a lead; the database scores \
            quality as 0.4 customer + 0.3 informant + 0.3 completeness (each 0–5).
            Example:
              mtl lead import leads.csv --unit DE --bu CARRIER --reject-file rejects.csv
              mtl lead qualify 42 --customer-quality 4 --informant-quality 3 --key-person yes
              mtl lead handoff 42 --to 'DE Carrier Sales'
              mtl lead export --unit DE --state qualified --format csv > qualified.csv
            """,
        subcommands: [Import.self, Export.self, List.self, Show.self, Qualify.self, Handoff.self, Accept.self, Reject.self,
                      Recycle.self, Convert.self, Touch.self, Breaches.self, SLA.self, Summary.self]
    )

    struct IDArgument: ParsableArguments {
        @Argument(help: "The lead's id (see: mtl lead list).") var id: Int64
    }

    /// A changed lead, printed on one line.
    static func report(_ lead: Lead) {
        var line = "lead \(lead.id) (\(lead.company), \(lead.contactName)) is \(lead.state)"
        if lead.state == .handedOff, let to = lead.handedTo, let due = lead.slaDueAt {
            line += " to \(to); accept or reject by \(OutputFormat.timestamp(due))"
        }
        if let value = lead.pipelineValue { line += ", pipeline \(value) \(lead.currency ?? "")" }
        print(line)
    }
}

/// A yes/no answer on the command line.
enum YesNo: String, ExpressibleByArgument, CaseIterable {
    case yes, no
    var bool: Bool { self == .yes }
}

extension LeadCommand {
    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Import leads from a CSV file into a unit, all or nothing unless a reject file is given.",
            discussion: """
                The first row names the columns, in any order: \(LeadField.allCases.map(\.rawValue).joined(separator: ", ")). \
                company and contact_name are required, and a source: channel or activity_id (or --channel). \
                Names match case-insensitively, spaces read as underscores; --map, --ignore, --mapping-file or \
                --preset (a CRM export's mapping) say what other columns are. \
                UTF-8 with or without a byte order mark (--encoding for Excel's Windows files), CRLF or LF, \
                separated by commas, semicolons or tabs, quoted fields with separators and line breaks.
                Without --reject-file, any refused row means nothing is imported, and the refused rows are \
                listed (line, column, reason). With it, the good rows are imported and the refused ones are \
                written there with reject_line and reject_reason columns; a corrected reject file imports as it is.
                Duplicates (same email, or same company and contact name, in the unit or earlier in the file) are refused; \
                with --on-duplicate skip or update, a row matching a lead of the unit is skipped or updates it, \
                and if it names another activity than the lead's source, that activity's touch is recorded \
                (a touchpoint, for attribution; once per lead and activity). \
                --dry-run checks everything and says what would happen, writing nothing.
                A file imported into the unit before is refused unless --force.
                """
        )

        @OptionGroup var options: DomainOptions
        @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"])) var file: String
        @Option(help: ArgumentHelp("The unit the leads belong to.", valueName: "code")) var unit: String
        @Option(help: ArgumentHelp("Their BU (an editor of one BU must give it).", valueName: "code")) var bu: String?
        @Option(name: .customLong("map"), parsing: .singleValue,
                help: ArgumentHelp("A column's field (COLUMN=FIELD), fields composed (First Name+Last Name=contact_name), a column ignored (COLUMN=), or every other column ignored (*=); repeatable.", valueName: "mapping"))
        var mappings: [String] = []
        @Option(name: .customLong("ignore"), parsing: .singleValue, help: ArgumentHelp("A column not to import (repeatable).", valueName: "column"))
        var ignored: [String] = []
        @Option(help: ArgumentHelp("A file of mappings, one a line in --map's form (# for comments).", valueName: "file"))
        var mappingFile: String?
        @Option(help: ArgumentHelp("The mapping of a common export: \(LeadMapping.presets.joined(separator: ", ")) (docs/demand.md says what each expects).", valueName: "name"))
        var preset: String?
        @Option(help: ArgumentHelp("The field separator: comma, semicolon or tab (found from the header when not given).", valueName: "separator"))
        var delimiter: String?
        @Option(help: ArgumentHelp("The file's encoding: utf-8 (the default), windows-1252 or iso-8859-1 (converted).", valueName: "encoding"))
        var encoding: TextEncoding = .utf8
        @Option(help: ArgumentHelp("The channel of rows that give neither a channel nor an activity_id.", valueName: "channel"))
        var channel: String?
        @Option(help: ArgumentHelp("Import the good rows and write the refused ones to this file.", valueName: "file"))
        var rejectFile: String?
        @Flag(help: "Import a file that was imported into the unit before.") var force = false
        @Option(help: ArgumentHelp("A row that matches a lead of the unit (same email, else company and contact name): refuse (the default), skip it, or update that lead with the fields the file gives.", valueName: "refuse|skip|update"))
        var onDuplicate: LeadImporter.OnDuplicate = .refuse
        @Flag(help: "Check everything (mapping, rows, duplicates, scope) and say what an import would do; write nothing.") var dryRun = false
        @Option(help: "How many refused rows to list.") var maxErrors = 20

        func validate() throws {
            for mapping in mappings where !mapping.contains("=") || mapping.hasPrefix("=") {
                throw ValidationError("--map \(mapping): give column=field, such as --map 'Firma=company' (or 'Lead Status=' to ignore a column)")
            }
            if let delimiter, LeadImporter.delimiters[delimiter] == nil {
                throw ValidationError("--delimiter is comma, semicolon or tab")
            }
            if maxErrors < 1 { throw ValidationError("--max-errors must be at least 1") }
            if let rejectFile, URL(fileURLWithPath: rejectFile).standardized == URL(fileURLWithPath: file).standardized {
                throw ValidationError("--reject-file would overwrite the file being imported; give another name")
            }
        }

        func run() async throws {
            var mapping = try preset.map { try LeadMapping.preset($0) } ?? LeadMapping()
            if let mappingFile { mapping.merge(try LeadMapping.file(mappingFile)) }
            mapping.merge(try LeadMapping(entries: mappings))
            for column in ignored { mapping.ignore(column) }
            var importer = LeadImporter(unit: unit, bu: bu, mapping: mapping, defaultChannel: channel, rejectFile: rejectFile,
                                        force: force, reportLimit: maxErrors)
            importer.delimiter = delimiter.flatMap { LeadImporter.delimiters[$0] }
            importer.encoding = encoding
            importer.onDuplicate = onDuplicate
            importer.dryRun = dryRun
            let display = ProgressDisplay(title: URL(fileURLWithPath: file).lastPathComponent)
            let outcome: LeadImportOutcome
            do {
                outcome = try await options.withConnection { db in
                    try await importer.run(file: file, on: db) { progress in
                        display.update(rows: progress.phase == .reading ? progress.rowsRead : progress.done, fraction: progress.fraction,
                                       phase: progress.phase.rawValue, force: progress.phase != .reading && progress.done == 0)
                    }
                }
                display.finish()
            } catch {
                display.finish()
                throw error
            }
            for problem in outcome.problems {
                FileHandle.standardError.write(Data("\(file) \(problem)\n".utf8))
            }
            if outcome.rowsRejected > outcome.problems.count {
                FileHandle.standardError.write(Data("… and \(outcome.rowsRejected - outcome.problems.count) more refused rows\n".utf8))
            }
            let target = unit + (bu.map { "/\($0)" } ?? "")
            if outcome.dryRun {
                print("dry run, nothing written: \(file) into \(target) would create \(ProgressDisplay.grouped(outcome.rowsImported)), "
                      + "update \(ProgressDisplay.grouped(outcome.rowsUpdated)), skip \(ProgressDisplay.grouped(outcome.rowsSkipped)), "
                      + "record \(ProgressDisplay.grouped(outcome.touchpointsRecorded)) touchpoints "
                      + "and refuse \(ProgressDisplay.grouped(outcome.rowsRejected)) of \(ProgressDisplay.grouped(outcome.rowsRead)) rows")
                return
            }
            guard let importID = outcome.importID else {
                throw CLIError("\(file): \(outcome.rowsRejected) of \(outcome.rowsRead) rows refused; nothing imported",
                               hint: "Fix them and import again, or pass --reject-file FILE to import the good rows and write the refused ones there.")
            }
            let leads = outcome.rowsImported == 1 ? "lead" : "leads"
            var summary = "imported \(ProgressDisplay.grouped(outcome.rowsImported)) \(leads) into \(target) from \(file) (import \(importID)"
                + (outcome.forced ? ", forced" : "") + "): \(ProgressDisplay.grouped(outcome.rowsRead)) rows read"
            if onDuplicate == .update { summary += ", \(ProgressDisplay.grouped(outcome.rowsUpdated)) updated" }
            if onDuplicate == .skip { summary += ", \(ProgressDisplay.grouped(outcome.rowsSkipped)) skipped" }
            if outcome.touchpointsRecorded > 0 { summary += ", \(ProgressDisplay.grouped(outcome.touchpointsRecorded)) touchpoints recorded" }
            if let rejects = outcome.rejectFile {
                summary += ", \(ProgressDisplay.grouped(outcome.rowsRejected)) refused"
                    + (outcome.rowsRejected > 0 ? " (written to \(rejects))" : "")
            }
            print(summary)
        }
    }

    struct Export: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Export leads as CSV or JSON, streamed from the database.",
            discussion: """
                CSV has a header row; JSON is an array of objects with snake_case keys; times are UTC. \
                In CSV, a text cell that a spreadsheet would run as a formula (it starts with =, +, -, @, \
                a tab or a carriage return, as in =HYPERLINK(…) or +49 30 1234) gets a leading apostrophe, \
                which spreadsheets show as text; `mtl lead import` takes it off again. --raw writes the \
                cells as they are, for tools that are not spreadsheets.
                """
        )

        @OptionGroup var options: DomainOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: "Output format: csv or json.") var format: OutputFormat
        @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
        var output: String?
        @Flag(help: "CSV: write text cells as they are, even those a spreadsheet would run as formulas.")
        var raw = false

        func validate() throws {
            if format == .table { throw ValidationError("--format table is for lists on screen; export as csv or json") }
            if raw && format != .csv { throw ValidationError("--raw is for CSV; JSON is written as it is") }
        }

        func run() async throws {
            let handle: FileHandle
            if let output {
                guard FileManager.default.createFile(atPath: output, contents: nil) else {
                    throw CLIError("cannot write \(output)")
                }
                handle = try FileHandle(forWritingTo: URL(fileURLWithPath: output))
            } else {
                handle = FileHandle.standardOutput
            }
            try await options.withConnection { db in
                try await LeadExport.run(filter.filter(), format: format == .json ? .json : .csv, rawCells: raw, on: db) { bytes in
                    handle.write(Data(bytes))
                }
            }
            if output != nil { try handle.close() }
        }
    }

    struct FilterOptions: ParsableArguments {
        @Option(help: ArgumentHelp("Only this unit and the units below it.", valueName: "code")) var unit: String?
        @Option(help: "Only this state: \(Lead.State.allCases.map(\.rawValue).joined(separator: ", ")).") var state: Lead.State?
        @Option(help: "Only leads created in this fiscal quarter, such as FY2027-Q1.") var quarter: FiscalQuarter?
        @Option(help: "Only leads or only opportunities.") var classification: Classification?

        enum Classification: String, ExpressibleByArgument, CaseIterable { case lead, opportunity }

        func filter(limit: Int? = nil) -> Lead.Filter {
            Lead.Filter(unit: unit, state: state, classification: classification?.rawValue, quarter: quarter, limit: limit)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the leads you can see, newest first.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var filter: FilterOptions
        @Option(help: "At most this many (0: all).") var limit = 100
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table

        func run() async throws {
            try await options.withConnection { db in
                let writer = format.writer(for: Lead.self)
                try await Lead.forEach(filter.filter(limit: limit > 0 ? limit : nil), on: db) { try writer.write($0) }
                try writer.finish()
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a lead: contact, checks, quality and its way to sales.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        @OptionGroup var output: RecordFormatOption

        func run() async throws {
            let l = try await options.withConnection { db in try await Lead.require(id: lead.id, on: db) }
            if output.format == .json { return print(OutputFormat.json(l.json)) }
            func flag(_ value: Bool?) -> String { value.map { $0 ? "yes" : "no" } ?? "unknown" }
            var rows = [
                ["lead", "\(l.id): \(l.company)"], ["unit", l.unit + (l.bu.map { "/\($0)" } ?? "")],
                ["source", l.activityId.map { "activity \($0)" } ?? l.channel ?? "-"],
                ["contact", [l.contactName, l.contactTitle, l.email, l.phone].compactMap { $0 }.joined(separator: ", ")],
                ["key person", flag(l.keyPerson)], ["industry", l.industry ?? "-"], ["need", l.need ?? "-"],
                ["project approved", flag(l.projectApproved)], ["budget this year", flag(l.budgetThisYear)],
                ["budget in price band", flag(l.budgetInPriceBand)], ["KPI tied to it", flag(l.kpiTied)],
                ["quality", "\(l.qualityScore) (customer \(l.customerQuality), informant \(l.informantQuality), completeness \(l.completeness))"],
                ["classification", l.classification], ["state", l.state.rawValue],
            ]
            if let to = l.handedTo {
                rows.append(["handed to", "\(to) (\(l.handedToKind ?? "")) at \(l.handedOffAt.map(OutputFormat.timestamp) ?? "-")"])
                rows.append(["SLA due", l.slaDueAt.map(OutputFormat.timestamp) ?? "-"])
            }
            if let answered = l.respondedAt { rows.append(["answered", OutputFormat.timestamp(answered)]) }
            if let reason = l.rejectionReason { rows.append(["rejection reason", reason]) }
            if let value = l.pipelineValue { rows.append(["pipeline value", "\(value) \(l.currency ?? "")"]) }
            if let importID = l.importId { rows.append(["import", String(importID)]) }
            print(OutputFormat.table(header: ["FIELD", "VALUE"], rows: rows))
        }
    }

    struct Qualify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record what qualification found and mark the lead qualified (or, with --in-progress, qualifying).")

        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        @Option(help: "The customer's quality, 0–5.") var customerQuality: Int?
        @Option(help: "The informant's quality, 0–5.") var informantQuality: Int?
        @Option(help: "Whether the contact is a key person (makes it an opportunity).") var keyPerson: YesNo?
        @Option(help: "Whether the project is approved.") var projectApproved: YesNo?
        @Option(help: "Whether there is budget this year.") var budgetThisYear: YesNo?
        @Option(help: "Whether the budget is within our price band.") var budgetInPriceBand: YesNo?
        @Option(help: "Whether the key person's KPI is tied to it.") var kpiTied: YesNo?
        @Flag(help: "Record the findings and leave the lead qualifying.") var inProgress = false

        func validate() throws {
            for score in [customerQuality, informantQuality].compactMap({ $0 }) where !(0...5).contains(score) {
                throw ValidationError("quality scores are 0 to 5")
            }
        }

        func run() async throws {
            let found = Lead.Qualification(customerQuality: customerQuality, informantQuality: informantQuality, keyPerson: keyPerson?.bool,
                                           projectApproved: projectApproved?.bool, budgetThisYear: budgetThisYear?.bool,
                                           budgetInPriceBand: budgetInPriceBand?.bool, kpiTied: kpiTied?.bool)
            let updated = try await options.withConnection { db in
                try await Lead.qualify(id: lead.id, found, finish: !inProgress, on: db)
            }
            print("lead \(updated.id) (\(updated.company)) is \(updated.state): \(updated.classification), quality \(updated.qualityScore)")
        }
    }

    struct Handoff: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Hand a qualified lead to a sales team (or, with --partner, a channel partner); the acceptance SLA starts.")

        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        @Option(help: ArgumentHelp("The sales team or partner.", valueName: "name")) var to: String
        @Flag(help: "The recipient is a channel partner, not a sales team.") var partner = false

        func run() async throws {
            report(try await options.withConnection { db in try await Lead.handOff(id: lead.id, to: to, partner: partner, on: db) })
        }
    }

    struct Accept: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that sales accepted a handed-off lead.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        func run() async throws {
            report(try await options.withConnection { db in try await Lead.answer(id: lead.id, .accepted, on: db) })
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record that sales rejected a handed-off lead, and why.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        @Option(help: "Why sales rejected it.") var reason: String
        func validate() throws {
            if reason.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--reason must say why") }
        }
        func run() async throws {
            report(try await options.withConnection { db in try await Lead.answer(id: lead.id, .rejected, reason: reason, on: db) })
        }
    }

    struct Recycle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Send a lead back to marketing to nurture and qualify again.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        func run() async throws {
            report(try await options.withConnection { db in try await Lead.answer(id: lead.id, .recycled, on: db) })
        }
    }

    struct Convert: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record the pipeline value of an accepted lead that became an opportunity in sales' pipeline.")
        @OptionGroup var options: DomainOptions
        @OptionGroup var lead: IDArgument
        @Option(help: "The pipeline value.") var pipelineValue: Decimal
        @Option(help: "Its currency (ISO 4217), such as EUR.") var currency: String?
        func validate() throws {
            if pipelineValue < 0 { throw ValidationError("--pipeline-value cannot be negative") }
            if let currency, currency.range(of: "^[A-Z]{3}$", options: .regularExpression) == nil {
                throw ValidationError("--currency takes an ISO 4217 code such as EUR")
            }
        }
        func run() async throws {
            report(try await options.withConnection { db in
                try await Lead.convert(id: lead.id, pipelineValue: pipelineValue, currency: currency, on: db)
            })
        }
    }

    struct Breaches: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List hand-offs past their acceptance SLA: waiting after the due time, or answered late.")
        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws {
            let breaches = try await options.withConnection { db in try await SLABreach.list(on: db) }
            try format.print(breaches)
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Leads and the pipeline they made, per region, within your scope.")
        @OptionGroup var options: DomainOptions
        @Option(help: "Output format: table, json or csv.") var format: OutputFormat = .table
        func run() async throws {
            let rows = try await options.withConnection { db in try await PipelineSummary.byRegion(on: db) }
            try format.print(rows)
        }
    }

    struct SLA: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sla",
            abstract: "Show, or set (HQ admins), the days sales has to accept or reject a handed-off lead.")
        @OptionGroup var options: DomainOptions
        @Option(help: "The new acceptance SLA in days (\(LeadSLA.allowedDays.lowerBound)–\(LeadSLA.allowedDays.upperBound)); applies to hand-offs from now on.")
        var days: Int?
        func validate() throws {
            if let days, !LeadSLA.allowedDays.contains(days) {
                throw ValidationError("--days is \(LeadSLA.allowedDays.lowerBound) to \(LeadSLA.allowedDays.upperBound)")
            }
        }
        func run() async throws {
            let current = try await options.withConnection { db in
                if let days { try await LeadSLA.set(days: days, on: db) }
                return try await LeadSLA.days(on: db)
            }
            print("hand-offs are to be accepted or rejected within \(current) day\(current == 1 ? "" : "s")")
        }
    }
}

extension Lead.State: ExpressibleByArgument {}

extension TextEncoding: ExpressibleByArgument {}

extension LeadImporter.OnDuplicate: ExpressibleByArgument {}
