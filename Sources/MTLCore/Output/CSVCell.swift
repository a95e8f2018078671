/// A CSV cell made safe for spreadsheets (OWASP "CSV injection"): a value starting with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would run as a formula when a spreadsheet opens the
/// file, so it gets a leading apostrophe, which spreadsheets show as text and do not print. A
/// plain number (`-12.5`) is left as it is: it cannot run anything, and stays a number.
/// Exports streamed by the server use the same rule (`org.csv_cell`, pinned to this by a test);
/// imports take the apostrophe off again (``restored(_:)``).
public enum CSVCell {
    /// The characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// `value` with a leading apostrophe when a spreadsheet would run it as a formula.
    public static func neutralised(_ value: String) -> String {
        // The formula characters are ASCII: look at the first byte before anything slower.
        guard let byte = value.utf8.first, byte == 0x3D || byte == 0x2B || byte == 0x2D || byte == 0x40 || byte == 0x09 || byte == 0x0D,
              let first = value.unicodeScalars.first, formulaStarts.contains(first), !isPlainNumber(value) else { return value }
        return "'" + value
    }

    /// An exported cell as it was before ``neutralised(_:)``: the apostrophe before a formula
    /// character is taken off; anything else is unchanged.
    public static func restored(_ value: String) -> String {
        guard value.utf8.first == UInt8(ascii: "'") else { return value }
        let scalars = value.unicodeScalars
        guard let second = scalars.dropFirst().first, formulaStarts.contains(second) else { return value }
        return String(value.unicodeScalars.dropFirst())
    }

    /// `-12`, `-12.5`: an optional minus, digits, an optional fraction.
    static func isPlainNumber(_ value: String) -> Bool {
        var digits = value.utf8.dropFirst(value.hasPrefix("-") ? 1 : 0)
        guard let first = digits.first, (48...57).contains(first) else { return false }
        var seenPoint = false
        while let byte = digits.popFirst() {
            if byte == UInt8(ascii: ".") && !seenPoint, let next = digits.first, (48...57).contains(next) {
                seenPoint = true
            } else if !(48...57).contains(byte) {
                return false
            }
        }
        return true
    }
}
