import ServiceLifecycle

/// Sends `STOPPING=1` as soon as graceful shutdown begins.
struct ShutdownNotice: Service, CustomStringConvertible {
    var description: String { "ShutdownNotice" }

    let notifier: SystemdNotifier

    func run() async throws {
        try? await gracefulShutdown()
        notifier.stopping()
    }
}
