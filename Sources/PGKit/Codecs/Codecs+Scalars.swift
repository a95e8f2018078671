import Foundation

// Booleans, integers, floating point, text, bytea and uuid.

extension Bool: PGCodable {
    public static var pgType: PGType { .bool }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.append(self ? 1 : 0) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Bool {
        guard type == .bool else { throw .typeMismatch }
        try bytes.expect(1)
        return bytes.base[0] != 0
    }
}

/// Reads any PostgreSQL integer column into a Swift integer, refusing values that don't fit.
private func decodeInteger<T: FixedWidthInteger>(_ bytes: PGBytes, type: PGType, widest: PGType) throws(PGDecodingFailure) -> T {
    let value: Int64
    switch type {
    case .int2: try bytes.expect(2); value = Int64(try bytes.integer(at: 0, as: Int16.self))
    case .int4 where widest != .int2: try bytes.expect(4); value = Int64(try bytes.integer(at: 0, as: Int32.self))
    case .int8 where widest == .int8: try bytes.expect(8); value = try bytes.integer(at: 0, as: Int64.self)
    case .oid where widest != .int2: try bytes.expect(4); value = Int64(try bytes.integer(at: 0, as: UInt32.self))
    default: throw .typeMismatch
    }
    guard let result = T(exactly: value) else { throw .malformed("\(value) does not fit in \(T.self)") }
    return result
}

extension Int16: PGCodable {
    public static var pgType: PGType { .int2 }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Int16 {
        try decodeInteger(bytes, type: type, widest: .int2)
    }
}

extension Int32: PGCodable {
    public static var pgType: PGType { .int4 }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Int32 {
        try decodeInteger(bytes, type: type, widest: .int4)
    }
}

extension Int64: PGCodable {
    public static var pgType: PGType { .int8 }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(self) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Int64 {
        try decodeInteger(bytes, type: type, widest: .int8)
    }
}

extension Int: PGCodable {
    public static var pgType: PGType { .int8 }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(Int64(self)) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Int {
        try decodeInteger(bytes, type: type, widest: .int8)
    }
}

extension Float: PGCodable {
    public static var pgType: PGType { .float4 }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(bitPattern) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Float {
        guard type == .float4 else { throw .typeMismatch }
        try bytes.expect(4)
        return Float(bitPattern: try bytes.integer(at: 0))
    }
}

extension Double: PGCodable {
    public static var pgType: PGType { .float8 }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(bitPattern) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Double {
        switch type {
        case .float8: try bytes.expect(8); return Double(bitPattern: try bytes.integer(at: 0))
        case .float4: try bytes.expect(4); return Double(Float(bitPattern: try bytes.integer(at: 0)))
        default: throw .typeMismatch
        }
    }
}

extension String: PGCodable {
    public static var pgType: PGType { .text }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.append(contentsOf: utf8) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> String {
        switch type {
        case .text, .varchar, .bpchar, .name, .unknown, .char:
            return String(decoding: bytes.base, as: UTF8.self)
        default: throw .typeMismatch
        }
    }
}

extension Data: PGCodable {
    public static var pgType: PGType { .bytea }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.append(contentsOf: self) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Data {
        guard type == .bytea else { throw .typeMismatch }
        return Data(bytes.base)
    }
}

extension UUID: PGCodable {
    public static var pgType: PGType { .uuid }
    public func pgEncode(into buffer: inout [UInt8]) { withUnsafeBytes(of: uuid) { buffer.append(contentsOf: $0) } }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> UUID {
        guard type == .uuid else { throw .typeMismatch }
        try bytes.expect(16)
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyMemory(from: bytes.base) }
        return UUID(uuid: raw)
    }
}
