import Foundation
import Testing

@Suite struct UploadTests {
    static func multipart(fileName: String, bytes: Data, metadata: String? = nil) -> (Data, String) {
        let boundary = "sandbox-test-boundary"
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"content\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n".utf8))
        body.append(bytes)
        if let metadata {
            body.append(Data("\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"metadata\"; filename=\"\"\r\nContent-Type: application/json\r\n\r\n\(metadata)".utf8))
        }
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return (body, "multipart/form-data; boundary=\(boundary)")
    }

    @Test func uploadedAnnotationsStayImportingWhileTheTaskRuns() async throws {
        try await SandboxHarness.with({ $0.importDelay = .seconds(60) }) { sandbox in
            let (body, type) = Self.multipart(fileName: "slow.pdf", bytes: Data("%PDF".utf8))
            let created = try await sandbox.request("POST", "uploads?queue=1", body: body, contentType: type)
            #expect(created.status == 201)
            let taskURL = try #require(created.object["url"] as? String)
            let task = try await sandbox.get(taskURL)
            #expect(task.status == 200, "a running task is not redirected")
            #expect(task.object["status"] as? String == "running")
            #expect(task.object["type"] as? String == "upload_created")
            let annotationURL = try #require(((created.object["results"] as? [[String: Any]])?.first)?["annotation"] as? String)
            let annotation = try await sandbox.get(annotationURL)
            #expect(annotation.object["status"] as? String == "importing")
            let counts = try await sandbox.get("queues/1").object["counts"] as? [String: Int]
            #expect(counts?["importing"] ?? 0 >= 1)
        }
    }

    @Test func uploadCreatesAnImportingAnnotationAndATaskThatSucceeds() async throws {
        try await SandboxHarness.with({ $0.importDelay = .milliseconds(100) }) { sandbox in
            let pdf = Data("%PDF-1.4 test upload".utf8)
            let (body, type) = Self.multipart(fileName: "faktura.pdf", bytes: pdf, metadata: "{\"erp\": 7}")
            let created = try await sandbox.request("POST", "uploads?queue=1", body: body, contentType: type)
            #expect(created.status == 201)
            let taskURL = try #require(created.object["url"] as? String)
            let annotationURL = try #require(((created.object["results"] as? [[String: Any]])?.first)?["annotation"] as? String)

            let succeeded = try await eventually {
                try await sandbox.get(taskURL + "?no_redirect=true").object["status"] as? String == "succeeded"
            }
            #expect(succeeded)
            let redirect = try await sandbox.get(taskURL)
            #expect(redirect.status == 303)
            let location = try #require(redirect.headers["Location"].first)
            #expect(location.contains("/api/v1/uploads/"))
            let upload = try await sandbox.get(location)
            #expect((upload.object["annotations"] as? [String]) == [annotationURL])
            let annotation = try await sandbox.get(annotationURL)
            #expect(annotation.object["status"] as? String == "to_review")
            #expect((annotation.object["metadata"] as? [String: Any])?["erp"] as? Int == 7)
            let document = try await sandbox.get(annotation.object["document"] as! String)
            #expect(document.object["original_file_name"] as? String == "faktura.pdf")
            #expect(document.object["mime_type"] as? String == "application/pdf")
            let content = try await sandbox.get(document.object["content"] as! String)
            #expect(content.body == pdf)
        }
    }

    @Test func legacyQueueUploadAnswersWithDocumentAndAnnotation() async throws {
        try await SandboxHarness.with { sandbox in
            let (body, type) = Self.multipart(fileName: "legacy.pdf", bytes: Data("%PDF".utf8))
            let created = try await sandbox.request("POST", "queues/2/upload", body: body, contentType: type)
            #expect(created.status == 201)
            let result = try #require((created.object["results"] as? [[String: Any]])?.first)
            let annotationURL = try #require(result["annotation"] as? String)
            #expect(result["document"] is String)
            let imported = try await eventually { try await sandbox.get(annotationURL).object["status"] as? String == "to_review" }
            #expect(imported)
            #expect(try await sandbox.request("POST", "queues/999/upload", body: body, contentType: type).status == 404)
        }
    }

    @Test func demoDocumentsServeRealPDFBytes() async throws {
        try await SandboxHarness.with { sandbox in
            let response = try await sandbox.get("documents/1/content")
            #expect(response.status == 200)
            #expect(response.headers["Content-Type"].first == "application/pdf")
            #expect(response.text.hasPrefix("%PDF-1.4"))
            #expect(response.text.hasSuffix("%%EOF\n"))
            #expect(response.text.contains("INVOICE"))
            let document = try await sandbox.post("documents", json: nil)
            #expect(document.status == 415)
        }
    }
}
