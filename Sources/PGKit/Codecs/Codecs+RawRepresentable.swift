/// A string-backed enum (a state, a kind) as a text value: declare the conformance and these do
/// the rest.
///
/// ```swift
/// public enum State: String, PGCodable { case draft, submitted }
/// ```
///
/// A value the enum does not know fails to decode, naming the value (`unknown value "paused"`),
/// so a state added to the database but not to Swift is found at once rather than misread.
extension PGEncodable where Self: RawRepresentable, RawValue == String {
    public static var pgType: PGType { .text }
    public func pgEncode(into buffer: inout [UInt8]) { rawValue.pgEncode(into: &buffer) }
}

extension PGDecodable where Self: RawRepresentable, RawValue == String {
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Self {
        let raw = try String.pgDecode(bytes, type: type)
        guard let value = Self(rawValue: raw) else { throw .malformed("unknown value \"\(raw)\"") }
        return value
    }
}
