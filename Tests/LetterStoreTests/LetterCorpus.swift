import Foundation
import LetterCore
@testable import LetterStore
import TestSupport

/// What a letter in the test corpus is mainly about. A few letters touch a second theme in
/// passing; they count as their main one.
enum LetterTheme: String, CaseIterable, Sendable, CustomStringConvertible {
    case work, family, body, loneliness, parenting, exams, breakup, money

    var description: String { rawValue }
}

/// One letter of the corpus, as a person might have written it to themselves.
struct CorpusLetter: Sendable {
    var theme: LetterTheme
    var about: String?
    var text: String
    var tags: [String] = []
    var perspective: String? = nil
}

/// Letters written for these tests: eight themes, varied wording, some without an "about" line
/// or tags, and a few that mention a second theme lightly (marked below).
enum LetterCorpus {
    static let letters: [CorpusLetter] = [
        // MARK: Work
        CorpusLetter(
            theme: .work, about: "missing the deadline on the quarterly report",
            text: """
                Dear you, the report went in two days late and your stomach has been in a knot ever since. \
                It makes sense: you care about doing good work, and that is exactly why this stings. \
                Being late once does not erase the years you have shown up. Your manager has probably moved on already; \
                you are allowed to move on too. Tomorrow you can send a short note, and then let this rest.
                """,
            tags: ["work"]),
        CorpusLetter(
            theme: .work, about: "the performance review",
            text: """
                Hi love. The review said "needs improvement" in one box out of twelve, and that is the only line you can hear. \
                Let's read the other eleven together. You were praised for how patiently you train new colleagues. \
                Growth is not a verdict on your worth; it is simply the next part of the job, and you are good at learning.
                """,
            tags: ["work", "review"]),
        CorpusLetter(
            theme: .work, about: nil,
            text: """
                It was a hard week at the office. The project slipped, the client was unhappy, and you kept telling yourself \
                that everyone else copes better. They don't see how much you carried. Projects slip for a hundred reasons \
                that are nobody's fault. You are tired, not incompetent. Rest this weekend, properly.
                """,
            perspective: "a colleague who likes me"),
        CorpusLetter(
            theme: .work, about: "freezing in the team meeting",
            text: """
                You froze when your boss asked for the numbers in front of the whole team. Your face went hot and you wanted \
                to vanish. Freezing is what a nervous system does when it feels watched; it isn't a flaw in you. \
                Next time you could bring a note card. And even if you freeze again, you are still someone worth listening to.
                """,
            tags: ["work"]),
        CorpusLetter(
            theme: .work, about: "emails piling up",
            text: """
                Three hundred unread emails, and the critic says it proves you can't handle your position. What it proves \
                is that you have more tasks than one person can hold. You can answer the five that matter today and let the \
                others wait. You are doing your best with a heavy inbox, and that is enough for now.
                """,
            tags: ["work", "overwhelm"]),

        // MARK: Family (sister, parents)
        CorpusLetter(
            theme: .family, about: "the fight with my sister at Christmas",
            text: """
                Dear one, you and Anna both said things you regret at the Christmas table. You were hurt because you love her, \
                and that old rivalry woke up fast. One argument doesn't end a sisterhood. When you're ready, you might send \
                her something small. Until then, be gentle with the part of you that still feels ten years old.
                """,
            tags: ["family", "sister"]),
        CorpusLetter(
            theme: .family, about: "Mum's phone call",
            text: """
                Your mother said, once again, that you never visit, and you hung up feeling like a terrible daughter. \
                You visit when you can, across a long train ride, with a full life of your own. Her loneliness is real, \
                and so are your limits. You can love her and still protect your evenings. Guilt is not proof that you did wrong.
                """,
            tags: ["family", "mother"]),
        // Family, with work in passing.
        CorpusLetter(
            theme: .family, about: "what Dad said about my career",
            text: """
                When your father asked when you would finally get a "real job", you felt small again, like a boy at his \
                kitchen door. You are allowed to build a life he doesn't understand. His worry comes from his own fears, \
                not from any failing of yours. You can hold his words at arm's length and keep choosing your path.
                """,
            tags: ["family", "father"]),
        // Family, with work in passing.
        CorpusLetter(
            theme: .family, about: nil,
            text: """
                You felt jealous when your sister announced her promotion, and then ashamed of being jealous. Both feelings \
                make sense: siblings measure themselves against each other their whole lives. An envious afternoon doesn't \
                make you a bad sister. Ringing her to say congratulations, with a lump in your throat, shows how much you care.
                """),
        CorpusLetter(
            theme: .family, about: "the argument with my parents about moving out",
            text: """
                Your parents raised their voices and you raised yours, and afterwards you sat on the stairs shaking. \
                Wanting a place of your own is not ingratitude. They are scared of losing you, and you are scared of \
                letting them down. Those fears can sit side by side. You are still their child, and still learning to be a grown-up.
                """,
            tags: ["family", "parents"]),

        // MARK: Body image
        CorpusLetter(
            theme: .body, about: "seeing myself in the shop mirror",
            text: """
                The changing-room lights were harsh, the jeans didn't fit, and the critic had plenty to say about your \
                stomach and thighs. Your body carried you through a difficult year. It is not a project to fix before you \
                are allowed to feel okay. You can buy the soft trousers, go home, and have a warm lunch.
                """,
            tags: ["body"]),
        CorpusLetter(
            theme: .body, about: "the beach photos",
            text: """
                Someone posted the holiday pictures and you zoomed in on your arms until you felt sick. Your friends see a \
                person laughing in the sea; that is what the camera caught, a happy day. Your worth was never measured in \
                kilograms or angles.
                """,
            tags: ["body", "photos"]),
        CorpusLetter(
            theme: .body, about: nil,
            text: """
                You skipped the swimming class again because you didn't want anyone to see you in a swimsuit. That fear is \
                heavy and understandable; years of comments taught it to you. Your body deserves water and movement and joy \
                as it is today, not at some smaller size.
                """),
        CorpusLetter(
            theme: .body, about: "my weight",
            text: """
                The scale showed a number and you let it decide the whole morning. Weight goes up and down with stress, \
                medication, seasons and age. None of it changes how kind you are or how much your people cherish you. \
                Breakfast is still allowed. So is wearing what feels comfortable.
                """,
            tags: ["body", "weight"],
            perspective: "my oldest friend"),

        // MARK: Loneliness, a friendship that faded
        CorpusLetter(
            theme: .loneliness, about: "Mara not answering my messages",
            text: """
                It has been weeks since Mara replied, and you keep rereading your last message for what you did wrong. \
                Friendships ebb for many reasons: a new baby, a demanding season, her own low months. Her silence is not a \
                verdict on you. You were a good friend to her, and you can leave the door open without knocking every day.
                """,
            tags: ["friendship"]),
        CorpusLetter(
            theme: .loneliness, about: "a Saturday night alone",
            text: """
                Everyone's stories show parties, and you are on the sofa with tea, feeling like the only person without \
                plans. Loneliness is one of the most human feelings there is; it means you want connection, which is a good \
                thing to want. You are not unlovable. Perhaps message one person tomorrow, just to say hello.
                """,
            tags: ["lonely"]),
        CorpusLetter(
            theme: .loneliness, about: "moving to a new city",
            text: """
                Eight months in this city and still no close friends. Making friends as an adult is slow for almost \
                everybody; it takes many coffees before anyone feels like home. You have been brave: the climbing club, the \
                language exchange. Keep going gently. Connection is on its way.
                """,
            tags: ["lonely", "friends"]),
        CorpusLetter(
            theme: .loneliness, about: nil,
            text: """
                The group chat went quiet when you suggested meeting up, and the old voice said they only ever tolerated \
                you. Maybe they were busy; maybe the timing was off. Even if this circle is drifting apart, you have been a \
                loyal, funny, thoughtful companion, and you will be one again to people who notice.
                """),
        // Loneliness, with the breakup in passing.
        CorpusLetter(
            theme: .loneliness, about: "a quiet weekend in the flat",
            text: """
                The flat is so quiet this weekend. Since the breakup you have noticed how many of your friends were really \
                his, and feeling this alone is enormous. Of course you miss company. You deserve people of your own, and \
                you can start finding them slowly, one coffee at a time.
                """,
            tags: ["lonely"]),

        // MARK: Parenting
        CorpusLetter(
            theme: .parenting, about: "snapping at Leo over his shoes",
            text: """
                You snapped at Leo this morning when he still hadn't put his shoes on, and his face crumpled. You were \
                running late, exhausted, with a hundred things in your head. Loving parents lose their temper sometimes. \
                What matters is the repair: you hugged him at the school gate and said sorry. That is what he will remember.
                """,
            tags: ["parenting"]),
        CorpusLetter(
            theme: .parenting, about: "bedtime battles",
            text: """
                Bedtime was chaos again and you ended up yelling from the hallway, then sat on the bathroom floor and cried. \
                Raising small children on little sleep is one of the hardest tasks there is. You are not damaging your \
                kids. Tomorrow is a fresh evening, and you can ask for help.
                """,
            tags: ["parenting", "kids"]),
        CorpusLetter(
            theme: .parenting, about: nil,
            text: """
                Your daughter told you that you never listen to her, and it went straight to your heart. You are listening \
                now, by taking it seriously. Teenagers say sharp things while they find their own edges. Your love for her \
                shows in how much this hurts. Tonight you can ask her what she wanted you to hear.
                """),
        CorpusLetter(
            theme: .parenting, about: "comparing myself with other mothers",
            text: """
                At the playground the other mums seemed to have it all together: snacks, patience, matching socks. You only \
                see their outside and your inside. Your little one is fed, cherished and laughing. That is the heart of it, \
                and you are doing it.
                """,
            tags: ["parenting"]),
        // Parenting, with work in passing.
        CorpusLetter(
            theme: .parenting, about: "missing the school play",
            text: """
                You missed Ella's school play because a meeting ran over, and the guilt is enormous. Working parents make \
                impossible trade-offs every week. She will have other plays, and she knows you adore her. Ask her to perform \
                her lines for you tonight; she'll be thrilled.
                """,
            tags: ["parenting", "guilt"]),

        // MARK: Exams, studying
        CorpusLetter(
            theme: .exams, about: "failing the statistics exam",
            text: """
                You failed the statistics exam, and the critic says you were never clever enough for university. One grade \
                is a snapshot of one afternoon, taken while you were sick with worry. Plenty of people retake exams and go on \
                to do well. You understand more than the paper showed. Let's plan the resit together, a chapter a day.
                """,
            tags: ["exams", "university"]),
        CorpusLetter(
            theme: .exams, about: "procrastinating before finals",
            text: """
                Two weeks before finals and you spent the day tidying your desk instead of revising. Procrastination is \
                usually fear in a disguise, not laziness. You can start with twenty minutes on the easiest topic. Small \
                starts count, and so do you.
                """,
            tags: ["studying"]),
        CorpusLetter(
            theme: .exams, about: nil,
            text: """
                Your classmates all seemed to follow the lecture and you sat there lost, convinced you were the slow one. \
                Confusion is the normal feeling of learning something new. Asking in the tutorial would help you and \
                probably three others. Your mind is not broken; it is busy learning.
                """),
        CorpusLetter(
            theme: .exams, about: "my thesis draft",
            text: """
                Your supervisor covered the chapter in red comments and you read them as proof that you don't belong in a \
                degree programme. Comments are how drafts become good; every student's first drafts look like this. You \
                wrote forty pages. That is real effort, and it can be revised.
                """,
            tags: ["university"]),
        CorpusLetter(
            theme: .exams, about: "the oral language exam",
            text: """
                You went blank during the oral part of the German exam and stumbled over simple words. Nerves steal \
                vocabulary from everyone. Sitting an exam in a second language is brave, and you did well in the written \
                part. Next time, take a slow breath before you answer.
                """,
            tags: ["exams"]),

        // MARK: Breakup
        CorpusLetter(
            theme: .breakup, about: "Sam leaving",
            text: """
                Sam ended it last night and you keep replaying every argument, hunting for the moment you spoiled it. \
                Relationships end for reasons that belong to two people, not one. You loved openly, and that was never a \
                mistake. You can grieve this for as long as it takes.
                """,
            tags: ["breakup"]),
        CorpusLetter(
            theme: .breakup, about: "seeing my ex with someone new",
            text: """
                You saw your ex holding hands with someone new, and the critic instantly listed everything that person must \
                have that you lack. Moving on is not a competition. Your ex's new relationship says nothing about your \
                value. It hurts, and you can let it hurt without turning it against yourself.
                """,
            tags: ["breakup", "ex"]),
        CorpusLetter(
            theme: .breakup, about: nil,
            text: """
                Three months after the divorce you still reach for his side of the bed. Grief over a marriage keeps no \
                timetable. Missing him is not weakness; you gave years of tenderness, and healing takes time.
                """),
        CorpusLetter(
            theme: .breakup, about: "being dumped by text",
            text: """
                Being dumped with a text message felt humiliating, as if you weren't worth a real conversation. That was \
                about their courage, not your worth. You deserve a partner who speaks to you face to face, and you will \
                find relationships that treat you with care.
                """,
            tags: ["breakup"]),

        // MARK: Money
        CorpusLetter(
            theme: .money, about: "the overdraft",
            text: """
                The bank's letter about the overdraft arrived and you went cold. Money trouble brings so much shame, yet it \
                happens to careful, decent people all the time: prices rose, the boiler broke. You can make one phone call \
                to the bank tomorrow. You are not irresponsible; you are under pressure.
                """,
            tags: ["money"]),
        CorpusLetter(
            theme: .money, about: "credit card debt",
            text: """
                The credit card balance keeps growing, and the critic calls you hopeless with money. Debt is a problem to \
                solve, not a measure of your character. You have already started, by opening the statement instead of \
                hiding it. A budget can be a kind thing: a plan to look after future you.
                """,
            tags: ["money", "debt"]),
        // Money, with friends in passing.
        CorpusLetter(
            theme: .money, about: nil,
            text: """
                You couldn't afford the trip with the others, and you felt ashamed saying so. Being honest about your budget \
                is an act of self-respect. People who care about you would rather see you at a cheap picnic than watch you \
                worry about bills for months.
                """),
        CorpusLetter(
            theme: .money, about: "paying the rent late",
            text: """
                The rent was late again this month, and the landlord's message made your chest tight. You are juggling a \
                small salary and high prices in an expensive city. Late once or twice does not make you a bad tenant or a \
                bad person. Let's look at which bill can wait and which can't.
                """,
            tags: ["money", "rent"]),
    ]

    /// A store holding the whole corpus, with each letter's theme by id. The letters are written
    /// a minute apart, without prompts, so nothing is due and nothing has been reread.
    static func store() async throws -> (LetterDatabase, ManualWallClock, [Int64: LetterTheme]) {
        let (store, clock) = try makeStore()
        var themes: [Int64: LetterTheme] = [:]
        for letter in letters {
            let draft = try LetterDraft(text: letter.text, about: letter.about, perspective: letter.perspective)
            let written = try await store.writeLetter(draft, tags: letter.tags)
            themes[written.id] = letter.theme
            clock.advance(by: 60)
        }
        clock.advance(by: 86_400)
        return (store, clock, themes)
    }
}
