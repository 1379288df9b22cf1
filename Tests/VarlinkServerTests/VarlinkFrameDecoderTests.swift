import NIOCore
import NIOTestUtils
@testable import VarlinkServer
import Testing

@Suite("Splitting the byte stream into Varlink messages")
struct VarlinkFrameDecoderTests {
    @Test("NIO's verifier: whole, byte by byte, and in shuffled chunks, the same frames come out")
    func verifier() throws {
        func buffer(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
        try ByteToMessageDecoderVerifier.verifyDecoder(
            inputOutputPairs: [
                (buffer("{\"a\":1}\0"), [.message(buffer("{\"a\":1}"))]),
                (buffer("x\0y\0"), [.message(buffer("x")), .message(buffer("y"))]),
                (buffer("\0"), [.message(buffer(""))]),
            ],
            decoderFactory: { VarlinkFrameDecoder(maximumBytes: 64) })
    }

    @Test("a message of exactly the limit passes; one byte more is too large, once, then input is discarded")
    func sizeLimit() {
        var decoder = VarlinkFrameDecoder(maximumBytes: 8)
        var input = ByteBuffer(string: "12345678\0")
        #expect(decoder.nextFrame(&input) == .message(ByteBuffer(string: "12345678")))

        var tooLong = ByteBuffer(string: "123456789")
        #expect(decoder.nextFrame(&tooLong) == .tooLarge)
        #expect(tooLong.readableBytes == 0)
        var more = ByteBuffer(string: "more\0next\0")
        #expect(decoder.nextFrame(&more) == nil, "after an overflow nothing more is framed")
        #expect(more.readableBytes == 0)
    }

    @Test("an overlong message that does contain a NUL is still refused")
    func overlongTerminated() {
        var decoder = VarlinkFrameDecoder(maximumBytes: 4)
        var input = ByteBuffer(string: "123456\0")
        #expect(decoder.nextFrame(&input) == .tooLarge)
    }

    @Test("input arriving a byte at a time is framed once the NUL arrives, and never rescanned from the start")
    func dribble() {
        var decoder = VarlinkFrameDecoder(maximumBytes: 1024)
        var buffer = ByteBuffer()
        for byte in Array("hello".utf8) {
            buffer.writeInteger(byte)
            #expect(decoder.nextFrame(&buffer) == nil)
        }
        buffer.writeInteger(UInt8(0))
        #expect(decoder.nextFrame(&buffer) == .message(ByteBuffer(string: "hello")))
        #expect(decoder.nextFrame(&buffer) == nil)
    }
}

@Suite("Peer credentials")
struct PeerCredentialsTests {
    @Test("the restated struct ucred has the kernel's layout: three 32-bit fields")
    func layout() {
        #expect(MemoryLayout<KernelCredentials>.size == 12)
        #expect(MemoryLayout<KernelCredentials>.offset(of: \.uid) == 4)
        #expect(MemoryLayout<KernelCredentials>.offset(of: \.gid) == 8)
    }
}
