/// A `text[]` parameter built one element at a time: each value's UTF-8 is written once, straight
/// into the array's binary form, and NULL elements are allowed. For bulk statements that send
/// many rows as one array per column (`INSERT … SELECT … FROM unnest($1, $2, …)`), where building
/// `[String?]` first and encoding it afterwards would copy every value twice more.
public struct PGTextArray: PGEncodable {
    public static var pgType: PGType { .textArray }

    private var elements: [UInt8] = []
    /// The number of elements.
    public private(set) var count = 0
    private var hasNulls = false

    /// An empty array; `bytes` reserves room for the elements' text.
    public init(reservingBytes bytes: Int = 0) {
        elements.reserveCapacity(bytes)
    }

    /// Adds an element; nil is NULL.
    public mutating func append(_ value: String?) {
        count += 1
        guard var value else {
            hasNulls = true
            elements.appendBigEndian(Int32(-1))
            return
        }
        value.withUTF8 { bytes in
            elements.appendBigEndian(Int32(bytes.count))
            elements.append(contentsOf: bytes)
        }
    }

    public func pgEncode(into buffer: inout [UInt8]) {
        buffer.reserveCapacity(buffer.count + 20 + elements.count)
        buffer.appendBigEndian(Int32(count == 0 ? 0 : 1))  // dimensions
        buffer.appendBigEndian(Int32(hasNulls ? 1 : 0))
        buffer.appendBigEndian(PGType.text.rawValue)
        guard count > 0 else { return }
        buffer.appendBigEndian(Int32(count))
        buffer.appendBigEndian(Int32(1))  // lower bound
        buffer.append(contentsOf: elements)
    }
}
