import Foundation

/// `-` returns to the previous view, like `cd -`: the stack as it stood before the last
/// navigation (opening, going back, `:ws`, `n`), whatever it was, not only the screen below;
/// `-` again swaps back. Leaving goes through the same rules as every way out: a screen that
/// refuses to be left (an edit on its way) holds `-` too, and a detail left with its review
/// open has that review cancelled by `apply` (`releaseLeftReviews`).
extension AppState {
    /// Keeps the stack as it is now as the previous view; called before every navigation.
    mutating func rememberPlace() {
        previousStack = stack
    }

    mutating func returnToPrevious() -> [Effect] {
        guard let previous = previousStack else {
            flash("no previous view yet: - returns to where you were before the last move", .info)
            return []
        }
        if let refusal = leaveRefusal {
            flash(refusal, .info)
            return []
        }
        previousStack = stack
        stack = previous.map(Self.returnedTo)
        focus = .main
        return refreshVisible(force: false)
    }

    /// A detail comes back without the review it held when it was left: that review was
    /// cancelled then, and editing starts a new one.
    static func returnedTo(_ screen: any ConsoleScreen) -> any ConsoleScreen {
        guard let detail = screen as? DetailScreen, detail.holdsReview || detail.editor.input != nil else { return screen }
        var fresh = DetailScreen(annotationID: detail.annotationID, row: detail.row, workspaceName: detail.workspaceName)
        fresh.queueName = detail.queueName
        return fresh
    }

    /// Answers reach the screens of the previous view too, so none of them comes back waiting
    /// for an answer that went by; the loads they start go out (the caller drops those the
    /// visible screens start too). Messages and navigation they ask for are not carried out:
    /// they are not on screen.
    mutating func receiveAway(_ answer: DataAnswer) -> [Effect] {
        guard var previous = previousStack else { return [] }
        var effects: [Effect] = []
        for index in previous.indices {
            var context = context()
            effects += previous[index].receive(answer, &context)
        }
        previousStack = previous
        return effects
    }
}
