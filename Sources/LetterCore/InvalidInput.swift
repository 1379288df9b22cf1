/// Input that breaks one of the domain's rules, naming the field at fault so that a client can
/// point at it (on the wire it becomes `org.varlink.service.InvalidParameter`).
public struct InvalidInput: Error, Equatable, Sendable, CustomStringConvertible {
    /// The field as it is named on the wire, e.g. `warmth`.
    public var parameter: String
    /// What is wrong, in a sentence a person can act on.
    public var reason: String

    public init(_ parameter: String, _ reason: String) {
        self.parameter = parameter
        self.reason = reason
    }

    public var description: String { "\(parameter): \(reason)" }
}
