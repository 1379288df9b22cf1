#if canImport(Glibc)
import Glibc
#endif
import ArgumentParser
import LetterCore

@main
struct Letterctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letterctl",
        abstract: "Write compassionate letters to yourself, and note when your inner critic speaks up.",
        discussion: """
            The practice: think of something you have been hard on yourself for, and write \
            yourself a letter about it from the point of view of someone wise and kind who \
            cares about you: a good friend, or your own compassionate self. Then put it aside, \
            come back later and read it slowly. Return to it when the critic gets loud again.

            letterctl talks to letterd, the service that keeps your letters (every version) \
            and your check-ins in a private database on this computer. Nothing leaves it.

            First steps:
              letterctl write --guided            write a letter step by step, with guidance
              letterctl write                     write a letter in your editor
              letterctl log-critic 6 "you always mess this up" --trigger fear
              letterctl list                      your letters
              letterctl show 1                    read one slowly
              letterctl due                       letters waiting for a reread or rework
              letterctl reread 1                  read it again, and note how it landed
              letterctl critic                    the critic's recent check-ins
              letterctl stats                     the last weeks as pictures

            If writing brings up feelings that are overwhelming, or you tend to lose touch with \
            yourself or your surroundings (dissociate) under stress, this exercise is best done \
            with a therapist rather than alone. letterd is a tool for a self-help exercise; it \
            is not medical advice and not a substitute for a qualified professional.

            A few hours after you write, letterd invites you back for a first reread, and \
            the next day offers a chance to rework the letter: kindness first, editing later. \
            Later rereads come at growing intervals while a letter keeps helping. See \
            letterctl due, schedule, snooze, skip and pause.

            When the critic gets loud, a check-in names the letter best suited to come back \
            to, and why; after a loud stretch that no letter answers well, letterd invites \
            you to write a new one.

            Exit status: 0 done; 1 stopped by you; 130 stopped with Ctrl-C in write --guided \
            (what you typed is kept); 64 the command line is wrong; 65 the input \
            or the letter named cannot be used; 69 letterd is not running; 70 letterd or \
            letterctl failed (the message says how); 77 letterd refused the connection.
            """,
        version: LetterdVersion.current,
        subcommands: [
            Write.self, LogCritic.self, Critic.self, StatsCommand.self, SelfCheckCommand.self, List.self, Show.self, Due.self, Reread.self, Rework.self, Reflect.self, Diff.self,
            Schedule.self, Snooze.self, Skip.self, Pause.self, Resume.self, Search.self, Delete.self, Backup.self, Restore.self, Export.self, Import.self, Status.self, Config.self,
        ])

    /// The everyday command lines are read straight away (see ``QuickCommandLine`` for why);
    /// every other command line goes to ArgumentParser.
    static func main() {
        if let line = QuickCommandLine(arguments: Array(CommandLine.arguments.dropFirst())) {
            Glibc.exit(line.run())
        }
        main(nil)
    }
}
