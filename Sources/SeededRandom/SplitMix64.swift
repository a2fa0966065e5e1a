/// SplitMix64: a small seeded generator, so generated ledgers, mutation tests and fault
/// schedules are the same on every run and a failing one can be replayed. For tests and the
/// benchmark only; nothing in the product depends on it.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  package var state: UInt64

  /// A generator that always produces the same sequence for the same seed.
  package init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
