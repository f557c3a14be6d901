import GRDB
import Hummingbird

extension PageRequest {
    /// One page of a list whose query gives its total and its ids in order: the served objects
    /// (`served` may return them in any order; they are put back in the ids' order).
    func page(
        _ db: Database, request: Request, total count: (Database) throws -> Int,
        ids: (Database, _ limit: Int, _ offset: Int) throws -> [Int], served: (Database, [Int]) throws -> [JSONValue]
    ) throws -> JSONValue {
        let total = try count(db)
        try validate(total: total)
        let pageIDs = try ids(db, pageSize, offset)
        let byID = Dictionary(try served(db, pageIDs).map { ($0["id"]?.intValue ?? 0, $0) }, uniquingKeysWith: { first, _ in first })
        return envelope(results: pageIDs.compactMap { byID[$0] }, total: total, request: request)
    }
}
