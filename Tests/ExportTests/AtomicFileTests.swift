import Foundation
import Ledger
import Testing

@testable import Export

@Suite("Atomic writes keep the cause of a failure")
struct AtomicFileTests {
  @Test("a write into a missing folder fails with ENOENT, naming the file")
  func missingFolderKeepsErrno() {
    let path = FileManager.default.temporaryDirectory
      .appendingPathComponent("tenterhooks-absent-\(UUID().uuidString)/out.ics").path
    #expect {
      try AtomicFile.write(Array("x".utf8), to: path)
    } throws: { error in
      guard let error = error as? WriteError else { return false }
      return error.code == .noSuchFile && error.path == path
        && error.description.hasPrefix("cannot write '\(path)': No such file or directory")
    }
  }

  @Test("a folder as the output is refused without touching it")
  func folderIsRefused() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tenterhooks-folder-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(throws: WriteError.self) { try AtomicFile.write(Array("x".utf8), to: folder.path) }
    var isFolder: ObjCBool = false
    #expect(FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder))
    #expect(isFolder.boolValue)
  }

  @Test("a symbolic link loop is ELOOP, not a hang")
  func linkLoops() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
      "tenterhooks-loop-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let a = folder.appendingPathComponent("a").path
    let b = folder.appendingPathComponent("b").path
    try FileManager.default.createSymbolicLink(atPath: a, withDestinationPath: b)
    try FileManager.default.createSymbolicLink(atPath: b, withDestinationPath: a)
    #expect {
      try AtomicFile.write(Array("x".utf8), to: a)
    } throws: { ($0 as? WriteError)?.code == .tooManyLinks }
  }
}
