/// Deterministic "luck" of the demo: whether a hook fails on a document is decided by a hash
/// of what identifies the run (annotation id, hook id, attempt, ...), so the same seed and the
/// same actions always give the same failures, and a support person can reproduce one.
enum DemoFate {
    /// A number from 0 to 99 for `parts`.
    static func percent(_ parts: Int...) -> Int {
        Int(hash(parts) % 100)
    }

    static func hash(_ parts: [Int]) -> UInt64 {
        var state: UInt64 = 0x243F_6A88_85A3_08D3
        for part in parts {
            state ^= UInt64(bitPattern: Int64(part))
            state = mix(state)
        }
        return state
    }

    static func hash(_ text: String) -> Int {
        var value: UInt64 = 1_469_598_103_934_665_603
        for byte in text.utf8 { value = (value ^ UInt64(byte)) &* 1_099_511_628_211 }
        return Int(truncatingIfNeeded: value >> 1)
    }

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
