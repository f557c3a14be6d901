import Foundation
import RossumKit

/// What the command line says about the connection (the global options).
public struct ConnectionOverrides: Sendable, Equatable {
    public var profile: String?
    public var baseURL: String?
    public var allowInsecureHTTP: Bool

    public init(profile: String? = nil, baseURL: String? = nil, allowInsecureHTTP: Bool = false) {
        self.profile = profile
        self.baseURL = baseURL
        self.allowInsecureHTTP = allowInsecureHTTP
    }
}

/// How to authenticate, as resolved from flags, environment and profile.
public enum ConnectionCredentials: Sendable, Equatable {
    case token(String)
    case password(username: String, password: String)
    /// A username without a password: commands must ask for it (or fail in scripts).
    case usernameOnly(String)
    case none
}

/// The connection everything headless and the console use. Precedence: flags first
/// (`--base-url`); then, for a profile named with `--profile` (or the console's `:profile`),
/// that profile, the environment only filling what it leaves out, because the person asked
/// for that profile by name; otherwise (no profile named, or one chosen by `ROSSUM_PROFILE` or
/// `default_profile`) the environment (`ROSSUM_*`) before the profile in `config.yaml`.
public struct ConnectionSettings: Sendable, Equatable {
    public static let defaultProfileName = "default"

    public var profileName: String
    /// The API base including `/api/v1`, without a trailing slash.
    public var baseURL: String
    public var credentials: ConnectionCredentials
    public var readonly: Bool
    public var theme: String?
    public var pollIntervals: [String: Double]
    /// Console key bindings: the file's `keys:` with the profile's own over them, per action.
    public var keys: [String: [String]]
    /// Console `:` command aliases (the file's `aliases:`).
    public var aliases: [String: String]
    /// Clicks and the wheel in the console (the file's `mouse:`, on unless false).
    public var mouse: Bool
    /// Console plugins (the file's `plugins:`), checked by the console.
    public var plugins: [String: PluginConfig]

    public init(profileName: String, baseURL: String, credentials: ConnectionCredentials, readonly: Bool = false,
                theme: String? = nil, pollIntervals: [String: Double] = [:], keys: [String: [String]] = [:],
                aliases: [String: String] = [:], mouse: Bool = true, plugins: [String: PluginConfig] = [:]) {
        self.plugins = plugins
        self.aliases = aliases
        self.mouse = mouse
        self.profileName = profileName
        self.baseURL = baseURL
        self.credentials = credentials
        self.readonly = readonly
        self.theme = theme
        self.pollIntervals = pollIntervals
        self.keys = keys
    }

    /// Which profile the flags and environment select (whether or not it exists).
    public static func selectedProfileName(overrides: ConnectionOverrides, environment: [String: String],
                                           configuration: ProfileConfiguration) -> (name: String, explicit: Bool) {
        if let name = overrides.profile.nonEmpty { return (name, true) }
        if let name = environment["ROSSUM_PROFILE"].nonEmpty { return (name, true) }
        return (configuration.defaultProfile.nonEmpty ?? defaultProfileName, configuration.defaultProfile.nonEmpty != nil)
    }

    /// Resolves the settings, or says which setting is missing or unsafe.
    public static func resolve(overrides: ConnectionOverrides, environment: [String: String],
                               configuration: ProfileConfiguration) throws -> ConnectionSettings {
        let (name, explicit) = selectedProfileName(overrides: overrides, environment: environment, configuration: configuration)
        let profile: Profile
        if let found = configuration.profiles[name] {
            profile = found
        } else if explicit {
            let known = configuration.profiles.keys.sorted()
            throw CommandFailure(.config, "no profile named \"\(name)\"" +
                (known.isEmpty ? ": create one with `rossum-tui login --profile \(name)`" : " (known: \(known.joined(separator: ", ")))"))
        } else {
            profile = Profile()
        }
        // Named on the command line (or with `:profile`): the profile is what was asked for.
        let profileFirst = overrides.profile.nonEmpty != nil
        let environmentURL = environment["ROSSUM_BASE_URL"].nonEmpty
        let candidateURL = profileFirst ? profile.baseURL.nonEmpty ?? environmentURL : environmentURL ?? profile.baseURL.nonEmpty
        guard let rawURL = overrides.baseURL.nonEmpty ?? candidateURL else {
            throw CommandFailure(.config, "no API URL: pass --base-url, set ROSSUM_BASE_URL, or run `rossum-tui login`")
        }
        let baseURL = try validatedBaseURL(rawURL, allowInsecureHTTP: overrides.allowInsecureHTTP)

        let environmentPassword = environment["ROSSUM_PASSWORD"].nonEmpty
        let fromEnvironment: ConnectionCredentials
        if let token = environment["ROSSUM_TOKEN"].nonEmpty {
            fromEnvironment = .token(token)
        } else if let user = environment["ROSSUM_USERNAME"].nonEmpty {
            fromEnvironment = environmentPassword.map { .password(username: user, password: $0) } ?? .usernameOnly(user)
        } else {
            fromEnvironment = .none
        }
        let fromProfile: ConnectionCredentials
        if let token = profile.token.nonEmpty {
            fromProfile = .token(token)
        } else if let user = profile.username.nonEmpty {
            let password = profileFirst ? profile.password.nonEmpty ?? environmentPassword : environmentPassword ?? profile.password.nonEmpty
            fromProfile = password.map { .password(username: user, password: $0) } ?? .usernameOnly(user)
        } else {
            fromProfile = .none
        }
        let (first, second) = profileFirst ? (fromProfile, fromEnvironment) : (fromEnvironment, fromProfile)
        let credentials = first == .none ? second : first
        return ConnectionSettings(profileName: name, baseURL: baseURL, credentials: credentials,
                                  readonly: profile.readonly ?? false, theme: profile.theme,
                                  pollIntervals: profile.pollIntervals ?? [:],
                                  keys: (configuration.keys ?? [:]).merging(profile.keys ?? [:]) { _, own in own },
                                  aliases: configuration.aliases ?? [:], mouse: configuration.mouse ?? true,
                                  plugins: configuration.plugins ?? [:])
    }

    /// An http(s) URL with a host; plain http only to this machine unless explicitly allowed,
    /// because the token and password would cross the network in clear.
    public static func validatedBaseURL(_ raw: String, allowInsecureHTTP: Bool) throws -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespaces)
        guard let url = URL(string: trimmed), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              scheme == "http" || scheme == "https"
        else {
            throw CommandFailure(.config, "\"\(Redactor.removingURLCredentials(from: raw))\" is not an http(s) URL: use e.g. https://example.rossum.app/api/v1")
        }
        if scheme == "http", !allowInsecureHTTP, !LoopbackHost.contains(host) {
            throw CommandFailure(.config, "refusing plain http:// to \(host) (credentials would travel unencrypted): use https:// or pass --allow-insecure-http")
        }
        return trimmed.hasSuffix("/") ? String(trimmed.dropLast()) : trimmed
    }
}

extension Optional where Wrapped == String {
    /// nil for nil and for the empty string: an empty environment variable means "not set".
    var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        return value
    }
}
