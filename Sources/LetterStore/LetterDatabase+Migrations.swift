import GRDB
import LetterCore

extension LetterDatabase {
    /// The schema's history. A migration that has shipped is never edited: a change to the schema
    /// is a new migration appended here. Migrations use literal table names, not Swift types, so
    /// they keep meaning what they meant when they shipped.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()

        migrator.registerMigration("v1-letters-and-check-ins") { db in
            // AUTOINCREMENT: an id is never reused, so a deleted letter's number cannot later
            // point at a different letter in someone's notes or scripts.
            try db.execute(sql: """
                CREATE TABLE letter (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    createdAt DATETIME NOT NULL
                );

                CREATE TABLE letterVersion (
                    letterId INTEGER NOT NULL REFERENCES letter(id) ON DELETE CASCADE,
                    number INTEGER NOT NULL CHECK (number >= 1),
                    about TEXT,
                    perspective TEXT,
                    text TEXT NOT NULL CHECK (length(text) > 0),
                    warmth INTEGER CHECK (warmth BETWEEN 0 AND 10),
                    createdAt DATETIME NOT NULL,
                    PRIMARY KEY (letterId, number)
                );

                -- Nothing the person wrote is ever overwritten: versions are append-only. They go
                -- only when their letter is deleted, which the person asks for explicitly.
                CREATE TRIGGER letterVersionIsNeverUpdated BEFORE UPDATE ON letterVersion
                BEGIN
                    SELECT RAISE(ABORT, 'letter versions are never changed; add a new version instead');
                END;
                CREATE TRIGGER letterVersionGoesOnlyWithItsLetter BEFORE DELETE ON letterVersion
                WHEN EXISTS (SELECT 1 FROM letter WHERE id = OLD.letterId)
                BEGIN
                    SELECT RAISE(ABORT, 'letter versions are removed only with their letter');
                END;

                CREATE TABLE letterTag (
                    letterId INTEGER NOT NULL REFERENCES letter(id) ON DELETE CASCADE,
                    tag TEXT NOT NULL CHECK (length(tag) > 0),
                    PRIMARY KEY (letterId, tag)
                ) WITHOUT ROWID;
                CREATE INDEX letterTagByTag ON letterTag(tag);

                CREATE TABLE criticCheckIn (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    intensity INTEGER NOT NULL CHECK (intensity BETWEEN 0 AND 10),
                    said TEXT,
                    "trigger" TEXT CHECK ("trigger" IN ('disappointment', 'loss', 'fear', 'other')),
                    about TEXT
                );
                CREATE INDEX criticCheckInByTime ON criticCheckIn(at);
                """)
        }

        migrator.registerMigration("v2-full-text-search") { db in
            // Letters: one row per letter (rowid = letter.id) holding its latest version, kept
            // current by triggers. Older versions are not searched: a search finds letters.
            try db.execute(sql: """
                CREATE VIRTUAL TABLE letterSearch USING fts5(
                    about, perspective, text, tags,
                    tokenize = 'porter unicode61 remove_diacritics 2'
                );

                CREATE TRIGGER letterSearchOnNewVersion AFTER INSERT ON letterVersion
                BEGIN
                    DELETE FROM letterSearch WHERE rowid = NEW.letterId;
                    INSERT INTO letterSearch (rowid, about, perspective, text, tags)
                    VALUES (
                        NEW.letterId, NEW.about, NEW.perspective, NEW.text,
                        (SELECT group_concat(tag, ' ') FROM letterTag WHERE letterId = NEW.letterId)
                    );
                END;
                CREATE TRIGGER letterSearchOnTagAdded AFTER INSERT ON letterTag
                BEGIN
                    UPDATE letterSearch
                    SET tags = (SELECT group_concat(tag, ' ') FROM letterTag WHERE letterId = NEW.letterId)
                    WHERE rowid = NEW.letterId;
                END;
                CREATE TRIGGER letterSearchOnTagRemoved AFTER DELETE ON letterTag
                BEGIN
                    UPDATE letterSearch
                    SET tags = (SELECT group_concat(tag, ' ') FROM letterTag WHERE letterId = OLD.letterId)
                    WHERE rowid = OLD.letterId;
                END;
                CREATE TRIGGER letterSearchOnLetterDeleted AFTER DELETE ON letter
                BEGIN
                    DELETE FROM letterSearch WHERE rowid = OLD.id;
                END;

                INSERT INTO letterSearch (rowid, about, perspective, text, tags)
                SELECT v.letterId, v.about, v.perspective, v.text,
                       (SELECT group_concat(tag, ' ') FROM letterTag WHERE letterId = v.letterId)
                FROM letterVersion v
                WHERE v.number = (SELECT max(number) FROM letterVersion WHERE letterId = v.letterId);
                """)

            // Check-ins: an external-content index over criticCheckIn, kept in sync by the
            // triggers GRDB writes for `synchronize(withTable:)`.
            try db.create(virtualTable: "criticCheckInSearch", using: FTS5()) { t in
                t.synchronize(withTable: "criticCheckIn")
                t.tokenizer = .porter(wrapping: .unicode61(diacritics: .remove))
                t.column("said")
                t.column("about")
            }
        }

        migrator.registerMigration("v3-rereads-and-prompts") { db in
            try db.execute(sql: """
                -- Every reread the person records: which version, how it landed, what they noticed.
                CREATE TABLE reread (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    letterId INTEGER NOT NULL REFERENCES letter(id) ON DELETE CASCADE,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    at DATETIME NOT NULL,
                    rating TEXT CHECK (rating IN ('didNotHelp', 'somewhat', 'helped', 'helpedALot')),
                    noticed TEXT
                );
                CREATE INDEX rereadByLetter ON reread(letterId, at);

                -- How far apart a letter's rereads are (see LetterSchedule/Spacing.swift).
                CREATE TABLE letterSpacing (
                    letterId INTEGER PRIMARY KEY REFERENCES letter(id) ON DELETE CASCADE,
                    ease REAL NOT NULL,
                    interval REAL NOT NULL CHECK (interval >= 0),
                    unhelpfulStreak INTEGER NOT NULL CHECK (unhelpfulStreak >= 0)
                );

                -- Invitations to come back to a letter. A prompt stays open until the person
                -- rereads, reworks, skips, or writes a new version; it is then closed, never
                -- deleted, so the schedule's history stays readable.
                CREATE TABLE prompt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    letterId INTEGER NOT NULL REFERENCES letter(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('reread', 'rework')),
                    reason TEXT NOT NULL,
                    dueAt DATETIME NOT NULL,
                    notifiedAt DATETIME,
                    closedAt DATETIME,
                    outcome TEXT CHECK (outcome IN ('done', 'skipped', 'superseded')),
                    CHECK ((closedAt IS NULL) = (outcome IS NULL))
                );
                CREATE INDEX promptOpenByDue ON prompt(dueAt) WHERE closedAt IS NULL;
                CREATE INDEX promptByLetter ON prompt(letterId);

                -- When notifications went out, for the daily cap.
                CREATE TABLE notification (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    promptCount INTEGER NOT NULL
                );
                CREATE INDEX notificationByTime ON notification(at);

                -- Settings the person changes through letterctl rather than the config file
                -- (a pause), one row per key.
                CREATE TABLE scheduleState (
                    key TEXT PRIMARY KEY,
                    value TEXT
                ) WITHOUT ROWID;

                -- Letters written before the schedule existed have rested long enough: each
                -- gets a reread, due now.
                INSERT INTO prompt (letterId, kind, reason, dueAt)
                SELECT id, 'reread', 'spacedReread', strftime('%Y-%m-%d %H:%M:%f', 'now') FROM letter;
                """)
        }

        migrator.registerMigration("v4-critic-readings-and-invitations") { db in
            try db.execute(sql: """
                -- What letterd recognised in what the critic said (see LetterCore/CriticReading.swift),
                -- or what the person corrected it to (readingCorrectedAt is then set).
                ALTER TABLE criticCheckIn ADD COLUMN voice TEXT CHECK (voice IN ('firstPerson', 'secondPerson'));
                ALTER TABLE criticCheckIn ADD COLUMN readingCorrectedAt DATETIME;
                -- The letter offered in reply, for looking back on what was suggested.
                ALTER TABLE criticCheckIn ADD COLUMN suggestedLetterId INTEGER REFERENCES letter(id) ON DELETE SET NULL;

                CREATE TABLE checkInStyle (
                    checkInId INTEGER NOT NULL REFERENCES criticCheckIn(id) ON DELETE CASCADE,
                    style TEXT NOT NULL CHECK (style IN ('labeling', 'shouldStatement', 'overgeneralising')),
                    PRIMARY KEY (checkInId, style)
                ) WITHOUT ROWID;
                CREATE INDEX checkInStyleByStyle ON checkInStyle(style);

                CREATE TABLE checkInTag (
                    checkInId INTEGER NOT NULL REFERENCES criticCheckIn(id) ON DELETE CASCADE,
                    tag TEXT NOT NULL CHECK (length(tag) > 0),
                    PRIMARY KEY (checkInId, tag)
                ) WITHOUT ROWID;
                CREATE INDEX checkInTagByTag ON checkInTag(tag);

                -- Prompts gain a third kind: an invitation to write a new letter, after a loud
                -- stretch of the critic on a theme no letter answers well. It has no letter yet
                -- (letterId NULL); theme is what to write about, checkInId the check-in that
                -- showed the stretch. SQLite cannot change a table's constraints in place, so
                -- the table is rebuilt and its rows copied as they are.
                CREATE TABLE newPrompt (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    letterId INTEGER REFERENCES letter(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('reread', 'rework', 'write')),
                    reason TEXT NOT NULL,
                    dueAt DATETIME NOT NULL,
                    notifiedAt DATETIME,
                    closedAt DATETIME,
                    outcome TEXT CHECK (outcome IN ('done', 'skipped', 'superseded')),
                    theme TEXT,
                    checkInId INTEGER REFERENCES criticCheckIn(id) ON DELETE SET NULL,
                    CHECK ((closedAt IS NULL) = (outcome IS NULL)),
                    CHECK ((kind = 'write') = (letterId IS NULL))
                );
                INSERT INTO newPrompt (id, letterId, kind, reason, dueAt, notifiedAt, closedAt, outcome)
                SELECT id, letterId, kind, reason, dueAt, notifiedAt, closedAt, outcome FROM prompt;
                DROP TABLE prompt;
                ALTER TABLE newPrompt RENAME TO prompt;
                CREATE INDEX promptOpenByDue ON prompt(dueAt) WHERE closedAt IS NULL;
                CREATE INDEX promptByLetter ON prompt(letterId);

                -- The self-check (LetterCore/SelfCheck.swift): answers is one character per
                -- statement, 'y' where it rang true and 'n' where not. A declined invitation is a
                -- row without answers, so the next waits its month too.
                CREATE TABLE selfCheck (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    version INTEGER NOT NULL CHECK (version >= 1),
                    answers TEXT CHECK (answers NOT GLOB '*[^yn]*'),
                    score INTEGER CHECK (score >= 0),
                    outOf INTEGER NOT NULL CHECK (outOf >= 1),
                    CHECK ((answers IS NULL) = (score IS NULL)),
                    CHECK (answers IS NULL OR length(answers) = outOf)
                );
                CREATE INDEX selfCheckByTime ON selfCheck(at);

                -- The person's description of their critic, one row per saved version,
                -- append-only like letter versions.
                CREATE TABLE criticProfileVersion (
                    number INTEGER PRIMARY KEY CHECK (number >= 1),
                    at DATETIME NOT NULL,
                    targets TEXT,
                    says TEXT,
                    sounds TEXT,
                    feels TEXT,
                    costs TEXT
                );
                CREATE TRIGGER criticProfileVersionIsNeverChanged BEFORE UPDATE ON criticProfileVersion
                BEGIN
                    SELECT RAISE(ABORT, 'profile versions are never changed; save a new version instead');
                END;
                CREATE TRIGGER criticProfileVersionIsNeverDeleted BEFORE DELETE ON criticProfileVersion
                BEGIN
                    SELECT RAISE(ABORT, 'profile versions are kept');
                END;
                """)
            // Check-ins from before: read them now, as a new one would be. (This is the one
            // migration that runs the program's own code; what it stores is a reading the
            // person can correct, never their words.)
            let rows = try Row.fetchAll(db, sql: "SELECT id, said FROM criticCheckIn WHERE said IS NOT NULL")
            for row in rows {
                let reading = CriticReader.read(row["said"])
                for style in reading.orderedStyles {
                    try db.execute(
                        sql: "INSERT INTO checkInStyle (checkInId, style) VALUES (?, ?)",
                        arguments: [row["id"] as Int64, style.rawValue])
                }
                if let voice = reading.voice {
                    try db.execute(
                        sql: "UPDATE criticCheckIn SET voice = ? WHERE id = ?", arguments: [voice.rawValue, row["id"] as Int64])
                }
            }
        }

        migrator.registerMigration("v5-letter-feeling") { db in
            // What the person felt when they thought of what the letter is about, as the guided
            // flow asks it. Not indexed for search: it is a word or two, and the about line is.
            try db.execute(sql: "ALTER TABLE letterVersion ADD COLUMN feeling TEXT")
        }

        migrator.registerMigration("v6-prompt-by-kind") { db in
            // Every check-in asks whether an invitation to write is open and when the last one
            // was made. Without this index SQLite walked every open prompt (one per letter) to
            // find the few of kind 'write': 150 ms of a check-in at 100k letters (`make bench`).
            try db.execute(sql: "CREATE INDEX promptByKind ON prompt(kind, closedAt)")
        }

        migrator.registerMigration("v7-row-counts") { db in
            // `letterctl status` shows how many letters, versions and check-ins the store holds.
            // count(*) walks a whole table: 14 ms at 100k letters and 1M check-ins, paid by
            // every status and by the first call after socket activation (`make bench`). The
            // triggers keep the counts in the same transaction as the rows, so they cannot drift;
            // rows removed by ON DELETE CASCADE fire them too.
            try db.execute(sql: """
                CREATE TABLE rowCount (tableName TEXT PRIMARY KEY, count INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO rowCount (tableName, count)
                    SELECT 'letter', count(*) FROM letter
                    UNION ALL SELECT 'letterVersion', count(*) FROM letterVersion
                    UNION ALL SELECT 'criticCheckIn', count(*) FROM criticCheckIn;
                """)
            for table in ["letter", "letterVersion", "criticCheckIn"] {
                try db.execute(sql: """
                    CREATE TRIGGER \(table)Counted AFTER INSERT ON \(table) BEGIN
                        UPDATE rowCount SET count = count + 1 WHERE tableName = '\(table)';
                    END;
                    CREATE TRIGGER \(table)Uncounted AFTER DELETE ON \(table) BEGIN
                        UPDATE rowCount SET count = count - 1 WHERE tableName = '\(table)';
                    END;
                    """)
            }
        }

        migrator.registerMigration("v8-help-notes") { db in
            // When letterd gave the help note (LetterCore/Safety.swift), and for a check-in,
            // which one: for the rest of that day no invitation to write is made and
            // invitations wait, and such a check-in never counts towards a loud stretch. Only
            // the moment is kept, never which words called for it.
            try db.execute(sql: """
                CREATE TABLE helpNote (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    at DATETIME NOT NULL,
                    checkInId INTEGER REFERENCES criticCheckIn(id) ON DELETE CASCADE
                );
                CREATE INDEX helpNoteByCheckIn ON helpNote(checkInId) WHERE checkInId IS NOT NULL;
                """)
        }

        migrator.registerMigration("v9-reread-measures") { db in
            // On a reread, how loud the critic was before and after reading, and how believable
            // the letter felt, each 0-10 and each skippable (LetterCore's Reread). The drop from
            // before to after is what letter choice and stats call the quieting.
            try db.execute(sql: """
                ALTER TABLE reread ADD COLUMN criticBefore INTEGER CHECK (criticBefore BETWEEN 0 AND 10);
                ALTER TABLE reread ADD COLUMN criticAfter INTEGER CHECK (criticAfter BETWEEN 0 AND 10);
                ALTER TABLE reread ADD COLUMN believable INTEGER CHECK (believable BETWEEN 0 AND 10);
                """)
        }

        return migrator
    }
}
