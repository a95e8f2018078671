/// Checks on names that come from people (the command line, files) before they reach SQL.
///
/// Values always travel as bound parameters; these checks give a clear message early and
/// mirror the database's own (CHECK constraints and `org.check_user_name`), which stay the last
/// line.
public enum Names {
    /// A unit or BU code: an upper-case letter, then 1–15 of A–Z, 0–9, `_`, `-`.
    public static func checkCode(_ code: String, what: String) throws(CoreError) {
        guard code.utf8.count >= 2, code.utf8.count <= 16,
              let first = code.unicodeScalars.first, ("A"..."Z").contains(first),
              code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else {
            throw .invalidCode(what: what, code: code)
        }
    }

    /// The code of a segment, theme or concept package: 1–32 of A–Z, 0–9, `_`, `-`, starting
    /// with a letter or digit (`mm.segment_code` and its siblings in the database).
    public static func checkHandle(_ code: String, what: String) throws(CoreError) {
        guard (1...32).contains(code.utf8.count), let first = code.unicodeScalars.first, first != "_", first != "-",
              code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-" })
        else {
            throw .invalidHandle(what: what, code: code)
        }
    }

    /// A country code: two upper-case letters (ISO 3166-1 alpha-2; the database checks the list).
    public static func checkCountryCode(_ code: String) throws(CoreError) {
        guard code.unicodeScalars.count == 2, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw .invalidCountryCode(code)
        }
    }

    /// A currency: three upper-case letters (ISO 4217; the database's CHECKs say the same).
    public static func checkCurrency(_ code: String) throws(CoreError) {
        guard code.unicodeScalars.count == 3, code.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) }) else {
            throw .invalidCurrency(code)
        }
    }

    /// A user name, which becomes a PostgreSQL role name: a lower-case letter, then at most 62
    /// of a–z, 0–9, `_`, `.`, `@`, `-`; not starting with `mtl_` or `pg_`.
    public static func checkUserName(_ name: String) throws(CoreError) {
        guard name.utf8.count <= 63, let first = name.unicodeScalars.first, ("a"..."z").contains(first),
              name.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) || ("0"..."9").contains($0) || "_.@-".unicodeScalars.contains($0) })
        else {
            throw .invalidUserName(name)
        }
        if name.hasPrefix("mtl_") || name.hasPrefix("pg_") {
            throw .reservedUserName(name)
        }
    }

    /// A display name: not blank, at most 200 characters. Anything else is data.
    public static func checkDisplayName(_ name: String, what: String) throws(CoreError) {
        guard !name.allSatisfy(\.isWhitespace), name.count <= 200 else {
            throw .invalidDisplayName(what: what, name: name)
        }
    }

    /// `value` in single quotes with control characters escaped, safe to show in a message.
    public static func quoted(_ value: String) -> String {
        "'" + value.unicodeScalars.map { scalar in
            scalar.properties.generalCategory == .control ? "\\u{\(String(scalar.value, radix: 16))}" : String(scalar)
        }.joined() + "'"
    }
}
