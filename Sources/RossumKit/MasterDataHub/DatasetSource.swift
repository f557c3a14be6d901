import Foundation

/// Where the records of a dataset write come from.
public enum DatasetSource: Sendable {
    /// A file on disk; its format is taken from the extension (json, csv, xlsx, xml).
    case file(URL)
    /// Records in memory, sent as a JSON array (keeps numbers, booleans and nesting).
    case records([JSONValue])
    /// CSV text in memory (MDH stores every CSV value as a string).
    case csv(String)
    /// Bytes already in some format.
    case bytes([UInt8], filename: String, contentType: String)

    func filePart() throws -> (filename: String, contentType: String, data: [UInt8]) {
        switch self {
        case .file(let url):
            let data: Data
            do {
                data = try Data(contentsOf: url)
            } catch {
                throw RossumError.configuration("cannot read dataset file \(url.path): \(error.localizedDescription)")
            }
            return (url.lastPathComponent, Self.contentType(forExtension: url.pathExtension), Array(data))
        case .records(let records):
            return ("data.json", "application/json", JSONWriter.bytes(.array(records)))
        case .csv(let text):
            return ("data.csv", "text/csv", Array(text.utf8))
        case .bytes(let bytes, let filename, let contentType):
            return (filename, contentType, bytes)
        }
    }

    static func contentType(forExtension ext: String) -> String {
        switch ext.lowercased() {
        case "json": return "application/json"
        case "csv": return "text/csv"
        case "xml": return "application/xml"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        default: return "application/octet-stream"
        }
    }
}

/// Form fields sent with a dataset file.
public struct DatasetUploadOptions: Sendable {
    public var encoding: String = "utf-8"
    /// Let MDH infer types/columns dynamically (servers disagree on the default, so it is sent only when set).
    public var dynamic: Bool? = nil
    /// CSV options.
    public var fieldDelimiter: String? = nil
    public var quoteCharacter: String? = nil
    /// Further fields, sent as they are.
    public var extraFields: [(String, String)] = []

    public init(encoding: String = "utf-8", dynamic: Bool? = nil, fieldDelimiter: String? = nil) {
        self.encoding = encoding
        self.dynamic = dynamic
        self.fieldDelimiter = fieldDelimiter
    }

    func apply(to form: inout MultipartForm) {
        form.addField("encoding", encoding)
        if let dynamic { form.addField("dynamic", dynamic ? "true" : "false") }
        if let fieldDelimiter { form.addField("field_delimiter", fieldDelimiter) }
        if let quoteCharacter { form.addField("quotechar", quoteCharacter) }
        for (name, value) in extraFields { form.addField(name, value) }
    }
}
