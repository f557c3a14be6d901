/// Which attachments of an incoming e-mail become documents. Like Rossum's smart inbox, it
/// drops what is not a document to extract: files of other types (calendar invites, signatures,
/// office files) and small images, which in e-mails are logos and signature pictures. What it
/// drops is counted in the e-mail's `filtered_out_document_count`.
enum AttachmentFilter {
    static let documentTypes: Set<String> = [
        "application/pdf", "image/png", "image/jpeg", "image/tiff", "application/xml", "text/xml",
    ]
    /// Images below this size (bytes) are taken for logos.
    static let smallestImage = 10_000

    /// The attachment's type, from its name when the sender gave none useful.
    static func mimeType(of attachment: EmailMessage.Attachment) -> String {
        attachment.mimeType == "application/octet-stream" || attachment.mimeType.isEmpty
            ? DocumentRoutes.mimeType(for: attachment.fileName) : attachment.mimeType
    }

    static func isDocument(_ attachment: EmailMessage.Attachment) -> Bool {
        let type = mimeType(of: attachment)
        guard documentTypes.contains(type) else { return false }
        return !type.hasPrefix("image/") || attachment.data.count >= smallestImage
    }
}
