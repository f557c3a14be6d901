import Foundation

/// The one rule for reviews this console started: a detail that leaves the stack by any way
/// (`esc`, `n` opening the next document, `:ws`, the stack's cap) has its open review
/// cancelled, and the person hears the server's answer, not a guess.
extension AppState {
    /// Annotations whose detail on the stack holds (or is starting) their review.
    var reviewsOnStack: Set<Int> {
        Set(stack.compactMap { ($0 as? DetailScreen).flatMap { $0.holdsReview ? $0.annotationID : nil } })
    }

    /// Why the console cannot leave its screens right now (the first screen that says so).
    var leaveRefusal: String? {
        stack.lazy.compactMap { $0.leaveRefusal() }.first
    }

    /// Cancels the reviews in `held` whose detail is no longer on the stack at all (a detail
    /// still there whose review ended, by a confirm say, needs no cancel).
    mutating func releaseLeftReviews(_ held: Set<Int>) -> [Effect] {
        let shown = Set(stack.compactMap { ($0 as? DetailScreen)?.annotationID })
        return held.subtracting(shown).subtracting(releasing).sorted().map { release($0) }
    }

    mutating func release(_ id: Int) -> Effect {
        releasing.insert(id)
        flash(Self.cancelling(id), .info)
        return .fetch(ReviewCancelRequest(annotationID: id))
    }

    static func cancelling(_ id: Int) -> String { "cancelling the review of #\(id)…" }

    /// The answers about reviews that only the app hears: a cancel's outcome, and a review
    /// that started after its detail was already left (then it is cancelled at once).
    mutating func receiveReviewAnswer(_ answer: DataAnswer) -> [Effect]? {
        if let (request, result) = answer.answer(to: ReviewCancelRequest.self) {
            let id = request.annotationID
            releasing.remove(id)
            switch result {
            case .success:
                let done = "review of #\(id) cancelled (not confirmed)"
                // It takes the place of its own "cancelling…", never of a newer message.
                if flash?.text == Self.cancelling(id) { flash(done, .info) } else { flashBackground(done, .info) }
            case .failure(let failure):
                flash("#\(id) stays locked to you (:ann \(id), esc retries): cancel failed: \(failure.message)", .error, seconds: 20)
            }
            return []
        }
        if let (request, result) = answer.answer(to: ReviewStartRequest.self), case .success = result,
           !stack.contains(where: { ($0 as? DetailScreen)?.annotationID == request.annotationID }),
           !releasing.contains(request.annotationID) {
            return [release(request.annotationID)]
        }
        return nil
    }
}
