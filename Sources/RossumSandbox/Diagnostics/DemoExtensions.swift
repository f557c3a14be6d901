import GRDB

/// The simulated behaviour of the demo's extensions. A hook carries its behaviour in
/// `metadata.sandbox_extension`; any other hook (one a client created) answers 200 with no
/// messages, as a well-behaved webhook would.
enum DemoExtension: String, Sendable {
    /// Function on `annotation_content.initialize/updated`: checks the vendor's VAT number;
    /// warns about some, and crashes (HTTP 500 with a traceback) on a known share of documents.
    case vatCheck = "vat_check"
    /// MDH matching webhook: really looks the vendor up in the `suppliers` dataset and fills
    /// the vendor's VAT number and address from the match.
    case supplierMatching = "supplier_matching"
    /// Export to the ERP on `annotation_content.export`: times out on some attempts (a retry may
    /// pass) and answers 500 for some invoice numbers (fixing the number makes it pass).
    case erpExport = "erp_export"
    /// Chat notification on `annotation_status.changed`; its endpoint is sometimes unavailable.
    case statusNotifier = "status_notifier"

    /// Share of documents (in percent) on which each failure happens.
    static let vatCrashPercent = 7
    static let vatWarningPercent = 15
    static let exportTimeoutPercent = 12
    static let exportRejectionPercent = 15
    static let notifierOutagePercent = 5

    struct Call {
        var hookID: Int
        var event: String
        var action: String
        var annotation: AnnotationRecord
        /// Empty for an extension that does not read it (`readsContent`).
        var content: [JSONValue]
        /// 1 for the first run of this hook for this annotation and event, 2 for the next, ...
        var attempt: Int
    }

    /// The behaviour `hook` carries; nil for a hook a client created.
    init?(_ hook: JSONValue) {
        guard let name = hook["metadata"]?["sandbox_extension"]?.stringValue else { return nil }
        self.init(rawValue: name)
    }

    /// Whether the extension reads the annotation's content (the notifier only sees the status).
    var readsContent: Bool { self != .statusNotifier }

    static func outcome(of hook: JSONValue, _ call: Call, db: Database) throws -> HookOutcome {
        switch DemoExtension(hook) {
        case .vatCheck?: return vatCheck(call)
        case .supplierMatching?: return try supplierMatching(call, db: db)
        case .erpExport?: return erpExport(call)
        case .statusNotifier?: return statusNotifier(call)
        case nil: return plainReply
        }
    }

    /// What a hook a client created answers: 200 with no messages, as a well-behaved webhook would.
    static let plainReply = HookOutcome.success(duration: 0.05)

    /// A run with no annotation in its payload (`hooks/{id}/invoke`, or a test payload without
    /// one): the demo's extensions all read `payload["annotation"]` first, so they crash as such
    /// code would; a client's hook answers as usual.
    static func outcomeWithoutAnnotation(of hook: JSONValue) -> HookOutcome {
        guard DemoExtension(hook) != nil else { return plainReply }
        let traceback = """
            Traceback (most recent call last):
              File "/var/task/handler.py", line 5, in rossum_hook_request_handler
                annotation = payload["annotation"]
            KeyError: 'annotation'
            """
        return HookOutcome(statusCode: 500, response: nil, duration: 0.1, logMessage: "KeyError: 'annotation'", output: traceback)
    }

    static func datapoint(_ schemaID: String, in content: [JSONValue]) -> JSONValue? {
        AnnotationContent.flatten(content).first { $0["schema_id"]?.stringValue == schemaID && $0["category"]?.stringValue == "datapoint" }
    }

    static func message(_ type: String, _ content: String, datapoint: JSONValue? = nil) -> JSONValue {
        ["type": .string(type), "content": .string(content), "id": datapoint?["id"]?.intValue.map { .int($0) } ?? "all"]
    }

    static func vatCheck(_ call: Call) -> HookOutcome {
        let roll = DemoFate.percent(call.annotation.id, call.hookID, 1)
        if roll < vatCrashPercent {
            let traceback = """
                Traceback (most recent call last):
                  File "/var/task/handler.py", line 14, in rossum_hook_request_handler
                    vat = fields["sender_vat_id"]["value"].strip()
                KeyError: 'sender_vat_id'
                """
            return HookOutcome(
                statusCode: 500, response: nil, duration: 0.4, logMessage: "KeyError: 'sender_vat_id'", output: traceback)
        }
        let vat = datapoint("sender_vat_id", in: call.content)
        let number = vat?["content"]?["value"]?.stringValue ?? ""
        if number.isEmpty {
            return .success([message("error", "Vendor VAT number is missing.", datapoint: vat)], duration: 0.2)
        }
        if roll < vatCrashPercent + vatWarningPercent {
            return .success(
                [message("warning", "VAT number \(number) was not found in the VIES register.", datapoint: vat)], duration: 0.9)
        }
        var outcome = HookOutcome.success(duration: 0.3)
        outcome.output = "VAT \(number): valid"
        return outcome
    }

    static func supplierMatching(_ call: Call, db: Database) throws -> HookOutcome {
        let nameNode = datapoint("sender_name", in: call.content)
        let name = nameNode?["content"]?["value"]?.stringValue ?? ""
        let matches: [Document]
        do {
            matches = try SupplierLookup.matches(forVendorName: name, db: db)
        } catch SupplierLookup.Failure.datasetMissing {
            return HookOutcome(
                statusCode: 400, response: ["detail": "Dataset \"suppliers\" does not exist."], duration: 0.1,
                logMessage: "Matching failed: dataset \"suppliers\" does not exist.")
        }
        guard let best = matches.first else {
            return .success(
                [message("warning", "No supplier in master data matches \"\(name)\".", datapoint: nameNode)], duration: 0.6)
        }
        var operations: [JSONValue] = []
        for (schemaID, value) in [("sender_vat_id", best["vat_id"]?.stringValue), ("sender_address", SupplierLookup.address(of: best))] {
            guard let value, let id = datapoint(schemaID, in: call.content)?["id"]?.intValue else { continue }
            operations.append(["op": "replace", "id": .int(id), "value": ["content": ["value": .string(value)], "validation_sources": ["data_matching"]]])
        }
        let supplierID = best["supplier_id"]?.stringValue ?? "?"
        let text = matches.count == 1
            ? "Matched supplier \(supplierID) (\(best["name"]?.stringValue ?? "")) in master data."
            : "\(matches.count) suppliers match \"\(name)\"; the best match \(supplierID) was selected."
        return .success([message(matches.count == 1 ? "info" : "warning", text, datapoint: nameNode)], operations: operations, duration: 0.5)
    }

    static func erpExport(_ call: Call) -> HookOutcome {
        if DemoFate.percent(call.annotation.id, call.hookID, call.attempt) < exportTimeoutPercent {
            return HookOutcome(
                statusCode: nil, response: nil, duration: 30, logMessage: "Request timed out after 30 seconds (ReadTimeout).")
        }
        let invoiceNumber = datapoint("document_id", in: call.content)?["content"]?["value"]?.stringValue ?? ""
        if DemoFate.percent(DemoFate.hash(invoiceNumber), call.hookID) < exportRejectionPercent {
            let reason = "ERP rejected invoice \(invoiceNumber): a document with this number is already posted."
            return HookOutcome(
                statusCode: 500, response: ["messages": [message("error", reason)]], duration: 1.2, logMessage: reason)
        }
        let posted = 51_000_000 + DemoFate.percent(call.annotation.id, 7) * 1000 + call.annotation.id % 1000
        return .success([message("info", "Posted to ERP as document \(posted).")], duration: 0.8)
    }

    static func statusNotifier(_ call: Call) -> HookOutcome {
        if DemoFate.percent(call.annotation.id, call.hookID, call.attempt) < notifierOutagePercent {
            return HookOutcome(
                statusCode: 503, response: ["error": "Service Unavailable"], duration: 2.0,
                logMessage: "Notification endpoint answered 503 Service Unavailable.")
        }
        return .success(duration: 0.1)
    }
}
