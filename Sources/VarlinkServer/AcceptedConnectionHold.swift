import NIOCore

/// Holds what arrives on an accepted connection until a serving task takes it over.
///
/// Reading is paused at accept, but a peer that shuts down its side (`shutdown(SHUT_WR)`) right
/// after sending makes NIO read the socket anyway, to learn of the end of input. Without this
/// handler those bytes, and the end-of-input event, would reach the end of the pipeline before
/// the `NIOAsyncChannel` handler is added and be dropped: the calls would go unanswered and the
/// connection would never finish. Removing the hold passes everything on, in order.
final class AcceptedConnectionHold: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private enum Held {
        case read(NIOAny)
        case event(Any)
    }

    private var held: [Held] = []

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        held.append(.read(data))
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        held.append(.event(event))
    }

    func removeHandler(context: ChannelHandlerContext, removalToken: ChannelHandlerContext.RemovalToken) {
        let released = held
        held = []
        for item in released {
            switch item {
            case let .read(data): context.fireChannelRead(data)
            case let .event(event): context.fireUserInboundEventTriggered(event)
            }
        }
        if !released.isEmpty { context.fireChannelReadComplete() }
        context.leavePipeline(removalToken: removalToken)
    }
}
