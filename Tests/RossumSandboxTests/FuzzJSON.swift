import Foundation

/// JSON text the fuzzer writes itself, so it can send what no serialiser produces: numbers
/// past every integer type (`9223372036854775808`, `1e400`), and bodies that are not JSON at all.
indirect enum FuzzJSON: Sendable {
    /// A number or literal written as is.
    case raw(String)
    case string(String)
    case array([FuzzJSON])
    case object([(String, FuzzJSON)])

    static let null = FuzzJSON.raw("null")
    static func int(_ value: Int) -> FuzzJSON { .raw(String(value)) }
    static func bool(_ value: Bool) -> FuzzJSON { .raw(value ? "true" : "false") }

    var text: String {
        var out = ""
        write(into: &out)
        return out
    }

    var data: Data { Data(text.utf8) }

    private func write(into out: inout String) {
        switch self {
        case .raw(let literal): out += literal
        case .string(let string): Self.writeString(string, into: &out)
        case .array(let items):
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                item.write(into: &out)
            }
            out += "]"
        case .object(let fields):
            out += "{"
            for (index, (key, value)) in fields.enumerated() {
                if index > 0 { out += "," }
                Self.writeString(key, into: &out)
                out += ":"
                value.write(into: &out)
            }
            out += "}"
        }
    }

    private static func writeString(_ string: String, into out: inout String) {
        out += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
