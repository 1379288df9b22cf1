import CSystemd
import NIOCore
import NIOPosix

/// Moves Swift concurrency's jobs onto NIO's event loops instead of libdispatch's worker pool.
///
/// Why: the first dispatch worker starts libdispatch's pool monitor, a timer that wakes the
/// process every second for as long as it lives (event/workqueue.c), and an idle letterd must
/// not wake at all.
///
/// NIO does this itself when it can find the runtime's hook with dlsym. In the release build
/// (`--static-swift-stdlib`) the hook is a hidden symbol inside letterd, which dlsym cannot
/// see: NIO's attempt returns false, and until this was noticed (`make bench`, 300 wake-ups in
/// 300 s) the installed letterd ran its tasks on dispatch. Then letterd sets the hook itself,
/// through a link-time reference (`letterd_enqueue_global_hook`, Sources/CSystemd/shim.h),
/// to what NIO's own hook does: enqueue the job on one of the singleton group's event loops.
enum ConcurrencyOnNIO {
    /// The hook's C shape: `void (*)(Job *, void (*original)(Job *))`.
    private typealias Hook = @convention(c) (OpaquePointer, OpaquePointer?) -> Void

    /// Installs the hook; false if it could not.
    static func install() -> Bool {
        if NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor() {
            return true
        }
        let hook: Hook = { job, _ in
            let unowned = unsafeBitCast(job, to: UnownedJob.self)
            MultiThreadedEventLoopGroup.singleton.any().executor.enqueue(ExecutorJob(unowned))
        }
        let slot = letterd_enqueue_global_hook()!
        guard slot.pointee == nil else { return false }  // someone else's hook: leave it be
        slot.pointee = unsafeBitCast(hook, to: UnsafeMutableRawPointer.self)
        return true
    }
}
