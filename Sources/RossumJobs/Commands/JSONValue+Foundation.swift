import Foundation
import RossumKit

extension JSONValue {
    /// The value as Foundation objects, for `JSONLines` (sorted keys, stable output).
    var foundationObject: Any {
        switch self {
        case .null: return NSNull()
        case .bool(let value): return value
        case .number(let value): return Int64(exactly: value).map { $0 as Any } ?? value
        case .string(let value): return value
        case .array(let values): return values.map(\.foundationObject)
        case .object(let object):
            var dictionary: [String: Any] = [:]
            for (key, value) in object { dictionary[key] = value.foundationObject }
            return dictionary
        }
    }

    /// A short cell for tables.
    var cellText: String {
        switch self {
        case .null: return ""
        case .string(let value): return value
        default: return description
        }
    }
}
