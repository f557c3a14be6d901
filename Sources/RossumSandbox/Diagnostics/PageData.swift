import Foundation
import GRDB
import Hummingbird

/// `GET annotations/{id}/page_data`: the text on the document's pages, read from its content
/// (each datapoint's value where it stands on the page), as lines, words, characters, whole
/// texts or barcodes.
enum PageData {
    static let granularities = ["lines", "words", "chars", "texts", "barcodes"]
    static let maximumPages = 20

    static func register(on router: Router<SandboxRequestContext>, services: SandboxServices) {
        router.get("/api/v1/annotations/:id/page_data") { request, context -> Response in
            _ = try await services.auth.authenticatedUser(request)
            let id = try ResourceRoutes.pathID(context)
            let query = QueryParameters(request)
            guard let granularity = try DiagnosticQuery.choices(query, "granularity", granularities)?.first else {
                throw SandboxHTTPError.fieldErrors(["granularity": "This parameter is required (\(granularities.joined(separator: ", ")))."])
            }
            let wanted = try DiagnosticQuery.integers(query, "page_numbers")
            if let wanted, wanted.contains(where: { $0 < 1 }) {
                throw SandboxHTTPError.fieldErrors(["page_numbers": "Page numbers start at 1."])
            }
            let results = try await services.database.read { db -> [JSONValue] in
                guard let annotation = try AnnotationRecord.fetch(db, id: id) else { throw SandboxHTTPError.notFound }
                let datapoints = AnnotationContent.flatten(try AnnotationContent.load(db, annotation))
                    .filter { $0["category"]?.stringValue == "datapoint" }
                let pages = Set(datapoints.compactMap { $0["content"]?["page"]?.intValue }).union([1])
                let numbers = (wanted ?? Array(1...maximumPages)).filter { $0 <= maximumPages && pages.contains($0) }
                return numbers.sorted().map { page in
                    ["page_number": .int(page), "granularity": .string(granularity),
                     "items": .array(items(granularity, lines: lines(on: page, datapoints), annotation: annotation))]
                }
            }
            return JSONResponse.make(.ok, ["results": .array(results)], apiBase: RequestURLs.apiBase(of: request))
        }
    }

    struct Line { var text: String; var box: [Double] }

    /// The page's lines in reading order: values standing at the same height (a table row's
    /// cells) are one line, left to right, as OCR reads them.
    static func lines(on page: Int, _ datapoints: [JSONValue]) -> [Line] {
        let placed = datapoints.compactMap { node -> Line? in
            guard node["content"]?["page"]?.intValue == page, let text = node["content"]?["value"]?.stringValue, !text.isEmpty,
                  let box = node["content"]?["position"]?.arrayValue?.compactMap(\.doubleValue), box.count == 4 else { return nil }
            return Line(text: text, box: box)
        }.sorted { ($0.box[1], $0.box[0]) < ($1.box[1], $1.box[0]) }
        var lines: [Line] = []
        for item in placed {
            if var last = lines.last, last.box[1] == item.box[1] {
                last.text += "  " + item.text
                last.box = [min(last.box[0], item.box[0]), last.box[1], max(last.box[2], item.box[2]), max(last.box[3], item.box[3])]
                lines[lines.count - 1] = last
            } else {
                lines.append(item)
            }
        }
        return lines
    }

    static func items(_ granularity: String, lines: [Line], annotation: AnnotationRecord) -> [JSONValue] {
        func position(_ box: [Double]) -> JSONValue { .array(box.map { .int(Int($0.rounded())) }) }
        switch granularity {
        case "texts":
            return [["text": .string(lines.map(\.text).joined(separator: "\n"))]]
        case "barcodes":
            return [["position": [40, 40, 120, 120], "text": .string(annotation.fields.invoiceNumber), "type": "qr_code"]]
        case "words", "chars":
            return lines.flatMap { line -> [JSONValue] in
                let characters = Array(line.text)
                let width = (line.box[2] - line.box[0]) / Double(max(characters.count, 1))
                var pieces: [(String, Int)] = []
                if granularity == "chars" {
                    pieces = characters.enumerated().filter { !$0.element.isWhitespace }.map { (String($0.element), $0.offset) }
                } else {
                    var offset = 0
                    for word in line.text.split(separator: " ", omittingEmptySubsequences: false) {
                        if !word.isEmpty { pieces.append((String(word), offset)) }
                        offset += word.count + 1
                    }
                }
                return pieces.map { text, offset in
                    let x1 = line.box[0] + width * Double(offset)
                    return ["position": position([x1, line.box[1], x1 + width * Double(text.count), line.box[3]]), "text": .string(text)]
                }
            }
        default:
            return lines.map { ["position": position($0.box), "text": .string($0.text)] }
        }
    }
}
