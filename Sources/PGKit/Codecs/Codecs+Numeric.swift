import Foundation

/// An exact PostgreSQL `numeric`, kept as its canonical decimal text.
///
/// Use it when a value may exceed `Decimal`'s 38 significant digits, or may be `NaN` or infinite.
public struct PGNumeric: Sendable, Hashable, CustomStringConvertible, LosslessStringConvertible {
    /// Canonical text: an optional `-`, digits, an optional fraction; or `NaN`, `Infinity`, `-Infinity`.
    public let text: String
    public var description: String { text }

    public init?(_ text: String) {
        guard Self.parse(text) != nil || ["NaN", "Infinity", "-Infinity"].contains(text) else { return nil }
        self.text = text
    }

    init(validated text: String) { self.text = text }

    public var decimal: Decimal? {
        text == "NaN" ? Decimal.nan : Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Splits plain decimal text into sign, integer digits and fraction digits.
    static func parse(_ text: String) -> (negative: Bool, integer: Substring, fraction: Substring)? {
        var body = Substring(text)
        let negative = body.first == "-"
        if negative || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integer = parts[0]
        let fraction = parts.count > 1 ? parts[1] : ""
        guard !(integer.isEmpty && fraction.isEmpty),
              integer.allSatisfy({ $0.isASCII && $0.isNumber }),
              fraction.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        return (negative, integer, fraction)
    }
}

extension PGNumeric: PGCodable {
    public static var pgType: PGType { .numeric }

    // Binary numeric: ndigits, weight, sign, dscale (int16 each), then base-10000 digits.
    public func pgEncode(into buffer: inout [UInt8]) {
        let specials: [String: UInt16] = ["NaN": 0xC000, "Infinity": 0xD000, "-Infinity": 0xF000]
        if let sign = specials[text] {
            buffer.appendBigEndian(Int16(0)); buffer.appendBigEndian(Int16(0))
            buffer.appendBigEndian(sign); buffer.appendBigEndian(Int16(0))
            return
        }
        guard let (negative, integerText, fractionText) = Self.parse(text) else { return }
        let integer = Array(integerText.drop { $0 == "0" }.utf8).map { Int($0 - 48) }
        let fraction = Array(fractionText.utf8).map { Int($0 - 48) }
        let dscale = fraction.count
        // Pad to whole groups of four on both sides of the point.
        let intPad = (4 - integer.count % 4) % 4
        let fracPad = (4 - fraction.count % 4) % 4
        let digits = Array(repeating: 0, count: intPad) + integer + fraction + Array(repeating: 0, count: fracPad)
        var groups: [Int16] = []
        for start in stride(from: 0, to: digits.count, by: 4) {
            var group = 0
            for digit in digits[start..<(start + 4)] { group = group * 10 + digit }
            groups.append(Int16(group))
        }
        var weight = (intPad + integer.count) / 4 - 1
        while groups.first == 0 { groups.removeFirst(); weight -= 1 }
        while groups.last == 0 { groups.removeLast() }
        if groups.isEmpty { weight = 0 }
        buffer.appendBigEndian(Int16(groups.count))
        buffer.appendBigEndian(Int16(weight))
        buffer.appendBigEndian(UInt16(negative && !groups.isEmpty ? 0x4000 : 0))
        buffer.appendBigEndian(Int16(dscale))
        for group in groups { buffer.appendBigEndian(group) }
    }

    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> PGNumeric {
        guard type == .numeric else { throw .typeMismatch }
        let count = Int(try bytes.integer(at: 0, as: Int16.self))
        let weight = Int(try bytes.integer(at: 2, as: Int16.self))
        let sign = try bytes.integer(at: 4, as: UInt16.self)
        let dscale = Int(try bytes.integer(at: 6, as: Int16.self))
        switch sign {
        case 0xC000: return PGNumeric(validated: "NaN")
        case 0xD000: return PGNumeric(validated: "Infinity")
        case 0xF000: return PGNumeric(validated: "-Infinity")
        case 0x0000, 0x4000: break
        default: throw .malformed("bad numeric sign \(sign)")
        }
        var groups: [Int] = []
        for index in 0..<count { groups.append(Int(try bytes.integer(at: 8 + 2 * index, as: Int16.self))) }
        func group(_ index: Int) -> Int { index >= 0 && index < groups.count ? groups[index] : 0 }
        func fourDigits(_ value: Int) -> String {
            let text = String(value)
            return String(repeating: "0", count: 4 - text.count) + text
        }
        var integer = ""
        if weight >= 0 {
            integer = String(group(0))
            if weight > 0 { for index in 1...weight { integer += fourDigits(group(index)) } }
        } else {
            integer = "0"
        }
        var fraction = ""
        var index = weight + 1
        while fraction.count < dscale {
            fraction += fourDigits(group(index))
            index += 1
        }
        fraction = String(fraction.prefix(dscale))
        let negative = sign == 0x4000
        return PGNumeric(validated: (negative ? "-" : "") + integer + (dscale > 0 ? "." + fraction : ""))
    }
}

/// `Decimal` reads and writes `numeric` exactly, up to its 38 significant digits.
extension Decimal: PGCodable {
    public static var pgType: PGType { .numeric }

    public func pgEncode(into buffer: inout [UInt8]) {
        let numeric = isNaN ? PGNumeric(validated: "NaN") : PGNumeric(validated: plainText)
        numeric.pgEncode(into: &buffer)
    }

    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Decimal {
        guard type == .numeric else { throw .typeMismatch }
        if let value = try fastDecode(bytes) { return value }
        let numeric = try PGNumeric.pgDecode(bytes, type: type)
        guard let value = numeric.decimal else { throw .malformed("numeric \(numeric.text) does not fit in Decimal") }
        return value
    }

    /// Builds the value straight from the base-10000 digits when they fit in 18 decimal digits
    /// (money and most amounts), avoiding a round trip through text.
    static func fastDecode(_ bytes: PGBytes) throws(PGDecodingFailure) -> Decimal? {
        let count = Int(try bytes.integer(at: 0, as: Int16.self))
        let weight = Int(try bytes.integer(at: 2, as: Int16.self))
        let sign = try bytes.integer(at: 4, as: UInt16.self)
        guard sign == 0 || sign == 0x4000, count <= 4 else { return nil }
        if count == 0 { return Decimal(0) }
        var significand: UInt64 = 0
        for index in 0..<count {
            significand = significand * 10_000 + UInt64(try bytes.integer(at: 8 + 2 * index, as: Int16.self))
        }
        let exponent = (weight - (count - 1)) * 4
        return Decimal(sign: sign == 0x4000 ? .minus : .plus, exponent: exponent, significand: Decimal(significand))
    }

    /// Plain positional text (no exponent), which `PGNumeric` parses.
    var plainText: String {
        let text = description
        guard let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) else { return text }
        // Foundation may print exponents for some magnitudes; expand them.
        let mantissa = String(text[..<e])
        let exponent = Int(text[text.index(after: e)...]) ?? 0
        guard let (negative, integer, fraction) = PGNumeric.parse(mantissa) else { return text }
        var digits = String(integer + fraction)
        var point = integer.count + exponent
        if point < 0 { digits = String(repeating: "0", count: -point) + digits; point = 0 }
        if point > digits.count { digits += String(repeating: "0", count: point - digits.count) }
        let head = digits.prefix(point), tail = digits.dropFirst(point)
        return (negative ? "-" : "") + (head.isEmpty ? "0" : String(head)) + (tail.isEmpty ? "" : "." + tail)
    }
}
