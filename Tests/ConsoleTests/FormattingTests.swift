import Foundation
import Testing
@testable import Console

@Suite struct FormattingTests {
    /// The arithmetic dates agree with Foundation's calendar, in zones with and without DST,
    /// before 1970 and across leap days.
    @Test(arguments: ["UTC", "Europe/Prague", "America/Los_Angeles", "Asia/Kolkata", "Pacific/Chatham"])
    func datesAgreeWithTheCalendar(zone: String) throws {
        let timeZone = try #require(TimeZone(identifier: zone))
        let formatting = Formatting(timeZone: timeZone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var seconds = -2_208_988_800.0  // 1900-01-01
        while seconds < 4_102_444_800 {  // 2100-01-01
            let date = Date(timeIntervalSince1970: seconds)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            let expected = String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
            #expect(formatting.dateTime(date) == expected, "\(zone) \(seconds)")
            #expect(formatting.time(date) == String(format: "%02d:%02d:%02d", c.hour!, c.minute!, c.second!))
            seconds += 86_400 * 37 + 3_671.5  // about five weeks and an odd hour, so every month and hour comes up
        }
        #expect(Formatting(timeZone: TimeZone(identifier: "UTC")!).dateTime(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29 00:00")
    }

    @Test func idsFromLinks() {
        #expect(Shape.trailingID("https://x.rossum.app/api/v1/queues/12") == 12)
        #expect(Shape.trailingID("https://x/api/v1/queues/12/") == 12)
        #expect(Shape.trailingID("https://x/api/v1/queues/abc") == nil)
        #expect(Shape.annotationID(fromContentURL: "https://x/api/v1/annotations/345/content/678") == 345)
        #expect(Shape.annotationID(fromContentURL: "https://x/api/v1/annotations/abc/content/1") == nil)
        #expect(Shape.annotationID(fromContentURL: "https://x/api/v1/documents/3") == nil)
    }
}
