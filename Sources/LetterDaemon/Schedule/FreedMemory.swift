import CSystemd
import Glibc

/// Hands the memory letterd has freed back to the system, when it is about to sleep.
///
/// Why: glibc keeps freed memory in its arenas (one per thread that allocated) for the next
/// allocation, and letterd then sleeps for hours. What its start leaves behind (reading the
/// settings, checking the store, the first turn of the scheduler) stayed resident: about
/// 330 KB of a daemon that should stay under 15 MiB at rest (`make bench`, "RSS idle").
/// `malloc_trim(0)` returns whole free pages of every arena; memory still in use is untouched.
/// It runs off the request path (the scheduler, before it sleeps) and costs well under a
/// millisecond.
enum FreedMemory {
    static func returnToSystem() {
        _ = malloc_trim(0)
    }
}
