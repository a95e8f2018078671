import Foundation

/// A `Codable` value stored as `jsonb` (sent as jsonb; reads json or jsonb).
///
/// ```swift
/// let args = PGJSON(ReviewArgs(quarter: "FY2027-Q1"))
/// try await conn.execute("INSERT INTO scheduler.job (args) VALUES (\(args))")
/// ```
public struct PGJSON<Value: Codable & Sendable>: Sendable {
    public var value: Value
    public init(_ value: Value) { self.value = value }
}

extension PGJSON: Equatable where Value: Equatable {}
extension PGJSON: Hashable where Value: Hashable {}

extension PGJSON: PGCodable {
    public static var pgType: PGType { .jsonb }

    public func pgEncode(into buffer: inout [UInt8]) {
        buffer.append(1)  // jsonb binary format version
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a Codable value to JSON only fails for non-finite floats; send null then.
        buffer.append(contentsOf: (try? encoder.encode(value)) ?? Data("null".utf8))
    }

    public var pgBind: PGBind {
        var bytes: [UInt8] = []
        pgEncode(into: &bytes)
        return PGBind(type: .jsonb, bytes: bytes)
    }

    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> PGJSON {
        let text: UnsafeRawBufferPointer
        switch type {
        case .json: text = bytes.base
        case .jsonb:
            guard bytes.count >= 1, bytes.base[0] == 1 else { throw .malformed("unknown jsonb version") }
            text = UnsafeRawBufferPointer(rebasing: bytes.base[1...])
        default: throw .typeMismatch
        }
        do {
            return PGJSON(try JSONDecoder().decode(Value.self, from: Data(text)))
        } catch {
            throw .malformed("JSON does not match \(Value.self): \(error)")
        }
    }
}
