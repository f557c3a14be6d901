import Foundation
import Testing

@Suite struct PageTests {
    /// Width and height from a PNG's IHDR chunk.
    static func pngSize(_ data: Data) -> (Int, Int)? {
        let bytes = [UInt8](data)
        guard bytes.count > 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else { return nil }
        let be = { (offset: Int) in bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    /// A PDF with `count` page objects under one page tree (enough for the page count).
    static func pdf(pages count: Int) -> Data {
        var text = "%PDF-1.4\n1 0 obj << /Type /Pages /Count \(count) >> endobj\n"
        for index in 0..<count { text += "\(index + 2) 0 obj << /Type /Page /Parent 1 0 R >> endobj\n" }
        return Data((text + "%%EOF\n").utf8)
    }

    @Test func annotationsListTheirPagesAndEachPageServesAnImage() async throws {
        try await SandboxHarness.with { sandbox in
            let annotation = try #require(try await sandbox.results("annotations?status=to_review&queue=1").first)
            let id = try #require(annotation["id"] as? Int)
            let pageURLs = try #require(annotation["pages"] as? [String])
            #expect(pageURLs.count == 1, "demo documents are one-page PDFs")

            let listed = try await sandbox.results("pages?annotation=\(id)")
            #expect(listed.count == 1)
            let page = try await sandbox.get(pageURLs[0]).object
            #expect(page["url"] as? String == pageURLs[0])
            #expect((page["annotation"] as? String)?.hasSuffix("/annotations/\(id)") == true)
            #expect(page["number"] as? Int == 1)
            #expect(page["rotation_deg"] as? Int == 0)
            #expect(page["mime_type"] as? String == "image/png")
            #expect((page["s3_name"] as? String)?.isEmpty == false)
            #expect(page["metadata"] as? [String: Any] != nil)
            #expect(page["time_spent"] as? Double == 0)
            #expect(listed[0]["id"] as? Int == page["id"] as? Int)

            let image = try await sandbox.get(try #require(page["content"] as? String))
            #expect(image.status == 200)
            #expect(image.headers["Content-Type"].first == "image/png")
            let size = try #require(Self.pngSize(image.body))
            #expect(size == (595, 842))

            #expect(try await sandbox.results("pages?number=1&page_size=5").count == 5)
            #expect(try await sandbox.get("pages?ordering=colour").status == 400)
            #expect(try await sandbox.get("pages/999999999").status == 404)
        }
    }

    @Test func anUploadedPDFHasOnePagePerPageObject() async throws {
        try await SandboxHarness.with { sandbox in
            let (body, type) = UploadTests.multipart(fileName: "three.pdf", bytes: Self.pdf(pages: 3))
            let created = try await sandbox.request("POST", "uploads?queue=1", body: body, contentType: type)
            let annotationURL = try #require(((created.object["results"] as? [[String: Any]])?.first)?["annotation"] as? String)
            let pages = try #require(try await sandbox.get(annotationURL).object["pages"] as? [String])
            #expect(pages.count == 3)
            let numbers = try await sandbox.results("pages?annotation=\(annotationURL.split(separator: "/").last!)&ordering=-number")
                .compactMap { $0["number"] as? Int }
            #expect(numbers == [3, 2, 1])
        }
    }

    @Test func editPagesCutsTheParentIntoChildrenThatImportToReview() async throws {
        try await SandboxHarness.with { sandbox in
            let (body, type) = UploadTests.multipart(fileName: "bundle.pdf", bytes: Self.pdf(pages: 3))
            let created = try await sandbox.request("POST", "uploads?queue=1", body: body, contentType: type)
            let parentURL = try #require(((created.object["results"] as? [[String: Any]])?.first)?["annotation"] as? String)
            let parentID = try #require(Int(parentURL.split(separator: "/").last!))
            #expect(try await eventually { try await sandbox.get(parentURL).object["status"] as? String == "to_review" })
            let parent = try await sandbox.get(parentURL).object
            let pages = try #require(parent["pages"] as? [String])

            let early = try await sandbox.post("annotations/\(parentID)/edit_pages", json: [
                "edit": [["parent_pages": [["page": "pages/999999999"]]]],
            ])
            #expect(early.status == 400, "a page of another annotation")
            let allDeleted = try await sandbox.post("annotations/\(parentID)/edit_pages", json: [
                "edit": [["parent_pages": [["page": pages[0], "deleted": true]]]],
            ])
            #expect(allDeleted.status == 400)

            let edited = try await sandbox.post("annotations/\(parentID)/edit_pages", json: [
                "edit": [
                    ["parent_pages": [["page": pages[0], "rotation_deg": 0], ["page": pages[1], "rotation_deg": 90]],
                     "document_name": "first.pdf", "metadata": ["part": 1]],
                    ["parent_pages": [["page": pages[1], "deleted": true], ["page": pages[2], "rotation_deg": 180]],
                     "target_queue": "queues/2"],
                ],
            ])
            #expect(edited.status == 200, "\(edited.text)")
            let results = try #require(edited.object["results"] as? [[String: Any]])
            #expect(results.count == 2)
            #expect(try await sandbox.get(parentURL).object["status"] as? String == "split")

            let first = try await sandbox.get(try #require(results[0]["annotation"] as? String)).object
            #expect(["importing", "to_review"].contains(first["status"] as? String))
            #expect((first["metadata"] as? [String: Any])?["part"] as? Int == 1)
            let firstPages = try await sandbox.results("pages?annotation=\(first["id"] as! Int)")
            #expect(firstPages.map { $0["number"] as? Int } == [1, 2])
            #expect(firstPages.map { $0["rotation_deg"] as? Int } == [0, 90])
            let turned = try await sandbox.get(try #require(firstPages[1]["content"] as? String))
            #expect(Self.pngSize(turned.body).map { [$0.0, $0.1] } == [842, 595], "a page turned by 90 degrees is landscape")

            let document = try await sandbox.get(try #require(results[0]["document"] as? String)).object
            #expect(document["original_file_name"] as? String == "first.pdf")
            #expect(document["parent"] as? String == parent["document"] as? String)

            let secondURL = try #require(results[1]["annotation"] as? String)
            let second = try await sandbox.get(secondURL).object
            #expect((second["queue"] as? String)?.hasSuffix("/queues/2") == true)
            #expect((second["pages"] as? [String])?.count == 1)
            #expect(try await eventually { try await sandbox.get(secondURL).object["status"] as? String == "to_review" })

            let relations = try await sandbox.results("relations?type=edit")
            let relation = try #require(relations.first { ($0["parent"] as? String) == parentURL })
            #expect(Set(relation["annotations"] as? [String] ?? []) == Set(results.compactMap { $0["annotation"] as? String }))

            // A second edit on the split parent drops a child.
            let dropped = try await sandbox.post("annotations/\(parentID)/edit_pages", json: ["delete": [secondURL]])
            #expect(dropped.status == 200, "\(dropped.text)")
            #expect(try await sandbox.get(secondURL).object["status"] as? String == "deleted")
            let stranger = try await sandbox.post("annotations/\(parentID)/edit_pages", json: ["delete": [parentURL]])
            #expect(stranger.status == 400, "only children can be deleted this way")
        }
    }

    @Test func editPagesRefusesAParentOutsideReview() async throws {
        try await SandboxHarness.with { sandbox in
            let exported = try #require(try await sandbox.results("annotations?status=exported").first)
            let page = try #require((exported["pages"] as? [String])?.first)
            let response = try await sandbox.post("annotations/\(exported["id"] as! Int)/edit_pages", json: [
                "edit": [["parent_pages": [["page": page]]]],
            ])
            #expect(response.status == 400)
            #expect(try await sandbox.get("annotations/\(exported["id"] as! Int)").object["status"] as? String == "exported")
        }
    }
}
