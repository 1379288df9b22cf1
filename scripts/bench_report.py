"""Markdown output of `make bench`: one table per group of figures, and the verdict table that
holds every figure the issue asks for against its target.
"""

from __future__ import annotations

from dataclasses import dataclass

from bench_daemon import median, percentile


@dataclass
class Verdict:
    figure: str
    measured: str
    target: str
    met: bool
    miss: str = ""  # by how much, when not met

    @property
    def cell(self) -> str:
        return "yes" if self.met else f"**no**: {self.miss}"


def at_most(figure: str, value: float, limit: float, unit: str, measured: str, target: str,
            extra: str = "") -> Verdict:
    """A figure that must not exceed `limit`; a miss says by how much (and `extra`, if given)."""
    if value <= limit:
        return Verdict(figure, measured, target, True)
    if unit == "×":
        miss = f"{value / limit:.2f}× the allowed ratio"
    elif limit == 0:
        miss = f"{value:g} more than none"
    else:
        miss = f"over by {value - limit:.2f}{unit} ({value / limit:.2f}× the target)"
    return Verdict(figure, measured, target, False, miss + (f"; {extra}" if extra else ""))


def at_least(figure: str, value: float, limit: float, unit: str, measured: str, target: str,
             extra: str = "") -> Verdict:
    """A figure that must reach `limit`; a miss says how far short it falls."""
    if value >= limit:
        return Verdict(figure, measured, target, True)
    return Verdict(figure, measured, target, False,
                   f"short by {limit - value:.1f}{unit} (reaches {value / limit:.0%} of the target)"
                   + (f"; {extra}" if extra else ""))


def table(header: list[str], rows: list[list[str]], align: str | None = None) -> None:
    """Prints a Markdown table; `align` is one character per column, l or r (default: l then r)."""
    align = align or "l" + "r" * (len(header) - 1)
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" if a == "l" else "---:" for a in align) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()


def ms(value: float) -> str:
    return f"{value:.2f}"


def mib(kib: int) -> str:
    return f"{kib / 1024:.1f} MiB"


def spread_row(label: str, samples: list[float], reference: float) -> list[str]:
    """label | median | p90 | p99 | ratio of the median to the reference median."""
    mid = median(samples)
    return [label, ms(mid), ms(percentile(samples, 90)), ms(percentile(samples, 99)), f"{mid / reference:.2f}×"]


def verdicts(rows: list[Verdict]) -> None:
    print("## Every figure against its target\n")
    table(["figure", "measured", "target", "met?"],
          [[v.figure, v.measured, v.target, v.cell] for v in rows], align="llll")
    missed = [v for v in rows if not v.met]
    print(f"{len(rows) - len(missed)} of {len(rows)} targets met"
          + (f"; missed: {', '.join(v.figure for v in missed)}." if missed else ".") + "\n")
