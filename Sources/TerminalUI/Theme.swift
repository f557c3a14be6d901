/// Styles by semantic slot. Widgets ask the theme, never hard-code colours.
public struct Theme: Sendable, Equatable {
    public var name: String
    public var slots: [ThemeSlot: Style]

    public init(name: String, slots: [ThemeSlot: Style]) {
        self.name = name
        self.slots = slots
    }

    /// The slot's style. A missing `status.x`/`operation.x` falls back to `text`, and other
    /// missing slots fall back sensibly, so a partial theme still draws everything.
    public func style(_ slot: ThemeSlot) -> Style {
        if let style = slots[slot] { return style }
        switch slot {
        case .borderFocused: return style(.accent)
        case .title, .header: return style(.text).with(bold: true)
        case .hintKey: return style(.accent)
        case .dialogButton: return style(.dialog)
        case .dialogButtonFocused: return style(.selection)
        case .input: return style(.dialog)
        case .progress: return style(.accent)
        case .flashWarn, .flashError: return style(.flashInfo)
        case .selection: return Style(reverse: true)
        case .text, .background: return .plain
        default: return slots[.text] ?? .plain
        }
    }

    /// The same theme with every colour removed, attributes kept (NO_COLOR, monochrome terminals).
    public var withoutColors: Theme {
        Theme(name: name, slots: slots.mapValues(\.withoutColors))
    }

    /// Every colour reduced to what a terminal with `colorCount` colours can show.
    public func reduced(toColorCount colorCount: Int) -> Theme {
        if colorCount < 8 { return withoutColors }
        return Theme(name: name, slots: slots.mapValues { style in
            var copy = style
            copy.foreground = ColorReduction.reduce(style.foreground, toColorCount: colorCount)
            copy.background = ColorReduction.reduce(style.background, toColorCount: colorCount)
            return copy
        })
    }
}
