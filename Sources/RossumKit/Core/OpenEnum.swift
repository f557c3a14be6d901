/// A string enum that keeps values it does not know (`.other("new_status")`) instead of failing:
/// the API adds values over time.
public protocol OpenEnum: Sendable, Hashable, Codable, CustomStringConvertible {
    init(rawValue: String)
    var rawValue: String { get }
}

extension OpenEnum {
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public var description: String { rawValue }
}
