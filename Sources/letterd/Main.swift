import Dispatch
import Foundation
import NIOCore
import NIOPosix

/// letterd's entry point. Before any asynchronous code runs, Swift concurrency's jobs are moved
/// onto NIO's event loops instead of libdispatch's worker pool (``ConcurrencyOnNIO``), so that
/// an idle letterd does not wake at all. (The store keeps its SQLite work off the pool as well;
/// see `LetterDatabase.threads`.) An async `main` would already have hopped onto
/// the global executor before its first line, so this one is synchronous.
@main
enum LetterdMain {
    static func main() {
        if !ConcurrencyOnNIO.install() {
            // Not fatal: letterd works on libdispatch's pool too; it just wakes every second.
            FileHandle.standardError.write(Data(
                "<4>letterd: Swift concurrency could not be moved onto NIO's event loops; letterd will wake up once a second while idle\n".utf8))
        }
        Task.detached {
            await Letterd.main()
            exit(0)
        }
        // The main thread only waits; `Letterd.main()` ends the process.
        DispatchSemaphore(value: 0).wait()
    }
}
