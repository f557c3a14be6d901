import Foundation
import GRDB

/// Automation statistics of a queue, computed from its processed annotations (confirmed or
/// exported): the stored `automated` flag gives the current rate; each header datapoint's
/// `rir_confidence` against a threshold tells whether it would block automation (`low_score`).
/// A projection applies per-field thresholds (1 - error_rate_limit) to the same documents.
struct AutomationSample: Sendable {
    var annotationID: Int
    var day: String
    var automated: Bool
    var touched: Bool
    /// Header datapoints' confidence by schema id.
    var confidences: [String: Double]
}

enum AutomationStatistics {
    static let processedStatuses = ["confirmed", "exporting", "exported"]
    /// The newest processed annotations a statistic looks at (Rossum looks at a recent window too).
    static let window = 500

    static func samples(queueID: Int, db: Database) throws -> (samples: [AutomationSample], total: Int) {
        var query = AnnotationQuery()
        query.add("queue_id = ?", [queueID])
        try query.addIn("status", processedStatuses)
        try query.setOrdering(["-id"])
        let total = try query.count(db)
        let headerIDs = Set(InvoiceSchema.headerSections.flatMap { $0.fields.map(\.id) })
        let samples = try query.fetch(db, limit: window, offset: 0).map { record -> AutomationSample in
            var confidences: [String: Double] = [:]
            for node in AnnotationContent.flatten(try AnnotationContent.load(db, record)) {
                guard let id = node["schema_id"]?.stringValue, headerIDs.contains(id), let score = node["content"]?["rir_confidence"]?.doubleValue else { continue }
                confidences[id] = score
            }
            return AutomationSample(
                annotationID: record.id, day: String(record.createdAt.prefix(10)), automated: record.automated,
                touched: record.timeSpent > 0, confidences: confidences)
        }
        return (samples, total)
    }

    /// `AutomationStats`. With `projected`, a document counts as automated when none of its
    /// datapoints is below its threshold; without, the stored `automated` flag decides.
    static func stats(_ samples: [AutomationSample], thresholds: [String: Double], defaultThreshold: Double, projected: Bool) -> JSONValue {
        func threshold(_ id: String) -> Double { thresholds[id] ?? defaultThreshold }
        func blocked(_ sample: AutomationSample) -> [String] {
            sample.confidences.filter { $0.value < threshold($0.key) }.map(\.key).sorted()
        }
        let automated = samples.map { projected ? blocked($0).isEmpty : $0.automated }
        let count = Double(max(samples.count, 1))
        let automatedCount = automated.filter { $0 }.count

        var days: [String: (automated: Int, other: Int, touched: Int, touchless: Int)] = [:]
        for (sample, isAutomated) in zip(samples, automated) {
            var day = days[sample.day] ?? (0, 0, 0, 0)
            if isAutomated { day.automated += 1 } else { day.other += 1 }
            if sample.touched { day.touched += 1 } else { day.touchless += 1 }
            days[sample.day] = day
        }
        let timeseries: [JSONValue] = days.keys.sorted().map { key in
            let day = days[key]!
            return ["date": .string(key), "automated_count": .int(day.automated), "non_automated_count": .int(day.other),
                    "touched_count": .int(day.touched), "touchless_count": .int(day.touchless)]
        }

        let schemaIDs = Set(samples.flatMap { $0.confidences.keys }).sorted()
        var errorRates: [Double] = []
        let datapoints: [JSONValue] = schemaIDs.map { id in
            let scores = samples.compactMap { sample in sample.confidences[id].map { (sample.annotationID, $0) } }
            let low = scores.filter { $0.1 < threshold(id) }
            let errorRate = scores.isEmpty ? 0 : scores.map { 1 - $0.1 }.reduce(0, +) / Double(scores.count)
            errorRates.append(errorRate)
            return [
                "schema_id": .string(id), "is_quality_estimate": false, "blocked_document_counts": ["low_score": .int(low.count)],
                "estimated_error_rate": .double(rounded(errorRate)), "confidence_threshold": .double(threshold(id)),
                "blockers": low.isEmpty ? [] : [blocker("low_score", low.map(\.0), granularity: "datapoint")],
            ]
        }
        let blockedDocuments = samples.filter { !blocked($0).isEmpty }.map(\.annotationID)
        let estimatedErrorRate = errorRates.isEmpty ? 0 : errorRates.reduce(0, +) / Double(errorRates.count)
        return [
            "document_automation_rate": .double(rounded(Double(automatedCount) / count)),
            "document_touchless_rate": .double(rounded(Double(samples.filter { !$0.touched }.count) / count)),
            "document_automation_timeseries": .array(timeseries), "datapoint_statistics": .array(datapoints),
            "document_blockers": blockedDocuments.isEmpty ? [] : [blocker("low_score", blockedDocuments, granularity: "annotation")],
            "estimated_error_rate_timeseries": nil, "estimated_error_rate": .double(rounded(estimatedErrorRate)),
            "is_aurora_queue": false,
        ]
    }

    static func blocker(_ name: String, _ ids: [Int], granularity: String) -> JSONValue {
        ["blocker": .string(name), "document_count": .int(ids.count), "granularity": .string(granularity),
         "example_annotation_ids": .array(ids.prefix(3).map { .int($0) })]
    }

    static func rounded(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }
}
