/// How much of a split a part gets.
public enum LayoutSize: Sendable, Hashable {
    /// Exactly this many columns/rows (less if there is not enough room).
    case fixed(Int)
    /// This percentage of the whole length.
    case percent(Int)
    /// A share of what is left after fixed and percentage parts (weights split it).
    case remaining(weight: Int = 1)

    public static var fill: LayoutSize { .remaining(weight: 1) }
}

public enum Axis: Sendable, Hashable {
    /// Parts stacked top to bottom.
    case vertical
    /// Parts side by side, left to right.
    case horizontal
}

extension Rect {
    /// Splits this rectangle along `axis` into one part per size, separated by `spacing`.
    /// Fixed and percentage parts are served first in order; when space runs out the later
    /// parts shrink to zero. Remaining parts share what is left by weight, the rounding
    /// remainder going to the first ones, so the parts always tile the whole length.
    public func split(_ axis: Axis, _ sizes: [LayoutSize], spacing: Int = 0) -> [Rect] {
        guard !sizes.isEmpty else { return [] }
        let total = axis == .vertical ? height : width
        let gaps = max(0, spacing) * (sizes.count - 1)
        var available = max(0, total - gaps)
        var lengths = Array(repeating: 0, count: sizes.count)
        for (index, size) in sizes.enumerated() {
            switch size {
            case .fixed(let n):
                lengths[index] = min(max(0, n), available)
            case .percent(let p):
                lengths[index] = min(max(0, total * max(0, p) / 100), available)
            case .remaining:
                continue
            }
            available -= lengths[index]
        }
        let weights = sizes.map { size -> Int in
            if case .remaining(let weight) = size { return max(0, weight) }
            return 0
        }
        let weightSum = weights.reduce(0, +)
        if weightSum > 0 {
            var handed = 0
            for index in sizes.indices where weights[index] > 0 {
                lengths[index] = available * weights[index] / weightSum
                handed += lengths[index]
            }
            var leftover = available - handed
            for index in sizes.indices where weights[index] > 0 && leftover > 0 {
                lengths[index] += 1
                leftover -= 1
            }
        }
        var rects: [Rect] = []
        var cursor = axis == .vertical ? y : x
        for length in lengths {
            if axis == .vertical {
                rects.append(Rect(x: x, y: cursor, width: width, height: length))
            } else {
                rects.append(Rect(x: cursor, y: y, width: length, height: height))
            }
            cursor += length + max(0, spacing)
        }
        return rects
    }
}
