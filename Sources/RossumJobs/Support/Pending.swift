extension ErrorClassifier {
    /// Client library errors are classified once RossumKit's error type is available to this target.
    static func classifyClientError(_ error: any Error) -> ClassifiedError? { nil }
}
