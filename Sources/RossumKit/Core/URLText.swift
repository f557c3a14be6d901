import Foundation

/// URL strings: joining a base with a path, query encoding, ids in resource URLs, the services domain.
public enum URLText {
    /// `base` + `path`, unless `path` is already absolute (http/https), as URLs returned by the API are.
    public static func resolve(_ path: String, against base: String) -> String {
        if path.hasPrefix("http://") || path.hasPrefix("https://") { return path }
        let trimmedBase = base.hasSuffix("/") ? String(base.dropLast()) : base
        let trimmedPath = path.hasPrefix("/") ? String(path.dropFirst()) : path
        return trimmedBase + "/" + trimmedPath
    }

    /// Appends `query` to `url`, using `&` when the URL already has a query.
    public static func appendingQuery(_ query: QueryItems, to url: String) -> String {
        guard !query.isEmpty else { return url }
        return url + (url.contains("?") ? "&" : "?") + query.encoded
    }

    /// The numeric id at the end of a resource URL (`.../annotations/314528` -> 314528).
    /// Also finds the annotation id in a content URL (`.../annotations/1/content/19434`) when asked
    /// for the segment after `annotations`.
    public static func id(in url: String, after segment: String? = nil) -> Int? {
        let path = url.split(separator: "?", maxSplits: 1).first.map(String.init) ?? url
        let parts = path.split(separator: "/")
        if let segment {
            guard let index = parts.firstIndex(where: { $0 == segment }), index + 1 < parts.count else { return nil }
            return Int(parts[index + 1])
        }
        return parts.last.flatMap { Int($0) }
    }

    /// The app domain that hosts the services (`/svc/...`), derived from the API base URL:
    /// `https://x.rossum.app/api/v1` -> `https://x.rossum.app`; the two historic API hosts map to their app hosts.
    public static func servicesRoot(fromAPIBase base: String) -> String {
        var root = base.hasSuffix("/") ? String(base.dropLast()) : base
        for suffix in ["/api/v1", "/v1"] where root.hasSuffix(suffix) {
            root = String(root.dropLast(suffix.count))
            break
        }
        if root.hasSuffix("/api") { root = String(root.dropLast(4)) }
        root = root.replacingOccurrences(of: "://api.elis.rossum.ai", with: "://elis.rossum.ai")
        root = root.replacingOccurrences(of: "://us.api.rossum.ai", with: "://us.app.rossum.ai")
        return root
    }

    private static let unreservedQueryBytes: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~".utf8))

    static func percentEncodeQuery(_ text: String) -> String {
        percentEncode(text, keeping: unreservedQueryBytes)
    }

    /// Encodes a single path segment (a dataset or collection name with spaces or slashes).
    public static func percentEncodePathSegment(_ text: String) -> String {
        percentEncode(text, keeping: unreservedQueryBytes)
    }

    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func percentEncode(_ text: String, keeping allowed: Set<UInt8>) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if allowed.contains(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
