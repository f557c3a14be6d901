import Foundation

extension Annotations {
    /// Runs a status action at most once. The annotation's status is read first: already
    /// there, nothing is sent (`alreadyDone`); not a status the action starts from, it is
    /// refused without sending (`RossumError.conflict`). When the answer to the action is lost
    /// (see `RossumError.outcomeUnknown`), the status is read again: moved means applied;
    /// unmoved means not applied, and the action is sent again, up to `attempts` times.
    ///
    /// Actions of one client on one annotation never overlap. Two programs acting on one
    /// annotation in the same instant can still both pass the check (Rossum has no conditional
    /// actions); the check narrows that window to one round trip.
    public func perform(_ transition: StatusTransition, on id: Int, body: JSONValue? = nil, attempts: Int = 3) async throws -> StatusActionOutcome {
        // Actions of this client on one annotation take turns (see `KeyedGate`).
        await client.annotationActions.acquire(id)
        do {
            let outcome = try await performHoldingGate(transition, on: id, body: body, attempts: attempts)
            await client.annotationActions.release(id)
            return outcome
        } catch {
            await client.annotationActions.release(id)
            throw error
        }
    }

    private func performHoldingGate(_ transition: StatusTransition, on id: Int, body: JSONValue?, attempts: Int) async throws -> StatusActionOutcome {
        var answerLost = false
        for attempt in 1...max(1, attempts) {
            let status = try await currentStatus(id)
            switch transition.decision(for: status) {
            case .alreadyDone:
                return .alreadyDone(status: status, answerLost: answerLost)
            case .refuse:
                throw RossumError.conflict("annotation \(id) is \(status); \(transition.action) needs \(transition.from.sorted().joined(separator: ", "))")
            case .send:
                break
            }
            do {
                _ = try await client.requestJSON("POST", "annotations/\(id)/\(transition.action)", body: body)
                return .applied(status: (try? await currentStatus(id)) ?? transition.reached.sorted().first ?? "")
            } catch let error as RossumError where error.outcomeUnknown && attempt < attempts {
                // Lost: the next turn of the loop reads where the annotation stands.
                answerLost = true
                client.logger.warning("\(transition.action) #\(id): \(error); checking its status before sending again")
            }
        }
        // Unreachable: the last attempt either returns or throws.
        throw RossumError.conflict("annotation \(id): \(transition.action) did not complete")
    }

    /// The annotation's status as the server has it now.
    func currentStatus(_ id: Int) async throws -> String {
        let annotation = try await client.requestJSON("GET", "annotations/\(id)")
        guard let status = annotation["status"]?.stringValue else {
            throw RossumError.decoding(type: "Annotation", path: "status", reason: "missing status", snippet: "")
        }
        return status
    }
}
