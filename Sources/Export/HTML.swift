/// A small HTML builder in which text can only enter escaped.
///
/// Ledger text is the user's own, but it is still text, not markup: a company called
/// `<script>` must show as those characters. Every string given to `text` or as an attribute
/// value is escaped; element and attribute names, and the few trusted fragments (`trusted`),
/// are `StaticString`s written in this module, so no value from a ledger can become markup.
package struct HTML: Sendable, Hashable {
  /// The markup, ready to write.
  package private(set) var rendered: String

  private init(rendered: String) { self.rendered = rendered }

  /// Text, escaped for element content.
  package static func text(_ text: String) -> HTML { HTML(rendered: escape(text)) }

  /// A fragment written in this module (a style sheet, an entity): never ledger text.
  package static func trusted(_ fragment: StaticString) -> HTML {
    HTML(rendered: fragment.description)
  }

  /// Nothing.
  package static let empty = HTML(rendered: "")

  /// An element with attributes (values escaped; `nil` values left out) and children.
  package static func element(
    _ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:],
    _ children: [HTML] = []
  ) -> HTML {
    var markup = "<\(name)"
    for (key, value) in attributes {
      guard let value else { continue }
      markup += " \(key)=\"\(escape(value))\""
    }
    markup += ">"
    if voidElements.contains(name.description) { return HTML(rendered: markup) }
    for child in children { markup += child.rendered }
    return HTML(rendered: markup + "</\(name)>")
  }

  /// An element holding text only.
  package static func element(
    _ name: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:], text: String
  ) -> HTML {
    element(name, attributes, [.text(text)])
  }

  /// The children one after another.
  package static func join(_ parts: [HTML]) -> HTML {
    HTML(rendered: parts.map(\.rendered).joined())
  }

  /// A whole document: the doctype, then `root`.
  package static func document(_ root: HTML) -> String {
    "<!DOCTYPE html>\n" + root.rendered + "\n"
  }

  /// `text` with `&`, `<`, `>`, `"` and `'` replaced by character references, so it is safe
  /// in element content and in quoted attribute values alike. Control characters other than
  /// tab and newline (not allowed in HTML) become U+FFFD.
  package static func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\t", "\n": result.unicodeScalars.append(scalar)
      default:
        if scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) {
          result += "\u{FFFD}"
        } else {
          result.unicodeScalars.append(scalar)
        }
      }
    }
    return result
  }

  private static let voidElements: Set<String> = ["meta", "br", "hr", "img", "link"]
}
