/// Aligned text columns, two spaces apart, padded by display width: the tables of every format.
public enum TextTable {
    /// The widths that fit `header` and `rows`.
    public static func widths(header: [String], rows: [[String]]) -> [Int] {
        var widths = header.map(DisplayWidth.of)
        for row in rows { for (index, cell) in row.enumerated() where index < widths.count { widths[index] = max(widths[index], DisplayWidth.of(cell)) } }
        return widths
    }

    /// One line (no line break), the last cell unpadded.
    public static func line(_ cells: [String], _ widths: [Int]) -> String {
        cells.enumerated().map { index, cell in
            index == cells.count - 1 ? cell : DisplayWidth.padded(cell, to: widths[index])
        }.joined(separator: "  ")
    }

    /// A whole table: its header, then each row with its cells on one line.
    public static func render(header: [String], rows: [[String]]) -> String {
        let rows = rows.map { $0.map(DisplayWidth.oneLine) }
        let widths = widths(header: header, rows: rows)
        return ([line(header, widths)] + rows.map { line($0, widths) }).joined(separator: "\n")
    }
}
