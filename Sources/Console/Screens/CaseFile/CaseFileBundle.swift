import Foundation
import RossumKit

/// A case file to attach to a support ticket: one Markdown file with the timeline for people
/// and, in its last section, the raw entries as NDJSON (a fenced `ndjson` block, one JSON object
/// per line) for tools. Secrets are blanked out of both (`redact`): values under keys that name
/// a token, secret, password, API key, cookie or Authorization header, bearer and token strings
/// in text, and the credentials of URLs. Request ids, annotation ids and messages stay: they
/// are what support looks things up by.
public struct CaseFileBundle: Sendable {
    public var file: CaseFile
    public var generatedAt: Date

    public init(file: CaseFile, generatedAt: Date = Date()) {
        self.file = file
        self.generatedAt = generatedAt
    }

    /// What a redacted value is replaced with.
    public static let redacted = "[REDACTED]"

    /// The whole bundle.
    public var markdown: String {
        var out = "# Case file of annotation \(file.annotationID)\n\n"
        out += "- File: \(Self.inline(file.fileName))\n"
        out += "- Status: \(file.status)\n"
        if let queue = file.queueName { out += "- Queue: \(Self.inline(queue))\n" }
        out += "- Bundle written: \(Self.timestamp(generatedAt))\n"
        if !file.headline.isEmpty {
            out += "\n## In short\n\n" + file.headline.map { "- \(Self.inline($0))\n" }.joined()
        }
        if !file.gaps.isEmpty {
            out += "\n## Not included\n\n" + file.gaps.map { "- \(Self.inline($0))\n" }.joined()
        }
        out += "\n## Timeline (newest first)\n\n| When | Source | Level | What |\n|---|---|---|---|\n"
        for entry in file.entries {
            out += "| \(entry.time.map(Self.timestamp) ?? "current") | \(entry.source.label) | \(entry.level) | \(Self.inline(entry.summary)) |\n"
        }
        out += "\n## Raw entries (NDJSON)\n\nOne JSON object per line, as the API gave them; secrets are replaced by \"\(Self.redacted)\".\n\n"
        out += "```ndjson\n" + ndjson + "```\n"
        return out
    }

    /// The entries, one JSON object per line, redacted.
    public var ndjson: String {
        file.entries.map { entry in
            var object: JSONObject = ["annotation": .number(Double(file.annotationID)), "id": .string(entry.id),
                                      "source": .string(entry.source.label), "level": .string("\(entry.level)"),
                                      "summary": .string(entry.summary)]
            object["time"] = entry.time.map { .string(Self.timestamp($0)) }
            if let text = entry.raw ?? entry.detail {
                object["entry"] = (try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))) ?? .string(text)
            }
            return Self.compactJSON(Self.redact(.object(object))) + "\n"
        }.joined()
    }

    // MARK: redaction

    /// `value` with every secret blanked: values under secret keys (`isSecretKey`), the value of
    /// a `[name, value]` header pair with a secret name, and secrets inside text (`redact(text:)`).
    public static func redact(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text):
            return .string(redact(text: text))
        case .array(let items):
            // Headers as pairs: [["Authorization", "Token abc"], ...].
            if items.count == 2, let name = items[0].stringValue, isSecretKey(name), items[1].stringValue != nil {
                return .array([items[0], .string(redacted)])
            }
            return .array(items.map(redact))
        case .object(let object):
            var out = JSONObject()
            for (key, item) in object {
                if isSecretKey(key), !(item.isNull || item.stringValue == "") {
                    out[key] = .string(redacted)
                } else if let name = object["name"]?.stringValue ?? object["key"]?.stringValue, key == "value", isSecretKey(name) {
                    // Headers as objects: {"name": "Authorization", "value": "..."}.
                    out[key] = .string(redacted)
                } else {
                    out[key] = redact(item)
                }
            }
            return .object(out)
        case .null, .bool, .number:
            return value
        }
    }

    /// Whether a key names a secret: token, secret, password, passwd, authorization, API key,
    /// cookie, credential, private key, in any case and spelling (`X-Api-Key`, `client_secret`).
    public static func isSecretKey(_ key: String) -> Bool {
        let folded = key.lowercased().filter { $0.isLetter || $0.isNumber }
        return secretWords.contains { folded.contains($0) }
    }

    static let secretWords = ["token", "secret", "password", "passwd", "authorization", "apikey", "cookie", "credential", "privatekey"]

    /// `text` with secrets blanked: `key=value` and `"key": "value"` pairs with a secret key,
    /// `Bearer ...` and `Token ...`/`Basic ...` credentials, and the userinfo of URLs.
    public static func redact(text: String) -> String {
        var result = Redactor.removingURLCredentials(from: text)
        let key = #"[A-Za-z0-9_-]*(?:[Tt]oken|TOKEN|[Ss]ecret|SECRET|[Pp]assword|PASSWORD|[Pp]asswd|[Aa]uthorization|AUTHORIZATION|[Aa]pi[_-]?[Kk]ey|API[_-]?KEY|[Cc]ookie|[Cc]redentials?)[A-Za-z0-9_-]*"#
        let rules: [(pattern: String, template: String)] = [
            // "password": "hunter2" (JSON held in text)
            (#"("\#(key)"\s*:\s*)"(?:[^"\\]|\\.)*""#, "$1\"\(redacted)\""),
            // password=hunter2, token: abc, Authorization: Token abc (a scheme goes with its value)
            (#"(\b\#(key)\s*[:=]\s*)(?!\[REDACTED\])(?:(?:[Bb]earer|[Tt]oken|[Bb]asic)\s+)?[^\s&,;"'}\]]+"#, "$1\(redacted)"),
            // Bearer eyJhbGci...
            (#"(\b[Bb]earer\s+)(?!\[REDACTED\])[A-Za-z0-9._~+/=-]{6,}"#, "$1\(redacted)"),
            // Token 3f2a9c..., Basic dXNlcjpwYXNz (only what looks like a credential: it has a digit)
            (#"(\b(?:[Tt]oken|[Bb]asic)\s+)(?=[A-Za-z0-9._~+/=-]*[0-9])[A-Za-z0-9._~+/=-]{12,}"#, "$1\(redacted)"),
        ]
        for rule in rules {
            result = result.replacingOccurrences(of: rule.pattern, with: rule.template, options: .regularExpression)
        }
        return result
    }

    // MARK: formatting

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// Text for one Markdown line or table cell: secrets blanked, no line breaks, pipes escaped.
    static func inline(_ text: String) -> String {
        redact(text: text).replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "|", with: "\\|")
    }

    static func compactJSON(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
