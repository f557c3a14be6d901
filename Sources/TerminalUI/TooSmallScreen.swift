/// What is drawn instead of the app when the terminal is below the app's minimum size.
public enum TooSmallScreen {
    public static func render(width: Int, height: Int, minimumWidth: Int, minimumHeight: Int) -> Grid {
        var grid = Grid(width: width, height: height)
        let lines = [
            "Terminal too small",
            "\(width)x\(height), need \(minimumWidth)x\(minimumHeight)",
        ]
        let top = max(0, (height - lines.count) / 2)
        for (i, line) in lines.enumerated() {
            let text = TextWidth.truncate(line, to: width)
            grid.put(text, x: max(0, (width - TextWidth.of(text)) / 2), y: top + i, style: Style(bold: i == 0))
        }
        return grid
    }
}
