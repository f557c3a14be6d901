import Foundation
import Synchronization
import TerminalUI

/// Ties the pure core to the world: applies events, hands effects to the runner, renders.
/// Used from the one thread that owns the terminal; background work comes back via `post`.
public final class ConsoleSession {
    public private(set) var state: AppState
    let runner: EffectRunner
    let loadTheme: (String) throws -> Theme
    let clock: () -> Date
    /// Set when the user asked for another profile (`:profile NAME`); the caller reconnects.
    public private(set) var requestedProfile: String?
    /// False where there is only one account (demo mode): `:profile` then says so.
    public var canSwitchProfile = true
    /// Checks a profile before `:profile NAME` leaves this one: nil when it works, else the
    /// message the flash line shows while the console stays where it is. Nil: switch unchecked.
    public var checkProfile: (@Sendable (String) async -> String?)?
    /// Keeps the `:` prompt's history for the next run (nil: kept for this run only). Called
    /// on the terminal thread whenever a line was entered, so a killed console loses nothing.
    public var saveCommandHistory: (([String]) -> Void)?
    /// The history as last handed to `saveCommandHistory`.
    private var savedHistory: [String]
    /// Keeps recent annotations and pinned queues for the next run, as the history is kept.
    public var savePlaces: ((Places) -> Void)?
    private var savedPlaces: Places
    /// A finished check, handed from its task to the terminal thread (woken with a tick).
    private let checkedProfile = ProfileCheckResult()

    public init(state: AppState, runner: EffectRunner, loadTheme: @escaping (String) throws -> Theme, clock: @escaping () -> Date = Date.init) {
        self.state = state
        self.runner = runner
        self.loadTheme = loadTheme
        self.clock = clock
        savedHistory = state.commandHistory
        savedPlaces = state.places
    }

    public var isFinished: Bool { state.quitRequested }

    /// A foreground plugin waiting for the terminal: the caller hands the terminal over
    /// (`takeHandOver`), runs it (`EffectRunner.runInForeground`) and posts how it ended.
    private var handOver: PluginRun?

    public func takeHandOver() -> PluginRun? {
        defer { handOver = nil }
        return handOver
    }

    /// Reviews to cancel when the console closes (see `AppState.heldReviews`).
    public var heldReviews: [Int] { state.heldReviews }

    /// Starts the first loads; returns the first frame.
    public func start(width: Int, height: Int) -> Grid {
        begin(width: width, height: height)
        return render()
    }

    /// Starts the first loads.
    public func begin(width: Int, height: Int) {
        state.width = width
        state.height = height
        state.now = clock()
        perform(ConsoleCore.start(&state))
    }

    /// Applies one event and returns the frame after it.
    public func handle(_ event: Event) -> Grid {
        apply(event)
        return render()
    }

    /// The frame for the current state.
    public func render() -> Grid { ConsoleRenderer.render(state) }

    /// Applies one event. Every event also advances the clock, so polls come due on time.
    /// Returns whether the screen may have changed: false only for a routine poll's answer
    /// that brought nothing new (`PollFootprint`), so the loop need not paint.
    @discardableResult
    public func apply(_ event: Event) -> Bool {
        let routine: DataAnswer? = if case .answer(let answer) = event, state.isRoutinePoll(answer) { answer } else { nil }
        let before = routine.map(state.pollFootprint)
        var ticked: [Effect] = []
        let checkedNow = checkedProfile.take()
        if let checked = checkedNow {
            if let problem = checked.problem {
                perform(state.apply(.message(problem, .error)))
            } else {
                switchProfile(to: checked.name)
            }
        }
        let now = clock()
        if now > state.now {
            ticked = state.apply(.tick(now))
            perform(ticked)
        }
        perform(state.apply(event))
        // Unchanged, the two arrays share storage and compare at once.
        if state.commandHistory != savedHistory {
            savedHistory = state.commandHistory
            saveCommandHistory?(savedHistory)
        }
        if state.places != savedPlaces {
            savedPlaces = state.places
            savePlaces?(savedPlaces)
        }
        guard let before, let routine, checkedNow == nil, ticked.isEmpty else { return true }
        return state.pollFootprint(for: routine) != before
    }

    /// When the loop should wake for the next poll, flash expiry or spinner frame.
    public var wakeAt: Date? {
        var next = state.nextWakeUp
        // A spinner turns while anything visible loads.
        if isLoadingVisible { next = min(next ?? .distantFuture, state.now.addingTimeInterval(0.1)) }
        return next.map { max($0, state.now.addingTimeInterval(0.02)) }
    }

    var isLoadingVisible: Bool { state.top.load.inFlight && state.top.load.showsProgress }

    private func perform(_ effects: [Effect]) {
        for effect in effects {
            switch effect {
            case .loadTheme(let name):
                do {
                    perform(state.apply(.themeChanged(.success(try loadTheme(name)))))
                } catch {
                    perform(state.apply(.themeChanged(.failure(ConsoleFailure(kind: .badInput, message: "theme \(name): \(error)")))))
                }
            case .switchProfile(let name):
                guard canSwitchProfile else {
                    perform(state.apply(.message("the demo has one account; run `rossum-tui --profile \(name)` instead", .warn)))
                    continue
                }
                guard let checkProfile else {
                    switchProfile(to: name)
                    continue
                }
                perform(state.apply(.message("checking profile \(name)…", .info)))
                Task { [checkedProfile, post = runner.post] in
                    let problem = await checkProfile(name)
                    checkedProfile.put(name, problem)
                    post(.tick(Date()))
                }
            case .runPlugin(let run) where !run.plugin.background:
                handOver = run
            case .quit:
                runner.cancelAll()
            default:
                runner.run(effect)
            }
        }
    }

    private func switchProfile(to name: String) {
        requestedProfile = name
        state.quitRequested = true
        runner.cancelAll()
    }
}

/// A profile check's answer, passed from its task to the terminal thread.
private final class ProfileCheckResult: Sendable {
    private let slot = Mutex<(name: String, problem: String?)?>(nil)
    func put(_ name: String, _ problem: String?) { slot.withLock { $0 = (name, problem) } }
    func take() -> (name: String, problem: String?)? { slot.withLock { $0.take() } }
}
