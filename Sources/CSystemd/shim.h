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
