import Foundation
import Testing

@Suite struct BadInputTests {
    @Test func malformedJSONAndWrongShapesAre400WithDetail() async throws {
        try await SandboxHarness.with { sandbox in
            for body in ["{not json", "[1,2]", "\"text\"", "{\"name\": }"] {
                let response = try await sandbox.request("POST", "workspaces", body: Data(body.utf8), contentType: "application/json")
                #expect(response.status == 400, "\(body) -> \(response.status)")
                #expect(response.detail != nil)
            }
            let wrongType = try await sandbox.post("workspaces", json: ["name": 12])
            #expect(wrongType.status == 400)
            #expect((wrongType.object["name"] as? [String])?.isEmpty == false)
            let unknown = try await sandbox.post("workspaces", json: ["name": "x", "flavour": "mint"])
            #expect(unknown.status == 400)
            #expect(unknown.object["flavour"] != nil)
            let missing = try await sandbox.post("workspaces", json: [:])
            #expect(missing.status == 400)
            let ops = try await sandbox.post("annotations/1/content/operations", json: ["operations": "all"])
            #expect(ops.status == 400)
        }
    }

    @Test func unknownRoutesAre404AndWrongMethods405WithDetail() async throws {
        try await SandboxHarness.with { sandbox in
            for path in ["nothing-here", "/totally/elsewhere", "queues/abc", "annotations/1/fly"] {
                let response = try await sandbox.get(path)
                #expect(response.status == 404, "\(path) -> \(response.status)")
                #expect(response.detail == "Not found.")
            }
            for (method, path) in [("DELETE", "auth/user"), ("PATCH", "groups/1"), ("PUT", "annotations/1/confirm"), ("POST", "queues/1")] {
                let response = try await sandbox.request(method, path)
                #expect(response.status == 405, "\(method) \(path) -> \(response.status)")
                #expect(response.detail == "Method \"\(method)\" not allowed.")
                #expect(response.headers["Allow"].first?.isEmpty == false)
            }
        }
    }

    @Test func hugeBodiesAre413() async throws {
        try await SandboxHarness.with { sandbox in
            let huge = Data(repeating: 0x20, count: 50 * 1024 * 1024 + 10)
            let response = try await sandbox.request("POST", "workspaces", body: huge, contentType: "application/json")
            #expect(response.status == 413)
            #expect(response.detail?.contains("50 MB") == true)
            #expect(try await sandbox.get("workspaces").status == 200)
        }
    }

    @Test func badMultipartAndQueriesAreClientErrors() async throws {
        try await SandboxHarness.with { sandbox in
            let noBoundary = try await sandbox.request("POST", "uploads?queue=1", body: Data("x".utf8), contentType: "text/plain")
            #expect(noBoundary.status == 415)
            let truncated = try await sandbox.request(
                "POST", "uploads?queue=1", body: Data("--b\r\nContent-Disposition: form-data; name=\"content\"".utf8),
                contentType: "multipart/form-data; boundary=b")
            #expect(truncated.status == 400)
            #expect(try await sandbox.request("POST", "uploads", body: Data(), contentType: "multipart/form-data; boundary=b").status == 400)
            #expect(try await sandbox.get("annotations?page_size=-3").status == 400)
            #expect(try await sandbox.get("annotations?queue=1,x").status == 400)
        }
    }

    @Test func hugeSearchTextIsABadRequestNotAServerError() async throws {
        try await SandboxHarness.with { sandbox in
            let words = Array(repeating: "invoice", count: 3_000).joined(separator: " ")
            let search = try await sandbox.post("annotations/search", json: ["query_string": ["string": words]])
            #expect(search.status == 400, "\(search.status)")
            #expect(search.detail?.contains("too long") == true)
            let tooMany = try await sandbox.post("annotations/search", json: ["query_string": ["string": Array(repeating: "a", count: 40).joined(separator: " ")]])
            #expect(tooMany.status == 400)
            #expect(try await sandbox.get("annotations?search=" + String(repeating: "x", count: 1_500)).status == 400)
            // A normal search still answers.
            #expect(try await sandbox.post("annotations/search", json: ["query_string": ["string": "invoice"]]).status == 200)
        }
    }
}
