import Testing
@testable import RossumSandbox

/// The query matcher, projection and sort, on documents built from JSON text.
@Suite struct DataHubQueryTests {
    static func document(_ json: String) throws -> Document {
        guard case .object(let document) = try DocumentJSONParser.parse(json) else { throw QueryError("not an object") }
        return document
    }

    static let records: [Document] = [
        #"{"_id":{"$oid":"6740a1c00000000000000001"},"name":"Dvořák s.r.o.","amount":10,"tags":["cz","metal"],"address":{"city":"Brno"}}"#,
        #"{"_id":{"$oid":"6740a1c00000000000000002"},"name":"Müller GmbH","amount":25.5,"tags":["de"],"address":{"city":"Köln"}}"#,
        #"{"_id":{"$oid":"6740a1c00000000000000003"},"name":"山田商事株式会社","amount":"n/a","address":{"city":"東京"},"lines":[{"sku":"A","qty":2},{"sku":"B","qty":5}]}"#,
        #"{"_id":{"$oid":"6740a1c00000000000000004"},"name":"acme ltd","amount":null}"#,
    ].map { try! document($0) }

    func names(_ query: String) throws -> [String] {
        let filter = try QueryFilter(try Self.document(query))
        return try Self.records.filter { try filter.matches($0) }.compactMap { $0["name"]?.stringValue }
    }

    @Test func equalityAndDottedPaths() throws {
        #expect(try names(#"{"name":"Müller GmbH"}"#) == ["Müller GmbH"])
        #expect(try names(#"{"address.city":"東京"}"#) == ["山田商事株式会社"])
        #expect(try names(#"{"tags":"cz"}"#) == ["Dvořák s.r.o."])
        #expect(try names(#"{"lines.sku":"B"}"#) == ["山田商事株式会社"])
        #expect(try names(#"{"amount":10.0}"#) == ["Dvořák s.r.o."])
        #expect(try names(#"{"amount":null}"#) == ["acme ltd"])
        #expect(try names(#"{"tags":null}"#) == ["山田商事株式会社", "acme ltd"])
    }

    @Test func comparisonOperatorsStayWithinTheirType() throws {
        #expect(try names(#"{"amount":{"$gt":5}}"#) == ["Dvořák s.r.o.", "Müller GmbH"])
        #expect(try names(#"{"amount":{"$gte":10,"$lt":20}}"#) == ["Dvořák s.r.o."])
        #expect(try names(#"{"amount":{"$lte":25.5}}"#) == ["Dvořák s.r.o.", "Müller GmbH"])
        #expect(try names(#"{"name":{"$gt":"b"}}"#) == ["山田商事株式会社"])
    }

    @Test func setOperatorsAndNegations() throws {
        #expect(try names(#"{"tags":{"$in":["de","xx"]}}"#) == ["Müller GmbH"])
        #expect(try names(#"{"tags":{"$nin":["de"]}}"#) == ["Dvořák s.r.o.", "山田商事株式会社", "acme ltd"])
        #expect(try names(#"{"amount":{"$ne":10}}"#) == ["Müller GmbH", "山田商事株式会社", "acme ltd"])
        #expect(try names(#"{"tags":{"$exists":true}}"#) == ["Dvořák s.r.o.", "Müller GmbH"])
        #expect(try names(#"{"tags":{"$exists":false}}"#) == ["山田商事株式会社", "acme ltd"])
        #expect(try names(#"{"tags":{"$size":2}}"#) == ["Dvořák s.r.o."])
        #expect(try names(#"{"lines":{"$elemMatch":{"sku":"B","qty":{"$gt":4}}}}"#) == ["山田商事株式会社"])
        #expect(try names(#"{"amount":{"$not":{"$gt":5}}}"#) == ["山田商事株式会社", "acme ltd"])
    }

    @Test func regexWithCaseInsensitiveOption() throws {
        #expect(try names(#"{"name":{"$regex":"^ACME"}}"#) == [])
        #expect(try names(#"{"name":{"$regex":"^ACME","$options":"i"}}"#) == ["acme ltd"])
        #expect(try names(#"{"name":{"$regex":"gmbh$","$options":"i"}}"#) == ["Müller GmbH"])
    }

    @Test func logicalOperators() throws {
        #expect(try names(#"{"$or":[{"amount":10},{"address.city":"Köln"}]}"#) == ["Dvořák s.r.o.", "Müller GmbH"])
        #expect(try names(#"{"$and":[{"amount":{"$exists":true}},{"amount":{"$ne":null}},{"amount":{"$lt":20}}]}"#) == ["Dvořák s.r.o."])
        #expect(try names(#"{"$nor":[{"amount":10},{"amount":null}]}"#) == ["Müller GmbH", "山田商事株式会社"])
    }

    @Test func objectIdComparisons() throws {
        #expect(try names(#"{"_id":{"$gt":{"$oid":"6740a1c00000000000000002"}}}"#) == ["山田商事株式会社", "acme ltd"])
        #expect(try names(#"{"_id":"6740a1c00000000000000001"}"#) == ["Dvořák s.r.o."])
    }

    @Test(arguments: [#"{"a":{"$foo":1}}"#, #"{"$where":"x"}"#, #"{"a":{"$in":5}}"#, #"{"$or":[]}"#, #"{"a":{"$regex":"("}}"#])
    func rejectsBadQueries(_ query: String) throws {
        let document = try Self.document(query)
        #expect(throws: QueryError.self) { try QueryFilter(document) }
    }

    @Test func inclusionProjectionKeepsIdUnlessExcluded() throws {
        let projection = try #require(try Projection.compile(try Self.document(#"{"name":1,"address.city":1}"#)))
        #expect(DocumentJSONWriter.string(projection.apply(to: Self.records[0]))
            == #"{"_id":{"$oid":"6740a1c00000000000000001"},"name":"Dvořák s.r.o.","address":{"city":"Brno"}}"#)
        let withoutID = try #require(try Projection.compile(try Self.document(#"{"name":1,"_id":0}"#)))
        #expect(DocumentJSONWriter.string(withoutID.apply(to: Self.records[1])) == #"{"name":"Müller GmbH"}"#)
        let lines = try #require(try Projection.compile(try Self.document(#"{"lines.qty":1,"_id":false}"#)))
        #expect(DocumentJSONWriter.string(lines.apply(to: Self.records[2])) == #"{"lines":[{"qty":2},{"qty":5}]}"#)
    }

    @Test func exclusionProjection() throws {
        let projection = try #require(try Projection.compile(try Self.document(#"{"tags":0,"address.city":0,"_id":0}"#)))
        #expect(DocumentJSONWriter.string(projection.apply(to: Self.records[0])) == #"{"name":"Dvořák s.r.o.","amount":10,"address":{}}"#)
        #expect(throws: QueryError.self) { try Projection.compile(try Self.document(#"{"a":1,"b":0}"#)) }
    }

    @Test func sortUsesMongoTypeOrderAndSeveralKeys() throws {
        let sort = try #require(try SortSpecification.compile(try Self.document(#"{"amount":1}"#)))
        #expect(sort.sorted(Self.records).compactMap { $0["name"]?.stringValue }
            == ["acme ltd", "Dvořák s.r.o.", "Müller GmbH", "山田商事株式会社"])
        let descending = try #require(try SortSpecification.compile(try Self.document(#"{"amount":-1}"#)))
        #expect(descending.sorted(Self.records).compactMap { $0["name"]?.stringValue }
            == ["山田商事株式会社", "Müller GmbH", "Dvořák s.r.o.", "acme ltd"])
        let rows = try [#"{"k":"b","n":1}"#, #"{"k":"a","n":2}"#, #"{"k":"b","n":3}"#, #"{"n":4}"#].map(Self.document)
        let twoKeys = try #require(try SortSpecification.compile(try Self.document(#"{"k":-1,"n":-1}"#)))
        #expect(twoKeys.sorted(rows).compactMap { $0["n"]?.doubleValue } == [3, 1, 2, 4])
    }

    @Test func updateOperators() throws {
        let update = try UpdateSpecification(.object(try Self.document(#"{"$set":{"address.zip":"602 00","name":"X"},"$unset":{"tags":""},"$inc":{"amount":5}}"#)))
        let updated = try update.apply(to: Self.records[0])
        #expect(DocumentJSONWriter.string(updated)
            == #"{"_id":{"$oid":"6740a1c00000000000000001"},"name":"X","amount":15,"address":{"city":"Brno","zip":"602 00"}}"#)
        #expect(throws: QueryError.self) { try UpdateSpecification(.object(try Self.document(#"{"name":"replacement"}"#))) }
        #expect(throws: QueryError.self) { try UpdateSpecification(.object(try Self.document(#"{"$set":{"_id":1}}"#))) }
    }
}
