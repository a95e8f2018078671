/// A Swift value that can be sent to PostgreSQL as a bound parameter, in binary format.
public protocol PGEncodable: Sendable {
    /// The PostgreSQL type the value is sent as.
    static var pgType: PGType { get }
    /// Appends the value's binary representation.
    func pgEncode(into buffer: inout [UInt8])
    /// The parameter for this value (``Optional`` overrides it to send NULL).
    var pgBind: PGBind { get }
}

extension PGEncodable {
    public var pgBind: PGBind {
        var bytes: [UInt8] = []
        pgEncode(into: &bytes)
        return PGBind(type: Self.pgType, bytes: bytes)
    }
}

/// A Swift value that can be read from a PostgreSQL column in binary format.
public protocol PGDecodable {
    /// Decodes a non-NULL value. Throws ``PGDecodingFailure/typeMismatch`` for a column type the
    /// Swift type does not read, so the caller can name the column.
    static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Self
    /// The value for SQL NULL (``Optional`` gives `nil`; everything else fails).
    static func pgDecodeNull() throws(PGDecodingFailure) -> Self
}

extension PGDecodable {
    public static func pgDecodeNull() throws(PGDecodingFailure) -> Self { throw .unexpectedNull }
}

public typealias PGCodable = PGEncodable & PGDecodable

/// Why one value failed to decode; ``PGRow`` turns it into a ``PGError`` naming the column.
public enum PGDecodingFailure: Error, Sendable {
    case typeMismatch
    case unexpectedNull
    case malformed(String)
}

extension Optional: PGEncodable where Wrapped: PGEncodable {
    public static var pgType: PGType { Wrapped.pgType }
    public func pgEncode(into buffer: inout [UInt8]) { self?.pgEncode(into: &buffer) }
    public var pgBind: PGBind {
        switch self {
        case .none: PGBind(type: Wrapped.pgType, bytes: nil)
        case .some(let value): value.pgBind
        }
    }
}

extension Optional: PGDecodable where Wrapped: PGDecodable {
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Self {
        try Wrapped.pgDecode(bytes, type: type)
    }
    public static func pgDecodeNull() throws(PGDecodingFailure) -> Self { nil }
}

/// A view of one binary value inside a result, valid while the result lives. Reads are big-endian.
public struct PGBytes {
    public let base: UnsafeRawBufferPointer

    public init(_ base: UnsafeRawBufferPointer) { self.base = base }

    public var count: Int { base.count }

    /// Fails unless the value is exactly `count` bytes long.
    public func expect(_ count: Int) throws(PGDecodingFailure) {
        guard base.count == count else { throw .malformed("expected \(count) bytes, got \(base.count)") }
    }

    public func integer<T: FixedWidthInteger>(at offset: Int, as: T.Type = T.self) throws(PGDecodingFailure) -> T {
        guard offset >= 0, offset + MemoryLayout<T>.size <= base.count else { throw .malformed("value too short") }
        return T(bigEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    public func slice(_ offset: Int, _ length: Int) throws(PGDecodingFailure) -> PGBytes {
        guard offset >= 0, length >= 0, offset + length <= base.count else { throw .malformed("value too short") }
        return PGBytes(UnsafeRawBufferPointer(rebasing: base[offset..<(offset + length)]))
    }

    public var array: [UInt8] { Array(base) }
}

extension Array where Element == UInt8 {
    @inlinable
    mutating func appendBigEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.bigEndian) { append(contentsOf: $0) }
    }
}
