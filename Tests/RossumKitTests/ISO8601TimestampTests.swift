import Foundation
import Testing
@testable import RossumKit

@Suite struct ISO8601TimestampTests {
    /// The reference: Foundation's own formatter, for every shape the API sends.
    static func foundation(_ text: String) -> Date? {
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    @Test(arguments: [
        "2026-11-23T08:15:02Z", "2026-11-23T08:15:02.123Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z",
        "2026-11-23T08:15:02+01:00", "2026-11-23T08:15:02.5-05:30", "1969-12-31T23:59:59Z", "2100-03-01T00:00:00Z",
    ])
    func agreesWithFoundation(_ text: String) throws {
        let ours = try #require(ISO8601Timestamp.parse(text))
        let reference = try #require(Self.foundation(text))
        #expect(abs(ours.timeIntervalSince(reference)) < 0.000_5)
    }

    @Test func keepsMicroseconds() throws {
        let date = try #require(ISO8601Timestamp.parse("2026-11-23T08:15:02.123456Z"))
        let whole = try #require(ISO8601Timestamp.parse("2026-11-23T08:15:02Z"))
        #expect(abs(date.timeIntervalSince(whole) - 0.123456) < 0.000_001)
    }

    @Test func acceptsTheSpaceSeparatedAndOffsetForms() throws {
        let reference = try #require(ISO8601Timestamp.parse("2026-11-23T07:15:02Z"))
        #expect(ISO8601Timestamp.parse("2026-11-23 07:15:02Z") == reference)
        #expect(ISO8601Timestamp.parse("2026-11-23T08:15:02+0100") == reference)
        #expect(ISO8601Timestamp.parse("2026-11-23T08:15:02+01") == reference)
        #expect(ISO8601Timestamp.parse("2026-11-23T07:15:02") == reference)
        #expect(ISO8601Timestamp.parse("2026-11-23T07:15Z") == reference.addingTimeInterval(-2))
    }

    @Test(arguments: [
        "", "2026", "2026-11-23", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z", "2026-11-31T00:00:00Z",
        "2026-11-23T24:00:00Z", "2026-11-23T08:60:00Z", "2026-11-23T08:15:02.Z", "2026-11-23T08:15:02Zjunk",
        "2026-11-23T08:15:02+1", "not a date", "1763860347.011",
    ])
    func rejectsWhatIsNotATimestamp(_ text: String) {
        #expect(ISO8601Timestamp.parse(text) == nil)
    }
}
