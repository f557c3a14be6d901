import Foundation
import TerminalUI

/// Everything that can happen to the console: keys, the terminal, time, and answers from the
/// effect runner. Answers carry what they were asked for, so late ones can be recognised.
public enum Event: Sendable {
    case key(Key)
    case resize(width: Int, height: Int)
    /// Time passed (the runner wakes the loop when the next poll is due).
    case tick(Date)

    case workspacesLoaded(Result<(OrganizationSummary?, [WorkspaceSummary]), ConsoleFailure>)
    case annotationPageLoaded(AnnotationQuery, page: Int, Result<AnnotationPage, ConsoleFailure>)
    case fieldColumnsLoaded(queueID: Int, [(id: String, title: String)])
    case annotationLoaded(id: Int, Result<AnnotationDetail, ConsoleFailure>)
    case annotationRowRefreshed(AnnotationRow)
    case commandFinished(AnnotationCommand, id: Int, bulkID: Int?, Result<String?, ConsoleFailure>)
    case queueResolved(id: Int, Result<(QueueSummary, String?), ConsoleFailure>)
    case operationsLoaded(Result<[OperationRow], ConsoleFailure>)
    case datasetsLoaded(Result<[DatasetSummary], ConsoleFailure>)
    /// A job started from this console moved on (download progress, upsert state).
    case jobUpdated(OperationRow)
    case jobFailedToStart(String, ConsoleFailure)
    case urlOpened(String, viaBrowser: Bool)
    case themeChanged(Result<Theme, ConsoleFailure>)
    case message(String, FlashLevel)
}

/// Work for the runner. Each effect comes back as one or more events.
public enum Effect: Sendable, Hashable {
    case loadWorkspaces
    case loadAnnotationPage(AnnotationQuery, page: Int)
    case loadFieldColumns(queueID: Int, schemaID: Int?)
    case resolveQueue(id: Int)
    case loadAnnotation(id: Int)
    case refreshAnnotationRow(id: Int)
    case run(AnnotationCommand, id: Int, bulkID: Int?)
    case loadOperations
    case loadDatasets
    case startUpsert(dataset: String, file: String, idKeys: [String])
    case startReplace(dataset: String, file: String)
    case downloadCollection(dataset: String, file: String)
    case openURL(String)
    case loadTheme(String)
    case switchProfile(String)
    case quit
}
