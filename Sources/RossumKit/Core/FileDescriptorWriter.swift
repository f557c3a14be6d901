import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore

/// Writes bytes to a file descriptor in full, straight from their buffers: a download page is
/// handed to write(2) as it came from the network, without being copied into `Data` first.
/// A failed write throws `POSIXError` with its errno, so a caller can tell a full disk from a
/// pipe whose reader went away (`EPIPE`, with SIGPIPE ignored).
public struct FileDescriptorWriter {
    public let descriptor: Int32
    public private(set) var bytesWritten = 0

    public init(_ handle: FileHandle) {
        descriptor = handle.fileDescriptor
    }

    public mutating func write(_ bytes: [UInt8]) throws {
        try bytes.withUnsafeBytes { try write($0) }
    }

    mutating func write(_ text: StaticString) throws {
        try write(UnsafeRawBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    mutating func write(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { try write($0) }
    }

    mutating func write(_ page: CopiedPage) throws {
        if page.needsSeparator { try write(",") }
        try write(page.chunk)
    }

    private mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard var pointer = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            #if canImport(Glibc)
            let written = Glibc.write(descriptor, pointer, remaining)
            #else
            let written = Darwin.write(descriptor, pointer, remaining)
            #endif
            if written < 0 {
                if errno == EINTR { continue }
                throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
            }
            pointer += written
            remaining -= written
            bytesWritten += written
        }
    }
}
