import GRDB

/// The image of a page (`pages/{id}/content`): the sandbox has no rasteriser for documents, so
/// it draws what it knows is on the page, a bar where each line of text stands (the lines
/// `page_data` reads), in the page's coordinates, turned by the page's `rotation_deg`.
enum PageImage {
    /// The page size of the documents the sandbox renders (A4 in PDF points), which is also the
    /// coordinate space of datapoint positions.
    static let width = 595
    static let height = 842

    static func png(_ db: Database, page: PageRecord) throws -> [UInt8] {
        var image = PNGImage(width: width, height: height)
        // A frame, so an empty page still shows where it ends.
        image.fill(x0: 0, y0: 0, x1: width - 1, y1: 0)
        image.fill(x0: 0, y0: height - 1, x1: width - 1, y1: height - 1)
        image.fill(x0: 0, y0: 0, x1: 0, y1: height - 1)
        image.fill(x0: width - 1, y0: 0, x1: width - 1, y1: height - 1)
        if let annotation = try AnnotationRecord.fetch(db, id: page.annotationID) {
            let datapoints = AnnotationContent.flatten(try AnnotationContent.load(db, annotation))
                .filter { $0["category"]?.stringValue == "datapoint" }
            for line in PageData.lines(on: page.number, datapoints) {
                image.fill(x0: Int(line.box[0]), y0: Int(line.box[1]), x1: Int(line.box[2]), y1: Int(line.box[3]) - 4)
            }
        }
        return image.rotated(clockwise: page.rotationDeg).bytes
    }
}
