#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import Synchronization

/// Where letterd learns the time. Nothing in the domain reads the system clock directly:
/// the daemon passes ``SystemWallClock``, tests pass a ``ManualWallClock`` they move by hand,
/// so time-dependent logic can be checked across DST changes, downtime and clock jumps.
public protocol WallClock: Sendable {
    func now() -> Date
}

/// The real clock.
public struct SystemWallClock: WallClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// A clock that only moves when a test moves it.
public final class ManualWallClock: WallClock {
    private let current: Mutex<Date>

    public init(_ start: Date) { self.current = Mutex(start) }

    public func now() -> Date { current.withLock { $0 } }

    public func set(_ date: Date) { current.withLock { $0 = date } }

    public func advance(by seconds: Double) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }
}

extension Date {
    /// This time rounded to the nearest millisecond: the precision letterd stores and sends, so
    /// that a time read back from the store is exactly the time that was written.
    public var roundedToMilliseconds: Date {
        Date(timeIntervalSince1970: (timeIntervalSince1970 * 1000).rounded() / 1000)
    }
}
