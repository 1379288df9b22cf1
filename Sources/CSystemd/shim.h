// libsystemd, as letterd uses it: readiness and status notifications (sd_notify), socket
// activation (sd_listen_fds), and the session bus (sd-bus) for desktop notifications.
// Variadic calls (sd_bus_call_method and friends) cannot be called from Swift; letterd builds
// messages with sd_bus_message_new_method_call and the append/read functions instead.
#include <systemd/sd-daemon.h>
#include <systemd/sd-bus.h>

// Linux's timer and event descriptors, which Swift's Glibc module leaves out: the scheduler
// sleeps on a timerfd (woken early by an eventfd) until the next prompt is due.
#include <sys/timerfd.h>
#include <sys/eventfd.h>

// Names the calling thread as the kernel sees it (/proc/PID/task/TID/comm), so `top -H` and
// the idle wake-up test can tell letterd's threads apart. prctl(2) is variadic, so Swift cannot
// call it; pthread_setname_np would need _GNU_SOURCE, which would make this module's view of
// glibc's types differ from every other module's.
#include <sys/prctl.h>
static inline void letterd_name_this_thread(const char *name) {
    prctl(PR_SET_NAME, (unsigned long)name, 0UL, 0UL, 0UL);
}

// Where Swift concurrency looks for a hook to enqueue jobs instead of on libdispatch's pool
// (see Sources/letterd/ConcurrencyOnNIO.swift). NIO finds it with dlsym, which works when the
// runtime is a shared library; in letterd's release build the runtime is linked in statically
// and the symbol is hidden from dlsym, but a reference at link time still reaches it.
extern void *swift_task_enqueueGlobal_hook;
static inline void **letterd_enqueue_global_hook(void) {
    return &swift_task_enqueueGlobal_hook;
}

// malloc_trim(3), which Swift's Glibc module leaves out: letterd hands freed memory back to
// the system before it sleeps (LetterDaemon's FreedMemory).
#include <malloc.h>
