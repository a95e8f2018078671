import Foundation
import PGKit
import Testing
import TestSupport

/// Every codec against the real server: the value goes out as a bound parameter, is cast on the
/// server, and comes back decoded. Where it matters the server's own text form is checked too,
/// so an encoder and decoder that are wrong in the same way can't pass.
@Suite("Binary codecs")
struct CodecTests {
    func roundTrip<T: PGCodable>(_ value: T, _ type: String, on conn: PGConnection) async throws -> (T, String?) {
        let row = try #require(try await conn.query("SELECT \(value)::\(unsafeRaw: type), (\(value)::\(unsafeRaw: type))::text").first)
        return (try row.decode(T.self, at: 0), try row.decode(String?.self, at: 1))
    }

    @Test("integers, booleans and floats, with their edges")
    func scalars() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            for value in [Int16.min, -1, 0, Int16.max] { #expect(try await roundTrip(value, "int2", on: conn) == (value, "\(value)")) }
            for value in [Int32.min, 0, Int32.max] { #expect(try await roundTrip(value, "int4", on: conn) == (value, "\(value)")) }
            for value in [Int64.min, 0, Int64.max] { #expect(try await roundTrip(value, "int8", on: conn) == (value, "\(value)")) }
            #expect(try await roundTrip(Int.max, "int8", on: conn).0 == Int.max)
            #expect(try await roundTrip(true, "bool", on: conn) == (true, "true"))
            #expect(try await roundTrip(false, "bool", on: conn) == (false, "false"))
            #expect(try await roundTrip(1.5, "float8", on: conn) == (1.5, "1.5"))
            let negativeZero = try await roundTrip(-0.0, "float8", on: conn)
            #expect(negativeZero.0 == 0 && negativeZero.0.sign == .minus && negativeZero.1 == "-0")
            #expect(try await roundTrip(Double.infinity, "float8", on: conn) == (.infinity, "Infinity"))
            #expect(try await roundTrip(-Double.infinity, "float8", on: conn) == (-.infinity, "-Infinity"))
            #expect(try await roundTrip(Double.nan, "float8", on: conn).0.isNaN)
            #expect(try await roundTrip(Double.leastNonzeroMagnitude, "float8", on: conn).0 == .leastNonzeroMagnitude)
            #expect(try await roundTrip(Float(3.25), "float4", on: conn) == (3.25, "3.25"))
            // A wider column into a narrower Swift type fails rather than truncating.
            await #expect(throws: PGError.self) { try await conn.fetchValue("SELECT 70000::int4", as: Int16.self) }
        }
    }

    @Test("numeric is exact: 38 significant digits through Decimal, any size through PGNumeric")
    func numeric() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            let texts = ["0", "1", "-1", "0.1", "-0.000001", "12345678901234567890.123456789012345678",
                         "99999999999999999999999999999999999999", "-0.00000000000000000000000000000000000001",
                         "10000", "10000.0001", "0.00010000", "123456789.5"]
            for text in texts {
                let decimal = try #require(Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")))
                let (back, serverText) = try await roundTrip(decimal, "numeric", on: conn)
                #expect(back == decimal, "Decimal \(text)")
                #expect(Decimal(string: try #require(serverText), locale: Locale(identifier: "en_US_POSIX")) == decimal, "server read \(text)")
            }
            for text in ["123456789012345678901234567890123456789012345678901234567890.000000000000000000001", "NaN", "Infinity", "-Infinity", "-0.5", "100.00"] {
                let numeric = try #require(PGNumeric(text))
                #expect(try await roundTrip(numeric, "numeric", on: conn) == (numeric, text), "PGNumeric \(text)")
            }
            // Trailing zeros of the scale survive.
            #expect(try await conn.fetchValue("SELECT 1.2300::numeric", as: PGNumeric.self)?.text == "1.2300")
            #expect(try await roundTrip(Decimal.nan, "numeric", on: conn).1 == "NaN")
        }
    }

    @Test("text (unicode), bytea and uuid")
    func textBytesUUID() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            for text in ["", "plain", "市场到线索 MTL", "emoji 🚀👩🏽‍💻", "tab\tnew\nline", "quote ' \" \\"] {
                #expect(try await roundTrip(text, "text", on: conn) == (text, text))
            }
            #expect(try await conn.fetchValue("SELECT length(\("市场"))", as: Int.self) == 2)
            let bytes = Data([0, 1, 2, 255, 0, 39, 92])
            #expect(try await roundTrip(bytes, "bytea", on: conn) == (bytes, "\\x000102ff00275c"))
            #expect(try await roundTrip(Data(), "bytea", on: conn).0 == Data())
            let uuid = UUID()
            #expect(try await roundTrip(uuid, "uuid", on: conn) == (uuid, uuid.uuidString.lowercased()))
            #expect(try await conn.fetchValue("SELECT 'abc'::varchar(5)", as: String.self) == "abc")
            #expect(try await conn.fetchValue("SELECT 'ab'::char(4)", as: String.self) == "ab  ")
        }
    }

    @Test("date, timestamp, timestamptz (microseconds, infinity) and interval")
    func dateTime() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            try await conn.query("SET TIME ZONE 'UTC'")
            let micro = PGTimestamp.microseconds(847_312_245_123_456)  // 2026-11-06 20:30:45.123456 UTC
            #expect(try await roundTrip(micro, "timestamptz", on: conn) == (micro, "2026-11-06 20:30:45.123456+00"))
            #expect(try await roundTrip(PGTimestamp.infinity, "timestamptz", on: conn) == (.infinity, "infinity"))
            #expect(try await roundTrip(PGTimestamp.negativeInfinity, "timestamp", on: conn) == (.negativeInfinity, "-infinity"))
            let date = Date(timeIntervalSince1970: 1_795_000_000.654321)
            let back = try await roundTrip(date, "timestamptz", on: conn).0
            #expect(PGTimestamp(back) == PGTimestamp(date))
            #expect(abs(back.timeIntervalSince(date)) < 0.000_001)
            await #expect(throws: PGError.self) { try await conn.fetchValue("SELECT 'infinity'::timestamptz", as: Date.self) }

            let day = PGDate(year: 2027, month: 2, day: 28)
            #expect(try await roundTrip(day, "date", on: conn) == (day, "2027-02-28"))
            #expect(day.description == "2027-02-28")
            #expect(try await roundTrip(PGDate(year: 1999, month: 12, day: 31), "date", on: conn).1 == "1999-12-31")
            #expect(try await roundTrip(PGDate(year: 2000, month: 1, day: 1), "date", on: conn).0.daysSince2000 == 0)
            #expect(try await roundTrip(PGDate.infinity, "date", on: conn).1 == "infinity")
            let leapDay = try #require(try await conn.fetchValue("SELECT '2024-02-29'::date", as: PGDate.self))
            #expect(leapDay.components == (2024, 2, 29))

            let interval = PGInterval(months: 14, days: -3, microseconds: 3_723_000_004)
            #expect(try await roundTrip(interval, "interval", on: conn) == (interval, "1 year 2 mons -3 days +01:02:03.000004"))
        }
    }

    struct Payload: Codable, Equatable, Sendable {
        var quarter: String
        var units: [String]
        var amount: Double?
    }

    @Test("jsonb and json decode into Codable types")
    func json() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            let payload = Payload(quarter: "FY2027-Q1", units: ["CN", "DE", "市场"], amount: nil)
            let (back, text) = try await roundTrip(PGJSON(payload), "jsonb", on: conn)
            #expect(back.value == payload)
            #expect(text?.contains("\"quarter\": \"FY2027-Q1\"") == true)
            #expect(try await conn.fetchValue("SELECT \(PGJSON(payload))->>'quarter'", as: String.self) == "FY2027-Q1")
            let fromJSON = try await conn.fetchValue("SELECT '{\"quarter\":\"Q\",\"units\":[]}'::json", as: PGJSON<Payload>.self)
            #expect(fromJSON?.value == Payload(quarter: "Q", units: [], amount: nil))
            await #expect(throws: PGError.self) { try await conn.fetchValue("SELECT '{\"x\":1}'::jsonb", as: PGJSON<Payload>.self) }
        }
    }

    @Test("arrays of ints, text and uuids, including empty ones")
    func arrays() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            #expect(try await roundTrip([1, -2, Int.max], "int8[]", on: conn) == ([1, -2, Int.max], "{1,-2,9223372036854775807}"))
            #expect(try await roundTrip([Int32(7), 8], "int4[]", on: conn) == ([7, 8], "{7,8}"))
            #expect(try await roundTrip([Int16](), "int2[]", on: conn) == ([], "{}"))
            #expect(try await roundTrip(["a", "b c", "市场", "", "q\"uote"], "text[]", on: conn).0 == ["a", "b c", "市场", "", "q\"uote"])
            #expect(try await roundTrip([String](), "text[]", on: conn) == ([], "{}"))
            let ids = [UUID(), UUID()]
            #expect(try await roundTrip(ids, "uuid[]", on: conn).0 == ids)
            #expect(try await conn.fetchValue("SELECT ARRAY[1,2]::int4[]", as: [Int].self) == [1, 2])
            #expect(try await conn.fetchValue("SELECT cardinality(\([10, 20, 30]))", as: Int.self) == 3)
            await #expect(throws: PGError.self) { try await conn.fetchValue("SELECT ARRAY[1, NULL]::int4[]", as: [Int].self) }
        }
    }

    @Test("arrays with NULL elements as optionals, and text arrays built element by element")
    func arraysWithNulls() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            let values: [String?] = ["a", nil, "", "市场", nil]
            #expect(try await roundTrip(values, "text[]", on: conn) == (values, #"{a,NULL,"",市场,NULL}"#))
            #expect(try await conn.fetchValue("SELECT ARRAY[1, NULL]::int4[]", as: [Int32?].self) == [1, nil])
            var built = PGTextArray()
            for value in values { built.append(value) }
            #expect(built.count == 5)
            #expect(try await conn.fetchValue("SELECT \(built)::text", as: String.self) == #"{a,NULL,"",市场,NULL}"#)
            let rows = try await conn.fetchAll("SELECT n, v FROM unnest(\(built), \([Int32(1), 2, 3, 4, 5])) AS t (v, n) ORDER BY n",
                                               as: (Int32, String?).self)
            #expect(rows.map(\.1) == values)
            #expect(try await conn.fetchValue("SELECT cardinality(\(PGTextArray()))", as: Int.self) == 0)
        }
    }

    @Test("NULL round-trips as nil for every type")
    func nulls() async throws {
        try await withTestConnection(migrated: false) { (conn: PGConnection) async throws in
            let row = try #require(try await conn.query("""
                SELECT \(Int?.none)::int8, \(String?.none)::text, \(Decimal?.none)::numeric, \(Date?.none)::timestamptz,
                       \(UUID?.none)::uuid, \(Bool?.none)::bool, \(Data?.none)::bytea, \([Int]?.none)::int8[], \(PGJSON<Payload>?.none)::jsonb
                """).first)
            let values = try row.decode((Int?, String?, Decimal?, Date?, UUID?, Bool?, Data?, [Int]?, PGJSON<Payload>?).self)
            #expect(values.0 == nil && values.1 == nil && values.2 == nil && values.3 == nil && values.4 == nil)
            #expect(values.5 == nil && values.6 == nil && values.7 == nil && values.8 == nil)
        }
    }
}
