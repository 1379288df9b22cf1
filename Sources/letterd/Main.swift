import Dispatch
import Foundation
import NIOCore
import NIOPosix

/// letterd's entry point. Before any asynchronous code runs, Swift concurrency's jobs are moved
/// onto NIO's event loops instead of libdispatch's worker pool: the first dispatch worker starts
/// libdispatch's pool monitor, a timer that wakes the process every second for as long as it
/// lives, and an idle letterd must not wake at all. (The store keeps its SQLite work off the
/// pool as well; see `LetterDatabase.threads`.) An async `main` would already have hopped onto
/// the global executor before its first line, so this one is synchronous.
@main
enum LetterdMain {
    static func main() {
        _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        Task.detached {
            await Letterd.main()
            exit(0)
        }
        // The main thread only waits; `Letterd.main()` ends the process.
        DispatchSemaphore(value: 0).wait()
    }
}
