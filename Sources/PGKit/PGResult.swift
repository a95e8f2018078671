import CLibPQ
import Synchronization

/// Owns a libpq `PGresult` and frees it when the last reference goes.
/// Immutable after creation, so safe to share between tasks.
final class PGResultStorage: @unchecked Sendable {
    let handle: OpaquePointer
    let layout: PGColumnLayout
    let rowCount: Int

    var columns: [PGColumn] { layout.columns }

    /// - Parameter layout: the columns when already known (rows of one stream share them).
    init(_ handle: OpaquePointer, layout known: PGColumnLayout? = nil) {
        self.handle = handle
        rowCount = Int(PQntuples(handle))
        layout = known ?? PGColumnLayout((0..<PQnfields(handle)).map { index in
            PGColumn(name: String(cString: PQfname(handle, index)), type: PGType(PQftype(handle, index)))
        })
    }

    deinit { PQclear(handle) }
}

/// The columns of a result, shared by all its rows (and by the rows of one stream), with their
/// positions by name, so that reading a row by names does not search its columns each time.
final class PGColumnLayout: Sendable {
    let columns: [PGColumn]
    /// Each column's name as a Swift property would be named (`msp_id` → `mspId`): a record
    /// from `Decodable` asks for its properties in order, usually the columns' order.
    let propertyNames: [String]
    private let positions: [String: Int]
    /// Property names (`mspId`) already matched to a position, for rows from `Decodable`.
    private let keyPositions = Mutex<[String: Int]>([:])

    init(_ columns: [PGColumn]) {
        self.columns = columns
        var positions: [String: Int] = [:]
        for (index, column) in columns.enumerated() where positions[column.name] == nil {
            positions[column.name] = index
        }
        self.positions = positions
        propertyNames = columns.map { column in
            var name = ""
            var upper = false
            for character in column.name {
                if character == "_", !name.isEmpty {
                    upper = true
                } else {
                    name += upper ? character.uppercased() : String(character)
                    upper = false
                }
            }
            return name
        }
    }

    /// The first column named `name`.
    func index(named name: String) -> Int? { positions[name] }

    /// The column of a property, named in snake_case (`msp_id` for `mspId`).
    func index(forKey key: String) -> Int? {
        if let known = keyPositions.withLock({ $0[key] }) { return known }
        guard let found = positions[PGRowDecoder.columnName(key)] else { return nil }
        keyPositions.withLock { $0[key] = found }
        return found
    }
}

/// A column of a result: its name and type.
public struct PGColumn: Sendable, Hashable {
    public var name: String
    public var type: PGType
}

/// The rows of one statement, held in memory. Iterate it, or index it.
public struct PGResult: Sendable, RandomAccessCollection {
    let storage: PGResultStorage

    /// Rows affected, for INSERT/UPDATE/DELETE/COPY/etc. (`PQcmdTuples`).
    public let affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1`.
    public let commandTag: String

    init(_ storage: PGResultStorage) {
        self.storage = storage
        affectedRows = Int(String(cString: PQcmdTuples(storage.handle))) ?? 0
        commandTag = String(cString: PQcmdStatus(storage.handle))
    }

    public var columns: [PGColumn] { storage.columns }
    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.rowCount }
    public subscript(position: Int) -> PGRow { PGRow(storage: storage, index: position) }
}

/// One row of a result. Decode its columns by position, by name, or all at once into a tuple.
public struct PGRow: Sendable {
    let storage: PGResultStorage
    let index: Int

    public var columns: [PGColumn] { storage.columns }

    /// Decodes the column at `column` (0-based).
    public func decode<T: PGDecodable>(_ type: T.Type = T.self, at column: Int) throws(PGError) -> T {
        guard column >= 0, column < storage.columns.count else {
            throw PGError(.decoding, "column \(column) does not exist: the row has \(storage.columns.count) columns")
        }
        let info = storage.columns[column]
        do {
            if PQgetisnull(storage.handle, Int32(index), Int32(column)) == 1 {
                return try T.pgDecodeNull()
            }
            let length = Int(PQgetlength(storage.handle, Int32(index), Int32(column)))
            let pointer = UnsafeRawPointer(PQgetvalue(storage.handle, Int32(index), Int32(column)))
            return try T.pgDecode(PGBytes(UnsafeRawBufferPointer(start: pointer, count: length)), type: info.type)
        } catch {
            let reason = switch error {
            case .typeMismatch: "cannot be read as \(T.self)"
            case .unexpectedNull: "is NULL; read it as \(T.self)? (an Optional)"
            case .malformed(let why): "could not be read as \(T.self): \(why)"
            }
            throw PGError(.decoding, "column \"\(info.name)\" (\(info.type)) \(reason)")
        }
    }

    /// Decodes the column named `name`.
    public func decode<T: PGDecodable>(_ type: T.Type = T.self, named name: String) throws(PGError) -> T {
        guard let column = storage.layout.index(named: name) else {
            throw PGError(.decoding, "no column named \"\(name)\"; columns: \(storage.columns.map(\.name).joined(separator: ", "))")
        }
        return try decode(T.self, at: column)
    }

    /// Decodes every column, in order, into a tuple: `try row.decode((Int, String?).self)`.
    public func decode<each T: PGDecodable>(_ types: (repeat each T).Type) throws(PGError) -> (repeat each T) {
        var column = 0
        func next<V: PGDecodable>(_: V.Type) throws(PGError) -> V {
            defer { column += 1 }
            return try decode(V.self, at: column)
        }
        let values = (repeat try next((each T).self))
        guard column == storage.columns.count else {
            throw PGError(.decoding, "the row has \(storage.columns.count) columns but \(column) types were asked for")
        }
        return values
    }

    /// Whether the column at `column` is NULL.
    public func isNull(at column: Int) -> Bool { PQgetisnull(storage.handle, Int32(index), Int32(column)) == 1 }
}

/// A type built from a row, for `fetchAll(_:as:)` and friends.
///
/// ```swift
/// struct Unit: PGRecord {
///     var id: Int64; var code: String
///     init(row: PGRow) throws { (id, code) = try row.decode((Int64, String).self) }
/// }
/// ```
public protocol PGRecord: Sendable {
    init(row: PGRow) throws
}
