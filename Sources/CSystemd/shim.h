// libsystemd, as letterd uses it: readiness and status notifications (sd_notify) and
// socket activation (sd_listen_fds). The session-bus API (sd-bus) comes with the notifier.
#include <systemd/sd-daemon.h>
