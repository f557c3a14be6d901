import Foundation
import GRDB

/// The demo's inbox traffic: suppliers' e-mails that brought some of the seeded annotations
/// (one or two invoices each, some with a logo or an invite the inbox filtered out), and
/// e-mails that brought no document at all, so "which e-mail did this invoice come from" and
/// "why did nothing arrive" both have answers.
enum EmailSeeder {
    struct Plan {
        /// Index into the demo queues.
        let queue: Int
        /// Statuses of the annotations the e-mail brought, newest first in that status.
        let statuses: [String]
        let subject: String
        let body: String
        /// Attachments the inbox dropped (see `AttachmentFilter`).
        let extras: [EmailMessage.Attachment]
    }

    static let logo = EmailMessage.Attachment(
        fileName: "logo.png", mimeType: "image/png", data: Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array(repeating: 0, count: 600)))
    static let invite = EmailMessage.Attachment(
        fileName: "invite.ics", mimeType: "text/calendar",
        data: Data("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Quarterly account review\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n".utf8))

    static let plans: [Plan] = [
        Plan(queue: 0, statuses: ["to_review"], subject: "Faktura %@", body: "Dobrý den,\nv příloze zasíláme fakturu.\nS pozdravem", extras: []),
        Plan(queue: 0, statuses: ["exported", "exported"], subject: "Faktury za minulý měsíc", body: "Dobrý den,\nposíláme dvě faktury.", extras: [logo]),
        Plan(queue: 2, statuses: ["to_review"], subject: "Rechnung %@", body: "Sehr geehrte Damen und Herren,\nanbei unsere Rechnung.", extras: [logo]),
        Plan(queue: 2, statuses: ["failed_export"], subject: "Rechnung %@ (Korrektur)", body: "Anbei die korrigierte Rechnung.", extras: []),
        Plan(queue: 4, statuses: ["rejected"], subject: "Invoice %@", body: "Please find our invoice attached.", extras: []),
        Plan(queue: 5, statuses: ["postponed"], subject: "Receipt %@", body: "Receipt for your order attached.", extras: [invite]),
    ]

    /// E-mails that brought nothing to extract: a reminder without attachments, and one whose
    /// only attachments the inbox filtered out.
    static let emptyPlans: [(queue: Int, subject: String, body: String, extras: [EmailMessage.Attachment], daysAgo: Double)] = [
        (0, "Upomínka: neuhrazená faktura", "Dobrý den,\nupozorňujeme na neuhrazenou fakturu po splatnosti.", [], 3),
        (2, "Einladung: Quartalsgespräch", "Wir laden Sie zum Quartalsgespräch ein.", [logo, invite], 1.5),
    ]

    static func seed(_ db: Database, context: DemoSeedContext) throws {
        guard context.size != .empty else { return }
        let queues = try ObjectStore.fetchAll(db, "queues")
        for (index, plan) in plans.enumerated() where plan.queue < queues.count {
            let queueID = queues[plan.queue]["id"]?.intValue ?? 0
            var annotations: [AnnotationRecord] = []
            for status in plan.statuses {
                let excluded = annotations.map(\.id) + [0]
                guard let row = try Row.fetchOne(
                    db, sql: """
                        SELECT * FROM annotations WHERE queue_id = ? AND status = ? AND email_id IS NULL
                        AND id NOT IN (\(excluded.map(String.init).joined(separator: ","))) ORDER BY id DESC LIMIT 1
                        """, arguments: [queueID, status])
                else { continue }
                annotations.append(AnnotationRecord(row: row))
            }
            guard let first = annotations.first else { continue }
            let supplier = first.fields.supplierName
            var message = EmailMessage(
                subject: plan.subject.replacingOccurrences(of: "%@", with: first.fields.invoiceNumber),
                from: sender(supplier), to: try recipients(db, queue: queues[plan.queue]))
            message.textPlain = plan.body
            message.attachments = annotations.map {
                EmailMessage.Attachment(fileName: $0.originalFileName, mimeType: "application/pdf", data: PDFDocument.invoice($0.fields, fileName: $0.originalFileName))
            } + plan.extras
            let emailID = try insert(db, message: message, queue: queues[plan.queue], createdAt: first.arrivedAt, key: "invoice-\(index)")
            try EmailStore.attach(db, emailID: emailID, documentIDs: annotations.map(\.documentID))
        }
        for (index, plan) in emptyPlans.enumerated() where plan.queue < queues.count {
            let supplier = DemoNames.suppliers[DemoWorld.queues[plan.queue].suppliers[0]].name
            var message = EmailMessage(subject: plan.subject, from: sender(supplier), to: try recipients(db, queue: queues[plan.queue]))
            message.textPlain = plan.body
            message.attachments = plan.extras
            try insert(db, message: message, queue: queues[plan.queue], createdAt: DemoClock.timestamp(daysAgo: plan.daysAgo), key: "other-\(index)")
        }
    }

    /// Stores the message with its raw form, as the inbox would have received it.
    @discardableResult
    static func insert(_ db: Database, message: EmailMessage, queue: JSONValue, createdAt: String, key: String) throws -> Int {
        let raw = message.composed(date: createdAt, messageID: "\(key)@sandbox.rossum.local")
        // Read back from the raw message, so what is served is what the `.eml` says.
        let received = EmailMessage(raw: raw)
        let documents = received.attachments.filter(AttachmentFilter.isDocument).count
        return try EmailStore.insert(db, EmailStore.NewEmail(
            queueID: queue["id"]?.intValue ?? 0, inboxID: queue["inbox"]?.referencedID, createdAt: createdAt, message: received,
            filteredOutDocumentCount: received.attachments.count - documents, raw: raw))
    }

    /// `invoices@<first word of the supplier>.example`, named after the supplier's accounts team.
    static func sender(_ supplier: String) -> EmailMessage.Address {
        let word = supplier.split(separator: " ").first.map(String.init) ?? "supplier"
        let ascii = word.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil).lowercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }
        return EmailMessage.Address(email: "invoices@\(ascii.isEmpty ? "supplier" : ascii).example", name: "\(supplier) – Accounts")
    }

    static func recipients(_ db: Database, queue: JSONValue) throws -> [EmailMessage.Address] {
        guard let inboxID = queue["inbox"]?.referencedID, let email = try ObjectStore.fetch(db, "inboxes", id: inboxID)?["email"]?.stringValue else { return [] }
        return [EmailMessage.Address(email: email, name: "")]
    }
}
