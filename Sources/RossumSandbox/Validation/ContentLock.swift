/// Who may touch an annotation's content, decided in one place: the web app starts a review
/// (`reviewing`, the reviewer as `modifier`) before editing, and another user's open review
/// is a lock for everyone else.
enum ContentLock {
    /// Another user's open review refuses the request (409) whatever it is.
    static func refuseOthersReview(_ annotation: AnnotationRecord, userID: Int) throws {
        if annotation.status == "reviewing", let owner = annotation.modifierID, owner != userID {
            throw SandboxHTTPError.conflict("Annotation \(annotation.id) is being reviewed by another user.")
        }
    }

    /// Content operations need the editing user's own review (`POST annotations/{id}/start` first).
    static func requireOwnReview(_ annotation: AnnotationRecord, userID: Int) throws {
        try refuseOthersReview(annotation, userID: userID)
        guard annotation.status == "reviewing" else {
            throw SandboxHTTPError.conflict(
                "Annotation \(annotation.id) is \"\(annotation.status)\"; start reviewing it (POST annotations/\(annotation.id)/start) before editing its content.")
        }
    }
}
