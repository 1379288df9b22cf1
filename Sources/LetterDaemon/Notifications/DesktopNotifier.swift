#if canImport(Glibc)
import Glibc
#endif
import CSystemd
import Foundation
import Logging
import Synchronization

/// A notification as letterd wants it shown.
struct NotificationRequest: Sendable {
    var summary: String
    var body: String
    /// Pairs of action key and label, in order; "default" is the click.
    var actions: [(key: String, label: String)]
}

/// What the notification server told letterd about a notification it showed.
enum NotificationEvent: Sendable, Equatable {
    case actionInvoked(id: UInt32, key: String)
    case closed(id: UInt32)
}

/// What the server can do (`GetCapabilities`): letterd adapts the notification to it.
struct NotificationCapabilities: Sendable, Equatable {
    var actions: Bool
    var bodyMarkup: Bool
    var serverName: String
}

enum DesktopNotifierError: Error, CustomStringConvertible {
    case noBus(String)
    case callFailed(String)

    var description: String {
        switch self {
        case .noBus(let reason): return "no session bus (\(reason))"
        case .callFailed(let reason): return reason
        }
    }
}

/// Desktop notifications over `org.freedesktop.Notifications` on the user's session bus, with
/// sd-bus from libsystemd.
///
/// sd-bus objects belong to one thread, so everything here runs on a thread of its own: it
/// connects when a notification is first sent (and again after the bus went away), sends,
/// and waits in poll(2) for the server's signals (a click, a close), which it hands to
/// `onEvent`. When idle it blocks without a timeout: no wake-ups.
final class DesktopNotifier: Sendable {
    private struct Job: Sendable {
        /// Builds the notification once the server's capabilities are known (markup, actions).
        let request: @Sendable (NotificationCapabilities) -> NotificationRequest
        let reply: @Sendable (Result<(UInt32, NotificationCapabilities), DesktopNotifierError>) -> Void
    }

    private let jobs = Mutex<[Job]>([])
    /// Notifications to take off the screen (`CloseNotification`), once acted on.
    private let closing = Mutex<[UInt32]>([])
    private let stopped = Mutex(false)
    private let wakeDescriptor: Int32
    private let onEvent: @Sendable (NotificationEvent) -> Void
    private let logger: Logger

    init(logger: Logger, onEvent: @escaping @Sendable (NotificationEvent) -> Void) {
        self.logger = logger
        self.onEvent = onEvent
        wakeDescriptor = eventfd(0, Int32(EFD_CLOEXEC | EFD_NONBLOCK))
        Thread.detachNewThread { [self] in
            letterd_name_this_thread("letterd-notify")
            BusThread(owner: self).run()
        }
    }

    /// Shows the notification `request` builds for the server's capabilities; returns the
    /// server's id for it and what the server can do.
    func show(
        _ request: @escaping @Sendable (NotificationCapabilities) -> NotificationRequest
    ) async throws -> (UInt32, NotificationCapabilities) {
        try await withCheckedThrowingContinuation { continuation in
            jobs.withLock { $0.append(Job(request: request) { continuation.resume(with: $0) }) }
            wake()
        }
    }

    /// Takes a notification off the screen. Servers do not do this themselves when an action
    /// is invoked (dunst leaves it), and a stale "Reread now / Later / Skip" would invite a
    /// second click on a prompt that is already settled.
    func close(_ id: UInt32) {
        closing.withLock { $0.append(id) }
        wake()
    }

    func stop() {
        stopped.withLock { $0 = true }
        wake()
    }

    private func wake() {
        var one: UInt64 = 1
        _ = withUnsafeBytes(of: &one) { write(wakeDescriptor, $0.baseAddress, 8) }
    }

    /// The thread's state: the bus connection and its match slot. Touched only on that thread.
    private final class BusThread {
        let owner: DesktopNotifier
        var bus: OpaquePointer?
        var capabilities: NotificationCapabilities?

        init(owner: DesktopNotifier) { self.owner = owner }

        func run() {
            while !owner.stopped.withLock({ $0 }) {
                let pending = owner.jobs.withLock { jobs in defer { jobs.removeAll() }; return jobs }
                for job in pending { job.reply(send(job.request)) }
                let toClose = owner.closing.withLock { ids in defer { ids.removeAll() }; return ids }
                for id in toClose { closeNotification(id) }
                processIncoming()
                waitForActivity()
            }
            let left = owner.jobs.withLock { jobs in defer { jobs.removeAll() }; return jobs }
            for job in left { job.reply(.failure(.callFailed("letterd is stopping"))) }
            disconnect()
            Glibc.close(owner.wakeDescriptor)
        }

        func waitForActivity() {
            var descriptors = [pollfd(fd: owner.wakeDescriptor, events: Int16(POLLIN), revents: 0)]
            var timeout: Int32 = -1
            if let bus {
                let fd = sd_bus_get_fd(bus)
                let events = sd_bus_get_events(bus)
                if fd >= 0 && events >= 0 {
                    descriptors.append(pollfd(fd: fd, events: Int16(events), revents: 0))
                }
                var usec: UInt64 = 0
                if sd_bus_get_timeout(bus, &usec) >= 0 && usec != UInt64.max {
                    var now = timespec()
                    clock_gettime(CLOCK_MONOTONIC, &now)
                    let nowUsec = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
                    timeout = usec <= nowUsec ? 0 : Int32(min((usec - nowUsec + 999) / 1_000, 60_000))
                }
            }
            _ = poll(&descriptors, nfds_t(descriptors.count), timeout)
            if descriptors[0].revents != 0 {
                var value: UInt64 = 0
                _ = withUnsafeMutableBytes(of: &value) { read(owner.wakeDescriptor, $0.baseAddress, 8) }
            }
        }

        func processIncoming() {
            guard let bus else { return }
            while true {
                let result = sd_bus_process(bus, nil)
                if result < 0 {
                    owner.logger.info("the session bus connection closed (\(String(cString: strerror(-result)))); letterd reconnects for the next notification")
                    disconnect()
                    return
                }
                if result == 0 { return }
            }
        }

        func connect() -> DesktopNotifierError? {
            if bus != nil { return nil }
            var connection: OpaquePointer?
            let result = sd_bus_open_user(&connection)
            guard result >= 0, let connection else {
                return .noBus(String(cString: strerror(-result)))
            }
            bus = connection
            let unmanaged = Unmanaged.passUnretained(self).toOpaque()
            for member in ["ActionInvoked", "NotificationClosed"] {
                let rule = "type='signal',interface='org.freedesktop.Notifications',member='\(member)'"
                let added = sd_bus_add_match(connection, nil, rule, { message, userdata, _ in
                    guard let message, let userdata else { return 0 }
                    Unmanaged<BusThread>.fromOpaque(userdata).takeUnretainedValue().handleSignal(message)
                    return 0
                }, unmanaged)
                if added < 0 {
                    disconnect()
                    return .noBus("cannot subscribe to the notification server's signals: \(String(cString: strerror(-added)))")
                }
            }
            return nil
        }

        func disconnect() {
            if let bus { sd_bus_flush_close_unref(bus) }
            bus = nil
            capabilities = nil
        }

        func handleSignal(_ message: OpaquePointer) {
            var id: UInt32 = 0
            guard sd_bus_message_read_basic(message, CChar(UInt8(ascii: "u")), &id) >= 0 else { return }
            if sd_bus_message_is_signal(message, "org.freedesktop.Notifications", "ActionInvoked") > 0 {
                var key: UnsafePointer<CChar>?
                guard sd_bus_message_read_basic(message, CChar(UInt8(ascii: "s")), &key) >= 0, let key else { return }
                owner.onEvent(.actionInvoked(id: id, key: String(cString: key)))
            } else {
                owner.onEvent(.closed(id: id))
            }
        }

        func send(
            _ request: (NotificationCapabilities) -> NotificationRequest
        ) -> Result<(UInt32, NotificationCapabilities), DesktopNotifierError> {
            if let error = connect() { return .failure(error) }
            do {
                let capabilities = try self.capabilities ?? readCapabilities()
                self.capabilities = capabilities
                let id = try notify(request(capabilities), capabilities: capabilities)
                return .success((id, capabilities))
            } catch let error as DesktopNotifierError {
                // The server may have gone; start afresh next time.
                disconnect()
                return .failure(error)
            } catch {
                disconnect()
                return .failure(.callFailed("\(error)"))
            }
        }

        private func newCall(_ member: String) throws(DesktopNotifierError) -> OpaquePointer {
            var message: OpaquePointer?
            let result = sd_bus_message_new_method_call(
                bus, &message, "org.freedesktop.Notifications", "/org/freedesktop/Notifications",
                "org.freedesktop.Notifications", member)
            guard result >= 0, let message else { throw .callFailed("cannot build \(member): \(String(cString: strerror(-result)))") }
            return message
        }

        private func call(_ message: OpaquePointer, _ member: String) throws(DesktopNotifierError) -> OpaquePointer {
            var error = sd_bus_error()
            var reply: OpaquePointer?
            defer { sd_bus_error_free(&error) }
            let result = sd_bus_call(bus, message, 5_000_000, &error, &reply)
            guard result >= 0, let reply else {
                let name = error.name.map { String(cString: $0) } ?? String(cString: strerror(-result))
                let text = error.message.map { ": " + String(cString: $0) } ?? ""
                throw .callFailed("\(member) failed: \(name)\(text)")
            }
            return reply
        }

        func closeNotification(_ id: UInt32) {
            guard bus != nil, let message = try? newCall("CloseNotification") else { return }
            defer { sd_bus_message_unref(message) }
            var id = id
            guard sd_bus_message_append_basic(message, CChar(UInt8(ascii: "u")), &id) >= 0 else { return }
            // Fire and forget: an error (already closed, say) changes nothing for letterd.
            _ = sd_bus_send(bus, message, nil)
        }

        func readCapabilities() throws(DesktopNotifierError) -> NotificationCapabilities {
            let message = try newCall("GetCapabilities")
            defer { sd_bus_message_unref(message) }
            let reply = try call(message, "GetCapabilities")
            defer { sd_bus_message_unref(reply) }
            var list: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
            var names: [String] = []
            if sd_bus_message_read_strv(reply, &list) >= 0, let list {
                var index = 0
                while let item = list[index] {
                    names.append(String(cString: item))
                    free(item)
                    index += 1
                }
                free(list)
            }
            let server = (try? serverName()) ?? "a notification server"
            return NotificationCapabilities(
                actions: names.contains("actions"), bodyMarkup: names.contains("body-markup"), serverName: server)
        }

        private func serverName() throws(DesktopNotifierError) -> String {
            let message = try newCall("GetServerInformation")
            defer { sd_bus_message_unref(message) }
            let reply = try call(message, "GetServerInformation")
            defer { sd_bus_message_unref(reply) }
            var name: UnsafePointer<CChar>?
            guard sd_bus_message_read_basic(reply, CChar(UInt8(ascii: "s")), &name) >= 0, let name else { return "a notification server" }
            return String(cString: name)
        }

        func notify(_ request: NotificationRequest, capabilities: NotificationCapabilities) throws(DesktopNotifierError) -> UInt32 {
            let message = try newCall("Notify")
            defer { sd_bus_message_unref(message) }
            var failed: Int32 = 0
            func check(_ result: Int32) { if result < 0 && failed == 0 { failed = result } }
            var replaces: UInt32 = 0
            var timeout: Int32 = -1  // the server's own default for how long it stays up
            var urgency: UInt8 = 0  // low: an invitation, never an alarm
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), "letterd"))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "u")), &replaces))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), ""))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), request.summary))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), request.body))
            let actionStrings = capabilities.actions ? request.actions.flatMap { [$0.key, $0.label] } : []
            var pointers: [UnsafeMutablePointer<CChar>?] = actionStrings.map { strdup($0) } + [nil]
            defer { for pointer in pointers { free(pointer) } }
            pointers.withUnsafeMutableBufferPointer { buffer in
                check(sd_bus_message_append_strv(message, buffer.baseAddress))
            }
            check(sd_bus_message_open_container(message, CChar(UInt8(ascii: "a")), "{sv}"))
            check(sd_bus_message_open_container(message, CChar(UInt8(ascii: "e")), "sv"))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), "urgency"))
            check(sd_bus_message_open_container(message, CChar(UInt8(ascii: "v")), "y"))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "y")), &urgency))
            check(sd_bus_message_close_container(message))
            check(sd_bus_message_close_container(message))
            check(sd_bus_message_open_container(message, CChar(UInt8(ascii: "e")), "sv"))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), "desktop-entry"))
            check(sd_bus_message_open_container(message, CChar(UInt8(ascii: "v")), "s"))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "s")), "letterd"))
            check(sd_bus_message_close_container(message))
            check(sd_bus_message_close_container(message))
            check(sd_bus_message_close_container(message))
            check(sd_bus_message_append_basic(message, CChar(UInt8(ascii: "i")), &timeout))
            if failed < 0 { throw .callFailed("cannot build Notify: \(String(cString: strerror(-failed)))") }
            let reply = try call(message, "Notify")
            defer { sd_bus_message_unref(reply) }
            var id: UInt32 = 0
            guard sd_bus_message_read_basic(reply, CChar(UInt8(ascii: "u")), &id) >= 0 else {
                throw .callFailed("Notify replied without an id")
            }
            return id
        }
    }
}
