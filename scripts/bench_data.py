"""The large store for `make bench`: 100,000 letters and 1,000,000 critic check-ins.

The issue asks how letterd does with years of use in its store. Going through letterd to get
there (a million Varlink calls) would take hours, so the rows are written straight into the
daemon's own database file with SQL, after letterd itself has created the schema:

  1. letterd starts once on an empty data directory (it creates and migrates the file), and is
     stopped with SIGTERM (it checkpoints and closes the file cleanly);
  2. this module fills the file in one transaction, through the normal tables, so that the
     schema's own triggers fill both full-text indexes exactly as letterd's writes would;
  3. the file is cached under .build/bench-data/<letters>x<check-ins>-<key>/, where <key> hashes
     the schema letterd created, the sizes and GENERATOR_VERSION: a new migration (or a change
     here) makes a new data set, replacing the old one of the same sizes, and an unchanged one
     is reused (generating takes a minute or two, copying seconds).

Each run works on a copy, so the cache is never changed by a benchmark. Before a run the copy's
open prompts are moved forward by the time since generation (`freshen`): they stay hours to
weeks away, so nothing falls due while the idle wake-ups are counted, however old the cache.

What is in it (all times in UTC, in GRDB's "YYYY-MM-DD HH:MM:SS.SSS" text form), spread over the
three years before generation:
  - letters of 150-450 words on one of a dozen themes (work, the body, parenting, ...): a mix of
    common English words, the theme's own words and a few words of comfort, with an "about"
    line, a perspective, a feeling and tags drawn from the theme; a quarter have 2-3 versions;
  - each letter's schedule history (first reread done, next-day rework done or skipped, older
    prompts superseded by new versions), its rereads with ratings, its spacing, and one open
    prompt due 6 hours to 60 days after generation (rework for some, reread for most);
  - check-ins: intensity 0-10, most with what the critic said (templates naming theme words,
    with the voice and thinking styles letterd would read in them), some with a trigger, an
    "about" line, tags, and the letter suggested for them;
  - a notification most days, invitations to write (closed), monthly self-checks, a critic
    profile in two versions.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import random
import shutil
import sqlite3
import time
from dataclasses import dataclass

# Bump when the generated content changes, so that a cached data set is not reused.
GENERATOR_VERSION = 1

LETTERS = int(os.environ.get("BENCH_LETTERS", "100000"))
CHECK_INS = int(os.environ.get("BENCH_CHECKINS", "1000000"))
SPAN_DAYS = 3 * 365

# --- Vocabulary -------------------------------------------------------------------------------

# Common words of letters like these, most frequent first (drawn with Zipf-like weights).
COMMON = """
the and to you it of that a is in i was for your this not but be have are with so on what me
my all do as at if can just know feel when there like they about been were how more even still
because really think want would could time day much one way again after need from out now
things something then did had will yourself better maybe some today enough right over hard
people little being try trying back only too thought felt much those make made going why here
where good well very also who any into always every never nothing through before while small
other first last long year week morning night evening tomorrow yesterday moment moments part
whole same different true kind gentle patient honest easy tired heavy light slow quiet loud
warm cold home walk work talk words voice heart mind body breath hands eyes head face room
window door kitchen table chair coffee tea rain sun sky street city train bus car phone
message letter page book story picture song music friend friends family mother father sister
brother child children partner people everyone someone anyone nobody person self place thing
part side end start middle half world life days years months weeks hours minutes seconds
learn learning learned grow growing grew change changing changed notice noticing noticed
remember remembering forget hope hoping wish wishing believe trust care caring carry carrying
hold holding let letting give giving take taking keep keeping leave leaving stay staying
feel feeling feelings fear afraid worry worried sorry sad angry lonely ashamed proud glad
happy calm scared nervous stressed overwhelmed stuck lost confused hurt hurting pain
""".split()

# Words of comfort: the compassionate voice of the letters.
COMFORT = """
kindness compassion gentle gently patience forgive forgiveness deserve deserving worthy enough
human humans allowed okay safe rest resting breathe breathing soft softly warmth understand
understanding accept accepting belong belonging matter matters love loved loving care brave
courage strength strong doing best permission pause slowly tender friend support
""".split()

# Rare words: each letter has a small chance to hold one, so that a search for one of them
# finds tens of rows rather than tens of thousands (see RARE_SEARCH_WORD).
RARE = "lighthouse harmonica origami marmalade tortoise sextant quokka zeppelin".split()
RARE_SEARCH_WORD = "lighthouse"
# A theme word as a person would search for it: in several thousand letters and check-ins.
THEME_SEARCH_WORD = "deadline"


@dataclass(frozen=True)
class Theme:
    tags: tuple[str, ...]
    words: tuple[str, ...]
    abouts: tuple[str, ...]


def theme(tags: str, words: str, abouts: str) -> Theme:
    return Theme(tuple(tags.split()), tuple(words.split()), tuple(a.strip() for a in abouts.split("|")))


THEMES = [
    theme("work career deadlines",
          "deadline deadlines boss meeting report project office colleague colleagues email "
          "presentation review promotion manager team task overtime feedback client spreadsheet",
          "the missed deadline at work | the presentation that went badly | snapping at a colleague "
          "| the performance review | not speaking up in the meeting | the report I sent too late"),
    theme("mistakes",
          "mess messed mistake mistakes error forgot forgetting wrong blunder careless slip fault "
          "failed failing broke broken spilled lost missed",
          "messing up the booking | the mistake in the invoice | forgetting her birthday "
          "| breaking the vase | the wrong train again"),
    theme("body appearance",
          "body weight mirror clothes skin shape photo photos eating food exercise gym size "
          "looks appearance jeans beach swimsuit scale",
          "the photo from the wedding | how I look in the mirror | skipping the gym again "
          "| eating too much at the party"),
    theme("parenting kids",
          "kids son daughter parenting school homework bedtime shouting patience toddler teacher "
          "lunchbox playground tantrum screen parent",
          "shouting at the kids | missing the school play | the bedtime battle "
          "| forgetting the lunchbox"),
    theme("friendship",
          "friendship party invitation text reply call plans cancelled awkward conversation "
          "group chat birthday visit dinner joke",
          "cancelling on Sam again | the awkward joke at dinner | not replying for weeks "
          "| the party I left early"),
    theme("family",
          "mum dad parents siblings christmas holiday visit phone call argument grandmother "
          "inheritance house garden wedding",
          "the argument at christmas | not calling mum back | the visit that went wrong"),
    theme("study exams",
          "exam exams grades thesis essay lecture study studying revision assignment professor "
          "marks course degree library notes",
          "failing the statistics exam | the thesis chapter | the essay handed in late"),
    theme("money",
          "money debt rent bills spending savings budget card loan bank salary price shopping "
          "account overdraft",
          "the credit card bill | spending too much again | the overdraft letter"),
    theme("loneliness",
          "alone lonely weekend evenings silence empty flat messages nobody invited dating "
          "apps distance",
          "another weekend alone | nobody to call on Sunday | the dating app"),
    theme("creativity",
          "drawing painting writing music guitar piano practice novel poem sketch craft "
          "studio gallery rehearsal",
          "not practising the piano | the unfinished novel | the drawing I tore up"),
    theme("health",
          "sleep doctor appointment tired illness pain medication running walking diet "
          "smoking drinking therapy anxiety",
          "staying up too late again | missing the doctor's appointment | drinking on a weeknight"),
    theme("relationship partner",
          "partner relationship argument breakup jealous date anniversary trust apology "
          "listening distance evening",
          "the argument with Alex | forgetting our anniversary | being jealous again"),
    theme("home chores",
          "dishes laundry clutter chores cleaning tidy mess garden plants repairs kitchen "
          "bathroom boxes",
          "the pile of laundry | the kitchen in a state | the plants I let die"),
]

PERSPECTIVES = ["a good friend", "my compassionate self", "my grandmother", "a wise teacher",
                "an old friend who knows me", "my future self"]
FEELINGS = ["ashamed", "anxious", "tired", "sad", "angry with myself", "embarrassed", "lonely",
            "overwhelmed", "guilty", "disappointed"]
OPENINGS = ["Dear me,", "Dear you,", "Hello, dear one.", "Dear friend,"]
CLOSINGS = ["With love, me.", "I am on your side.", "Go gently.", "You are doing better than you think."]

# What the critic says: a template (theme word in {w}), the voice letterd reads in it, and the
# thinking styles it recognises (letterd's CriticReader), so check-ins look as letterd stores them.
CRITIC_SAYS = [
    ("you always mess up the {w}", "secondPerson", ("overgeneralising",)),
    ("you never get the {w} right", "secondPerson", ("overgeneralising",)),
    ("I'm such an idiot about the {w}", "firstPerson", ("labeling",)),
    ("you should have finished the {w} by now", "secondPerson", ("shouldStatement",)),
    ("I should be better at {w} than this", "firstPerson", ("shouldStatement",)),
    ("you're useless, look at the {w}", "secondPerson", ("labeling",)),
    ("nobody cares about your {w}", "secondPerson", ("overgeneralising",)),
    ("the {w} is a disaster and it is your fault", "secondPerson", ()),
    ("why can't I just handle the {w}", "firstPerson", ()),
    ("you messed up the {w} again", "secondPerson", ()),
    ("everyone saw how badly the {w} went", None, ("overgeneralising",)),
    ("I'm a failure, I must fix the {w}", "firstPerson", ("labeling", "shouldStatement")),
]
TRIGGERS = ["disappointment", "loss", "fear", "other"]


# --- Time -------------------------------------------------------------------------------------

def stamp(t: float) -> str:
    """A Unix time as GRDB stores a Date: UTC text with milliseconds."""
    moment = dt.datetime.fromtimestamp(t, dt.timezone.utc)
    return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{moment.microsecond // 1000:03d}"


def spread(rng: random.Random, count: int, start: float, end: float) -> list[float]:
    """`count` times between `start` and `end`, ascending (ids then follow time, as in use)."""
    return sorted(rng.uniform(start, end) for _ in range(count))


# --- Text -------------------------------------------------------------------------------------

class TextMaker:
    """Letter texts: sentences of words drawn from the common words, a theme and comfort."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        zipf = [1.0 / (rank + 8) for rank in range(len(COMMON))]
        self.populations = []
        for index, current in enumerate(THEMES):
            others = [w for j, t in enumerate(THEMES) if j != index for w in t.words]
            # 74% common words, 14% the theme's, 8% comfort, 4% other themes' (themes bleed).
            weights = ([0.74 * w / sum(zipf) for w in zipf]
                       + [0.14 / len(current.words)] * len(current.words)
                       + [0.08 / len(COMFORT)] * len(COMFORT)
                       + [0.04 / len(others)] * len(others))
            words = list(COMMON) + list(current.words) + COMFORT + others
            cumulative, total = [], 0.0
            for weight in weights:
                total += weight
                cumulative.append(total)
            self.populations.append((words, cumulative))

    def letter(self, theme_index: int) -> str:
        rng = self.rng
        words, cumulative = self.populations[theme_index]
        drawn = rng.choices(words, cum_weights=cumulative, k=rng.randint(150, 450))
        if rng.random() < 0.01:  # rare words: see RARE_SEARCH_WORD
            drawn[rng.randrange(len(drawn))] = rng.choice(RARE)
        sentences, at = [], 0
        while at < len(drawn):
            length = rng.randint(6, 18)
            sentence = drawn[at:at + length]
            at += length
            sentences.append(sentence[0].capitalize() + " " + " ".join(sentence[1:]) + ".")
        paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
        return rng.choice(OPENINGS) + "\n\n" + "\n\n".join(paragraphs) + "\n\n" + rng.choice(CLOSINGS)


# --- Rows -------------------------------------------------------------------------------------

@dataclass
class Counts:
    letters: int = 0
    versions: int = 0
    prompts: int = 0
    rereads: int = 0
    check_ins: int = 0


def insert_letters(db: sqlite3.Connection, rng: random.Random, now: float, counts: Counts) -> list[float]:
    """Letters with their versions, tags, schedule history, rereads and one open prompt each.

    Tags go in before the first version, so the version's trigger indexes them with it.
    Returns each letter's creation time (index i = letter id i + 1).
    """
    maker = TextMaker(rng)
    start = now - SPAN_DAYS * 86_400
    created = spread(rng, LETTERS, start, now - 86_400)
    for index, at in enumerate(created):
        letter_id = index + 1
        theme_index = rng.randrange(len(THEMES))
        current = THEMES[theme_index]
        db.execute("INSERT INTO letter (id, createdAt) VALUES (?, ?)", (letter_id, stamp(at)))
        for tag in rng.sample(current.tags, k=min(len(current.tags), rng.choice([0, 1, 1, 2, 3]))):
            db.execute("INSERT INTO letterTag (letterId, tag) VALUES (?, ?)", (letter_id, tag))
        about = rng.choice(current.abouts) if rng.random() < 0.9 else None
        perspective = rng.choice(PERSPECTIVES) if rng.random() < 0.8 else None
        feeling = rng.choice(FEELINGS) if rng.random() < 0.6 else None
        versions = rng.choices([1, 2, 3], weights=[75, 20, 5])[0]
        version_at = at
        for number in range(1, versions + 1):
            if number > 1:
                version_at = min(version_at + rng.uniform(1, 30) * 86_400, now - 3_600)
            db.execute(
                "INSERT INTO letterVersion (letterId, number, about, perspective, text, warmth, createdAt, feeling)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (letter_id, number, about, perspective, maker.letter(theme_index),
                 rng.randint(0, 10) if rng.random() < 0.7 else None, stamp(version_at), feeling))
            counts.versions += 1
            insert_version_schedule(db, rng, letter_id, number, number == versions, version_at, now, counts)
        counts.letters += 1
    return created


def insert_version_schedule(db: sqlite3.Connection, rng: random.Random, letter_id: int, number: int,
                            latest: bool, at: float, now: float, counts: Counts) -> None:
    """One version's prompts as letterd would have left them, and its rereads."""
    def prompt(kind: str, reason: str, due: float, closed: float | None, outcome: str | None) -> None:
        notified = stamp(due + rng.uniform(0, 3_600)) if closed is not None else None
        db.execute(
            "INSERT INTO prompt (letterId, kind, reason, dueAt, notifiedAt, closedAt, outcome)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (letter_id, kind, reason, stamp(due), notified, stamp(closed) if closed else None, outcome))
        counts.prompts += 1

    first = at + 3 * 3_600
    if not latest:
        # A newer version came: this version's prompts were superseded.
        prompt("reread", "firstReread" if number == 1 else "afterRework", first, first + 86_400, "superseded")
        return
    reason = "firstReread" if number == 1 else "afterRework"
    prompt("reread", reason, first, first + rng.uniform(600, 86_400), "done")
    prompt("rework", "nextDayRework", at + 86_400, at + 86_400 + rng.uniform(600, 86_400),
           rng.choice(["done", "skipped", "skipped"]))
    reread_at, interval, ease = first, 0.0, 2.5
    for _ in range(rng.choice([0, 1, 1, 2, 3, 5])):
        if reread_at >= now - 86_400:
            break
        rating = rng.choice(["didNotHelp", "somewhat", "helped", "helped", "helpedALot", None])
        db.execute(
            "INSERT INTO reread (letterId, version, at, rating, noticed) VALUES (?, ?, ?, ?, ?)",
            (letter_id, number, stamp(reread_at), rating,
             "it landed softer than I expected" if rng.random() < 0.2 else None))
        counts.rereads += 1
        interval = max(interval * ease, 2 * 86_400)
        reread_at += interval
    if interval:
        db.execute("INSERT INTO letterSpacing (letterId, ease, interval, unhelpfulStreak) VALUES (?, ?, ?, ?)",
                   (letter_id, ease, interval, 0))
    # The open prompt: hours to weeks from now, never due during the benchmark.
    due = now + 6 * 3_600 + rng.uniform(0, 60 * 86_400)
    if rng.random() < 0.05:
        prompt("rework", "notResonating", due, None, None)
    else:
        prompt("reread", "spacedReread" if interval else reason, due, None, None)


def check_in_rows(rng: random.Random, now: float, created: list[float]):
    """Check-in rows (with tags and styles to insert after each), oldest first."""
    start = now - SPAN_DAYS * 86_400
    times = spread(rng, CHECK_INS, start, now - 600)
    letter_index = 0
    for check_in_id, at in enumerate(times, start=1):
        while letter_index < len(created) and created[letter_index] <= at:
            letter_index += 1  # letters written by then: ids 1...letter_index
        current = THEMES[rng.randrange(len(THEMES))]
        template, voice, styles = rng.choice(CRITIC_SAYS)
        said = template.format(w=rng.choice(current.words)) if rng.random() < 0.85 else None
        if said is None:
            voice, styles = None, ()
        about = rng.choice(current.abouts) if rng.random() < 0.4 else None
        trigger = rng.choice(TRIGGERS) if rng.random() < 0.7 else None
        tags = rng.sample(current.tags, k=1) if rng.random() < 0.3 else []
        suggested = rng.randint(1, letter_index) if letter_index and rng.random() < 0.8 else None
        corrected = stamp(at + 3_600) if rng.random() < 0.01 else None
        intensity = min(10, max(0, round(rng.triangular(0, 10, 5))))
        yield ((check_in_id, stamp(at), intensity, said, trigger, about, voice, corrected, suggested),
               tags, styles)


def insert_check_ins(db: sqlite3.Connection, rng: random.Random, now: float, created: list[float],
                     counts: Counts) -> None:
    """Check-ins, in batches (executemany is several times faster than row by row)."""
    batch, tags, styles = [], [], []

    def flush() -> None:
        db.executemany(
            "INSERT INTO criticCheckIn (id, at, intensity, said, \"trigger\", about, voice,"
            " readingCorrectedAt, suggestedLetterId) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", batch)
        db.executemany("INSERT INTO checkInTag (checkInId, tag) VALUES (?, ?)", tags)
        db.executemany("INSERT INTO checkInStyle (checkInId, style) VALUES (?, ?)", styles)
        batch.clear(), tags.clear(), styles.clear()

    for row, row_tags, row_styles in check_in_rows(rng, now, created):
        batch.append(row)
        tags.extend((row[0], tag) for tag in row_tags)
        styles.extend((row[0], style) for style in row_styles)
        counts.check_ins += 1
        if len(batch) == 10_000:
            flush()
    flush()


def insert_the_rest(db: sqlite3.Connection, rng: random.Random, now: float) -> None:
    """Notifications, closed invitations to write, self-checks and the critic's profile."""
    start = now - SPAN_DAYS * 86_400
    db.executemany("INSERT INTO notification (at, promptCount) VALUES (?, ?)",
                   [(stamp(t), rng.randint(1, 3)) for t in spread(rng, int(SPAN_DAYS * 0.8), start, now - 86_400)])
    check_in_ids = sorted(rng.sample(range(1, CHECK_INS + 1), k=min(CHECK_INS, 40)))
    for check_in_id in check_in_ids:
        at = start + (now - start) * check_in_id / CHECK_INS
        db.execute(
            "INSERT INTO prompt (letterId, kind, reason, dueAt, closedAt, outcome, theme, checkInId)"
            " VALUES (NULL, 'write', 'criticLoud', ?, ?, ?, ?, ?)",
            (stamp(at), stamp(at + 86_400), rng.choice(["done", "skipped"]),
             rng.choice(rng.choice(THEMES).abouts), check_in_id))
    for month in range(36):
        at = now - (36 - month) * 30 * 86_400 + 20 * 86_400
        answers = "".join(rng.choice("yn") for _ in range(12)) if month % 3 else None
        db.execute("INSERT INTO selfCheck (at, version, answers, score, outOf) VALUES (?, 1, ?, ?, 12)",
                   (stamp(at), answers, answers.count("y") if answers else None))
    for number, at in ((1, start + 86_400), (2, start + 400 * 86_400)):
        db.execute(
            "INSERT INTO criticProfileVersion (number, at, targets, says, sounds, feels, costs)"
            " VALUES (?, ?, 'work and how I look', 'you always mess this up', 'like my old teacher',"
            " 'tight in the chest', 'I stop trying')", (number, stamp(at)))


def fill(path: str, seed: int = 7) -> Counts:
    """Fills letterd's (migrated, empty, closed) database at `path`; returns what it wrote.

    The file is switched out of WAL for the load (a rollback journal of an empty file costs
    nothing, while the WAL would hold the whole data set once more) and back after, with
    synchronous=OFF: this is a throwaway file until the transaction commits.
    """
    rng = random.Random(seed)
    now = time.time()
    counts = Counts()
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=DELETE")
        db.execute("PRAGMA synchronous=OFF")
        db.execute("PRAGMA cache_size=-262144")  # 256 MiB: the FTS indexes merge in memory
        db.execute("BEGIN")
        created = insert_letters(db, rng, now, counts)
        insert_check_ins(db, rng, now, created, counts)
        insert_the_rest(db, rng, now)
        db.execute("COMMIT")
        db.execute("PRAGMA journal_mode=WAL")
    finally:
        db.close()
    return counts


# --- Cache ------------------------------------------------------------------------------------

def schema_key(path: str) -> str:
    """What makes a cached data set valid: letterd's schema, the sizes, this generator."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        schema = db.execute("SELECT type, name, sql FROM sqlite_master ORDER BY type, name").fetchall()
        migrations = db.execute("SELECT identifier FROM grdb_migrations ORDER BY identifier").fetchall()
    finally:
        db.close()
    text = json.dumps([schema, migrations, LETTERS, CHECK_INS, GENERATOR_VERSION])
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class DataSet:
    path: str           # the cached file (never opened by a daemon)
    generated_at: float
    seconds: float      # how long generating it took
    cached: bool        # reused from an earlier run
    counts: dict


def checkpoint(path: str) -> None:
    """Moves everything in the file's WAL into the file itself, so that the file alone is whole.

    letterd leaves its WAL behind when it stops (the schema it just created is still in
    letterd.sqlite3-wal), and a copy of the main file alone would then be an empty database.
    """
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()


def cached_data_set(cache_root: str, empty_db: str) -> DataSet:
    """The cached data set for `empty_db`'s schema, generated (from a copy of it) if missing.

    `empty_db` is a file letterd has just created and migrated, and been stopped on.
    """
    checkpoint(empty_db)
    sizes = f"{LETTERS}x{CHECK_INS}-"
    directory = os.path.join(cache_root, sizes + schema_key(empty_db))
    meta_path = os.path.join(directory, "meta.json")
    db_path = os.path.join(directory, "letterd.sqlite3")
    if os.path.exists(meta_path) and os.path.exists(db_path):
        with open(meta_path) as meta:
            info = json.load(meta)
        return DataSet(db_path, info["generated_at"], info["seconds"], True, info["counts"])
    # A data set of the same sizes for an earlier schema (or generator) is a gigabyte that will
    # not be used again. (Other sizes, from trying the script out, are left alone.)
    if os.path.isdir(cache_root):
        for other in os.listdir(cache_root):
            if other.startswith(sizes) and other != os.path.basename(directory):
                shutil.rmtree(os.path.join(cache_root, other), ignore_errors=True)
    os.makedirs(directory, exist_ok=True)
    partial = db_path + ".partial"  # renamed into place only when complete
    shutil.copyfile(empty_db, partial)
    began = time.time()
    counts = fill(partial)
    seconds = time.time() - began
    os.replace(partial, db_path)
    info = {"generated_at": began, "seconds": seconds, "counts": counts.__dict__}
    with open(meta_path, "w") as meta:
        json.dump(info, meta)
    return DataSet(db_path, began, seconds, False, info["counts"])


def install_copy(data: DataSet, target: str) -> float:
    """Copies the data set to `target` (a daemon's database path) and freshens it.

    Returns how far the open prompts were moved forward, in seconds.
    """
    os.makedirs(os.path.dirname(target), mode=0o700, exist_ok=True)
    for suffix in ("-wal", "-shm"):
        if os.path.exists(target + suffix):
            os.remove(target + suffix)
    shutil.copyfile(data.path, target)
    os.chmod(target, 0o600)
    return freshen(target, data.generated_at)


def freshen(path: str, generated_at: float) -> float:
    """Moves open prompts forward by the cache's age, keeping them hours to weeks away."""
    age = int(time.time() - generated_at)
    if age <= 0:
        return 0.0
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute(
            "UPDATE prompt SET dueAt = strftime('%Y-%m-%d %H:%M:%f', dueAt, ?) WHERE closedAt IS NULL",
            (f"+{age} seconds",))
    finally:
        db.close()
    return float(age)
