import Foundation

/// What the console needs from a Rossum account, shaped as the console's own view models.
/// `RossumDataSource` implements it over RossumKit; the runner only knows this protocol.
public protocol ConsoleDataSource: Sendable {
    func workspaces() async throws(ConsoleFailure) -> (OrganizationSummary?, [WorkspaceSummary])
    func queue(id: Int) async throws(ConsoleFailure) -> (QueueSummary, String?)
    func fieldColumns(queueID: Int, schemaID: Int?) async throws(ConsoleFailure) -> [(id: String, title: String)]
    /// Page `page` (0-based) of `AnnotationListState.pageSize` rows.
    func annotationPage(_ query: AnnotationQuery, page: Int, fieldIDs: [String]) async throws(ConsoleFailure) -> AnnotationPage
    func annotationRow(id: Int, fieldIDs: [String]) async throws(ConsoleFailure) -> AnnotationRow
    func annotationDetail(id: Int) async throws(ConsoleFailure) -> AnnotationDetail
    /// Runs the command; returns the annotation's status afterwards when known.
    func run(_ command: AnnotationCommand, id: Int) async throws(ConsoleFailure) -> String?
    func operations() async throws(ConsoleFailure) -> [OperationRow]
    func datasets() async throws(ConsoleFailure) -> [DatasetSummary]
    /// Starts an upsert/replace; reports the job's progress through `progress` until it ends.
    func upsert(dataset: String, file: String, idKeys: [String], replace: Bool, progress: @escaping @Sendable (OperationRow) -> Void) async throws(ConsoleFailure)
    func download(dataset: String, file: String, progress: @escaping @Sendable (OperationRow) -> Void) async throws(ConsoleFailure)
}
