import Foundation

/// A small, valid one-page PDF with the invoice's text, so `documents/{id}/content` serves
/// real bytes a viewer can open.
enum PDFDocument {
    static func make(lines: [String]) -> Data {
        var stream = "BT /F1 11 Tf 56 780 Td 14 TL\n"
        for line in lines { stream += "(\(escape(line))) Tj T*\n" }
        stream += "ET\n"
        let objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
            "<< /Length \(stream.utf8.count) >>\nstream\n\(stream)endstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        ]
        var output = "%PDF-1.4\n"
        var offsets: [Int] = []
        for (index, object) in objects.enumerated() {
            offsets.append(output.utf8.count)
            output += "\(index + 1) 0 obj\n\(object)\nendobj\n"
        }
        let xref = output.utf8.count
        output += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for offset in offsets { output += String(format: "%010d 00000 n \n", offset) }
        output += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        return Data(output.utf8)
    }

    /// The standard PDF fonts only cover Latin text: accents are folded, other scripts become `?`.
    static func escape(_ text: String) -> String {
        let folded = text.folding(options: .diacriticInsensitive, locale: nil)
        var result = ""
        for scalar in folded.unicodeScalars {
            switch scalar {
            case "(", ")", "\\": result += "\\\(Character(scalar))"
            case " "..."~": result.unicodeScalars.append(scalar)
            default: result += "?"
            }
        }
        return result
    }

    static func invoice(_ fields: ExtractedFields, fileName: String) -> Data {
        make(lines: [
            "INVOICE \(fields.invoiceNumber)", "", "Supplier: \(fields.supplierName)",
            "Customer: Sandbox Demo s.r.o.", "Issue date: \(fields.issueDate)", "Due date: \(fields.dueDate)", "",
            "Amount due: \(fields.amountTotal) \(fields.currency.uppercased())", "", "File: \(fileName)",
        ])
    }
}
