/// A row's length in tokens, from FTS5's table of row lengths (`%_docsize`): its `sz` column
/// holds one varint per indexed column, in SQLite's varint format (big-endian, seven bits a byte
/// with the high bit saying another byte follows; a ninth byte gives all eight bits). FTS5 reads
/// the same blob to answer `xColumnSize`; ``RankedMatches`` reads it in its own statement.
enum RowLength {
    /// The sum over every column; nil when the blob ends inside a varint or has more than
    /// `columns` of them.
    static func tokens(in sizes: UnsafeRawBufferPointer, columns: Int) -> Double? {
        var total: UInt64 = 0
        var offset = 0
        var seen = 0
        while offset < sizes.count {
            guard seen < columns, let (value, length) = varint(sizes, at: offset) else { return nil }
            total &+= value
            offset += length
            seen += 1
        }
        return Double(total)
    }

    /// One varint at `offset`: its value and its length in bytes.
    static func varint(_ bytes: UnsafeRawBufferPointer, at offset: Int) -> (value: UInt64, length: Int)? {
        var value: UInt64 = 0
        for index in 0..<9 {
            guard offset + index < bytes.count else { return nil }
            let byte = UInt64(bytes[offset + index])
            if index == 8 { return ((value << 8) | byte, 9) }
            value = (value << 7) | (byte & 0x7f)
            if byte & 0x80 == 0 { return (value, index + 1) }
        }
        return nil
    }
}
