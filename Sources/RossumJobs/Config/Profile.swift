/// One named connection in `config.yaml`. Every field is optional so a profile may hold only
/// what differs from the environment (e.g. just `base_url`).
public struct Profile: Sendable, Equatable, Codable {
    /// The API base, including `/api/v1`.
    public var baseURL: String?
    public var token: String?
    public var username: String?
    /// Discouraged: prefer `rossum-tui login`, which stores a token instead.
    public var password: String?
    /// The console refuses every write action (confirm, delete, upload) with this profile.
    public var readonly: Bool?
    /// A theme name from the themes directory.
    public var theme: String?
    /// Seconds between refreshes per view: `tree`, `list`, `detail`, `monitor`, `datasets`
    /// (the keys the console reads), e.g. `list: 10`, `monitor: 2`.
    public var pollIntervals: [String: Double]?
    /// Console key bindings for this profile, per action id (`annotation.confirm: [C]`), over
    /// the file's top-level `keys:`.
    public var keys: [String: [String]]?

    public init(baseURL: String? = nil, token: String? = nil, username: String? = nil, password: String? = nil,
                readonly: Bool? = nil, theme: String? = nil, pollIntervals: [String: Double]? = nil, keys: [String: [String]]? = nil) {
        self.baseURL = baseURL
        self.token = token
        self.username = username
        self.password = password
        self.readonly = readonly
        self.theme = theme
        self.pollIntervals = pollIntervals
        self.keys = keys
    }

    enum CodingKeys: String, CodingKey {
        case baseURL = "base_url", token, username, password, readonly, theme, pollIntervals = "poll_intervals", keys
    }
}

/// The whole `config.yaml`.
public struct ProfileConfiguration: Sendable, Equatable, Codable {
    /// Used when neither `--profile` nor `ROSSUM_PROFILE` names one; "default" when absent.
    public var defaultProfile: String?
    public var profiles: [String: Profile]
    /// Console key bindings for every profile: action id -> key names (`ctrl-r`, `G`, `f5`);
    /// an empty list unbinds the action. The console rejects unknown ids and key names.
    public var keys: [String: [String]]?
    /// Console `:` command aliases for every profile: name -> the command line it stands for
    /// (`inv: "find status:to_review"`). The console rejects a name that is a built-in command.
    public var aliases: [String: String]?
    /// The console takes clicks and the wheel where the terminal reports them; `false` leaves
    /// the mouse to the terminal (selecting text).
    public var mouse: Bool?
    /// Console plugins by name: shell commands on the selection (see `PluginConfig`).
    public var plugins: [String: PluginConfig]?

    public init(defaultProfile: String? = nil, profiles: [String: Profile] = [:], keys: [String: [String]]? = nil,
                aliases: [String: String]? = nil, mouse: Bool? = nil, plugins: [String: PluginConfig]? = nil) {
        self.mouse = mouse
        self.plugins = plugins
        self.defaultProfile = defaultProfile
        self.profiles = profiles
        self.keys = keys
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey {
        case defaultProfile = "default_profile", profiles, keys, aliases, mouse, plugins
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        defaultProfile = try container.decodeIfPresent(String.self, forKey: .defaultProfile)
        profiles = try container.decodeIfPresent([String: Profile].self, forKey: .profiles) ?? [:]
        keys = try container.decodeIfPresent([String: [String]].self, forKey: .keys)
        aliases = try container.decodeIfPresent([String: String].self, forKey: .aliases)
        mouse = try container.decodeIfPresent(Bool.self, forKey: .mouse)
        plugins = try container.decodeIfPresent([String: PluginConfig].self, forKey: .plugins)
    }
}

/// One console plugin as `config.yaml` has it: a key, the screens (key scopes) where it
/// applies, and a shell command run on the selection (`ROSSUM_ANNOTATION_IDS`,
/// `ROSSUM_QUEUE_ID`, `ROSSUM_BASE_URL`, and `ROSSUM_TOKEN` only with `needs_token`).
public struct PluginConfig: Sendable, Equatable, Codable {
    public var key: String?
    public var scopes: [String]?
    public var command: String?
    public var description: String?
    /// Output captured and shown when done (true), or the terminal handed over (false).
    public var background: Bool?
    /// Asks first, and is switched off in read-only mode.
    public var dangerous: Bool?
    public var needsToken: Bool?

    public init(key: String? = nil, scopes: [String]? = nil, command: String? = nil, description: String? = nil,
                background: Bool? = nil, dangerous: Bool? = nil, needsToken: Bool? = nil) {
        self.key = key
        self.scopes = scopes
        self.command = command
        self.description = description
        self.background = background
        self.dangerous = dangerous
        self.needsToken = needsToken
    }

    enum CodingKeys: String, CodingKey {
        case key, scopes, command, description, background, dangerous, needsToken = "needs_token"
    }
}
