import Foundation

/// A peer program is either ready to run or skipped with the reason printed in its row.
enum PeerAvailability: Sendable {
    case ready(executable: String)
    case skipped(String)
}

/// The official Python SDK in a virtual environment the bench owns.
enum PythonPeer {
    static let sdkVersion = "3.17.0"
    static let side = "Python SDK \(sdkVersion)"

    static func prepare(_ plan: BenchPlan) async -> PeerAvailability {
        guard plan.usePython else { return .skipped("skipped: Python peer turned off") }
        let python = plan.venvDirectory + "/bin/python"
        if await hasSDK(python) { return .ready(executable: python) }
        guard plan.installPeers else { return .skipped("skipped: rossum-api \(sdkVersion) not installed in \(plan.venvDirectory)") }
        let system = ProcessInfo.processInfo.environment["PYTHON"] ?? "python3"
        if !FileManager.default.fileExists(atPath: python) {
            do { _ = try await ChildProcess.run(system, ["-m", "venv", plan.venvDirectory]) } catch {
                return .skipped("skipped: cannot create a Python venv (\(error))")
            }
        }
        do {
            _ = try await ChildProcess.run(plan.venvDirectory + "/bin/pip", ["install", "--quiet", "rossum-api==\(sdkVersion)"])
        } catch {
            return .skipped("skipped: pip could not install rossum-api==\(sdkVersion) (\(error))")
        }
        return await hasSDK(python) ? .ready(executable: python) : .skipped("skipped: rossum-api \(sdkVersion) did not import after install")
    }

    private static func hasSDK(_ python: String) async -> Bool {
        guard FileManager.default.isExecutableFile(atPath: python) else { return false }
        let check = "import importlib.metadata as m, sys; import rossum_api; sys.exit(0 if m.version('rossum-api') == '\(sdkVersion)' else 1)"
        return (try? await ChildProcess.run(python, ["-c", check])) != nil
    }
}

/// The machine's `node`, running our copy of the guide's download script.
enum NodePeer {
    static let side = "Node.js script (guide)"

    static func prepare(_ plan: BenchPlan) async -> PeerAvailability {
        guard plan.useNode else { return .skipped("skipped: Node.js peer turned off") }
        guard let version = try? await ChildProcess.run("node", ["--version"]) else {
            return .skipped("skipped: node is not installed")
        }
        let major = Int(version.standardOutput.dropFirst().split(separator: ".").first ?? "") ?? 0
        // The script uses the global fetch, there since Node.js 18.
        guard major >= 18 else { return .skipped("skipped: node \(version.standardOutput.trimmedText) has no fetch (18+ needed)") }
        return .ready(executable: "node")
    }
}

extension String {
    var trimmedText: String { trimmingCharacters(in: .whitespacesAndNewlines) }
}
