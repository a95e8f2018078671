import Foundation
import Synchronization

/// Records derived from `Decodable`, as GRDB's `FetchableRecord` does: a type that is both
/// ``PGRecord`` and `Decodable` gets `init(row:)` for free, each stored property read from the
/// column of its name in snake_case (`mspId` from `msp_id`), with the same type checks and
/// messages as ``PGRow/decode(_:named:)`` (`column "code" (text) cannot be read as Int`).
///
/// ```swift
/// struct Unit: PGRecord, Decodable { var id: Int64; var code: String; var parentCode: String? }
/// let units = try await db.fetchAll("SELECT id, code, parent_code FROM org.unit", as: Unit.self)
/// ```
///
/// Every property's type must be ``PGDecodable`` (an optional one reads NULL as nil); a
/// `CodingKeys` enum renames or leaves out properties as usual.
extension PGRecord where Self: Decodable {
    public init(row: PGRow) throws {
        try self.init(from: PGRowDecoder(row: row))
    }
}

/// Decodes one row: a keyed container whose keys are columns.
struct PGRowDecoder: Decoder {
    let row: PGRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(Columns<Key>(row: row, cursor: Cursor()))
    }

    /// Where the next property is expected: right after the last one found.
    final class Cursor {
        var next = 0
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw PGError(.decoding, "a row decodes into a struct of named columns, not into an array")
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        throw PGError(.decoding, "a row decodes into a struct of named columns, not into a single value")
    }

    /// `mspId` → `msp_id`: what `JSONDecoder.KeyDecodingStrategy.convertFromSnakeCase` undoes.
    /// Each conversion is made once per process: a row decodes every property by name, and a
    /// stream of a million rows would otherwise convert the same few names millions of times.
    static func columnName(_ key: String) -> String {
        if let known = columnNames.withLock({ $0[key] }) { return known }
        let name = convertedName(key)
        columnNames.withLock { $0[key] = name }
        return name
    }

    private static let columnNames = Mutex<[String: String]>([:])

    static func convertedName(_ key: String) -> String {
        var name = ""
        for character in key {
            if character.isUppercase {
                if !name.isEmpty { name.append("_") }
                name.append(contentsOf: character.lowercased())
            } else {
                name.append(character)
            }
        }
        return name
    }

    struct Columns<Key: CodingKey>: KeyedDecodingContainerProtocol {
        let row: PGRow
        let cursor: Cursor
        var codingPath: [any CodingKey] { [] }

        var allKeys: [Key] { row.columns.compactMap { Key(stringValue: $0.name) } }

        /// The property's column: the one after the last found when its name fits (properties
        /// are asked for in order, and `decodeIfPresent` asks for the same one twice), else found
        /// by name.
        func index(of key: Key) -> Int? {
            let layout = row.storage.layout
            let name = key.stringValue
            let next = cursor.next
            if next < layout.propertyNames.count, layout.propertyNames[next] == name {
                cursor.next = next + 1
                return next
            }
            if next > 0, layout.propertyNames[next - 1] == name { return next - 1 }
            guard let found = layout.index(forKey: name) else { return nil }
            cursor.next = found + 1
            return found
        }

        /// Every key is asked for: a column missing for an optional property is an error too (a
        /// misspelt column would otherwise read as nil for ever).
        func contains(_ key: Key) -> Bool { true }

        func decodeNil(forKey key: Key) throws -> Bool {
            guard let column = index(of: key) else {
                throw PGError(.decoding, "no column named \"\(PGRowDecoder.columnName(key.stringValue))\"; columns: \(row.columns.map(\.name).joined(separator: ", "))")
            }
            return row.isNull(at: column)
        }

        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            guard let decodable = type as? any PGDecodable.Type else {
                throw PGError(.decoding, "property \(key.stringValue) is a \(T.self), which is not read from a column (PGDecodable)")
            }
            return try decodeColumn(decodable, key) as! T
        }

        func decodeColumn<V: PGDecodable>(_ type: V.Type, _ key: Key) throws -> V {
            guard let column = index(of: key) else {
                throw PGError(.decoding, "no column named \"\(PGRowDecoder.columnName(key.stringValue))\"; columns: \(row.columns.map(\.name).joined(separator: ", "))")
            }
            return try row.decode(V.self, at: column)
        }

        func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
            throw PGError(.decoding, "property \(key.stringValue): a column holds no nested record")
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            throw PGError(.decoding, "property \(key.stringValue): read arrays as [T] columns")
        }

        func superDecoder() throws -> any Decoder { PGRowDecoder(row: row) }
        func superDecoder(forKey key: Key) throws -> any Decoder { PGRowDecoder(row: row) }
    }
}
