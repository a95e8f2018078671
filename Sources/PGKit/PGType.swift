/// A PostgreSQL type, by its OID (the built-in ones are fixed across versions).
public struct PGType: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    init(_ rawValue: UInt32) { self.rawValue = rawValue }

    public static let bool = PGType(16)
    public static let bytea = PGType(17)
    public static let char = PGType(18)
    public static let name = PGType(19)
    public static let int8 = PGType(20)
    public static let int2 = PGType(21)
    public static let int4 = PGType(23)
    public static let text = PGType(25)
    public static let oid = PGType(26)
    public static let json = PGType(114)
    public static let float4 = PGType(700)
    public static let float8 = PGType(701)
    public static let unknown = PGType(705)
    public static let bpchar = PGType(1042)
    public static let varchar = PGType(1043)
    public static let date = PGType(1082)
    public static let time = PGType(1083)
    public static let timestamp = PGType(1114)
    public static let timestamptz = PGType(1184)
    public static let interval = PGType(1186)
    public static let numeric = PGType(1700)
    public static let uuid = PGType(2950)
    public static let jsonb = PGType(3802)
    public static let int2Array = PGType(1005)
    public static let int4Array = PGType(1007)
    public static let textArray = PGType(1009)
    public static let varcharArray = PGType(1015)
    public static let int8Array = PGType(1016)
    public static let uuidArray = PGType(2951)

    static let names: [UInt32: String] = [
        16: "boolean", 17: "bytea", 18: "\"char\"", 19: "name", 20: "bigint", 21: "smallint", 23: "integer",
        25: "text", 26: "oid", 114: "json", 700: "real", 701: "double precision", 705: "unknown",
        1042: "character", 1043: "character varying", 1082: "date", 1083: "time without time zone",
        1114: "timestamp without time zone", 1184: "timestamp with time zone", 1186: "interval",
        1700: "numeric", 2950: "uuid", 3802: "jsonb", 1005: "smallint[]", 1007: "integer[]",
        1009: "text[]", 1015: "character varying[]", 1016: "bigint[]", 2951: "uuid[]",
    ]

    /// The SQL name of a built-in type, or `oid N` for others.
    public var description: String { Self.names[rawValue] ?? "oid \(rawValue)" }
}

/// One bound parameter: its type and its binary value (`nil` is SQL NULL).
public struct PGBind: Sendable, Hashable {
    public var type: PGType
    public var bytes: [UInt8]?

    public init(type: PGType, bytes: [UInt8]?) {
        self.type = type
        self.bytes = bytes
    }
}
