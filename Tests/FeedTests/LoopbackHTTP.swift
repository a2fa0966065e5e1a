import Feed
import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A server started for one test on a free loopback port.
struct RunningServer {
  var port: Int
  var task: Task<Void, Error>

  /// Starts `server` and waits (bounded) until it listens.
  static func start(_ server: FeedServer) async throws -> RunningServer {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let task = Task {
      defer { continuation.finish() }
      try await server.run { continuation.yield($0) }
    }
    let port: Int? = try await bounded(hangGuard, "the server to listen") { () async -> Int? in
      for await port in ports { return port }
      return nil
    }
    guard let port else {
      _ = try await task.value
      throw TimedOut(what: "the server stopped before listening")
    }
    return RunningServer(port: port, task: task)
  }

  /// Stops the server and waits (bounded) until it has shut down.
  func stop() async throws {
    task.cancel()
    let task = self.task
    _ = try await bounded(hangGuard, "the server to stop") { try await task.value }
  }

  /// Sends one request over loopback.
  func request(
    _ path: String, method: String = "GET", headers: [(String, String)] = []
  ) async throws -> HTTPExchange {
    try await LoopbackHTTP.send(port: port, method: method, path: path, headers: headers)
  }
}

/// A response, as it came over the wire or from the responder in process.
struct HTTPExchange: Sendable {
  var status: Int
  var headers: [(name: String, value: String)]
  var body: [UInt8]

  /// The first header of that name (case-insensitive).
  func header(_ name: String) -> String? {
    headers.first { $0.name.lowercased() == name.lowercased() }?.value
  }
}

/// A deliberately tiny HTTP/1.1 client over a blocking socket to 127.0.0.1, so tests can send
/// paths exactly as written (`..`, `%2e`), which URL-based clients normalise away. It runs on
/// a thread of its own (not the Swift concurrency pool) with socket timeouts of `hangGuard`.
enum LoopbackHTTP {
  static func send(
    port: Int, method: String, path: String, headers: [(String, String)]
  ) async throws -> HTTPExchange {
    var request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n"
    for (name, value) in headers { request += "\(name): \(value)\r\n" }
    request += "\r\n"
    let bytes = Array(request.utf8)
    let raw = try await withCheckedThrowingContinuation {
      (continuation: CheckedContinuation<[UInt8], Error>) in
      // A thread of its own: on Linux, Dispatch's global queues share threads with the
      // Swift concurrency pool, which a blocking socket would starve.
      let thread = Thread {
        continuation.resume(with: Result { try exchange(port: port, request: bytes) })
      }
      thread.start()
    }
    return try parse(raw)
  }

  struct SocketError: Error {
    var step: String
    var code: Int32
  }

  private static func exchange(port: Int, request: [UInt8]) throws -> [UInt8] {
    #if canImport(Glibc)
      let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    #else
      let fd = socket(AF_INET, SOCK_STREAM, 0)
    #endif
    guard fd >= 0 else { throw SocketError(step: "socket", code: errno) }
    defer { close(fd) }
    var timeout = timeval(tv_sec: Int(hangGuard), tv_usec: 0)
    let size = socklen_t(MemoryLayout<timeval>.size)
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, size)
    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, size)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard connected == 0 else { throw SocketError(step: "connect", code: errno) }
    var sent = 0
    while sent < request.count {
      let n = request[sent...].withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, 0) }
      guard n > 0 else { throw SocketError(step: "send", code: errno) }
      sent += n
    }
    var response: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 16_384)
    while true {
      let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
      if n == 0 { break }
      guard n > 0 else { throw SocketError(step: "recv", code: errno) }
      response += buffer[..<n]
      guard response.count < 10_000_000 else { break }
    }
    return response
  }

  private static func parse(_ raw: [UInt8]) throws -> HTTPExchange {
    let separator: [UInt8] = Array("\r\n\r\n".utf8)
    guard let end = raw.firstRange(of: separator) else {
      throw SocketError(step: "parse: no end of headers in \(raw.count) bytes", code: 0)
    }
    let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self)
    var lines = head.components(separatedBy: "\r\n")
    let statusLine = lines.removeFirst().split(separator: " ")
    guard statusLine.count >= 2, let status = Int(statusLine[1]) else {
      throw SocketError(step: "parse: status line", code: 0)
    }
    let headers = lines.compactMap { line -> (name: String, value: String)? in
      guard let colon = line.firstIndex(of: ":") else { return nil }
      return (
        String(line[..<colon]),
        line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
      )
    }
    return HTTPExchange(status: status, headers: headers, body: Array(raw[end.upperBound...]))
  }
}

#if canImport(Glibc)
  private let systemSend = Glibc.send
#else
  private let systemSend = Darwin.send
#endif
