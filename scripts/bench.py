"""letterd's figures, measured side by side in one run (`make bench`).

Usage: bench.py RELEASE_BIN_DIR   (letterd and letterctl; `make bench` passes the release build)

Every figure is reported next to a reference measured in the same run, on the same disk, with the
runs interleaved (A, B, B, A, ...: every round runs each once, in a shuffled order) so that
whatever else the machine is doing falls on both alike.
Read the ratios, not the absolute milliseconds: these machines are shared and noisy. Times are
medians (and p90/p99) over many runs of the real commands, process start to exit, never timed
unit tests. Every letterd runs in a private temporary HOME (see bench_daemon.py), never yours.

The run ends with one table holding every figure the issue asks for against its target, saying
by how much each missed one is missed. The groups of figures, in the order printed:

1. Check-ins on a fresh store (the first table; unchanged from before)
  log-critic   `letterctl log-critic 6 "..."`, wall time from process start to exit: connect,
               one Varlink call, a durable (fsynced) SQLite commit in letterd, the reply.
  sqlite3      the `sqlite3` CLI inserting one row into a WAL database with synchronous=FULL:
               process start, open, durable commit, exit. The reference from the issue
               (target: log-critic ≤ 1.0× it).
  --version    `letterctl --version`: the client's own start-up cost, with no I/O.
  jrnl         `jrnl 4.6` adding the same entry to a plain-text journal: what a person might
               use instead (installed from PyPI into .build/bench-venv by `make bench`; the
               row is left out, with a note, when $BENCH_JRNL is not set). Target: log-critic
               ≥ 40× faster.

2. The same check-in with 100k letters and 1M check-ins in the store
  A second letterd runs on the large data set (bench_data.py: generated once with SQL straight
  into letterd's own database file, cached under .build/bench-data, copied for each run). The
  same log-critic goes to both daemons in turn; the ratio loaded/fresh is the figure
  (target ≤ 1.2×). The fresh store by then holds only this run's own few hundred check-ins.
  letterd keeps the letters a check-in's words match until a letter changes, so this repeated
  check-in finds them kept; a third row (not a target) says something new on each run, so
  letterd searches the 100k letters afresh each time.

3. Queries at 100k letters / 1M check-ins
  `letterctl search WORD` for a theme word found in tens of thousands of letters and check-ins,
  and for a rare word found in about a hundred; `letterctl list` (the newest 50) and
  `letterctl due` (nothing due: every open prompt is hours away), each run $BENCH_QUERY_RUNS
  times interleaved with `letterctl --version`. Target: p99 ≤ 10 ms, end to end. The
  "− start-up" column takes the client's own start-up (the --version median) off the p50, to
  show what letterd and the socket cost.

4. Memory: letterd's resident memory (VmRSS from /proc) once it has gone quiet after start, on
  the fresh store (target ≤ 15 MiB) and on the large one, and after all the runs on each
  (target on the large store ≤ 40 MiB).

5. Idle wake-ups: the large store's letterd is left alone for $BENCH_IDLE_SECONDS (default 300,
  the issue's five minutes) with every prompt hours away, and its threads' context switches
  (voluntary + involuntary, summed over /proc/PID/task/*/status) are counted. A sleeping
  thread switches once per wake-up, so this is how often letterd woke. Run by hand there is no
  systemd watchdog to ping, so the target is 0. The per-thread breakdown names the threads
  that did wake (names as Linux keeps them, cut to 15 characters; "oot.default-qos" and
  "-qos.overcommit" are libdispatch's, "NIO-…" SwiftNIO's, "TP-#n" the store's thread pool).
  The CPU time letterd used in the window is printed with it. Figures 1, 6 and 7 (fresh) are
  measured meanwhile on other daemons, to keep the run short: busy CPUs do not wake a sleeping
  process; only its own timers, polls and sockets do.

6. Cold start through socket activation: `systemd-socket-activate -l SOCKET letterd` stands in
  for letterd.socket; the first `letterctl status` makes it exec letterd, which opens the store
  and answers. Wall time of that letterctl, start to exit, $BENCH_COLD_RUNS times (letterd
  stopped with SIGTERM in between; a first round that creates the store is not counted),
  interleaved with a warm `letterctl status` on the daemon just started. Target: median
  ≤ 50 ms. Also measured on the large store ($BENCH_COLD_LOADED_RUNS times), where letterd
  checks the whole file (PRAGMA quick_check) before it answers. The page cache is warm (the
  machine has just run letterd); right after boot it would be slower.

7. Sustained concurrent check-ins: $BENCH_CLIENTS (32) letterctl processes at once, each
  logging check-ins back to back for $BENCH_CONCURRENT_SECONDS (10), on a fresh store and on
  the large one. Reported: check-ins per second, and as a ratio to one client calling back to
  back (1000 / that store's log-critic median from figure 2); errors (target: none); per-call
  latency; and the check-ins the store gained, which must equal those letterctl acknowledged.

How to read the verdict table: "met?" is yes or, in bold, no with the miss: for a ratio, how
many times the allowed ratio it is and what that is in milliseconds; for a time or a size, by
how much and how many times the target. Medians are the figures unless the target names p99.

Settings (environment): BENCH_RUNS (200) rounds of 1 and 2; BENCH_QUERY_RUNS (300);
BENCH_IDLE_SECONDS (300); BENCH_COLD_RUNS (20); BENCH_COLD_LOADED_RUNS (5); BENCH_CLIENTS (32);
BENCH_CONCURRENT_SECONDS (10); BENCH_JRNL (a jrnl 4.6 binary); BENCH_LETTERS / BENCH_CHECKINS
(100000 / 1000000: only for trying the script out, the targets name these sizes). Shorter
settings are for development; the figures quoted are from a run with the defaults.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import sys
import time
from dataclasses import dataclass, field

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import bench_data  # noqa: E402
from bench_daemon import Daemon, Sandbox, interleaved, median, percentile, timed  # noqa: E402
from bench_measure import (Concurrency, Idle, IdleWindow, concurrent_check_ins,  # noqa: E402
                           socket_activated_starts, store_counts)
from bench_report import Verdict, at_least, at_most, mib, ms, spread_row, table, verdicts  # noqa: E402


def setting(name: str, default: str) -> int:
    return int(os.environ.get(name, default))


RUNS = setting("BENCH_RUNS", "200")
QUERY_RUNS = setting("BENCH_QUERY_RUNS", "300")
IDLE_SECONDS = setting("BENCH_IDLE_SECONDS", "300")
COLD_RUNS = setting("BENCH_COLD_RUNS", "20")
COLD_LOADED_RUNS = setting("BENCH_COLD_LOADED_RUNS", "5")
CLIENTS = setting("BENCH_CLIENTS", "32")
CONCURRENT_SECONDS = setting("BENCH_CONCURRENT_SECONDS", "10")
def count_label(count: int) -> str:
    """100000 -> "100k", 1000000 -> "1M": how the issue names the sizes."""
    for size, suffix in ((1_000_000, "M"), (1_000, "k")):
        if count >= size and count % size == 0:
            return f"{count // size}{suffix}"
    return f"{count:,}"


# The large store's sizes as labels: "100k/1M" with the defaults (BENCH_LETTERS/BENCH_CHECKINS change them).
LARGE = f"{count_label(bench_data.LETTERS)}/{count_label(bench_data.CHECK_INS)}"
LARGE_LONG = f"{count_label(bench_data.LETTERS)} letters, {count_label(bench_data.CHECK_INS)} check-ins"
CACHE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), ".build", "bench-data")

JRNL_CONFIG = """\
colors: {{body: none, date: none, tags: none, title: none}}
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: true
indent_character: '|'
journals:
  default:
    journal: {journal}
linewrap: 79
tagsymbols: '#@'
template: false
timeformat: '%F %r'
version: v4.6
"""


def progress(message: str) -> None:
    """What the bench is doing now, on stderr (a full run takes minutes); the tables go to stdout."""
    print(f"bench: {message}", file=sys.stderr, flush=True)


def jrnl_command(root: str, env: dict[str, str]) -> list[str] | None:
    """jrnl set up on a private journal in `root`, or None without $BENCH_JRNL."""
    jrnl = os.environ.get("BENCH_JRNL")
    if not jrnl:
        return None
    config_dir = os.path.join(env["XDG_CONFIG_HOME"], "jrnl")
    os.makedirs(config_dir)
    with open(os.path.join(config_dir, "jrnl.yaml"), "w") as config:
        config.write(JRNL_CONFIG.format(journal=os.path.join(root, "journal.txt")))
    return [jrnl, "you", "always", "mess", "this", "up"]


class Bench:
    """The sandboxes and daemons of one run, so that every one is stopped and removed at the end."""

    def __init__(self, bin_dir: str):
        self.bin_dir = bin_dir
        self.letterctl = os.path.join(bin_dir, "letterctl")
        self.sandboxes: list[Sandbox] = []
        self.daemons: list[Daemon] = []
        self.problems: list[str] = []

    def sandbox(self, name: str) -> Sandbox:
        sandbox = Sandbox(name)
        self.sandboxes.append(sandbox)
        return sandbox

    def start(self, sandbox: Sandbox) -> tuple[Daemon, float]:
        """A letterd on `sandbox`; returns it and the seconds until its socket accepted."""
        daemon = Daemon(self.bin_dir, sandbox)
        self.daemons.append(daemon)
        return daemon, daemon.start()

    def stop(self, daemon: Daemon) -> None:
        """SIGTERM; a letterd that does not exit 0 on it is a problem the run reports."""
        self.daemons.remove(daemon)
        code = daemon.stop()
        if code != 0:
            self.problems.append(f"letterd exited {code} on SIGTERM: {daemon.log_tail()[-500:]}")

    def close(self) -> None:
        """Stops the daemons still running (after an error) and removes every sandbox."""
        for daemon in list(self.daemons):
            self.stop(daemon)
        for sandbox in self.sandboxes:
            sandbox.remove()


@dataclass
class Results:
    """Everything measured, for the tables printed at the end."""
    fresh: dict[str, list[float]] = field(default_factory=dict)
    jrnl: bool = False
    start_fresh: float = 0.0
    start_loaded: float = 0.0
    settle_loaded: float = 0.0
    rss: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, list[float]] = field(default_factory=dict)
    queries: dict[str, list[float]] = field(default_factory=dict)
    hits: dict[str, tuple[int, int]] = field(default_factory=dict)
    idle: Idle | None = None
    cold: tuple[list[float], list[float]] = ([], [])
    cold_loaded: tuple[list[float], list[float]] = ([], [])
    concurrency: dict[str, Concurrency] = field(default_factory=dict)
    data: bench_data.DataSet | None = None
    data_shift: float = 0.0
    store_size: int = 0


# --- Phases -----------------------------------------------------------------------------------

def prepare_large_store(bench: Bench, results: Results) -> Sandbox:
    """A sandbox whose store holds the large data set, letterd not yet started on it.

    letterd creates the schema itself, on an empty data directory, and is stopped; the data set
    for that schema comes from the cache, or is generated now (see bench_data.py).
    """
    schema = bench.sandbox("schema")
    daemon, _ = bench.start(schema)
    bench.stop(daemon)
    progress("large data set: looking in the cache (generating takes a minute or two when missing)")
    data = bench_data.cached_data_set(CACHE, schema.database_path)
    progress(f"large data set: {'cached' if data.cached else 'generated'} ({data.seconds:.0f} s to generate)")
    loaded = bench.sandbox("loaded")
    results.data_shift = bench_data.install_copy(data, loaded.database_path)
    results.data = data
    results.store_size = os.path.getsize(loaded.database_path)
    return loaded


def fresh_store_figures(bench: Bench, fresh: Sandbox, results: Results) -> None:
    """Figure 1: log-critic against the sqlite3 reference, --version and jrnl, interleaved."""
    sqlite3_cli = shutil.which("sqlite3")
    reference_db = os.path.join(fresh.root, "reference.sqlite3")
    timed([sqlite3_cli, reference_db, "PRAGMA journal_mode=WAL; CREATE TABLE t(at TEXT, said TEXT);"], fresh.env)
    commands = {
        "log-critic": ([bench.letterctl, "log-critic", "6", "you always mess this up", "--trigger", "fear"], fresh.env),
        "sqlite3": ([sqlite3_cli, reference_db,
                     "PRAGMA synchronous=FULL; INSERT INTO t VALUES (datetime('now'), 'you always mess this up');"],
                    fresh.env),
        "--version": ([bench.letterctl, "--version"], fresh.env),
    }
    jrnl = jrnl_command(fresh.root, fresh.env)
    if jrnl:
        commands["jrnl"] = (jrnl, fresh.env)
    results.jrnl = jrnl is not None
    results.fresh = interleaved(commands, RUNS)


def store_size_figures(bench: Bench, fresh: Sandbox, loaded: Sandbox, results: Results) -> None:
    """Figure 2: the same log-critic on the fresh store and on the large one, in turn.

    letterd keeps the letters a check-in's words matched until a letter changes (LetterMatchCache),
    so the repeated check-in finds them kept. A third series, on the large store too, says
    something new each time (a theme word of the data set, never the same pair twice), which
    makes letterd search the letters afresh: what a check-in in new words costs.
    """
    command = [bench.letterctl, "log-critic", "6", "you always mess this up", "--trigger", "fear"]
    results.sizes = interleaved({"fresh": (command, fresh.env), "loaded": (command, loaded.env)}, RUNS)
    words = sorted({word for theme in bench_data.THEMES for word in theme.words})
    new_words: list[float] = []
    for run in range(RUNS):
        first, second = words[run % len(words)], words[(run // len(words) + run + 1) % len(words)]
        said = f"round {run}: you got the {first} and the {second} wrong again"
        new_words.append(timed([bench.letterctl, "log-critic", "6", said, "--trigger", "fear"], loaded.env))
    results.sizes["loaded, new words"] = new_words


def query_figures(bench: Bench, loaded: Sandbox, results: Results) -> None:
    """Figure 3: search (a theme word, a rare word), list and due on the large store."""
    ctl = bench.letterctl
    theme, rare = bench_data.THEME_SEARCH_WORD, bench_data.RARE_SEARCH_WORD
    commands = {
        f"search {theme}": ([ctl, "search", theme], loaded.env),
        f"search {rare}": ([ctl, "search", rare], loaded.env),
        "list": ([ctl, "list"], loaded.env),
        "due": ([ctl, "due"], loaded.env),
        "--version": ([ctl, "--version"], loaded.env),
    }
    results.queries = interleaved(commands, QUERY_RUNS)
    for word in (theme, rare):
        results.hits[word] = full_text_hits(loaded.database_path, word)


def full_text_hits(path: str, word: str) -> tuple[int, int]:
    """How many letters and check-ins the word matches: what a search has to rank."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        letters = db.execute("SELECT count(*) FROM letterSearch WHERE letterSearch MATCH ?", (word,)).fetchone()[0]
        check_ins = db.execute("SELECT count(*) FROM criticCheckInSearch WHERE criticCheckInSearch MATCH ?",
                               (word,)).fetchone()[0]
    finally:
        db.close()
    return letters, check_ins


def check_large_store(bench: Bench, loaded: Sandbox) -> None:
    """letterd took the generated file: it reports the counts, and list, search and due work."""
    counts = store_counts(bench.letterctl, loaded.env)
    if counts["letters"] != bench_data.LETTERS or counts["checkIns"] != bench_data.CHECK_INS:
        raise RuntimeError(f"the large store holds {counts}, not what was generated")
    for command in (["list"], ["search", bench_data.THEME_SEARCH_WORD], ["due"]):
        timed([bench.letterctl, *command], loaded.env)  # check=True: fails the bench on an error


def concurrency_figure(bench: Bench, sandbox: Sandbox, name: str, results: Results) -> None:
    progress(f"{CLIENTS} concurrent clients for {CONCURRENT_SECONDS} s ({name} store)")
    results.concurrency[name] = concurrent_check_ins(bench.letterctl, sandbox.env, CLIENTS, CONCURRENT_SECONDS)


def run(bench: Bench) -> Results:
    """All phases. The idle window on the large store runs while figures 1, 6 and 7 (fresh)
    are measured on other daemons; everything that talks to the large store comes after it."""
    results = Results()
    loaded = prepare_large_store(bench, results)
    fresh = bench.sandbox("fresh")
    progress("starting letterd on the large store (it checks the whole file first)")
    large, results.start_loaded = bench.start(loaded)
    check_large_store(bench, loaded)
    results.settle_loaded = large.settle()
    small, results.start_fresh = bench.start(fresh)
    small.settle()
    results.rss["fresh, idle after start"] = small.rss_kib()
    results.rss["large, idle after start"] = large.rss_kib()

    progress(f"idle window on the large store: {IDLE_SECONDS} s (set BENCH_IDLE_SECONDS to shorten)")
    window = IdleWindow(large, IDLE_SECONDS)
    progress(f"log-critic vs sqlite3 vs jrnl: {RUNS} interleaved rounds")
    fresh_store_figures(bench, fresh, results)
    time.sleep(1.0)
    results.rss[f"fresh, idle after {RUNS + 10} check-ins"] = small.rss_kib()
    progress(f"cold starts through socket activation: {COLD_RUNS}")
    results.cold = socket_activated_starts(bench.bin_dir, bench.sandbox("activated"), COLD_RUNS)
    other, _ = bench.start(bench.sandbox("concurrent"))
    concurrency_figure(bench, other.sandbox, "fresh", results)
    bench.stop(other)
    progress("waiting for the idle window to end")
    results.idle = window.end()
    results.rss["large, after the idle window"] = large.rss_kib()

    progress(f"log-critic, fresh vs large store: {RUNS} interleaved rounds")
    store_size_figures(bench, fresh, loaded, results)
    progress(f"search, list, due on the large store: {QUERY_RUNS} interleaved rounds")
    query_figures(bench, loaded, results)
    concurrency_figure(bench, loaded, "large", results)
    large.settle()
    results.rss["large, after all its runs"] = large.rss_kib()
    bench.stop(large)
    bench.stop(small)
    progress(f"cold starts through socket activation on the large store: {COLD_LOADED_RUNS}")
    results.cold_loaded = socket_activated_starts(bench.bin_dir, loaded, COLD_LOADED_RUNS)
    return results


# --- Output -----------------------------------------------------------------------------------

def print_fresh(results: Results) -> None:
    """Figure 1, printed as it always has been."""
    samples = results.fresh
    reference = median(samples["sqlite3"])
    print("| figure | median ms | p90 ms | ratio to sqlite3 median |")
    print("|---|---:|---:|---:|")
    rows = [("log-critic", "`letterctl log-critic 6 \"...\"` (end to end, durable)"),
            ("sqlite3", "`sqlite3` CLI durable one-row insert, WAL (reference)"),
            ("--version", "`letterctl --version` (client start-up only)")]
    if results.jrnl:
        rows.append(("jrnl", "`jrnl 4.6` adding the same entry"))
    for name, label in rows:
        mid = median(samples[name])
        print(f"| {label} | {mid:.2f} | {percentile(samples[name], 90):.2f} | {mid / reference:.2f}× |")
    print()
    if results.jrnl:
        faster = median(samples["jrnl"]) / median(samples["log-critic"])
        print(f"letterctl log-critic is {faster:.1f}× faster than jrnl (medians, same run).\n")
    else:
        print("(jrnl left out: set BENCH_JRNL to a jrnl 4.6 binary; `make bench` does.)\n")


def print_memory(results: Results) -> None:
    table(["letterd memory", "VmRSS"], [[name, mib(kib)] for name, kib in results.rss.items()])
    print(f"letterd start-up to a connectable socket (run by hand): fresh store {results.start_fresh * 1000:.0f} ms, "
          f"large store {results.start_loaded * 1000:.0f} ms; on the large store it went quiet "
          f"{results.settle_loaded:.1f} s later.\n")


def print_sizes(results: Results) -> None:
    fresh = median(results.sizes["fresh"])
    table(["log-critic, same run, interleaved", "median ms", "p90 ms", "p99 ms", "ratio to fresh store"],
          [spread_row("fresh store", results.sizes["fresh"], fresh),
           spread_row(LARGE_LONG, results.sizes["loaded"], fresh),
           spread_row(f"{LARGE_LONG}, new words each time (after the rows above)",
                      results.sizes["loaded, new words"], fresh)])


def print_queries(results: Results) -> None:
    startup = median(results.queries["--version"])
    rows = []
    for name, samples in results.queries.items():
        word = name.split()[-1]
        hits = results.hits.get(word)
        label = f"`letterctl {name}`" + (f" ({hits[0]:,} letters + {hits[1]:,} check-ins match)" if hits else "")
        rows.append([label, ms(median(samples)), ms(percentile(samples, 90)), ms(percentile(samples, 99)),
                     ms(median(samples) - startup) if name != "--version" else "(reference)"])
    print(f"At {LARGE_LONG}, {QUERY_RUNS} interleaved runs each:\n")
    table(["command", "p50 ms", "p90 ms", "p99 ms", "p50 − start-up ms"], rows)


def print_idle(results: Results) -> None:
    idle = results.idle
    print(f"Idle wake-ups, large store, no clients, every prompt hours away: **{idle.wakeups}** context "
          f"switches in {idle.seconds:.0f} s ({idle.cpu_ms:.0f} ms of CPU).")
    if idle.by_thread:
        print("By thread: " + ", ".join(f"{name} {count}" for name, count in sorted(idle.by_thread.items())) + ".")
    print()


def print_cold(results: Results) -> None:
    rows = []
    for label, (cold, warm) in (("fresh store", results.cold), (f"{LARGE} store", results.cold_loaded)):
        if cold:
            reference = median(warm)
            rows.append(spread_row(f"cold `letterctl status`, {label} ({len(cold)} runs)", cold, reference))
            rows.append(spread_row(f"warm `letterctl status`, {label} (reference)", warm, reference))
    print("Cold start through socket activation (systemd-socket-activate), interleaved with a warm call:\n")
    table(["figure", "median ms", "p90 ms", "p99 ms", "ratio to warm"], rows)


def print_concurrency(results: Results) -> None:
    """The rate, errors and latency under load; the reference is one client calling back to back
    (1000 / the log-critic median of the same store, measured earlier in this run)."""
    single = {"fresh": 1000 / median(results.sizes["fresh"]), "large": 1000 / median(results.sizes["loaded"])}
    rows = []
    for name, run in results.concurrency.items():
        rows.append([f"{run.clients} clients, {name} store", f"{run.rate:.1f}", f"{run.rate / single[name]:.2f}×",
                     str(run.acknowledged), str(run.error_count), str(run.stored),
                     ms(median(run.latencies)) if run.latencies else "-",
                     ms(percentile(run.latencies, 99)) if run.latencies else "-"])
    print(f"Sustained concurrent check-ins ({CONCURRENT_SECONDS} s of real letterctl log-critic processes):\n")
    table(["run", "check-ins/s", "vs one client", "acknowledged", "errors", "stored", "p50 ms", "p99 ms"], rows)
    for name, run in results.concurrency.items():
        for error in run.errors:
            print(f"- {name}: {error}")
    if any(run.errors for run in results.concurrency.values()):
        print()


def print_data(results: Results) -> None:
    data = results.data
    counts = data.counts
    age = (time.time() - data.generated_at) / 86_400
    print(f"Large data set: {counts['letters']:,} letters ({counts['versions']:,} versions), "
          f"{counts['check_ins']:,} check-ins, {counts['prompts']:,} prompts, {counts['rereads']:,} rereads; "
          f"{results.store_size / 2**20:,.0f} MiB; generated in {data.seconds:.0f} s "
          f"({'cached, ' + f'{age:.1f} days old' if data.cached else 'this run'}; open prompts moved "
          f"{results.data_shift / 3600:.1f} h forward).\n")


def verdict_rows(results: Results) -> list[Verdict]:
    """Every figure the issue asks for, against its target, with what a miss would take."""
    rows = []
    log_critic, reference = median(results.fresh["log-critic"]), median(results.fresh["sqlite3"])
    ratio = log_critic / reference
    rows.append(at_most("log-critic vs durable sqlite3 insert", ratio, 1.0, "×",
                        f"{ratio:.2f}× ({ms(log_critic)} vs {ms(reference)} ms)", "≤ 1.0×",
                        f"log-critic would need to be {log_critic - reference:.2f} ms faster"))
    if results.jrnl:
        jrnl = median(results.fresh["jrnl"])
        rows.append(at_least("log-critic vs jrnl 4.6", jrnl / log_critic, 40, "×",
                             f"{jrnl / log_critic:.1f}× faster ({ms(log_critic)} vs {ms(jrnl)} ms)", "≥ 40× faster",
                             f"needs log-critic ≤ {jrnl / 40:.2f} ms"))
    else:
        rows.append(Verdict("log-critic vs jrnl 4.6", "not measured (BENCH_JRNL unset)", "≥ 40× faster", False,
                            "not measured"))
    fresh, loaded = median(results.sizes["fresh"]), median(results.sizes["loaded"])
    rows.append(at_most(f"log-critic at {LARGE} vs fresh store", loaded / fresh, 1.2, "×",
                        f"{loaded / fresh:.2f}× ({ms(loaded)} vs {ms(fresh)} ms)", "≤ 1.2×",
                        f"{loaded - 1.2 * fresh:.1f} ms over 1.2× the fresh store"))
    for name, samples in results.queries.items():
        if name == "--version":
            continue
        p99 = percentile(samples, 99)
        rows.append(at_most(f"`{name}` p99 at {LARGE}", p99, 10, " ms",
                            f"{ms(p99)} ms (p50 {ms(median(samples))})", "≤ 10 ms"))
    rss = results.rss
    rows.append(at_most("RSS idle (fresh store)", rss["fresh, idle after start"] / 1024, 15, " MiB",
                        mib(rss["fresh, idle after start"]), "≤ 15 MiB"))
    for name in ("large, idle after start", "large, after all its runs"):
        rows.append(at_most(f"RSS at {LARGE} ({name.split(', ')[1]})", rss[name] / 1024, 40, " MiB",
                            mib(rss[name]), "≤ 40 MiB"))
    idle = results.idle
    rows.append(at_most(f"idle wake-ups in {idle.seconds:.0f} s (no watchdog)", idle.wakeups, 0, "",
                        str(idle.wakeups), "0"))
    for label, (cold, warm) in (("fresh store", results.cold), (f"{LARGE} store", results.cold_loaded)):
        if cold:
            rows.append(at_most(f"cold start via socket activation ({label})", median(cold), 50, " ms",
                                f"{ms(median(cold))} ms median ({median(cold) / median(warm):.1f}× warm)", "≤ 50 ms"))
    for name, run in results.concurrency.items():
        whole = run.error_count == 0 and run.stored == run.acknowledged
        miss = f"{run.error_count} errors" + ("" if run.stored == run.acknowledged
                                              else f"; stored {run.stored} ≠ acknowledged {run.acknowledged}")
        rows.append(Verdict(f"{run.clients} concurrent clients ({name} store)",
                            f"{run.rate:.1f} check-ins/s, {run.error_count} errors, {run.stored} stored = "
                            f"{run.acknowledged} acknowledged" if whole else f"{run.rate:.1f} check-ins/s",
                            "report the rate; no errors", whole, miss))
    return rows


def report(results: Results, elapsed: float) -> None:
    print(f"letterd benchmarks: {RUNS} interleaved runs each, release build, {os.cpu_count()} CPUs\n")
    print_fresh(results)
    print_memory(results)
    print(f"## {LARGE_LONG}\n")
    print_data(results)
    print_sizes(results)
    print_queries(results)
    print_idle(results)
    print_cold(results)
    print_concurrency(results)
    verdicts(verdict_rows(results))
    print(f"The whole bench took {elapsed / 60:.1f} minutes.")


def main() -> int:
    bin_dir = sys.argv[1]
    for tool, package in (("sqlite3", "sqlite3"), ("systemd-socket-activate", "systemd")):
        if shutil.which(tool) is None:
            print(f"bench needs {tool} (apt-get install {package})", file=sys.stderr)
            return 1
    began = time.monotonic()
    bench = Bench(bin_dir)
    try:
        results = run(bench)
    finally:
        bench.close()
    for problem in bench.problems:
        print(problem, file=sys.stderr)
    report(results, time.monotonic() - began)
    return 1 if bench.problems else 0


if __name__ == "__main__":
    sys.exit(main())
