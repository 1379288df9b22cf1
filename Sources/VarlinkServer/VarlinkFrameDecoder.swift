import NIOCore

/// What the framing layer hands up: a whole message, or the news that a message grew past the
/// limit (after which the connection is closed: the stream cannot be resynchronised safely).
public enum VarlinkFrame: Sendable, Equatable {
    case message(ByteBuffer)
    case tooLarge
}

/// Splits the byte stream on NUL, the Varlink message terminator.
///
/// Follows NIO's decoder contract: the reader index moves only past whole frames. It remembers
/// how far it has already looked for a NUL, so a message that arrives a byte at a time costs
/// linear, not quadratic, time. Unterminated input beyond `maximumBytes` yields `.tooLarge`
/// once and then discards everything, so memory stays bounded whatever the peer sends.
public struct VarlinkFrameDecoder: ByteToMessageDecoder {
    public typealias InboundOut = VarlinkFrame

    let maximumBytes: Int
    private var scanned = 0
    private var overflowed = false

    public init(maximumBytes: Int) {
        self.maximumBytes = maximumBytes
    }

    public mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let frame = nextFrame(&buffer) else { return .needMoreData }
        context.fireChannelRead(wrapInboundOut(frame))
        return overflowed ? .needMoreData : .continue
    }

    public mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        // Whole messages still buffered are delivered; a half-sent one at EOF is dropped.
        try decode(context: context, buffer: &buffer)
    }

    /// The framing itself, separate from NIO's callbacks so it can be tested byte by byte.
    mutating func nextFrame(_ buffer: inout ByteBuffer) -> VarlinkFrame? {
        if overflowed {
            buffer.moveReaderIndex(to: buffer.writerIndex)
            return nil
        }
        let view = buffer.readableBytesView
        let searchStart = view.startIndex + min(scanned, view.count)
        if let nul = view[searchStart...].firstIndex(of: 0) {
            let length = nul - view.startIndex
            scanned = 0
            if length > maximumBytes { return overflow(&buffer) }
            let message = buffer.readSlice(length: length)!
            buffer.moveReaderIndex(forwardBy: 1)
            return .message(message)
        }
        scanned = view.count
        if view.count > maximumBytes { return overflow(&buffer) }
        return nil
    }

    private mutating func overflow(_ buffer: inout ByteBuffer) -> VarlinkFrame {
        overflowed = true
        buffer.moveReaderIndex(to: buffer.writerIndex)
        return .tooLarge
    }
}
