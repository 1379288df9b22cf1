/// Writes a ``JSONValue`` as compact JSON text, with the standard library alone (see
/// ``JSONReader`` for why letterctl avoids Foundation's coders on its everyday path).
///
/// The text is what Foundation's JSONEncoder writes with `.sortedKeys` and
/// `.withoutEscapingSlashes` for the same value, byte for byte (JSONWriterTests): keys in
/// sorted order, `"` and `\` and control characters escaped, everything else as UTF-8, and
/// whole numbers as integers, as ``JSONValue``'s own encoding does.
public enum JSONWriter {
    /// A number JSON cannot hold (NaN or an infinity).
    public struct Failure: Error, Equatable, CustomStringConvertible {
        public let number: Double
        public var description: String { "JSON has no way to write the number \(number)" }
    }

    public static func write(_ value: JSONValue) throws(Failure) -> [UInt8] {
        var output: [UInt8] = []
        try write(value, into: &output)
        return output
    }

    public static func write(_ value: JSONValue, into output: inout [UInt8]) throws(Failure) {
        switch value {
        case .null: output.append(contentsOf: "null".utf8)
        case let .bool(flag): output.append(contentsOf: (flag ? "true" : "false").utf8)
        case let .integer(integer): output.append(contentsOf: String(integer).utf8)
        case let .number(number):
            guard number.isFinite else { throw Failure(number: number) }
            if let whole = JSONValue.wholeNumber(number) {
                output.append(contentsOf: String(whole).utf8)
            } else {
                output.append(contentsOf: number.description.utf8)
            }
        case let .string(text): writeString(text, into: &output)
        case let .array(elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                try write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case let .object(fields):
            output.append(UInt8(ascii: "{"))
            for (index, key) in fields.keys.sorted().enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                try write(fields[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private static func writeString(_ text: String, into output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): output.append(contentsOf: #"\\"#.utf8)
            case 0x0A: output.append(contentsOf: #"\n"#.utf8)
            case 0x0D: output.append(contentsOf: #"\r"#.utf8)
            case 0x09: output.append(contentsOf: #"\t"#.utf8)
            case 0x08: output.append(contentsOf: #"\b"#.utf8)
            case 0x0C: output.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                output.append(contentsOf: #"\u00"#.utf8)
                output.append(hexDigits[Int(byte >> 4)])
                output.append(hexDigits[Int(byte & 0xF)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}
