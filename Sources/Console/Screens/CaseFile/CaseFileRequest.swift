import Foundation
import RossumKit

/// Reads everything the API knows about one annotation, side by side: the annotation (with
/// its blockers and messages), its hook runs, its audit log, its notes and the email it came
/// in. Only the annotation is essential; a source that cannot be read becomes a gap the case
/// file names (audit logs need an admin), never a silent hole.
public struct CaseFileRequest: DataRequest {
    public var annotationID: Int

    public init(annotationID: Int) { self.annotationID = annotationID }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> CaseFile {
        let client = services.client
        let id = annotationID
        return try await services.attempt {
            let annotation = try await client.annotations.retrieve(id, sideloads: [.documents, .automationBlockers])
            var sources = CaseFileBuilder.Sources(annotation: annotation)
            func gap(_ what: String, _ error: any Error) {
                sources.gaps.append("\(what): \(ConsoleFailure(error).description)")
            }
            async let runs = client.hooks.runData(filters: ["annotation": QueryValue(id)])
            async let hooks = client.hooks.list().collect()
            async let audit = client.auditLogs(objectType: "annotation", filters: ["object_id": QueryValue(id)]).collect()
            async let notes = client.notes.list(filters: ["annotation": QueryValue(id)]).collect()
            async let rules = client.rules.executionLogs(filters: ["annotation": QueryValue(id)], maxPages: 2).collect()
            do { sources.hookRuns = try await runs.map(HookLogEntry.init) } catch { gap("hook logs", error) }
            let queueID = annotation.queue?.url.flatMap(Shape.trailingID)
            do {
                let allHooks = try await hooks
                sources.hookNames = Dictionary(allHooks.map { ($0.id, $0.name ?? "hook \($0.id)") }, uniquingKeysWith: { a, _ in a })
                if let queueID { sources.matchingDatasets = CaseFileBuilder.matchingDatasets(allHooks, queueID: queueID) }
            } catch {
                gap("hooks", error)
            }
            if !sources.matchingDatasets.isEmpty {
                do { sources.datasetOperations = try await client.masterDataHub.operations() } catch { gap("MDH operations", error) }
            }
            do { sources.audit = try await audit } catch { gap("audit log", error) }
            do { sources.notes = try await notes } catch { gap("notes", error) }
            do { sources.ruleRuns = try await rules } catch { gap("rule runs", error) }
            if let email = annotation.email.flatMap(Shape.trailingID) {
                do { sources.email = try await client.emails.retrieve(email) } catch { gap("email", error) }
            }
            if let queueID { sources.queueName = try? await client.queues.retrieve(queueID).name }
            // The history names users by URL; a person reads names.
            let userIDs = Set([annotation.confirmedBy, annotation.exportedBy, annotation.rejectedBy, annotation.deletedBy, annotation.purgedBy]
                .compactMap { $0.flatMap(Shape.trailingID) })
            for userID in userIDs.sorted() {
                if let user = try? await client.users.retrieve(userID) { sources.userNames[userID] = user.username ?? user.email ?? "user \(userID)" }
            }
            return CaseFileBuilder.build(sources, now: Date())
        }
    }
}
