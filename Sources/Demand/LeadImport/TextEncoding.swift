/// The encodings a lead file may be in: UTF-8 (the default, as Excel's "CSV UTF-8" and every CRM
/// write), and the two that Excel on Windows still writes as plain "CSV", converted when asked.
public enum TextEncoding: String, Sendable, CaseIterable {
    case utf8 = "utf-8"
    case windows1252 = "windows-1252"
    case latin1 = "iso-8859-1"

    /// The text of `bytes`; nil when they are not valid in this encoding (bad UTF-8, or one of
    /// the five bytes Windows-1252 leaves undefined).
    public func decode(_ bytes: [UInt8]) -> String? {
        switch self {
        case .utf8:
            return String(validating: bytes, as: UTF8.self)
        case .latin1:
            var text = String.UnicodeScalarView()
            for byte in bytes { text.append(Unicode.Scalar(byte)) }
            return String(text)
        case .windows1252:
            var text = String.UnicodeScalarView()
            for byte in bytes {
                if (0x80...0x9F).contains(byte) {
                    guard let value = Self.windows1252High[Int(byte - 0x80)], let scalar = Unicode.Scalar(value) else { return nil }
                    text.append(scalar)
                } else {
                    text.append(Unicode.Scalar(byte))
                }
            }
            return String(text)
        }
    }

    /// `text` in this encoding; a character it cannot hold becomes `?`.
    public func encode(_ text: String) -> [UInt8] {
        switch self {
        case .utf8:
            return Array(text.utf8)
        case .latin1, .windows1252:
            return text.unicodeScalars.map { scalar in
                if scalar.value < 0x80 || (scalar.value <= 0xFF && (self == .latin1 || scalar.value >= 0xA0)) { return UInt8(scalar.value) }
                if self == .windows1252, let index = Self.windows1252High.firstIndex(of: scalar.value) { return UInt8(0x80 + index) }
                return UInt8(ascii: "?")
            }
        }
    }

    /// Windows-1252's 0x80–0x9F (the rest is ISO-8859-1); nil where it defines nothing.
    static let windows1252High: [UInt32?] = [
        0x20AC, nil, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, nil, 0x017D, nil,
        nil, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, nil, 0x017E, 0x0178,
    ]
}
