import Foundation

/// A type that can be an element of a one-dimensional PostgreSQL array.
public protocol PGArrayElement: PGCodable {
    /// The array type whose elements are `pgType` (e.g. `int4[]` for `int4`).
    static var pgArrayType: PGType { get }
    /// Other element types this Swift type also reads from (e.g. varchar for String).
    static var pgReadableElementTypes: Set<PGType> { get }
    /// Whether the element is SQL NULL (only an ``Optional`` element can be).
    var pgIsNull: Bool { get }
}

extension PGArrayElement {
    public var pgIsNull: Bool { false }
}

/// Arrays of optionals (`[String?]`) have NULL elements.
extension Optional: PGArrayElement where Wrapped: PGArrayElement {
    public static var pgArrayType: PGType { Wrapped.pgArrayType }
    public static var pgReadableElementTypes: Set<PGType> { Wrapped.pgReadableElementTypes }
    public var pgIsNull: Bool { self == nil }
}

extension Int16: PGArrayElement {
    public static var pgArrayType: PGType { .int2Array }
    public static var pgReadableElementTypes: Set<PGType> { [.int2] }
}
extension Int32: PGArrayElement {
    public static var pgArrayType: PGType { .int4Array }
    public static var pgReadableElementTypes: Set<PGType> { [.int2, .int4] }
}
extension Int64: PGArrayElement {
    public static var pgArrayType: PGType { .int8Array }
    public static var pgReadableElementTypes: Set<PGType> { [.int2, .int4, .int8] }
}
extension Int: PGArrayElement {
    public static var pgArrayType: PGType { .int8Array }
    public static var pgReadableElementTypes: Set<PGType> { [.int2, .int4, .int8] }
}
extension String: PGArrayElement {
    public static var pgArrayType: PGType { .textArray }
    public static var pgReadableElementTypes: Set<PGType> { [.text, .varchar, .bpchar, .name] }
}
extension UUID: PGArrayElement {
    public static var pgArrayType: PGType { .uuidArray }
    public static var pgReadableElementTypes: Set<PGType> { [.uuid] }
}

/// One-dimensional arrays of ints, text and uuids; NULL elements as optionals (`[String?]`).
extension Array: PGEncodable where Element: PGArrayElement {
    public static var pgType: PGType { Element.pgArrayType }

    public func pgEncode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(Int32(isEmpty ? 0 : 1))  // dimensions
        buffer.appendBigEndian(Int32(contains { $0.pgIsNull } ? 1 : 0))  // has nulls
        buffer.appendBigEndian(Element.pgType.rawValue)
        guard !isEmpty else { return }
        buffer.appendBigEndian(Int32(count))
        buffer.appendBigEndian(Int32(1))  // lower bound
        var element: [UInt8] = []
        for value in self {
            if value.pgIsNull {
                buffer.appendBigEndian(Int32(-1))
                continue
            }
            element.removeAll(keepingCapacity: true)
            value.pgEncode(into: &element)
            buffer.appendBigEndian(Int32(element.count))
            buffer.append(contentsOf: element)
        }
    }
}

extension Array: PGDecodable where Element: PGArrayElement {
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> [Element] {
        let dimensions = try bytes.integer(at: 0, as: Int32.self)
        let elementType = PGType(try bytes.integer(at: 8, as: UInt32.self))
        guard Element.pgReadableElementTypes.contains(elementType) else { throw .typeMismatch }
        if dimensions == 0 { return [] }
        guard dimensions == 1 else { throw .malformed("\(dimensions)-dimensional arrays are not supported") }
        let count = Int(try bytes.integer(at: 12, as: Int32.self))
        var offset = 20
        var result: [Element] = []
        result.reserveCapacity(count)
        for _ in 0..<count {
            let length = Int(try bytes.integer(at: offset, as: Int32.self))
            offset += 4
            guard length >= 0 else {
                do { result.append(try Element.pgDecodeNull()) } catch {
                    throw .malformed("array has a NULL element; read it as an array of optionals, or element-wise with unnest()")
                }
                continue
            }
            result.append(try Element.pgDecode(try bytes.slice(offset, length), type: elementType))
            offset += length
        }
        return result
    }
}
