#if canImport(Glibc)
import Glibc
#endif
import CSystemd
import Foundation
import LetterCore
import Synchronization

/// Why a wait on the ``WakeTimer`` ended.
enum WakeReason: Sendable, Equatable {
    /// The time asked for has come.
    case due
    /// The wall clock was set (a jump, or a correction after resume): times must be re-read.
    case clockChanged
    /// Something changed (a letter written, a prompt snoozed): decide again.
    case nudged
    /// The timer was closed.
    case stopped
}

/// The scheduler's only way of waiting: a `timerfd` on CLOCK_REALTIME set to an absolute time,
/// with `TFD_TIMER_CANCEL_ON_SET` so that a clock jump wakes it at once, plus an `eventfd` to be
/// nudged. One thread blocks in poll(2) on both, with no timeout: between prompts letterd has
/// no wake-ups at all. An absolute CLOCK_REALTIME timer also fires on resume from suspend if
/// its time passed while the machine slept.
///
/// Times are letterd's (its injected clock's). On the system clock they are the same unless a
/// test hook shifts letterd's clock (``ShiftedWallClock``): then the kernel timer is armed for
/// the system time at which letterd's clock reads the time asked for, and a shift wakes the
/// wait with `.clockChanged`, just as setting the real clock would.
final class WakeTimer: Sendable {
    /// letterd's clock when a test hook shifts it; nil for the system clock.
    private let shiftedClock: ShiftedWallClock?
    private let timerDescriptor: Int32
    private let eventDescriptor: Int32
    private struct State {
        var waiter: CheckedContinuation<WakeReason, Never>?
        var queued: WakeReason?
        var stopped = false
    }
    private let state = Mutex(State())

    init(clock: any WallClock) throws {
        shiftedClock = clock as? ShiftedWallClock
        timerDescriptor = timerfd_create(CLOCK_REALTIME, Int32(TFD_CLOEXEC))
        guard timerDescriptor >= 0 else { throw POSIXErrorCode(rawValue: errno).map { POSIXError($0) } ?? POSIXError(.EIO) }
        eventDescriptor = eventfd(0, Int32(EFD_CLOEXEC))
        guard eventDescriptor >= 0 else {
            close(timerDescriptor)
            throw POSIXErrorCode(rawValue: errno).map { POSIXError($0) } ?? POSIXError(.EIO)
        }
        shiftedClock?.onShift { [weak self] in self?.deliver(.clockChanged) }
        // Named from inside: Foundation's Thread.name does not reach the kernel on Linux.
        Thread.detachNewThread { [self] in
            letterd_name_this_thread("letterd-timer")
            self.pollLoop()
        }
    }

    /// ``wait(until:)`` for a service's loop: a cancelled task (another service failed at
    /// start, say) stops the timer, so the wait ends at once with `.stopped`.
    func sleep(until date: Date?) async -> WakeReason {
        await withTaskCancellationHandler {
            await wait(until: date)
        } onCancel: {
            stop()
        }
    }

    /// Waits until `date` (nil: until nudged), a clock change, a nudge, or `stop()`.
    func wait(until date: Date?) async -> WakeReason {
        arm(date)
        return await withCheckedContinuation { continuation in
            let immediate: WakeReason? = state.withLock { state in
                if state.stopped { return .stopped }
                if let queued = state.queued {
                    state.queued = nil
                    return queued
                }
                state.waiter = continuation
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    /// Makes the current (or next) wait return `.nudged`.
    func nudge() { signal(1) }

    /// Ends the current wait with `.stopped`, and every later one; the thread exits.
    func stop() {
        state.withLock { $0.stopped = true }
        signal(1 << 32)
    }

    private func signal(_ value: UInt64) {
        var value = value
        _ = withUnsafeBytes(of: &value) { write(eventDescriptor, $0.baseAddress, 8) }
    }

    private func arm(_ date: Date?) {
        var spec = itimerspec()
        if let date {
            let systemDate = shiftedClock?.systemTime(for: date) ?? date
            let seconds = max(systemDate.timeIntervalSince1970, 0)
            spec.it_value.tv_sec = Int(seconds.rounded(.down))
            spec.it_value.tv_nsec = Int((seconds - seconds.rounded(.down)) * 1e9)
            // 0/0 would disarm: "now" must still fire.
            if spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0 { spec.it_value.tv_nsec = 1 }
        }
        let flags = Int32(TFD_TIMER_ABSTIME) | Int32(TFD_TIMER_CANCEL_ON_SET)
        _ = timerfd_settime(timerDescriptor, flags, &spec, nil)
    }

    private func deliver(_ reason: WakeReason) {
        let waiter: CheckedContinuation<WakeReason, Never>? = state.withLock { state in
            if let waiter = state.waiter {
                state.waiter = nil
                return waiter
            }
            // A nudge or a clock change must not be lost between two waits; a due time is
            // re-checked on the next wait anyway, but keeping it is harmless.
            if state.queued != .clockChanged { state.queued = reason }
            return nil
        }
        waiter?.resume(returning: reason)
    }

    private func pollLoop() {
        var descriptors = [
            pollfd(fd: timerDescriptor, events: Int16(POLLIN), revents: 0),
            pollfd(fd: eventDescriptor, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if descriptors[0].revents != 0 {
                var expirations: UInt64 = 0
                let count = withUnsafeMutableBytes(of: &expirations) { read(timerDescriptor, $0.baseAddress, 8) }
                if count == 8 {
                    deliver(.due)
                } else if count < 0 && errno == ECANCELED {
                    deliver(.clockChanged)
                }
            }
            if descriptors[1].revents != 0 {
                var value: UInt64 = 0
                _ = withUnsafeMutableBytes(of: &value) { read(eventDescriptor, $0.baseAddress, 8) }
                if value >= 1 << 32 { break }
                deliver(.nudged)
            }
        }
        let waiter = state.withLock { state -> CheckedContinuation<WakeReason, Never>? in
            state.stopped = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: .stopped)
        close(timerDescriptor)
        close(eventDescriptor)
    }
}
