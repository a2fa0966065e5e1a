/// "Did you mean …?" suggestions for misspelt words.
package enum Spelling {
  /// The Levenshtein distance between two strings, compared by Unicode scalar.
  static func distance(_ a: String, _ b: String) -> Int {
    let a = Array(a.unicodeScalars)
    let b = Array(b.unicodeScalars)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }

  /// The candidate closest to `word` (case-insensitively), if it is close enough to be a typo.
  package static func suggestion(for word: String, among candidates: [String]) -> String? {
    let lowered = word.lowercased()
    if let exact = candidates.first(where: { $0.lowercased() == lowered }) { return exact }
    // Allow one edit for short words, two for longer ones, a third of the word at most.
    let limit = max(1, min(3, lowered.unicodeScalars.count / 3))
    var best: (String, Int)?
    for candidate in candidates {
      let d = distance(lowered, candidate.lowercased())
      if d <= limit, d < (best?.1 ?? Int.max) { best = (candidate, d) }
    }
    return best?.0
  }

  /// `did you mean 'x'?`, or `nil`.
  package static func didYouMean(_ word: String, among candidates: [String]) -> String? {
    suggestion(for: word, among: candidates).map { "did you mean '\($0)'?" }
  }
}
