/// A look back over the last days, for `letterctl stats`: how often the critic was noted and how
/// loud, what set it off and how it talked, and the letters written and reread. Days are
/// calendar days in the person's time zone, oldest first, ending today.
public struct Stats: Codable, Sendable, Equatable {
    /// The time zone the days are counted in, e.g. "Europe/Berlin".
    public var timeZone: String
    public var days: [Day]
    /// Check-ins of the period by trigger and by thinking style (a check-in may show several
    /// styles, or none), and rereads by how they landed. Each in its type's fixed order, zero
    /// counts included, so the shape never changes.
    public var triggers: [Count]
    public var styles: [Count]
    public var ratings: [Count]
    /// Mean intensity of the later half of the period minus that of the earlier half; nil when
    /// either half has no check-ins. Negative: the critic has grown quieter.
    public var intensityTrend: Double?
    /// The self-check's scores, oldest first (all of them, not only this period's).
    public var selfChecks: [SelfCheckScore]
    /// Of the period's rereads where the person said how loud the critic was before and after
    /// reading: how much quieter it was after, on average, and how many those were.
    public var quieting: Double?
    public var quietingRereads: Int
    /// Of the period's rereads where the person said how believable the letter felt (0–10):
    /// the mean, and how many those were.
    public var believability: Double?
    public var believabilityRereads: Int

    public init(
        timeZone: String, days: [Day], triggers: [Count], styles: [Count], ratings: [Count],
        intensityTrend: Double?, selfChecks: [SelfCheckScore] = [], quieting: Double? = nil, quietingRereads: Int = 0,
        believability: Double? = nil, believabilityRereads: Int = 0
    ) {
        self.timeZone = timeZone
        self.days = days
        self.triggers = triggers
        self.styles = styles
        self.ratings = ratings
        self.intensityTrend = intensityTrend
        self.selfChecks = selfChecks
        self.quieting = quieting
        self.quietingRereads = quietingRereads
        self.believability = believability
        self.believabilityRereads = believabilityRereads
    }

    public struct Day: Codable, Sendable, Equatable {
        /// The calendar date, "2026-11-22".
        public var date: String
        public var checkIns: Int
        /// Mean intensity of the day's check-ins, nil without any.
        public var meanIntensity: Double?
        public var lettersWritten: Int
        public var rereads: Int
        /// Of the day's rereads, those that helped (helped or helped a lot), helped a little, and
        /// did not help. The rest were not rated.
        public var rereadsHelped: Int
        public var rereadsSomewhat: Int
        public var rereadsDidNotHelp: Int

        public init(
            date: String, checkIns: Int = 0, meanIntensity: Double? = nil, lettersWritten: Int = 0, rereads: Int = 0,
            rereadsHelped: Int = 0, rereadsSomewhat: Int = 0, rereadsDidNotHelp: Int = 0
        ) {
            self.date = date
            self.checkIns = checkIns
            self.meanIntensity = meanIntensity
            self.lettersWritten = lettersWritten
            self.rereads = rereads
            self.rereadsHelped = rereadsHelped
            self.rereadsSomewhat = rereadsSomewhat
            self.rereadsDidNotHelp = rereadsDidNotHelp
        }
    }

    /// How many of one kind: a trigger, a style or a rating, by its wire name.
    public struct Count: Codable, Sendable, Equatable {
        public var key: String
        public var count: Int
        public init(key: String, count: Int) {
            self.key = key
            self.count = count
        }
    }

    public var totalCheckIns: Int { days.reduce(0) { $0 + $1.checkIns } }
    public var totalLetters: Int { days.reduce(0) { $0 + $1.lettersWritten } }
    public var totalRereads: Int { days.reduce(0) { $0 + $1.rereads } }
}
