import NIOCore

/// Closes a connection whose peer starts a message and does not finish it in time.
///
/// A half-sent message holds a buffer and a connection slot; a peer that sends one byte a minute
/// would hold them forever. The clock starts when a message begins and stops at its NUL, so a
/// well-behaved client that simply stays connected between calls is never cut off.
final class StalledRequestHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let timeout: TimeAmount
    private var deadline: Scheduled<Void>?

    init(timeout: TimeAmount) {
        self.timeout = timeout
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let buffer = unwrapInboundIn(data)
        // A chunk that ends in NUL leaves nothing pending; one that ends elsewhere leaves the
        // start of a message waiting for the rest.
        let pending = buffer.readableBytesView.last.map { $0 != 0 } ?? (deadline != nil)
        if pending, deadline == nil {
            let channel = context.channel
            deadline = context.eventLoop.scheduleTask(in: timeout) {
                channel.close(promise: nil)
            }
        } else if !pending {
            deadline?.cancel()
            deadline = nil
        }
        context.fireChannelRead(data)
    }

    func channelInactive(context: ChannelHandlerContext) {
        deadline?.cancel()
        deadline = nil
        context.fireChannelInactive()
    }
}
