import Foundation
import Testing
@testable import RossumSandbox

/// Numbers a client sends are checked before they are converted: out of range is a 400 that
/// says so, never a trap that takes the server down with every other client's requests.
@Suite struct NumericInputTests {
    typealias H = SandboxHarness

    @Test func hugeSizeOperandsAreRefusedWhereverSizeAppears() async throws {
        try await H.withDataHub { sandbox in
            let find = H.storage + "/data/find", aggregate = H.storage + "/data/aggregate"
            let huge: [Any] = [1e300, 9_223_372_036_854_775_808.0, 1.8446744073709552e19, -1, 2.5]
            for operand in huge {
                for query: [String: Any] in [["a": ["$size": operand]], ["a": ["$not": ["$size": operand]]],
                                             ["$or": [["a": ["$elemMatch": ["b": ["$size": operand]]]]]]] {
                    let found = try await sandbox.post(find, json: ["collectionName": "suppliers", "query": query])
                    #expect(found.status == 400, "find \(query): \(found.status) \(found.text)")
                    #expect((found.object["message"] as? String)?.contains("$size") == true, "\(found.text)")
                    let matched = try await sandbox.post(aggregate, json: ["collectionName": "suppliers", "pipeline": [["$match": query]]])
                    #expect(matched.status == 400, "aggregate \(query): \(matched.status)")
                }
            }
            // The same text a client sends, with the number written out: 2^63 does not fit an Int64.
            let literal = #"{"collectionName": "suppliers", "query": {"a": {"$size": 9223372036854775808}}}"#
            let response = try await sandbox.request("POST", find, body: Data(literal.utf8), contentType: "application/json")
            #expect(response.status == 400)
            #expect(try await sandbox.post(find, json: ["collectionName": "suppliers", "query": ["a": ["$size": 2]]]).status == 200)
        }
    }

    @Test func countsPagesAndIdsOutOfRangeAreClientErrors() async throws {
        try await H.withDataHub { sandbox in
            for (key, value) in [("skip", 1e300), ("limit", 1e300), ("skip", -1.0), ("limit", 0.5)] {
                let response = try await sandbox.post(H.storage + "/data/find", json: ["collectionName": "suppliers", "query": [:], key: value])
                #expect(response.status == 400, "\(key)=\(value): \(response.status)")
            }
            for stage: [String: Any] in [["$skip": 1e300], ["$limit": 1e300], ["$limit": -3]] {
                let response = try await sandbox.post(H.storage + "/data/aggregate", json: ["collectionName": "suppliers", "pipeline": [stage]])
                #expect(response.status == 400, "\(stage): \(response.status)")
            }
            for path in ["annotations?page=9223372036854775807", "annotations?page=99999999999999999999", "queues?page=9223372036854775807&page_size=100",
                         "annotations?page_size=1e300", "annotations/9223372036854775808", "annotations/-9223372036854775808",
                         "documents/-1/content", "queues/18446744073709551616", "annotations?queue=9223372036854775808"] {
                let response = try await sandbox.get(path)
                #expect((400..<500).contains(response.status), "\(path): \(response.status)")
            }
            for limit in ["-5", "9223372036854775807", "99999999999999999999", "x"] {
                #expect(try await sandbox.get(H.mdh + "/operation?limit=\(limit)").status == 200)
            }
            let negativeDocument = try await sandbox.post("annotations", json: ["document": -1, "queue": 1])
            #expect(negativeDocument.status == 400)
        }
    }

    @Test func faultSettingsOutOfRangeAreRefused() async throws {
        try await H.with { sandbox in
            for body: [String: Any] in [["latency_ms": 9_223_372_036_854_775_807], ["latency_ms": 600_001], ["seed": -1], ["every": 0],
                                        ["retry_after": 1e300], ["limit": -1]] {
                let response = try await sandbox.request("PATCH", "_sandbox/faults", json: body, authorized: false)
                #expect(response.status == 400, "\(body): \(response.status) \(response.text)")
            }
            #expect(try await sandbox.get("queues").status == 200)
        }
    }
}
