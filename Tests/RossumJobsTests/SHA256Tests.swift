import Foundation
import Testing
@testable import RossumJobs

@Suite struct SHA256Tests {
    @Test func knownVectors() {
        #expect(SHA256Digest.hexDigest(of: Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hexDigest(of: Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hexDigest(of: Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        // Lengths around the padding boundary (55, 56, 64 bytes) exercise the extra final block.
        #expect(SHA256Digest.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 55))
            == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318")
        #expect(SHA256Digest.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 56))
            == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a")
        #expect(SHA256Digest.hexDigest(of: [UInt8](repeating: UInt8(ascii: "a"), count: 64))
            == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb")
    }

    @Test func fileDigestMatchesInMemoryDigest() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let text = String(repeating: "supplier;", count: 20_000)
        let path = try directory.write("big.csv", text)
        #expect(try SHA256Digest.hexDigest(ofFileAt: path) == SHA256Digest.hexDigest(of: Array(text.utf8)))
    }
}
