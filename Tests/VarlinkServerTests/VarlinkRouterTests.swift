import Foundation
import VarlinkProtocol
@testable import VarlinkServer
import Testing

/// A tiny interface to route: Echo(text, times?) -> (text), and Fail(kind) that throws.
private struct EchoParameters: VarlinkParameters {
    var text: String
    var times: Int?
    enum CodingKeys: String, CodingKey, CaseIterable { case text, times }
}

private struct EchoReply: Codable, Sendable { var text: String }

private struct FailParameters: VarlinkParameters {
    var kind: String
    enum CodingKeys: String, CodingKey, CaseIterable { case kind }
}

private struct DomainFailure: Error {}

/// A reply that writes its own JSON, here on purpose unlike its Codable form, so that a test
/// can tell which of the two the router sent.
private struct SelfWrittenReply: Codable, Sendable, JSONWritable {
    var text: String
    var json: JSONValue { .object(["text": .string("written: " + text)]) }
}

private func makeRouter() -> VarlinkRouter {
    var router = VarlinkRouter(
        identity: .init(vendor: "v", product: "p", version: "1", url: "man:p(1)"),
        invalidRequest: { VarlinkError("org.example.Test.InvalidRequest", ["reason": .string($0)]) },
        mapError: { _, _ in VarlinkError("org.example.Test.Mapped") })
    router.addInterface(name: "org.example.Test", description: "interface org.example.Test\n")
    router.register("org.example.Test.Echo") { (p: EchoParameters) in
        EchoReply(text: String(repeating: p.text, count: p.times ?? 1))
    }
    router.register("org.example.Test.Written") { (p: EchoParameters) in SelfWrittenReply(text: p.text) }
    router.register("org.example.Test.Fail") { (p: FailParameters) -> EchoReply in
        if p.kind == "varlink" { throw VarlinkError("org.example.Test.Named", ["detail": .string("x")]) }
        throw DomainFailure()
    }
    return router
}

/// Sends one message through the router and parses the reply as a JSON object.
private func respond(_ message: String) async throws -> [String: Any]? {
    guard let data = await makeRouter().respond(to: Data(message.utf8)) else { return nil }
    return try JSONSerialization.jsonObject(with: data) as? [String: Any]
}

private func errorName(_ reply: [String: Any]?) -> String? { reply?["error"] as? String }
private func parameter(_ reply: [String: Any]?, _ key: String) -> String? {
    (reply?["parameters"] as? [String: Any])?[key] as? String
}

@Suite("Routing one Varlink message to one reply")
struct VarlinkRouterTests {
    @Test("a call reaches its handler and the reply carries its parameters")
    func call() async throws {
        let reply = try await respond(#"{"method":"org.example.Test.Echo","parameters":{"text":"ab","times":2}}"#)
        #expect(errorName(reply) == nil)
        #expect(parameter(reply, "text") == "abab")
    }

    @Test("a reply that writes its own JSON goes out as it writes it, not through its Codable form")
    func selfWritten() async throws {
        let reply = try await respond(#"{"method":"org.example.Test.Written","parameters":{"text":"ab"}}"#)
        #expect(errorName(reply) == nil)
        #expect(parameter(reply, "text") == "written: ab")
    }

    @Test("GetInfo lists every interface, org.varlink.service included")
    func getInfo() async throws {
        let reply = try await respond(#"{"method":"org.varlink.service.GetInfo"}"#)
        let parameters = try #require(reply?["parameters"] as? [String: Any])
        #expect(parameters["vendor"] as? String == "v")
        #expect(parameters["url"] as? String == "man:p(1)")
        #expect(parameters["interfaces"] as? [String] == ["org.example.Test", "org.varlink.service"])
    }

    @Test("GetInterfaceDescription returns the registered text, or InterfaceNotFound")
    func describe() async throws {
        let found = try await respond(#"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"org.example.Test"}}"#)
        #expect(parameter(found, "description") == "interface org.example.Test\n")
        let service = try await respond(#"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"org.varlink.service"}}"#)
        #expect(parameter(service, "description")?.contains("interface org.varlink.service") == true)
        let missing = try await respond(#"{"method":"org.varlink.service.GetInterfaceDescription","parameters":{"interface":"org.nope"}}"#)
        #expect(errorName(missing) == "org.varlink.service.InterfaceNotFound")
        #expect(parameter(missing, "interface") == "org.nope")
    }

    @Test("an unknown method of a known interface is MethodNotFound; of an unknown one, InterfaceNotFound")
    func unknownMethods() async throws {
        let method = try await respond(#"{"method":"org.example.Test.Nope"}"#)
        #expect(errorName(method) == "org.varlink.service.MethodNotFound")
        #expect(parameter(method, "method") == "org.example.Test.Nope")
        let interface = try await respond(#"{"method":"org.other.Thing.Nope"}"#)
        #expect(errorName(interface) == "org.varlink.service.InterfaceNotFound")
        #expect(parameter(interface, "interface") == "org.other.Thing")
    }

    @Test("parameter problems name the parameter", arguments: [
        (#"{"text":"a","timez":1}"#, "timez"),  // unknown field
        (#"{"times":1}"#, "text"),  // missing field
        (#"{"text":5}"#, "text"),  // wrong type
        (#"{"text":"a","times":"2"}"#, "times"),  // number as a string
        (#"{"text":"a","times":2.5}"#, "times"),  // fraction for an int
        (#"{"text":"a","times":1e300}"#, "times"),  // a double far beyond an int
        (#"{"text":"a","times":1e400}"#, "times"),  // beyond any double
        (#"{"text":"a","times":99999999999999999999}"#, "times"),  // beyond an int
        (#"{"text":null}"#, "text"),  // null for a required field
    ])
    func invalidParameters(parameters: String, expected: String) async throws {
        let reply = try await respond(#"{"method":"org.example.Test.Echo","parameters":"# + parameters + "}")
        #expect(errorName(reply) == "org.varlink.service.InvalidParameter")
        #expect(parameter(reply, "parameter") == expected)
    }

    @Test("messages that are not calls get the application's InvalidRequest", arguments: [
        ("not json", "not valid JSON"),
        (#"{"method": 5}"#, "not a Varlink call"),
        (#"["org.example.Test.Echo"]"#, "not a Varlink call"),
        (#"{"method":"org.example.Test.Echo","parameters":[1]}"#, "must be a JSON object"),
    ])
    func invalidRequests(message: String, reason: String) async throws {
        let reply = try await respond(message)
        #expect(errorName(reply) == "org.example.Test.InvalidRequest")
        #expect(parameter(reply, "reason")?.contains(reason) == true)
    }

    @Test("invalid UTF-8 is an InvalidRequest, not a crash")
    func invalidUTF8() async throws {
        var bytes = Data(#"{"method":"org.example.Test.Echo","parameters":{"text":""#.utf8)
        bytes.append(contentsOf: [0xFF, 0xFE])
        bytes.append(contentsOf: Data(#""}}"#.utf8))
        let data = try #require(await makeRouter().respond(to: bytes))
        let reply = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect(parameter(reply, "reason") == "the message is not valid UTF-8")
    }

    @Test("errors a handler throws: Varlink errors pass through, others go through mapError")
    func handlerErrors() async throws {
        let named = try await respond(#"{"method":"org.example.Test.Fail","parameters":{"kind":"varlink"}}"#)
        #expect(errorName(named) == "org.example.Test.Named")
        #expect(parameter(named, "detail") == "x")
        let mapped = try await respond(#"{"method":"org.example.Test.Fail","parameters":{"kind":"other"}}"#)
        #expect(errorName(mapped) == "org.example.Test.Mapped")
    }

    @Test("oneway calls run and get no reply, even when they fail")
    func oneway() async throws {
        #expect(try await respond(#"{"method":"org.example.Test.Echo","parameters":{"text":"a"},"oneway":true}"#) == nil)
        #expect(try await respond(#"{"method":"org.example.Test.Nope","oneway":true}"#) == nil)
    }

    @Test("unknown top-level fields are ignored; absent and null parameters mean none")
    func lenientEnvelope() async throws {
        let reply = try await respond(#"{"method":"org.varlink.service.GetInfo","future":1,"more":true}"#)
        #expect(errorName(reply) == nil)
        let null = try await respond(#"{"method":"org.varlink.service.GetInfo","parameters":null}"#)
        #expect(errorName(null) == nil)
        let missing = try await respond(#"{"method":"org.example.Test.Echo"}"#)
        #expect(parameter(missing, "parameter") == "text")
    }
}
