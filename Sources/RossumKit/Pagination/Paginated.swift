import NIOCore

/// How a list is walked.
public enum PaginationStrategy: Sendable {
    /// Page 1 with `include_total=true`, then pages 2...N fetched ahead (up to the client's
    /// in-flight cap), yielded in page order. Falls back to `next` links when the server gives no
    /// page count.
    case pageNumbers
    /// Follow the `next` URL of each page, one request at a time.
    case cursor
}

/// Every object of a list, page after page, as an `AsyncSequence`.
///
/// Pages are fetched only as the consumer advances (at most the in-flight cap ahead of it), so
/// memory stays flat however long the list is. Abandoning the loop cancels the pages in flight.
public struct Paginated<Element: Sendable>: AsyncSequence, Sendable {
    public typealias Failure = any Error

    let client: RossumClient
    let firstRequest: APIRequest
    let strategy: PaginationStrategy
    let maxPages: Int?
    let decodePage: @Sendable (RossumClient, ByteBuffer) throws -> Page<Element>

    init(client: RossumClient, request: APIRequest, strategy: PaginationStrategy, maxPages: Int?,
         decodePage: @escaping @Sendable (RossumClient, ByteBuffer) throws -> Page<Element>) {
        self.client = client
        self.firstRequest = request
        self.strategy = strategy
        self.maxPages = maxPages
        self.decodePage = decodePage
    }

    /// Only the first page, with the totals (for a screen showing "1-100 of 4 312").
    public func firstPage() async throws -> Page<Element> {
        try await fetch(pageRequest(1))
    }

    /// One page by number, with the totals (page-number lists; for a screen that pages).
    public func page(_ number: Int) async throws -> Page<Element> {
        guard number >= 1 else { throw RossumError.configuration("pages are numbered from 1") }
        return try await fetch(pageRequest(number))
    }

    /// Collects the whole list into an array (convenient for short lists).
    public func collect() async throws -> [Element] {
        var all: [Element] = []
        for try await element in self { all.append(element) }
        return all
    }

    public func makeAsyncIterator() -> Iterator {
        Iterator(sequence: self)
    }

    func pageRequest(_ page: Int) -> APIRequest {
        var request = firstRequest
        if strategy == .pageNumbers {
            request.query.set("page", QueryValue(page))
            request.query.set("include_total", true)
        }
        return request
    }

    func followRequest(_ url: String) -> APIRequest {
        var request = firstRequest
        request.url = client.url(url)
        request.query = QueryItems()
        return request
    }

    @Sendable func fetch(_ request: APIRequest) async throws -> Page<Element> {
        try await client.send(request) { [client, decodePage] response in try decodePage(client, response.body) }
    }

    /// Holds the buffered page and the pages being fetched ahead; cancels them when dropped.
    public final class Iterator: AsyncIteratorProtocol {
        private let sequence: Paginated<Element>
        private var buffer: [Element] = []
        private var bufferIndex = 0
        private var started = false
        private var finished = false
        private var pagesFetched = 0
        // page-number mode
        private var lastPage = 1
        private var nextPageToYield = 2
        private var nextPageToLaunch = 2
        private var ahead: [Int: Task<Page<Element>, any Error>] = [:]
        // cursor mode
        private var followingCursor = false
        private var nextURL: String?

        init(sequence: Paginated<Element>) {
            self.sequence = sequence
        }

        deinit {
            for task in ahead.values { task.cancel() }
        }

        public func next() async throws -> Element? {
            while true {
                if bufferIndex < buffer.count {
                    defer { bufferIndex += 1 }
                    return buffer[bufferIndex]
                }
                if finished { return nil }
                do {
                    try await loadNextPage()
                } catch {
                    finished = true
                    for task in ahead.values { task.cancel() }
                    ahead.removeAll()
                    throw error
                }
            }
        }

        private var pageLimit: Int { sequence.maxPages ?? Int.max }

        private func loadNextPage() async throws {
            if !started {
                started = true
                let first = try await sequence.fetch(sequence.pageRequest(1))
                pagesFetched = 1
                take(first)
                if sequence.strategy == .pageNumbers, let totalPages = first.totalPages {
                    lastPage = Swift.min(totalPages, pageLimit)
                } else {
                    followingCursor = true
                    nextURL = first.next
                }
                if !followingCursor { launchAhead() }
                finishIfDone()
                return
            }
            if followingCursor {
                guard let url = nextURL, pagesFetched < pageLimit else { finished = true; return }
                let page = try await sequence.fetch(sequence.followRequest(url))
                pagesFetched += 1
                take(page)
                nextURL = page.next
                finishIfDone()
                return
            }
            guard nextPageToYield <= lastPage else { finished = true; return }
            launchAhead()
            let task = ahead.removeValue(forKey: nextPageToYield)!
            let page: Page<Element>
            do {
                page = try await withTaskCancellationHandler {
                    try await task.value
                } onCancel: {
                    task.cancel()
                }
            } catch let error as RossumError where error.status == 404 {
                // The list shrank while it was being read (objects deleted or moved): the
                // counted last page no longer exists. That is the end, not a failure.
                sequence.client.logger.debug("page \(nextPageToYield) vanished: the list got shorter while being read")
                finished = true
                return
            }
            nextPageToYield += 1
            pagesFetched += 1
            take(page)
            launchAhead()
            finishIfDone()
        }

        private func take(_ page: Page<Element>) {
            buffer = page.results
            bufferIndex = 0
        }

        /// No more pages to load (what is buffered is still handed out first).
        private func finishIfDone() {
            if followingCursor {
                if nextURL == nil || pagesFetched >= pageLimit { finished = true }
            } else if nextPageToYield > lastPage {
                finished = true
            }
        }

        /// Keeps up to the in-flight cap of pages requested ahead of the consumer.
        private func launchAhead() {
            let window = sequence.client.configuration.maxInFlightRequests
            while nextPageToLaunch <= lastPage, nextPageToLaunch < nextPageToYield + window {
                let request = sequence.pageRequest(nextPageToLaunch)
                let fetch = sequence.fetch
                ahead[nextPageToLaunch] = Task { try await fetch(request) }
                nextPageToLaunch += 1
            }
        }
    }
}
