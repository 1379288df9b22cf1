import Foundation
import LetterCore
import Synchronization

/// letterd's clock when a test hook moves it: the system's clock plus an offset that a test
/// may change while letterd runs, to stand for the wall clock being set forwards or back.
///
/// A real clock change reaches letterd through the kernel (``WakeTimer``'s
/// `TFD_TIMER_CANCEL_ON_SET`). A shift of this clock reaches the same place: every listener
/// (each ``WakeTimer``) hears of it and ends its wait with `.clockChanged`, and every timer
/// arms its kernel timer for the system time at which this clock reads the time asked for.
final class ShiftedWallClock: WallClock {
    private struct State {
        var offset: Double
        var listeners: [@Sendable () -> Void] = []
    }
    private let state: Mutex<State>

    init(offset: Double) { state = Mutex(State(offset: offset)) }

    /// How far (seconds) this clock runs ahead of the system's; negative if behind.
    var offset: Double { state.withLock { $0.offset } }

    func now() -> Date { Date().addingTimeInterval(offset) }

    /// The system clock's reading when this clock reads `date`.
    func systemTime(for date: Date) -> Date { date.addingTimeInterval(-offset) }

    /// Sets the clock forwards (positive change) or back, and tells every listener.
    func shift(to offset: Double) {
        let listeners = state.withLock { state in
            state.offset = offset
            return state.listeners
        }
        for listener in listeners { listener() }
    }

    /// `listener` runs after every ``shift(to:)``; it must not call back into this clock's `shift`.
    func onShift(_ listener: @escaping @Sendable () -> Void) {
        state.withLock { $0.listeners.append(listener) }
    }
}
