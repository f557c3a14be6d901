import RossumKit

/// How the console reads an operation's state and kind. The state rule itself lives in
/// RossumKit, next to the client that polls operations, so the console, the jobs and the
/// client agree on when an operation has ended.
public enum OperationStates {
    public static func phase(of state: String) -> OperationRowPhase {
        switch OperationPhase(status: state) { case .running: .running; case .succeeded: .succeeded; case .failed: .failed }
    }

    public static func kindLabel(_ kind: String) -> String {
        let bare = kind.split(separator: ".").last.map(String.init) ?? kind
        switch bare.lowercased() {
        case "update", "upsert": return "upsert"
        default: return bare.lowercased()
        }
    }
}
