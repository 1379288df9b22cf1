import Foundation
import LetterSchedule
import Testing

@Suite("Times of day and windows")
struct AllowedHoursTests {
    @Test("times and windows parse as people write them, and refuse what is not one",
          arguments: ["9:00", "09:00", "23:59", "24:00"])
    func parsesTimes(_ text: String) {
        #expect(TimeOfDay(text) != nil)
    }

    @Test("refuses what is not a time", arguments: ["", "9", "25:00", "12:60", "24:01", "1:2", "ab:cd", "-1:00", "12:00:00"])
    func refusesTimes(_ text: String) {
        #expect(TimeOfDay(text) == nil)
    }

    @Test("windows")
    func windows() {
        #expect(DailyWindow("09:00-21:00")?.crossesMidnight == false)
        #expect(DailyWindow("22:00 - 07:30")?.crossesMidnight == true)
        #expect(DailyWindow("10:00-10:00")?.isEmpty == true)
        #expect(DailyWindow("24:00-10:00") == nil)
        #expect(DailyWindow("09:00") == nil)
    }

    @Test("quiet hours that cover all the preferred hours leave no allowed time")
    func noTimeLeft() {
        let hours = AllowedHours(preferred: DailyWindow("09:00-17:00")!, quiet: DailyWindow("08:00-18:00")!, timeZone: berlin)
        #expect(!hours.allowsSomeTime)
        let fine = AllowedHours(preferred: DailyWindow("09:00-17:00")!, quiet: DailyWindow("12:00-13:00")!, timeZone: berlin)
        #expect(fine.allowsSomeTime)
        #expect(fine.isAllowed(local(2026, 11, 23, 11, 59)))
        #expect(!fine.isAllowed(local(2026, 11, 23, 12, 0)))
        #expect(fine.isAllowed(local(2026, 11, 23, 13, 0)))
        #expect(!fine.isAllowed(local(2026, 11, 23, 17, 0)))
    }
}
