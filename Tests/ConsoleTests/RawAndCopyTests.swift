import Foundation
import Logging
import RossumKit
import RossumSandbox
import Testing
import TerminalUI
@testable import Console

/// `J` shows the selection as the API has it; `Y` copies its URL, or a document's whole text.
@Suite struct RawAndCopyTests {
    @Test func jShowsTheSelectedAnnotationAsJSONAndYCopiesWhatIsShown() throws {
        var state = makeState()
        state.openQueueWithRows()
        let effects = state.press(.char("J"))
        let request = try #require(AppState.requests(RawObjectRequest.self, in: effects).first)
        #expect(request.object == SelectedObject(kind: "annotation", id: 1, apiPath: "annotations/1", webURL: "https://acme.rossum.app/document/1"))
        // The link worth pasting into a ticket: the web app's page of the annotation.
        #expect(state.press(.char("Y")) == [.copy("https://acme.rossum.app/document/1", what: "the web app link of annotation 1")])
        state.answer(request, .success("{\n  \"id\" : 1\n}"))
        let document = try #require(state.top as? DocumentScreen)
        #expect(document.text == ["{", "  \"id\" : 1", "}"])
        #expect(state.press(.char("Y")) == [.copy("{\n  \"id\" : 1\n}", what: "the text (14 characters)")])
    }

    @Test func theTreeGivesItsQueueOrWorkspaceAndAFailureIsSaid() throws {
        var state = makeState()
        state.loadTree()
        let workspace = try #require(AppState.requests(RawObjectRequest.self, in: state.press(.char("J"))).first)
        #expect(workspace.object.kind == "workspace" && workspace.object.apiPath == "workspaces/1")
        state.press(.down)
        let queue = try #require(AppState.requests(RawObjectRequest.self, in: state.press(.char("J"))).first)
        #expect(queue.object.apiPath == "queues/11")
        #expect(state.press(.char("Y")) == [.copy("https://acme.rossum.app/api/v1/queues/11", what: "the API URL of queue 11")])
        state.answer(queue, .failure(ConsoleFailure(kind: .unauthorized, status: 403, message: "You do not have permission.")))
        #expect(state.flash?.level == .error && state.flash?.text.contains("queues/11") == true)
        #expect(state.top is TreeScreen)
    }

    /// The request reads the object from the server as it is now.
    @Test func theRawRequestReadsTheServersObject() async throws {
        var configuration = SandboxConfiguration()
        configuration.size = .small
        configuration.seedsHistory = false
        let server = try await SandboxServer.start(configuration)
        let client = try RossumClient(baseURL: server.apiURL, credentials: .credentials(username: configuration.username, password: configuration.password))
        let services = ConsoleServices(client: client, logger: .init(label: "test"))
        let queue = try #require(try await client.queues.list().collect().first)
        let text = try await RawObjectRequest(object: SelectedObject(kind: "queue", id: queue.id, apiPath: "queues/\(queue.id)")).fetch(services)
        await server.shutdown()
        #expect(text.contains("\"id\" : \(queue.id)") && text.contains("\"name\" : "))
    }
}
