import Foundation
import NIOCore
import Testing
@testable import RossumKit

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(attempts: 3, backoffFactor: 1, maxJitter: 1, maxRetryAfter: .seconds(60))

    @Test func idempotentRequestsRetryTheSDKStatuses() {
        for status in [408, 429, 500, 502, 503, 504] {
            #expect(policy.shouldRetry(status: status, idempotent: true))
        }
        for status in [400, 401, 403, 404, 409, 413, 501] {
            #expect(!policy.shouldRetry(status: status, idempotent: true))
        }
    }

    /// An empty 400 that closes the connection is the HTTP layer's, not the API's: a read is
    /// asked again; a write, or a 400 that explains itself, is not.
    @Test func aFramingRefusalIsRetriedForReadsOnly() {
        #expect(policy.shouldRetry(framingRefusal: 400, body: ByteBuffer(), closes: true, idempotent: true))
        #expect(!policy.shouldRetry(framingRefusal: 400, body: ByteBuffer(), closes: true, idempotent: false))
        #expect(!policy.shouldRetry(framingRefusal: 400, body: ByteBuffer(string: #"{"detail": "bad filter"}"#), closes: true, idempotent: true))
        #expect(!policy.shouldRetry(framingRefusal: 400, body: ByteBuffer(), closes: false, idempotent: true))
        #expect(!policy.shouldRetry(framingRefusal: 404, body: ByteBuffer(), closes: true, idempotent: true))
    }

    @Test func nonIdempotentRequestsRetryOnlyWhatWasNotApplied() {
        #expect(policy.shouldRetry(status: 429, idempotent: false))
        #expect(policy.shouldRetry(status: 503, idempotent: false))
        for status in [408, 500, 502, 504] {
            #expect(!policy.shouldRetry(status: status, idempotent: false))
        }
        #expect(policy.shouldRetry(TransportFailure(phase: .beforeSending, isTimeout: false, reason: "refused"), idempotent: false))
        #expect(!policy.shouldRetry(TransportFailure(phase: .unknown, isTimeout: true, reason: "read timeout"), idempotent: false))
        #expect(policy.shouldRetry(TransportFailure(phase: .unknown, isTimeout: true, reason: "read timeout"), idempotent: true))
    }

    @Test func backoffDoublesAndAddsJitter() {
        #expect(policy.backoff(afterAttempt: 1, random: 0) == .seconds(1))
        #expect(policy.backoff(afterAttempt: 2, random: 0) == .seconds(2))
        #expect(policy.backoff(afterAttempt: 3, random: 0.5) == .milliseconds(4500))
        let noWait = RetryPolicy(attempts: 3, backoffFactor: 0, maxJitter: 0, maxRetryAfter: .seconds(1))
        #expect(noWait.backoff(afterAttempt: 5, random: 0.9) == .zero)
    }

    @Test func backoffIsCapped() {
        let capped = RetryPolicy(backoffFactor: 1, maxBackoff: .seconds(10), maxJitter: 1, maxRetryAfter: .seconds(60))
        #expect(capped.backoff(afterAttempt: 4, random: 0) == .seconds(8))
        #expect(capped.backoff(afterAttempt: 5, random: 0) == .seconds(10))
        #expect(capped.backoff(afterAttempt: 500, random: 0.5) == .milliseconds(10_500))
    }

    @Test func anotherAttemptMustFitTheBudgetAndTheCap() {
        let budgeted = RetryPolicy(budget: .seconds(120), backoffFactor: 1, maxJitter: 1, maxRetryAfter: .seconds(60))
        #expect(budgeted.allowsAttempt(after: 40, spent: .seconds(100), delay: .seconds(10)))
        #expect(!budgeted.allowsAttempt(after: 2, spent: .seconds(115), delay: .seconds(10)))
        #expect(!budgeted.allowsAttempt(after: 1, spent: .zero, delay: .seconds(120)))
        let none = RetryPolicy(budget: .zero, backoffFactor: 1, maxJitter: 1, maxRetryAfter: .seconds(60))
        #expect(!none.allowsAttempt(after: 1, spent: .zero, delay: .zero))
        // a cap, when given, ends retries however much budget is left
        #expect(policy.allowsAttempt(after: 2, spent: .zero, delay: .seconds(1)))
        #expect(!policy.allowsAttempt(after: 3, spent: .zero, delay: .seconds(1)))
    }

    @Test func unreadableAnswersAreRetriedOnlyForRequestsThatMayRunTwice() {
        let cut = RossumError.decoding(type: "Workspace", path: "", reason: "not valid JSON", snippet: "{\"id\": 1,")
        #expect(policy.shouldRetry(unreadableAnswer: cut, idempotent: true))
        #expect(!policy.shouldRetry(unreadableAnswer: cut, idempotent: false))
        #expect(!policy.shouldRetry(unreadableAnswer: .failed(what: "Data Storage data/find", detail: "bad query"), idempotent: true))
    }

    @Test func retryAfterSecondsAndHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_445_412_470)  // Wed, 21 Oct 2015 07:27:50 GMT
        #expect(RetryPolicy.parseRetryAfter("7", now: now) == .seconds(7))
        #expect(RetryPolicy.parseRetryAfter(" 0.5 ", now: now) == .milliseconds(500))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT", now: now) == .seconds(10))
        #expect(RetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:00:00 GMT", now: now) == .zero)
        #expect(RetryPolicy.parseRetryAfter("soon", now: now) == nil)
    }

    @Test func retryAfterIsCappedAndPreferredOverBackoff() {
        let now = Date()
        #expect(policy.delay(afterAttempt: 1, retryAfter: "3", now: now, random: 0.9) == .seconds(3))
        #expect(policy.delay(afterAttempt: 1, retryAfter: "86400", now: now, random: 0) == .seconds(60))
        #expect(policy.delay(afterAttempt: 2, retryAfter: nil, now: now, random: 0) == .seconds(2))
        #expect(policy.delay(afterAttempt: 2, retryAfter: "garbage", now: now, random: 0) == .seconds(2))
    }
}
