import Foundation

// PostgreSQL counts time from 2000-01-01 00:00:00 UTC, in microseconds (timestamps) or days (date).
let pgEpochOffset: TimeInterval = 946_684_800  // 2000-01-01 since 1970-01-01, in seconds

/// A `timestamp` or `timestamptz` value, exact to the microsecond, including ±infinity.
public enum PGTimestamp: Sendable, Hashable, Comparable {
    case negativeInfinity
    /// Microseconds since 2000-01-01 00:00:00 UTC.
    case microseconds(Int64)
    case infinity

    public init(_ date: Date) {
        self = .microseconds(Int64(((date.timeIntervalSince1970 - pgEpochOffset) * 1_000_000).rounded()))
    }

    /// The instant as a `Date`, or `nil` for ±infinity.
    public var date: Date? {
        guard case .microseconds(let micros) = self else { return nil }
        return Date(timeIntervalSince1970: pgEpochOffset + Double(micros) / 1_000_000)
    }

    var rawMicroseconds: Int64 {
        switch self {
        case .negativeInfinity: .min
        case .microseconds(let value): value
        case .infinity: .max
        }
    }

    init(rawMicroseconds value: Int64) {
        switch value {
        case .min: self = .negativeInfinity
        case .max: self = .infinity
        default: self = .microseconds(value)
        }
    }
}

extension PGTimestamp: PGCodable {
    public static var pgType: PGType { .timestamptz }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(rawMicroseconds) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> PGTimestamp {
        guard type == .timestamptz || type == .timestamp else { throw .typeMismatch }
        try bytes.expect(8)
        return PGTimestamp(rawMicroseconds: try bytes.integer(at: 0))
    }
}

/// `Date` is sent as `timestamptz` and reads `timestamptz`, `timestamp` (as UTC) and `date`
/// (midnight UTC). Infinite timestamps don't fit a `Date`: read them as ``PGTimestamp``.
extension Date: PGCodable {
    public static var pgType: PGType { .timestamptz }
    public func pgEncode(into buffer: inout [UInt8]) { PGTimestamp(self).pgEncode(into: &buffer) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> Date {
        if type == .date {
            return try PGDate.pgDecode(bytes, type: type).midnightUTC
        }
        let timestamp = try PGTimestamp.pgDecode(bytes, type: type)
        guard let date = timestamp.date else { throw .malformed("\(timestamp) is infinite; read it as PGTimestamp") }
        return date
    }
}

/// A calendar `date` (no time, no zone), with ±infinity.
public struct PGDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 2000-01-01; `Int32.min`/`Int32.max` are -infinity/infinity.
    public var daysSince2000: Int32

    public init(daysSince2000: Int32) { self.daysSince2000 = daysSince2000 }

    /// A proleptic Gregorian date.
    public init(year: Int, month: Int, day: Int) {
        // Days from civil (H. Hinnant's algorithm), shifted to the 2000-01-01 epoch.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        daysSince2000 = Int32(era * 146_097 + doe - 719_468 - 10_957)
    }

    public static let infinity = PGDate(daysSince2000: .max)
    public static let negativeInfinity = PGDate(daysSince2000: .min)

    public var components: (year: Int, month: Int, day: Int) {
        let z = Int(daysSince2000) + 10_957 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public var midnightUTC: Date {
        Date(timeIntervalSince1970: pgEpochOffset + Double(daysSince2000) * 86_400)
    }

    public var description: String {
        if self == .infinity { return "infinity" }
        if self == .negativeInfinity { return "-infinity" }
        let (y, m, d) = components
        func pad(_ v: Int, _ width: Int) -> String { let s = String(abs(v)); return String(repeating: "0", count: max(0, width - s.count)) + s }
        return (y < 0 ? "-" : "") + "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))"
    }

    public static func < (lhs: PGDate, rhs: PGDate) -> Bool { lhs.daysSince2000 < rhs.daysSince2000 }
}

extension PGDate: PGCodable {
    public static var pgType: PGType { .date }
    public func pgEncode(into buffer: inout [UInt8]) { buffer.appendBigEndian(daysSince2000) }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> PGDate {
        guard type == .date else { throw .typeMismatch }
        try bytes.expect(4)
        return PGDate(daysSince2000: try bytes.integer(at: 0))
    }
}

/// An `interval`: months, days and microseconds, kept apart as PostgreSQL keeps them
/// (a month is not a fixed number of days, nor a day of hours across DST).
public struct PGInterval: Sendable, Hashable, CustomStringConvertible {
    public var months: Int32
    public var days: Int32
    public var microseconds: Int64

    public init(months: Int32 = 0, days: Int32 = 0, microseconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.microseconds = microseconds
    }

    public init(seconds: Double) { self.init(microseconds: Int64((seconds * 1_000_000).rounded())) }

    public var description: String { "\(months) mons \(days) days \(microseconds) µs" }
}

extension PGInterval: PGCodable {
    public static var pgType: PGType { .interval }
    public func pgEncode(into buffer: inout [UInt8]) {
        buffer.appendBigEndian(microseconds)
        buffer.appendBigEndian(days)
        buffer.appendBigEndian(months)
    }
    public static func pgDecode(_ bytes: PGBytes, type: PGType) throws(PGDecodingFailure) -> PGInterval {
        guard type == .interval else { throw .typeMismatch }
        try bytes.expect(16)
        return PGInterval(months: try bytes.integer(at: 12), days: try bytes.integer(at: 8), microseconds: try bytes.integer(at: 0))
    }
}
