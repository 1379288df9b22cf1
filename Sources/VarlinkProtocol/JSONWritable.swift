/// A value that gives its JSON form itself: the one its `Encodable` conformance gives with
/// ``VarlinkJSON/encoder()``, as a ``JSONValue`` for ``JSONWriter``. letterd's router writes such
/// replies without Foundation's `JSONEncoder`, whose generic containers were a quarter of the
/// time letterd took to answer `letterctl due` with 80 prompts open (perf, `make bench`'s store).
public protocol JSONWritable {
    var json: JSONValue { get }
}

extension JSONValue {
    /// An object of the fields that have a value: what `Encodable`'s synthesized conformance
    /// writes, which leaves out a nil optional rather than writing `null`.
    public static func fields(_ fields: [(String, JSONValue?)]) -> JSONValue {
        var object: [String: JSONValue] = [:]
        for case let (name, value?) in fields { object[name] = value }
        return .object(object)
    }
}
