/// The JSON form of the fault settings, read and written by the admin endpoint
/// `GET/PUT/PATCH /api/v1/_sandbox/faults`.
extension FaultConfiguration {
    var json: JSONValue {
        [
            "error": .double(errorRate), "throttle": .double(throttleRate), "drop": .double(dropRate),
            "truncate": .double(truncateRate), "applied_then_drop": .double(appliedThenDropRate),
            "latency_ms": .int(Int(exactly: (latency / .milliseconds(1)).rounded()) ?? Int.max),
            "prefix": pathPrefix.map(JSONValue.string) ?? .null,
            "methods": methods.map { .array($0.sorted().map(JSONValue.string)) } ?? .null,
            "seed": seed.map { .int(Int(truncatingIfNeeded: $0)) } ?? .null,
            "every": every.map(JSONValue.int) ?? .null, "limit": limit.map(JSONValue.int) ?? .null,
            "status": .array(errorStatuses.map(JSONValue.int)), "retry_after": .int(retryAfterSeconds),
        ]
    }

    /// Reads the JSON form; keys left out keep their current value, unknown keys are refused.
    init(json object: [String: JSONValue], base: FaultConfiguration) throws(SandboxHTTPError) {
        self = base
        func rate(_ key: String) throws(SandboxHTTPError) -> Double {
            guard let number = object[key]?.doubleValue, (0...1).contains(number) else {
                throw .fieldErrors([key: "A number between 0 and 1 is required."])
            }
            return number
        }
        func optionalInt(_ key: String, minimum: Int, maximum: Int = Int.max) throws(SandboxHTTPError) -> Int? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let number = value.intValue, number >= minimum, number <= maximum else {
                let range = maximum == Int.max ? ">= \(minimum)" : "from \(minimum) to \(maximum)"
                throw .fieldErrors([key: "A whole number \(range) (or null) is required."])
            }
            return number
        }
        for key in object.keys {
            switch key {
            case "error": errorRate = try rate(key)
            case "throttle": throttleRate = try rate(key)
            case "drop": dropRate = try rate(key)
            case "truncate": truncateRate = try rate(key)
            case "applied_then_drop": appliedThenDropRate = try rate(key)
            case "latency_ms":
                latency = .milliseconds(try optionalInt(key, minimum: 0, maximum: Int(Self.maximumLatencyMilliseconds)) ?? 0)
            case "prefix":
                guard let value = object[key], value.isNull || value.stringValue != nil else {
                    throw .fieldErrors([key: "A path prefix string (or null) is required."])
                }
                pathPrefix = value.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            case "methods":
                methods = try Self.methodsSetting(object[key] ?? .null)
            case "seed": seed = try optionalInt(key, minimum: 0).map { UInt64($0) }
            case "every": every = try optionalInt(key, minimum: 1)
            case "limit": limit = try optionalInt(key, minimum: 0)
            case "retry_after": retryAfterSeconds = try optionalInt(key, minimum: 0) ?? 1
            case "status":
                let statuses = object[key]?.arrayValue?.compactMap(\.intValue) ?? object[key]?.intValue.map { [$0] } ?? []
                guard !statuses.isEmpty, statuses.allSatisfy({ (500...599).contains($0) }) else {
                    throw .fieldErrors([key: "A list of 5xx statuses is required."])
                }
                errorStatuses = statuses
            default: throw .fieldErrors([key: "Unknown fault setting."])
            }
        }
    }

    /// `["POST", "PATCH"]`, `"POST+PATCH"`, `"writes"`, or null for every method.
    private static func methodsSetting(_ value: JSONValue) throws(SandboxHTTPError) -> Set<String>? {
        if value.isNull { return nil }
        let names: [String]
        if let items = value.arrayValue {
            let texts = items.compactMap(\.stringValue)
            names = texts.count == items.count ? texts : []
        } else {
            names = value.stringValue.map { $0.split(separator: "+").map(String.init) } ?? []
        }
        guard !names.isEmpty, let methods = methods(names) else {
            throw .fieldErrors(["methods": "A list of HTTP methods (GET, HEAD, OPTIONS, POST, PUT, PATCH, DELETE, or \"writes\"), or null, is required."])
        }
        return methods
    }
}
