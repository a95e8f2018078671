import MTLCore

/// Problems with a lead file as a whole: each stops the import before anything is written.
extension MTLError {
    static func cannotRead(_ path: String, _ reason: String) -> MTLError {
        MTLError("cannot read \(path): \(reason)")
    }

    static func badEncoding(_ path: String, line: Int, column: Int?) -> MTLError {
        guard let column else {
            return MTLError("\(path) is UTF-16, not UTF-8", hint: "Save the file as CSV UTF-8 and import it again.")
        }
        return MTLError("\(path) line \(line), column \(column): not valid UTF-8",
                        hint: "Save the file as CSV UTF-8 (in a spreadsheet: CSV UTF-8) and import it again.")
    }

    /// A NUL byte: valid UTF-8, but PostgreSQL's text cannot hold it (it would fail the COPY
    /// with no line to show).
    static func nulByte(_ path: String, line: Int, column: Int) -> MTLError {
        MTLError("\(path) line \(line), column \(column): a NUL byte (0x00), which text cannot hold",
                 hint: "The file is probably not a CSV text file, or was damaged; remove the byte or export the file again.")
    }

    static func unterminatedQuote(_ path: String, line: Int) -> MTLError {
        MTLError("\(path) line \(line): a quoted field is never closed",
                 hint: "Close the field's quote; a quote inside a quoted field is written twice (\"\").")
    }

    static func emptyFile(_ path: String) -> MTLError {
        MTLError("\(path) is empty: there is no header row", hint: "The first line names the columns, such as: company,contact_name,email,channel")
    }

    static func noRows(_ path: String) -> MTLError {
        MTLError("\(path) has a header but no leads", hint: "Nothing was imported or recorded.")
    }
}
