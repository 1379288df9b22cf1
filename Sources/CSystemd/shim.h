#define _GNU_SOURCE
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

// Names a thread as the kernel sees it (/proc/PID/task/TID/comm), so `top -H` and the idle
// wake-up test can tell letterd's threads apart. pthread_setname_np needs _GNU_SOURCE, which
// Swift's Glibc module does not define.
#include <pthread.h>
static inline void letterd_name_this_thread(const char *name) {
    pthread_setname_np(pthread_self(), name);
}
