/// The version of letterd, shared by the daemon (GetInfo, GetStatus) and the client (--version).
public enum LetterdVersion {
    public static let current = "0.1.0"
}
