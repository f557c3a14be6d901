import Foundation
import RossumKit

/// The organization, its workspaces and their queues with annotation counts.
public struct WorkspacesRequest: DataRequest {
    /// The organization's name hardly changes: routine refreshes (every 10 s, for the counts)
    /// skip it, a first load or an asked-for refresh (`r`) fetches it.
    public var includesOrganization: Bool

    public init(includesOrganization: Bool = true) {
        self.includesOrganization = includesOrganization
    }

    public func fetch(_ services: ConsoleServices) async throws(ConsoleFailure) -> (OrganizationSummary?, [WorkspaceSummary]) {
        let client = services.client
        return try await services.attempt {
            let includesOrganization = self.includesOrganization
            async let organization = includesOrganization ? try? client.organizations.own() : nil
            async let workspaceList = client.workspaces.list().collect()
            async let queueList = client.queues.list().collect()
            let (org, workspaces, queues) = try await (organization, workspaceList, queueList)
            let byWorkspace = Dictionary(grouping: queues.map(Shape.summary)) { $0.workspaceID ?? -1 }
            var result = workspaces.map { workspace in
                WorkspaceSummary(id: workspace.id, name: workspace.name ?? "workspace \(workspace.id)",
                                 queues: (byWorkspace[workspace.id] ?? []).sorted { $0.name < $1.name })
            }.sorted { $0.name < $1.name }
            if let orphans = byWorkspace[-1], !orphans.isEmpty {
                result.append(WorkspaceSummary(id: -1, name: "(no workspace)", queues: orphans))
            }
            return (org.map { OrganizationSummary(id: $0.id, name: $0.name ?? "organization \($0.id)") }, result)
        }
    }
}
