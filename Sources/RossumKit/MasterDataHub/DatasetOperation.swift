/// Status of an MDH dataset operation. Servers have spelled these in lower and upper case;
/// both are understood, and unknown values are kept.
public enum DatasetOperationStatus: OpenEnum {
    case new, queued, processing, running, finished, success, failed, unknown
    case other(String)

    public init(rawValue: String) {
        switch rawValue.lowercased() {
        case "new", "created": self = .new
        case "queued": self = .queued
        case "processing": self = .processing
        case "running": self = .running
        case "finished": self = .finished
        case "success", "succeeded": self = .success
        case "failed": self = .failed
        case "unknown": self = .unknown
        default: self = .other(rawValue)
        }
    }

    public var rawValue: String {
        switch self {
        case .new: return "new"
        case .queued: return "queued"
        case .processing: return "processing"
        case .running: return "running"
        case .finished: return "finished"
        case .success: return "success"
        case .failed: return "failed"
        case .unknown: return "unknown"
        case .other(let value): return value
        }
    }

    /// Running, succeeded or failed, by the one rule (`OperationPhase`): `error`, `cancelled`
    /// and `unknown` have ended in failure, whatever case the server spelt them in.
    public var phase: OperationPhase { OperationPhase(status: rawValue) }

    /// The operation will not change any more.
    public var isTerminal: Bool { phase.isTerminal }

    public var isSuccess: Bool { phase.isSuccess }
}

/// An MDH dataset operation (`operation/{id}`). Field names differ between service versions;
/// the common ones are read from whichever is present, and `raw` keeps everything.
public struct DatasetOperation: Sendable, Hashable, Decodable, Identifiable {
    public var id: String
    public var status: DatasetOperationStatus
    public var operationType: String?
    public var datasetName: String?
    public var createdAt: String?
    public var statusChangedAt: String?
    /// The server's error message when it failed.
    public var error: String?
    /// Inserted, updated, deleted and resulting record counts, where the server reports them.
    public var counts: OperationCounts
    /// 0...1 when the server reports progress (some versions send a percentage).
    public var progress: Double?
    /// Every field as sent.
    public var raw: JSONValue

    public init(from decoder: any Decoder) throws {
        do {
            try self.init(value: try JSONValue(from: decoder))
        } catch let problem as MDHShapeProblem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem.reason))
        }
    }

    /// An operation from its JSON, whichever field names the service version uses.
    init(value: JSONValue) throws(MDHShapeProblem) {
        guard case .object(let object) = value else { throw MDHShapeProblem(reason: "an operation is a JSON object") }
        func text(_ keys: String...) -> String? {
            for key in keys {
                if let string = object[key]?.stringValue { return string }
                if let number = object[key]?.doubleValue { return String(number) }
                if let oid = object[key]?["$oid"]?.stringValue { return oid }
            }
            return nil
        }
        guard let id = text("operation_id", "id", "_id") else { throw MDHShapeProblem(reason: "an operation without operation_id, id or _id") }
        self.id = id
        status = DatasetOperationStatus(rawValue: text("status") ?? "unknown")
        operationType = text("operation_type", "type", "operation")
        datasetName = text("dataset_name", "dataset", "collection_name")
        createdAt = text("create_ts", "created_at", "created")
        statusChangedAt = text("status_ts", "updated_at", "updated", "last_updated")
        if let error = object["error"], !error.isNull {
            self.error = error.stringValue ?? error.description
        } else {
            let failed = status.phase == .failed
            self.error = text("error_message", "message").flatMap { failed ? $0 : nil }
        }
        counts = OperationCounts(operation: value)
        progress = object["progress"]?.doubleValue.map { $0 > 1 ? $0 / 100 : $0 }
        raw = value
    }
}

/// A dataset as listed by MDH. Only the name is certain across versions; `raw` keeps the rest.
public struct Dataset: Sendable, Hashable, Decodable {
    public var name: String
    public var raw: JSONValue

    public init(from decoder: any Decoder) throws {
        do {
            try self.init(value: try JSONValue(from: decoder))
        } catch let problem as MDHShapeProblem {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: problem.reason))
        }
    }

    /// A dataset from its JSON: a bare name, or an object naming it in one of several fields.
    init(value: JSONValue) throws(MDHShapeProblem) {
        if let name = value.stringValue {
            self.name = name
        } else if let name = value["name"]?.stringValue ?? value["dataset_name"]?.stringValue ?? value["collection_name"]?.stringValue
            ?? value["_id"]?.stringValue
        {
            self.name = name
        } else {
            throw MDHShapeProblem(reason: "a dataset without a name")
        }
        raw = value
    }
}

/// An MDH answer whose JSON is not shaped as an operation or a dataset.
struct MDHShapeProblem: Error {
    var reason: String
}
